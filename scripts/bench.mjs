// `npm run bench`: bundles tests/bench/run.ts (vite, so ?raw migrations work as in the app)
// and runs it in a plain Node process, where timings and memory are not disturbed by a test runner.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { buildIfStale } from './build-if-stale.mjs'
import { runChild } from './run-child.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, '.bench-tmp')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))

// The backup suite runs the built scratch-worker bundle, as the app does.
buildIfStale()

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: path.join(root, 'tests/bench/run.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { entryFileNames: 'run.mjs' } }
  }
})

runChild(process.execPath, ['--expose-gc', '--max-old-space-size=8192', path.join(outDir, 'run.mjs'), ...process.argv.slice(2)], { cwd: root })
