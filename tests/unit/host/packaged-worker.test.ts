import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  BACKUP_WORKER_BUNDLE,
  EXCEL_WORKER_BUNDLE,
  SQL_WASM_FILE,
  WORKER_BUNDLE,
  startBackendWorker,
  workerDataFrom
} from '../../../electron/backend/worker-client'
import type { BackendClient } from '../../../electron/backend/worker-client'
import { tempDir } from '../support/temp'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const BUILT = path.join(ROOT, 'out/main')

/**
 * The packaged app's layout (resources/app/out/main/…, no node_modules anywhere above it),
 * under a folder whose name has Chinese characters and spaces, as a clerk's install might.
 */
function packagedCopy(): { app: string; resources: string; bundleDir: string } {
  const install = path.join(tempDir('shouwang-pack-'), '守望 社区台账', 'resources')
  const bundleDir = path.join(install, 'app', 'out', 'main')
  fs.mkdirSync(bundleDir, { recursive: true })
  for (const file of [WORKER_BUNDLE, BACKUP_WORKER_BUNDLE, EXCEL_WORKER_BUNDLE, SQL_WASM_FILE, 'server.cjs', 'index.cjs']) {
    fs.copyFileSync(path.join(BUILT, file), path.join(bundleDir, file))
  }
  fs.cpSync(path.join(ROOT, 'resources/templates'), path.join(install, 'templates'), { recursive: true })
  return { app: path.join(install, 'app'), resources: install, bundleDir }
}

function noNodeModulesAbove(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'node_modules'))) return false
    if (path.dirname(at) === at) return true
  }
}

let client: BackendClient | null = null
afterEach(async () => {
  await client?.close()
  client = null
})

describe('the built backend worker in the packaged layout', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(BUILT, WORKER_BUNDLE))) throw new Error('out/main/worker.cjs is missing: run `npm run build` first')
  })

  it('needs nothing but Node built-ins: no package is required at run time', () => {
    for (const bundle of [WORKER_BUNDLE, BACKUP_WORKER_BUNDLE, EXCEL_WORKER_BUNDLE, 'server.cjs', 'index.cjs']) {
      const source = fs.readFileSync(path.join(BUILT, bundle), 'utf8')
      // Code lines only: bundled packages keep usage examples such as `var pako = require('pako')` in comments.
      const code = source
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n')
      const required = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '')
      const packages = required.filter((name) => !name.startsWith('node:') && !isBuiltin(name) && name !== 'electron')
      expect(packages, bundle).toEqual([])
      // CommonJS all the way: no ES module syntax left for a loader to resolve at run time.
      expect(source, bundle).not.toMatch(/^\s*(import|export)\s[^(]/m)
      expect(source, bundle).not.toContain('import.meta')
    }
  })

  it('starts from a copy under a Chinese path with spaces and answers a ping and a write', async () => {
    const { bundleDir, resources } = packagedCopy()
    expect(noNodeModulesAbove(bundleDir)).toBe(true)
    const dataDir = path.join(tempDir(), '数据 文件夹')
    client = await startBackendWorker(path.join(bundleDir, WORKER_BUNDLE), workerDataFrom(bundleDir, dataDir, '1.2.3', resources))
    const pong = await client.call('system.ping', {}, null)
    expect(pong).toMatchObject({ ok: true, data: { pong: true, appVersion: '1.2.3' } })
    const setup = await client.call('auth.setup', { communityName: '幸福里社区', username: 'admin', displayName: '王主任', password: 'Shouwang#2026' }, null)
    expect(setup.ok).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'shouwang.journal'))).toBe(true)
  })

  it('takes a backup through the scratch worker the host handed over, and checks it there', async () => {
    const { bundleDir, resources } = packagedCopy()
    const dataDir = path.join(tempDir(), '数据 文件夹')
    const folder = path.join(tempDir(), '备份 U盘')
    fs.mkdirSync(folder)
    client = await startBackendWorker(path.join(bundleDir, WORKER_BUNDLE), workerDataFrom(bundleDir, dataDir, '1.2.3', resources))
    const password = 'Shouwang#2026'
    const setup = await client.call('auth.setup', { communityName: '幸福里社区', username: 'admin', displayName: '王主任', password }, null)
    const token = setup.ok ? (setup.data as { sessionToken: string }).sessionToken : null
    expect(token).not.toBeNull()
    const call = async (method: string, args: unknown) => {
      const envelope = await client!.call(method, args, token)
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
      return envelope.data
    }
    await call('backup.configure', { folder, dailyAt: '23:30', atQuit: false, retention: { daily: 7, weekly: 4, monthly: 12 } })
    await call('backup.setPassword', { password: 'beifen#2026' })
    const outcome = (await call('backup.run', {})) as { ok: boolean; fileName: string; bytes: number }
    expect(outcome.ok).toBe(true)
    expect(fs.statSync(path.join(folder, outcome.fileName)).size).toBe(outcome.bytes)
    // The backend thread still answers after its scratch worker has come and gone.
    expect(await call('system.ping', {})).toMatchObject({ pong: true })
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([])
  })

  it('serves browser mode from the copy with plain Node (the same host code path)', async () => {
    const { bundleDir } = packagedCopy()
    const dataDir = path.join(tempDir(), '数据 文件夹')
    const child = spawn(process.execPath, [path.join(bundleDir, 'server.cjs'), '--port', '0', '--data-dir', dataDir], {
      cwd: path.dirname(bundleDir),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        let err = ''
        const timer = setTimeout(() => reject(new Error(`no URL line; stderr: ${err}`)), 20_000)
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8')
          const match = /^URL: (\S+)$/m.exec(out)
          if (match?.[1]) {
            clearTimeout(timer)
            resolve(match[1])
          }
        })
        child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)))
      })
      const parsed = new URL(url)
      const reply = await fetch(`${parsed.origin}/api/system.ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shouwang-token': parsed.searchParams.get('t') ?? '' },
        body: '{}'
      })
      expect(await reply.json()).toMatchObject({ ok: true, data: { pong: true } })
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  })
})

function isBuiltin(name: string): boolean {
  return BUILTINS.has(name)
}
const BUILTINS = new Set((await import('node:module')).builtinModules)
