import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const ROOT = path.dirname(fileURLToPath(import.meta.url))

/**
 * Test files that replace a module or a global get a fresh process each (vitest's isolation); a
 * replacement must not leak into the next file. Every other file shares its worker's module cache:
 * importing the backend (exceljs, the zod schemas, sql.js's wasm) cost more CPU than most files'
 * tests. Found by reading the files, so a new test that mocks is isolated without anyone listing it.
 */
const REPLACES = /\bvi\.(mock|doMock|unmock|doUnmock|hoisted|stubGlobal|stubEnv|resetModules|useFakeTimers|spyOn)\b/
const unitFiles = readdirSync(path.join(ROOT, 'tests/unit'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `tests/unit/${file.split(path.sep).join('/')}`)
export const ISOLATED_UNIT_FILES = unitFiles.filter((file) => REPLACES.test(readFileSync(path.join(ROOT, file), 'utf8')))

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    environment: 'node',
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    // Hooks open backends and log accounts in (scrypt); vitest's 10 s default is tight with both cores busy.
    hookTimeout: 30_000,
    // Per-file cleanup (temp folders) is registered here: a module shared by files runs its top level once.
    setupFiles: ['tests/unit/support/setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: ISOLATED_UNIT_FILES, isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED_UNIT_FILES.length ? ISOLATED_UNIT_FILES : ['no-such-file'], isolate: true } }
    ]
  }
})
