import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { killHard, randomBetween, run } from './spawn'

const SERVER = path.resolve(__dirname, '../../out/main/server.cjs')
const ROUNDS = 6
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-crash-server-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const ADMIN = { username: 'admin', displayName: '王主任', password: 'Crash#2026ab' }

/** Starts the built server and logs in (setting up the administrator on a new folder). */
async function startServer(dataDir = dir) {
  if (!fs.existsSync(SERVER)) throw new Error('out/main/server.cjs is missing: run `npm run build` first')
  const server = run(process.execPath, [SERVER, '--port', '0', '--data-dir', dataDir])
  const line = await server.waitFor(/^URL: /)
  const url = new URL(line.slice(5))
  const token = url.searchParams.get('t') ?? ''
  let session = ''
  const call = async (method: string, args: unknown) => {
    const response = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shouwang-token': token, 'x-shouwang-session': session },
      body: JSON.stringify(args)
    })
    return (await response.json()) as { ok: boolean; data?: unknown }
  }
  const status = (await call('auth.status', {})).data as { setupRequired: boolean }
  const entered = status.setupRequired
    ? await call('auth.setup', { communityName: '幸福里社区', ...ADMIN })
    : await call('auth.login', { username: ADMIN.username, password: ADMIN.password })
  session = (entered.data as { sessionToken: string }).sessionToken
  return { server, call }
}

describe('crash safety of the real host: SIGKILL the browser-mode server mid-write', () => {
  it(`keeps every acknowledged settings change and its audit row over ${ROUNDS} kills`, async () => {
    // The setup and each round's login are audited too; count only what this test changes.
    let acknowledged = 0
    let lastAcked = ''
    let otherAudits = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const { server, call } = await startServer()
      // What the previous round acknowledged is there after the restart.
      const settings = (await call('settings.get', {})).data as { communityName: string }
      const info = (await call('system.info', {})).data as { tables: { name: string; rows: number }[] }
      otherAudits += 1 // this round's setup or login
      const changes = (info.tables.find((t) => t.name === 'audit_log')?.rows ?? 0) - otherAudits
      expect(changes).toBeGreaterThanOrEqual(acknowledged)
      expect(changes).toBeLessThanOrEqual(acknowledged + 1) // at most the one in flight
      if (changes === acknowledged && lastAcked) expect(settings.communityName).toBe(lastAcked)
      acknowledged = changes

      let stop = false
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const name = `第${round}轮-${i}`
          const result = await call('settings.update', { communityName: name }).catch(() => null)
          if (!result?.ok) break
          acknowledged += 1
          lastAcked = name
        }
      })()
      await new Promise((resolve) => setTimeout(resolve, randomBetween(50, 400)))
      await killHard(server)
      stop = true
      await writer
    }
    expect(acknowledged).toBeGreaterThan(ROUNDS)
  })
})

describe('one process per data directory', () => {
  it('refuses a second server on the same folder with a clear message, and the first keeps serving', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-lock-'))
    const { server, call } = await startServer(own)
    const second = run(process.execPath, [SERVER, '--port', '0', '--data-dir', own])
    const code = await second.exited
    expect(code).toBe(1)
    expect(second.stderr()).toContain('该数据目录正在被另一个守望程序使用')
    expect((await call('system.ping', {})).ok).toBe(true)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    // After a clean stop the folder is free again.
    const third = await startServer(own)
    expect((await third.call('system.ping', {})).ok).toBe(true)
    third.server.child.kill('SIGTERM')
    await third.server.exited
    fs.rmSync(own, { recursive: true, force: true })
  })
})
