import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/crash/**/*.crash.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000
  }
})
