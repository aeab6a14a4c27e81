import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { killHard, randomBetween, run } from './spawn'

const SERVER = path.resolve(__dirname, '../../out/main/server.js')
const ROUNDS = 6
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-crash-server-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function startServer() {
  if (!fs.existsSync(SERVER)) throw new Error('out/main/server.js is missing: run `npm run build` first')
  const server = run(process.execPath, [SERVER, '--port', '0', '--data-dir', dir])
  const line = await server.waitFor(/^URL: /)
  const url = new URL(line.slice(5))
  const token = url.searchParams.get('t') ?? ''
  const call = async (method: string, args: unknown) => {
    const response = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shouwang-token': token },
      body: JSON.stringify(args)
    })
    return (await response.json()) as { ok: boolean; data?: unknown }
  }
  return { server, call }
}

describe('crash safety of the real host: SIGKILL the browser-mode server mid-write', () => {
  it(`keeps every acknowledged settings change and its audit row over ${ROUNDS} kills`, async () => {
    let acknowledged = 0
    let lastAcked = ''
    for (let round = 1; round <= ROUNDS; round++) {
      const { server, call } = await startServer()
      // What the previous round acknowledged is there after the restart.
      const settings = (await call('settings.get', {})).data as { communityName: string }
      const info = (await call('system.info', {})).data as { tables: { name: string; rows: number }[] }
      const auditRows = info.tables.find((t) => t.name === 'audit_log')?.rows ?? 0
      expect(auditRows).toBeGreaterThanOrEqual(acknowledged)
      expect(auditRows).toBeLessThanOrEqual(acknowledged + 1) // at most the one in flight
      if (auditRows === acknowledged && lastAcked) expect(settings.communityName).toBe(lastAcked)
      acknowledged = auditRows

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
