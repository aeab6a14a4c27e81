// `npm run serve -- --port 5170 --data-dir ./data`: browser mode.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'
import { runChild } from './run-child.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
buildIfStale()
runChild(process.execPath, [path.join(root, 'out/main/server.cjs'), ...process.argv.slice(2)])
