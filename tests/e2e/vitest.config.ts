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
    // Two specs at a time: a spec spends most of its wall time waiting (the server starting, the page
    // settling, the password hashed), about 0.6 of one core over a run, so two fill a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
