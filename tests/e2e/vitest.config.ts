import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The config lives in tests/e2e; globs and test-results/ are relative to the repo root.
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    // One Chromium for the run; each spec opens its own incognito context on it (support/app.ts).
    globalSetup: ['tests/e2e/support/browser-server.ts'],
    // Specs share the worker's modules (playwright-core, the page objects): nothing in them is mocked
    // or kept between specs, and each spec starts its own server on a fresh data folder.
    isolate: false,
    // Each spec starts a server and drives Chromium; two at once would starve a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
