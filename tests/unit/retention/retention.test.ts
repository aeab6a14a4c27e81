import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../electron/backend/audit/audit.service'
import { createBackend } from '../../../electron/backend/backend'
import { DATABASE_FILE, JOURNAL_FILE } from '../../../electron/backend/store/store'
import { DEFAULT_RETENTION_PERIODS } from '../../../shared/domain/retention'
import type { PurgeKind } from '../../../shared/domain/retention'
import { arrangeGate, failure, gateEntry } from '../gate/gate-support'
import { DAY_MS, check, trip } from '../returnees/helpers'
import { makeId, resident } from '../register/fixtures'
import { ADMIN, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { tempDir } from '../support/temp'

/** Values that exist only in the epidemic records: after a purge no byte of the data folder holds them. */
const VISITOR = '来访者钱多多'
const VISITOR_PHONE = '13955556666'
const COMPANION = '同行人孙七七'
const KEPT_RESIDENT_ID = makeId('19750303', '159')

let backends: TestBackend[] = []
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close()
})

async function office() {
  const b = await testBackend()
  backends.push(b)
  await setupAdmin(b)
  const gate = await arrangeGate(b)
  // 2026-02-03: a visitor at the gate, a returnee with a companion and an observation with a check.
  await b.ok('gate.register', gateEntry(gate.east.id, { name: VISITOR, phone: VISITOR_PHONE }))
  const returnee = await b.ok('residents.create', resident({ name: '返程人周八', idNumber: KEPT_RESIDENT_ID, phones: ['13711112222'] }))
  const closed = await b.ok('returnees.register', trip(returnee.id, { returnDate: '2026-02-03', companions: [{ residentId: null, name: COMPANION }] }))
  const episodeId = closed.episode?.id ?? 0
  await b.ok('monitoring.check', check(episodeId, { morning: 36.6 }))
  b.clock.advance(14 * DAY_MS)
  await b.ok('monitoring.setStatus', { episodeId, status: 'released', reason: '期满' })
  // Someone still under observation (a trip long ago, an observation started late): never purged by age.
  const open = await b.ok('residents.create', resident({ name: '观察中吴九', idNumber: makeId('19700707', '171'), phones: ['13622223333'] }))
  await b.ok('returnees.register', trip(open.id, { returnDate: '2026-02-10', episode: { kind: 'home_observation', startDate: '2026-02-17' } }))
  return { b, gate, returnee, open }
}

const countsOf = (rows: { kind: PurgeKind; count: number }[]) => Object.fromEntries(rows.map((r) => [r.kind, r.count]))

function folderHolds(dir: string, text: string): string[] {
  const needle = Buffer.from(text)
  return [DATABASE_FILE, JOURNAL_FILE].filter((name) => {
    const file = path.join(dir, name)
    return fs.existsSync(file) && fs.readFileSync(file).includes(needle)
  })
}

describe('数据保留: periods', () => {
  it('start at the defaults, are changed by the administrator (audited) and refuse nonsense', async () => {
    const { b } = await office()
    expect((await b.ok('retention.get', {})).periods).toEqual(DEFAULT_RETENTION_PERIODS)
    const changed = await b.ok('retention.configure', { periods: { ...DEFAULT_RETENTION_PERIODS, visitorEntries: 14 } })
    expect(changed.periods.visitorEntries).toBe(14)
    expect(b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'retention.configure'")?.summary).toContain('来访 30 天')
    const bad = await b.call('retention.configure', { periods: { ...DEFAULT_RETENTION_PERIODS, trips: 0 } })
    expect(failure(bad)).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('返程登记至少保留 1 天') })
    expect(failure(await b.call('retention.configure', { periods: { visitorEntries: 30 } }))?.code).toBe('BAD_ARGS')
    expect((await b.ok('retention.get', {})).periods.trips).toBe(180)
  })

  it('only the administrator: a grid worker and a clerk are refused', async () => {
    const { b } = await office()
    // The setup's session locked while the office's days went by: the administrator logs in again.
    const login = await b.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })
    const token = login.ok ? (login.data as { sessionToken: string }).sessionToken : ''
    const grid = await b.ok('grids.create', { name: '东区', notes: '', leader: { name: '李', phone: '13900001111' }, workers: [] })
    const worker = await loginAs(b, token, 'wgy', 'grid_worker', [grid.id])
    const clerk = await loginAs(b, token, 'clerk', 'staff')
    for (const caller of [worker, clerk]) {
      for (const [method, args] of [
        ['retention.get', {}],
        ['retention.preview', {}],
        ['retention.purge', { adminPassword: ADMIN.password, reason: '到期' }],
        ['retention.end', { adminPassword: ADMIN.password, reason: '结束' }]
      ] as const) {
        expect(failure(await caller.call(method, args))?.code, method).toBe('FORBIDDEN')
      }
    }
    expect(b.count('gate_entries')).toBe(1)
  })
})

describe('数据保留: preview and purge', () => {
  it('the preview equals what goes; the values leave every file; the register, the open observation and the chain stay', async () => {
    const { b, returnee, open } = await office()
    expect((await b.ok('retention.preview', {})).total).toBe(0)
    b.clock.advance(200 * DAY_MS)
    const preview = await b.ok('retention.preview', {})
    expect(countsOf(preview.rows)).toMatchObject({ visitorEntries: 1, episodes: 1, checks: 1, trips: 1, companions: 1 })
    expect(preview.rows.find((r) => r.kind === 'trips')).toMatchObject({ oldest: '2026-02-03', newest: '2026-02-03' })

    const wrong = await b.call('retention.purge', { adminPassword: 'not-it', reason: '到期清理' })
    expect(failure(wrong)).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('管理员密码不对') })
    expect(failure(await b.call('retention.purge', { adminPassword: ADMIN.password, reason: '  ' }))?.code).toBe('BAD_ARGS')
    expect(b.count('gate_entries')).toBe(1)

    const before = { trips: b.count('returnee_trips'), episodes: b.count('observation_episodes'), residents: b.count('residents') }
    const record = await b.ok('retention.purge', { adminPassword: ADMIN.password, reason: '到期清理' })
    expect(countsOf(record.counts)).toEqual(countsOf(preview.rows))
    expect(record.total).toBe(preview.total)
    expect(b.count('returnee_trips')).toBe(before.trips - 1)
    expect(b.count('observation_episodes')).toBe(before.episodes - 1)
    expect(b.count('residents')).toBe(before.residents)
    expect((await b.ok('retention.preview', {})).total).toBe(0)

    // The register stays; the purged values are in no file of the data folder.
    expect(b.store.get<{ name: string }>('SELECT name FROM residents WHERE id = ?', [returnee.id])?.name).toBe('返程人周八')
    for (const value of [VISITOR, VISITOR_PHONE, COMPANION]) expect(folderHolds(b.dir, value), value).toEqual([])
    expect(fs.statSync(path.join(b.dir, JOURNAL_FILE)).size).toBeLessThan(4096)
    expect(folderHolds(b.dir, KEPT_RESIDENT_ID)).toEqual([DATABASE_FILE])

    // The 清理记录: counts only, and the chain still checks out with the blanked rows.
    const audit = b.store.get<{ summary: string; detail: string }>("SELECT summary, detail FROM audit_log WHERE method = 'retention.purge'")
    expect(audit?.summary).toContain('来访人员、车辆、快递的出入登记 1 条')
    expect(`${audit?.summary}${audit?.detail}`).not.toContain('周八')
    expect(verifyAuditChain(b.store)).toMatchObject({ ok: true })
    expect(await b.ok('retention.certificate', { auditId: record.auditId })).toEqual(record)
    expect((await b.ok('retention.get', {})).history[0]).toEqual(record)

    // The open observation and its trip stay, and the other pages still answer.
    expect(b.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM observation_episodes WHERE resident_id = ? AND status = 'observing'", [open.id])?.n).toBe(1)
    expect((await b.ok('returnees.list', {})).rows.map((r) => r.residentId)).toEqual([open.id])
    await b.ok('monitoring.today', {})
    expect((await b.ok('gate.day', { day: '2026-02-03' })).entries.rows).toEqual([])
    await b.ok('report.day', { day: '2026-02-03' })
  })

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { b } = await office()
    b.clock.advance(200 * DAY_MS)
    const before = b.count('audit_log')
    expect(failure(await b.call('retention.purge', { reason: '到期' }))).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('管理员密码') })
    expect(failure(await b.call('retention.purge', { adminPassword: ADMIN.password, reason: '长'.repeat(201) }))?.code).toBe('BAD_ARGS')
    expect(failure(await b.call('retention.end', { adminPassword: '', reason: '结束' }))?.code).toBe('BAD_ARGS')
    expect(failure(await b.call('retention.preview', { extra: 1 }))?.code).toBe('BAD_ARGS')
    // Only a 清理记录 is a certificate: another audit row's id is not found.
    const other = Number(b.store.get<{ id: number }>("SELECT id FROM audit_log WHERE method = 'gate.register'")?.id)
    expect(failure(await b.call('retention.certificate', { auditId: other }))?.code).toBe('NOT_FOUND')
    expect(b.count('audit_log')).toBe(before)
    expect(b.count('returnee_trips')).toBe(2)
  })

  it('blanks the batch rows (批量解除观察) that named a person whose records went, and the chain still checks out', async () => {
    const b = await testBackend()
    backends.push(b)
    await setupAdmin(b)
    const episodeIds: number[] = []
    for (const [name, birth] of [
      ['批量甲', '19600101'],
      ['批量乙', '19610101']
    ] as const) {
      const person = await b.ok('residents.create', resident({ name, idNumber: makeId(birth, '135'), phones: [] }))
      const made = await b.ok('returnees.register', trip(person.id, { returnDate: '2026-02-03' }))
      episodeIds.push(made.episode?.id ?? 0)
    }
    b.clock.advance(14 * DAY_MS)
    await b.ok('monitoring.releaseMany', { episodeIds, reason: '期满' })
    const batch = () => b.store.get<{ summary: string; detail: string | null }>("SELECT summary, detail FROM audit_log WHERE method = 'monitoring.releaseMany'")
    expect(batch()?.summary).toContain('批量甲')
    b.clock.advance(200 * DAY_MS)
    const login = await b.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })
    expect(login.ok).toBe(true)
    await b.ok('retention.purge', { adminPassword: ADMIN.password, reason: '到期清理' })
    expect(batch()).toEqual({ summary: '（此条记录涉及的防疫个人信息已按数据保留规则清理）', detail: null })
    expect(verifyAuditChain(b.store)).toMatchObject({ ok: true })
  })

  it('a blanked audit row not listed by a purge breaks the chain', async () => {
    const { b } = await office()
    b.store.transaction((tx) => tx.run("UPDATE audit_log SET summary = 'x', redacted_at = 'y' WHERE method = 'gate.register'"))
    expect(verifyAuditChain(b.store)).toMatchObject({ ok: false })
  })

  it('keeps a fever linked to an observation as long as the observation', async () => {
    const { b, gate, open } = await office()
    await b.ok('gate.register', gateEntry(gate.east.id, { who: 'resident', residentId: open.id, name: '观察中吴九', temperature: 38.2, action: 'observe' }))
    b.clock.advance(400 * DAY_MS)
    const preview = await b.ok('retention.preview', {})
    const linked = b.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM gate_entries WHERE episode_id IS NOT NULL')?.n ?? 0
    expect(countsOf(preview.rows).gateFevers).toBe(b.count('gate_entries') - 1 - linked)
    await b.ok('retention.purge', { adminPassword: ADMIN.password, reason: '到期' })
    expect(b.count('gate_entries')).toBe(linked)
  })

  it('survives a restart: the next open holds the purged data as purged', async () => {
    const { b } = await office()
    b.clock.advance(200 * DAY_MS)
    await b.ok('retention.purge', { adminPassword: ADMIN.password, reason: '到期' })
    const after = b.count('returnee_trips')
    await b.close()
    backends = backends.filter((x) => x !== b)
    const again = await createBackend({ dataDir: b.dir, appVersion: 't', now: b.clock.now, store: { idleSnapshotMs: 0 } })
    expect(Number(again.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM returnee_trips')?.n)).toBe(after)
    await again.close()
  })
})

describe('防控结束', () => {
  it('refuses without backups set up, pointing to 数据备份', async () => {
    const { b } = await office()
    const refused = await b.call('retention.end', { adminPassword: ADMIN.password, reason: '疫情结束' })
    expect(failure(refused)).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('数据备份') })
    expect(b.count('gate_entries')).toBe(1)
  })

  it('writes a verified archive, then every epidemic record goes whatever its age; the register stays', async () => {
    const { b } = await office()
    const folder = tempDir('shouwang-archive-')
    await b.ok('backup.configure', { folder, dailyAt: '18:00', atQuit: false, retention: { daily: 7, weekly: 4, monthly: 12 } })
    await b.ok('backup.setPassword', { password: 'beifen#2026' })
    const residents = b.count('residents')
    const record = await b.ok('retention.end', { adminPassword: ADMIN.password, reason: '疫情防控工作结束' })
    expect(record).toMatchObject({ kind: 'end', periods: null, archiveFile: expect.stringMatching(/^守望防控结束归档-/) })
    expect(fs.existsSync(path.join(folder, record.archiveFile ?? ''))).toBe(true)
    for (const table of ['gate_entries', 'returnee_trips', 'returnee_companions', 'observation_episodes', 'daily_checks', 'observation_events']) {
      expect(b.count(table), table).toBe(0)
    }
    expect(b.count('residents')).toBe(residents)
    for (const value of [VISITOR, VISITOR_PHONE, COMPANION]) expect(folderHolds(b.dir, value), value).toEqual([])
    const list = await b.ok('backup.list', {})
    expect(list.find((f) => f.fileName === record.archiveFile)?.header?.kind).toBe('archive')
    expect(verifyAuditChain(b.store)).toMatchObject({ ok: true })
  })
})
