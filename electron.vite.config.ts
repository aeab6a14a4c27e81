import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { build } from 'vite'
import type { Plugin } from 'vite'

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string }
const define = { __APP_VERSION__: JSON.stringify(pkg.version) }
const mainOut = resolve(__dirname, 'out/main')
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`])

/**
 * The Node side ships as standalone CommonJS bundles with every dependency inlined, so the
 * packaged app needs no node_modules and relies on nothing Electron's docs leave unproven
 * (an ES-module worker inside app.asar importing packages from app.asar): index.cjs (the
 * Electron main process), worker.cjs (the backend worker thread), backup-worker.cjs (a backup's
 * compression and check, in a scratch thread), excel-worker.cjs (a clerk's Excel file read in a
 * scratch thread), server.cjs (browser mode),
 * and sql.js's wasm beside them, which the hosts read and hand to the worker as bytes.
 */
function standaloneNodeBundle(name: string, entry: string): Promise<unknown> {
  return build({
    configFile: false,
    logLevel: 'warn',
    define,
    build: {
      ssr: resolve(__dirname, entry),
      outDir: mainOut,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external: ['electron', ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: `${name}.cjs`, inlineDynamicImports: true }
      }
    },
    // Inline every package: the bundle must run with no node_modules beside it.
    ssr: { noExternal: true, target: 'node' }
  })
}

function nodeBundles(): Plugin {
  return {
    name: 'shouwang:node-bundles',
    apply: 'build',
    async closeBundle() {
      await standaloneNodeBundle('worker', 'electron/backend/worker.ts')
      await standaloneNodeBundle('server', 'electron/server/main.ts')
      await standaloneNodeBundle('backup-worker', 'electron/backend/backup/backup-worker.ts')
      await standaloneNodeBundle('excel-worker', 'electron/backend/excel/read-worker.ts')
      mkdirSync(mainOut, { recursive: true })
      copyFileSync(resolve(__dirname, 'node_modules/sql.js/dist/sql-wasm.wasm'), resolve(mainOut, 'sql-wasm.wasm'))
    }
  }
}

export default defineConfig({
  main: {
    define,
    plugins: [nodeBundles()],
    build: {
      // node20: the same bundles also run browser mode under plain Node 20 (Electron bundles newer).
      target: 'node20',
      outDir: 'out/main',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    define,
    resolve: { alias: { '@': resolve(__dirname, 'renderer/src') } },
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') }
    }
  }
})
