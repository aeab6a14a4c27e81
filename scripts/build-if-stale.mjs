// Builds out/ when any source is newer than the last build, so `npm start` and
// `npm run serve` always run what is in the tree without rebuilding needlessly.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stamp = path.join(root, 'out', '.build-stamp')
const SOURCES = ['electron', 'shared', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json']

function newest(target) {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) max = Math.max(max, newest(path.join(target, entry)))
  return max
}

export function buildIfStale() {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0
  const sources = Math.max(...SOURCES.map((source) => newest(path.join(root, source))))
  if (built >= sources) return
  console.error('正在构建守望（首次运行或代码有更新）…')
  execSync('npx electron-vite build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  fs.writeFileSync(stamp, new Date().toISOString())
}
