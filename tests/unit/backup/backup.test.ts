import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readBackupHeader } from '../../../electron/backend/backup/backup-file'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { loadSqlJs } from '../../../electron/backend/store/sql-engine'
import { makeId, resident } from '../register/fixtures'
import { ADMIN, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { tempDir } from '../support/temp'

const PASSWORD = 'beifen#2026'
let backends: TestBackend[] = []
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close()
})

async function office(community = '幸福里社区'): Promise<{ b: TestBackend; folder: string }> {
  const b = await testBackend()
  backends.push(b)
  await setupAdmin(b, community)
  const folder = tempDir('shouwang-backups-')
  await b.ok('backup.configure', { folder, dailyAt: '18:00', atQuit: true, retention: { daily: 7, weekly: 4, monthly: 12 } })
  await b.ok('backup.setPassword', { password: PASSWORD })
  return { b, folder }
}

let seq = 200
const person = (name: string) => resident({ name, idNumber: makeId('19850101', String(seq++)) })
const names = (b: TestBackend) => b.store.all<{ name: string }>('SELECT name FROM residents ORDER BY id').map((r) => r.name)

/** Every table but the two a restore writes to (its audit rows, this PC's backup settings). */
function tables(b: TestBackend): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const name of b.store.tableNames()) {
    if (name === 'audit_log' || name === 'settings') continue
    out[name] = b.store.all(`SELECT * FROM "${name}" ORDER BY rowid`)
  }
  out.settings = b.store.all("SELECT key, value FROM settings WHERE key NOT LIKE 'backup.%' ORDER BY key")
  return out
}

describe('数据备份: taking a backup', () => {
  it('writes one encrypted, verified file with a header, records the outcome, and audits it', async () => {
    const { b, folder } = await office()
    await b.ok('residents.create', person('张三'))
    const outcome = await b.ok('backup.run', {})
    expect(outcome).toMatchObject({ ok: true, fileName: expect.stringMatching(/^守望备份-幸福里社区-\d{8}-\d{6}\.swbak$/) })
    const file = path.join(folder, outcome.fileName ?? '')
    const bytes = fs.readFileSync(file)
    // Encrypted: no resident's name or ID number in the bytes.
    expect(bytes.includes(Buffer.from('张三'))).toBe(false)
    expect(bytes.includes(Buffer.from(makeId('19850101', String(seq - 1))))).toBe(false)
    const { header } = readBackupHeader(bytes)
    expect(header).toMatchObject({ communityName: '幸福里社区', schemaVersion: MIGRATIONS.length, kind: 'manual' })
    expect(header.counts.residents).toBe(1)
    expect(await b.ok('backup.status', {})).toMatchObject({ configured: true, alarm: false, last: { ok: true } })
    const list = await b.ok('backup.list', {})
    expect(list.map((entry) => entry.fileName)).toEqual([outcome.fileName])
    expect(list[0]?.header?.counts.find((c) => c.table === 'residents')).toMatchObject({ label: expect.any(String), rows: 1 })
    expect(b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'backup.run'")?.summary).toContain('已校验')
    expect(fs.readdirSync(folder).filter((name) => name.includes('partial'))).toEqual([])
  })

  it('a missing folder or no password fails with a clear message, is recorded, and turns the home page red', async () => {
    const { b, folder } = await office()
    fs.rmSync(folder, { recursive: true })
    const failed = await b.call('backup.run', {})
    expect(failed).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    expect(failed.ok ? '' : failed.error.message).toContain('U盘是否已插好')
    expect(await b.ok('backup.status', {})).toMatchObject({ alarm: true, folderMissing: true, last: { ok: false } })
  })

  it('a backup taken while writes go on is one consistent point: its counts and its records agree', async () => {
    const { b, folder } = await office()
    const running = b.ok('backup.run', {})
    const writes = Array.from({ length: 20 }, (_, i) => b.ok('residents.create', person(`并发${i}`)))
    const [outcome] = await Promise.all([running, ...writes])
    const { header, payload } = readBackupHeader(fs.readFileSync(path.join(folder, outcome.fileName ?? '')))
    const { decodeBackup, keyForHeader } = await import('../../../electron/backend/backup/backup-file')
    const image = await decodeBackup(header, payload, keyForHeader(header, PASSWORD))
    const SQL = await loadSqlJs()
    const db = new SQL.Database(image)
    const residents = Number(db.exec('SELECT COUNT(*) FROM residents')[0]?.values[0]?.[0])
    const audited = Number(db.exec("SELECT COUNT(*) FROM audit_log WHERE method = 'residents.create'")[0]?.values[0]?.[0])
    db.close()
    // Each write is a resident and its audit row in one transaction: a consistent point holds both or neither.
    expect(residents).toBe(audited)
    expect(header.counts.residents).toBe(residents)
    expect(names(b)).toHaveLength(20)
  })
})

describe('数据备份: restore', () => {
  it('round trip: a restore gives back every table as it was, keeps a safety backup, audits in both databases, and ends every session', async () => {
    const { b, folder } = await office()
    await b.ok('residents.create', person('张三'))
    const outcome = await b.ok('backup.run', {})
    const before = tables(b)
    await b.ok('residents.create', person('李四'))
    const inspection = await b.ok('backup.inspect', { source: { fileName: outcome.fileName ?? '' } })
    expect(inspection.refusal).toBeNull()
    expect(inspection.header.counts.find((c) => c.table === 'residents')?.rows).toBe(1)
    expect(inspection.current.find((c) => c.table === 'residents')?.rows).toBe(2)

    const restored = await b.ok('backup.restore', { source: { fileName: outcome.fileName ?? '' }, adminPassword: ADMIN.password })
    expect(names(b)).toEqual(['张三'])
    expect(tables(b)).toEqual(before)
    expect(restored.safetyBackup).toContain('守望恢复前备份')
    expect(b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'backup.restore' ORDER BY id DESC")?.summary).toMatch(/已从备份恢复/)
    // This PC's backup settings survive the restore.
    expect(await b.ok('backup.config', {})).toMatchObject({ folder, passwordSet: true })

    // The safety backup holds 李四 and brings him back.
    const safety = path.basename(restored.safetyBackup)
    expect((await b.ok('backup.list', {})).map((e) => e.fileName)).toContain(safety)
    await b.ok('backup.restore', { source: { fileName: safety }, adminPassword: ADMIN.password })
    expect(names(b)).toEqual(['张三', '李四'])
    const startedInSafety = b.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE summary LIKE '开始从备份恢复%'")?.n
    expect(startedInSafety).toBeGreaterThanOrEqual(1)
  })

  it('the restored data survives a restart (it is the snapshot, and the old journal never replays onto it)', async () => {
    const { b } = await office()
    await b.ok('residents.create', person('张三'))
    const outcome = await b.ok('backup.run', {})
    await b.ok('residents.create', person('李四'))
    await b.ok('backup.restore', { source: { fileName: outcome.fileName ?? '' }, adminPassword: ADMIN.password })
    await b.ok('residents.create', person('王五'))
    b.store.close({ snapshot: false })
    const { createBackend } = await import('../../../electron/backend/backend')
    const reopened = await createBackend({ dataDir: b.dir, appVersion: '9.9.9', now: b.clock.now, store: { idleSnapshotMs: 0 } })
    expect(reopened.store.all<{ name: string }>('SELECT name FROM residents ORDER BY id').map((r) => r.name)).toEqual(['张三', '王五'])
    await reopened.close()
    backends = backends.filter((x) => x !== b)
  })

  it('refuses, with nothing changed: a damaged file, a wrong password, a wrong administrator password, another community, a newer schema', async () => {
    const { b, folder } = await office()
    await b.ok('residents.create', person('张三'))
    const outcome = await b.ok('backup.run', {})
    await b.ok('residents.create', person('李四'))
    const fileName = outcome.fileName ?? ''
    const file = path.join(folder, fileName)
    const good = fs.readFileSync(file)
    const restore = (extra: object = {}) => b.call('backup.restore', { source: { fileName }, adminPassword: ADMIN.password, ...extra })

    expect(await restore({ adminPassword: 'wrong-password' })).toMatchObject({ ok: false, error: { message: '管理员密码不对，没有恢复。' } })

    const flipped = Buffer.from(good)
    flipped.writeUInt8((flipped[flipped.length - 50] as number) ^ 0x20, flipped.length - 50)
    fs.writeFileSync(file, flipped)
    const damaged = await restore()
    expect(damaged.ok ? '' : damaged.error.message).toContain('备份文件已损坏')

    fs.writeFileSync(file, good)
    expect(await restore({ password: 'another-password' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('备份密码不对') } })

    await b.ok('settings.update', { communityName: '光明社区' })
    const foreign = await restore()
    expect(foreign.ok ? '' : foreign.error.message).toContain('搬迁办公室')
    await b.ok('settings.update', { communityName: '幸福里社区' })

    // A backup from a newer version: its header says so (the header is bound to the data, so it is rebuilt here).
    const { encodeBackup, keyForHeader, decodeBackup } = await import('../../../electron/backend/backup/backup-file')
    const { header, payload } = readBackupHeader(good)
    const key = keyForHeader(header, PASSWORD)
    const image = await decodeBackup(header, payload, key)
    const { cipher: _c, imageBytes: _i, imageSha256: _s, payloadBytes: _p, payloadSha256: _q, format: _f, ...fields } = header
    fs.writeFileSync(file, encodeBackup(image, { ...fields, schemaVersion: MIGRATIONS.length + 1 }, key))
    const newer = await restore()
    expect(newer.ok ? '' : newer.error.message).toContain('更新版本')

    expect(names(b)).toEqual(['张三', '李四'])
    expect(fs.readdirSync(folder).filter((name) => name.startsWith('守望恢复前备份'))).toEqual([])
  })

  it('a new PC restores at first start with the backup password, then the old accounts log in', async () => {
    const { b } = await office()
    await b.ok('residents.create', person('张三'))
    const outcome = await b.ok('backup.run', {})
    const bytes = new Uint8Array(fs.readFileSync(path.join((await b.ok('backup.config', {})).folder, outcome.fileName ?? '')))
    const fresh = await testBackend()
    backends.push(fresh)
    expect(await fresh.callAs(null, 'backup.restoreAtSetup', { upload: bytes, password: 'not-the-password' })).toMatchObject({ ok: false })
    const restored = await fresh.callAs(null, 'backup.restoreAtSetup', { upload: bytes, password: PASSWORD })
    expect(restored.ok).toBe(true)
    expect(names(fresh)).toEqual(['张三'])
    expect((await fresh.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true)
    // Once set up, the public door is shut.
    expect(await fresh.callAs(null, 'backup.restoreAtSetup', { upload: bytes, password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})
