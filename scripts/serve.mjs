// `npm run serve -- --port 5170 --data-dir ./data`: browser mode.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
buildIfStale()
const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 1))
