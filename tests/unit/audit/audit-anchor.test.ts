import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { RECOVERY_SLOT, readAuditAnchorRecord, readKeyFile, slotOf, unwrapKey } from '../../../electron/backend/keys/key-file'
import { createKeyedBackend } from '../../../electron/backend/keys/key-gate'
import type { HostBackend } from '../../../electron/backend/keys/key-gate'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import type { AuditVerifyResult } from '../../../shared/contract/audit'
import type { Envelope } from '../../../shared/errors'
import { ADMIN } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'

/**
 * The audit chain keyed and anchored (issue 20), attacked as someone holding the data folder would:
 * cutting off the newest rows, rewriting a row and rehashing every row after it (with the hash
 * anyone can compute, not the key kept inside the data), and dropping the key so every row looks
 * unkeyed. Each must show at 校验操作日志; ordinary work, restarts and a restore must not.
 */
const clock = fixedClock()
let running: HostBackend[] = []
afterEach(async () => {
  for (const backend of running) await backend.close()
  running = []
})
const start = async (dir: string) => {
  const backend = await createKeyedBackend({ dataDir: dir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })
  running.push(backend)
  return backend
}
const stop = async (backend: HostBackend) => {
  await backend.close()
  running = running.filter((b) => b !== backend)
}
async function ok<T>(backend: HostBackend, token: string | null, method: string, args: unknown): Promise<T> {
  const envelope = (await backend.callAs(token, method, args)) as Envelope<T>
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.data
}
const login = async (backend: HostBackend) =>
  (await ok<{ sessionToken: string }>(backend, null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).sessionToken
const verify = (backend: HostBackend, token: string) => ok<AuditVerifyResult>(backend, token, 'audit.verify', {})

/** A folder set up with some work in its trail, stopped (so the anchor follows the last snapshot); the recovery code to open it raw. */
async function preparedFolder(): Promise<{ dir: string; recoveryCode: string }> {
  const dir = tempDir()
  const backend = await start(dir)
  const setup = await ok<{ sessionToken: string; recoveryCode: string }>(backend, null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
  for (const name of ['甲', '乙', '丙', '丁']) await ok(backend, setup.sessionToken, 'settings.update', { streetName: `${name}街道` })
  await stop(backend)
  return { dir, recoveryCode: setup.recoveryCode }
}

/** The attacker's tool: the store opened raw with the data key (as a thief who also had a password would), no backend, no anchor. */
async function tamper(dir: string, recoveryCode: string, fn: (store: Store) => void): Promise<void> {
  const keys = readKeyFile(dir)
  const slot = keys && slotOf(keys, RECOVERY_SLOT)
  const dataKey = slot && unwrapKey(slot, recoveryCode.replace(/[^0-9A-Za-z]/g, '').toUpperCase())
  if (!dataKey) throw new Error('recovery slot did not open')
  const store = await Store.open({ dir, migrations: MIGRATIONS, now: clock.now, dataKey, idleSnapshotMs: 0 })
  fn(store)
  store.close()
}

/** Rehashes rows from `from` on with plain SHA-256, as the chain was before it was keyed: what anyone without the key can do. */
function rehashWithoutKey(store: Store, from: number): void {
  const rows = store.all<{ id: number; at: string; actor: string; method: string; summary: string; detail: string | null; record: string | null }>(
    'SELECT id, at, actor, method, summary, detail, record FROM audit_log WHERE id >= ? ORDER BY id',
    [from]
  )
  let prev = store.get<{ hash: string }>('SELECT hash FROM audit_log WHERE id = ?', [from - 1])?.hash ?? ''
  store.transaction((tx) => {
    for (const row of rows) {
      const fields: unknown[] = [prev, row.at, row.actor, row.method, row.summary, row.detail]
      if (row.record !== null) fields.push(row.record)
      const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex')
      tx.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?', [prev, hash, row.id])
      prev = hash
    }
  })
}

describe('the keyed, anchored audit chain', () => {
  it('ordinary work across restarts verifies, anchored; the anchor in the key file follows the newest saved row', async () => {
    const { dir } = await preparedFolder()
    const anchor = readAuditAnchorRecord(dir)
    expect(anchor).toMatchObject({ keyedFrom: 1 })
    const backend = await start(dir)
    const token = await login(backend)
    expect(await verify(backend, token)).toEqual({ ok: true, rows: (anchor?.id ?? 0) + 1, anchored: true })
    await ok(backend, token, 'settings.update', { streetName: '戊街道' })
    await stop(backend)
    expect(readAuditAnchorRecord(dir)?.id).toBeGreaterThan(anchor?.id ?? 0)
    const again = await start(dir)
    expect(await verify(again, await login(again))).toMatchObject({ ok: true, anchored: true })
  })

  it('detects the newest rows cut off, and the next saves do not bless the shorter trail', async () => {
    const { dir, recoveryCode } = await preparedFolder()
    const anchor = readAuditAnchorRecord(dir)
    await tamper(dir, recoveryCode, (store) => store.transaction((tx) => tx.run('DELETE FROM audit_log WHERE id >= ?', [(anchor?.id ?? 0) - 1])))
    const backend = await start(dir)
    const token = await login(backend)
    expect(await verify(backend, token)).toMatchObject({ ok: false, brokenAt: anchor?.id, reason: 'truncated' })
    await ok(backend, token, 'settings.update', { streetName: '己街道' })
    await stop(backend)
    expect(readAuditAnchorRecord(dir)).toEqual(anchor)
    // New rows took the cut rows' numbers: the anchored row is there again, with another hash.
    const again = await start(dir)
    expect(await verify(again, await login(again))).toMatchObject({ ok: false, brokenAt: anchor?.id })
  })

  it('detects a row rewritten and every later row rehashed without the key', async () => {
    const { dir, recoveryCode } = await preparedFolder()
    await tamper(dir, recoveryCode, (store) => {
      store.transaction((tx) => tx.run("UPDATE audit_log SET summary = '修改设置（无变化）' WHERE id = 3"))
      rehashWithoutKey(store, 3)
    })
    const backend = await start(dir)
    expect(await verify(backend, await login(backend))).toMatchObject({ ok: false, brokenAt: 3, reason: 'changed' })
  })

  it('detects the key removed and the whole trail rehashed as if it had never been keyed', async () => {
    const { dir, recoveryCode } = await preparedFolder()
    await tamper(dir, recoveryCode, (store) => {
      store.transaction((tx) => tx.run("DELETE FROM settings WHERE key = 'audit.chainKey'"))
      rehashWithoutKey(store, 1)
    })
    const backend = await start(dir)
    expect(await verify(backend, await login(backend))).toMatchObject({ ok: false, reason: 'changed' })
  })

  it('an edit without rehashing is still found at its row', async () => {
    const { dir, recoveryCode } = await preparedFolder()
    await tamper(dir, recoveryCode, (store) => store.transaction((tx) => tx.run("UPDATE audit_log SET actor = '别人' WHERE id = 2")))
    const backend = await start(dir)
    expect(await verify(backend, await login(backend))).toMatchObject({ ok: false, brokenAt: 2, reason: 'changed' })
  })

  it('a restore replaces the trail on purpose: the anchor moves to the trail of the backup and the chain verifies', async () => {
    const { dir } = await preparedFolder()
    let backend = await start(dir)
    let token = await login(backend)
    await ok(backend, token, 'backup.configure', {
      folder: tempDir('shouwang-backups-'),
      dailyAt: '18:00',
      atQuit: false,
      retention: { daily: 7, weekly: 4, monthly: 12 }
    })
    await ok(backend, token, 'backup.setPassword', { password: 'Backup-Pass-2026' })
    const outcome = await ok<{ fileName: string | null }>(backend, token, 'backup.run', {})
    for (const name of ['庚', '辛']) await ok(backend, token, 'settings.update', { streetName: `${name}街道` })
    await stop(backend)
    const before = readAuditAnchorRecord(dir)
    backend = await start(dir)
    token = await login(backend)
    await ok(backend, token, 'backup.restore', { source: { fileName: outcome.fileName ?? '' }, adminPassword: ADMIN.password })
    expect(readAuditAnchorRecord(dir)?.id).toBeLessThan(before?.id ?? 0)
    token = await login(backend)
    expect(await verify(backend, token)).toMatchObject({ ok: true, anchored: true })
  })
})
