// `npm start`: the desktop app. Where the Electron binary cannot be obtained (no download
// allowed), say so in one line and start browser mode instead.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'
import { runChild } from './run-child.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'))
  const pathFile = path.join(dir, 'path.txt')
  const existing = () => {
    if (!fs.existsSync(pathFile)) return null
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
    return fs.existsSync(binary) ? binary : null
  }
  if (existing()) return existing()
  // Electron fetches its binary lazily; try once, quietly, with a time limit.
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 })
  return result.status === 0 ? existing() : null
}

buildIfStale()
const binary = electronBinary()
const args = process.argv.slice(2)
if (binary) {
  runChild(binary, [root, ...args])
} else {
  console.log('未能获取 Electron 程序（本机无法下载），改用浏览器模式：请在浏览器中打开下面的地址。')
  runChild(process.execPath, [path.join(root, 'out/main/server.cjs'), ...args])
}
