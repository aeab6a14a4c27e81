import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint; each spec connects and opens its own fresh context. */
    chromiumEndpoint: string
  }
}

/**
 * vitest globalSetup: one headless Chromium for the whole run. Launching one per spec cost about a
 * second each; every spec still gets a new incognito context (no cookies, storage or cache from
 * another spec), as a fresh --user-data-dir gave it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  project.provide('chromiumEndpoint', server.wsEndpoint())
  return async () => {
    await server.close()
  }
}
