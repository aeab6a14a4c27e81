import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { officeClock, timeZoneLabel, utcOffsetText } from '../../../shared/domain/clock'
import { loginAs } from '../support/roles'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../../..')

let b: TestBackend | undefined
afterEach(async () => {
  await b?.close()
  b = undefined
})

/** The office clock as a process in `zone` sees the instant (Node reads TZ once, so a process each). */
async function clockIn(zone: string, iso: string): Promise<unknown> {
  const script = `import('./shared/domain/clock.ts').then((m) => console.log(JSON.stringify(m.officeClock(new Date('${iso}')))))`
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, TZ: zone } })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
}

describe('the office clock shown on 设置', () => {
  it('writes offsets as a clerk reads them', () => {
    expect([480, 0, 330, -210, -300].map(utcOffsetText)).toEqual(['UTC+8', 'UTC+0', 'UTC+5:30', 'UTC-3:30', 'UTC-5'])
    expect(timeZoneLabel('Asia/Shanghai', 480)).toBe('Asia/Shanghai (UTC+8)')
    expect(timeZoneLabel('', 480)).toBe('UTC+8')
  })

  it.each([
    ['Asia/Shanghai', { zone: 'Asia/Shanghai', offsetMinutes: 480, label: 'Asia/Shanghai (UTC+8)', localTime: '2026-02-04 04:30' }],
    ['UTC', { zone: 'UTC', offsetMinutes: 0, label: 'UTC (UTC+0)', localTime: '2026-02-03 20:30' }],
    ['America/New_York', { zone: 'America/New_York', offsetMinutes: -300, label: 'America/New_York (UTC-5)', localTime: '2026-02-03 15:30' }]
  ])('names the zone of a PC at TZ=%s and its wall clock', { timeout: 60_000 }, async (zone, expected) => {
    expect(await clockIn(zone, '2026-02-03T20:30:15Z')).toEqual(expected)
  })

  it('is answered on 设置 through dispatch (settings.clock): to the administrator, not to roles without 设置 nor before login', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const clock = await b.callAs(admin, 'settings.clock', {})
    expect(clock).toEqual({ ok: true, data: officeClock(b.clock.now()) })
    const clerk = await loginAs(b, admin, 'clerk', 'staff')
    expect(await clerk.call('settings.clock', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.callAs(null, 'settings.clock', {})).toMatchObject({ ok: false })
  })
})
