import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../../electron/backend/backend'
import { KEY_FILE, RECOVERY_SLOT, newKeyFile, readKeyFile, userSlotId, withSlot, wrapKey, writeKeyFile } from '../../../electron/backend/keys/key-file'
import { createKeyedBackend } from '../../../electron/backend/keys/key-gate'
import type { HostBackend } from '../../../electron/backend/keys/key-gate'
import { newDataKey } from '../../../electron/backend/store/cipher'
import { Store } from '../../../electron/backend/store/store'
import type { Envelope } from '../../../shared/errors'
import { makeId, resident } from '../register/fixtures'
import { ADMIN } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'

/**
 * Encryption at rest through the whole backend as the hosts run it (issue 20): the data key in one
 * slot per account and one for the recovery code; a locked start answers only the login page; every
 * password change, new account and disabled account reaches the slots; nothing readable on disk.
 */
const clock = fixedClock()
const NAME = '欧阳秀英'
const ID = makeId('19500307', '123')
const PHONE = '13912345678'
const open = (dataDir: string) => createKeyedBackend({ dataDir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })
let running: HostBackend[] = []
const start = async (dir: string) => {
  const backend = await open(dir)
  running.push(backend)
  return backend
}
const restart = async (backend: HostBackend, dir: string) => {
  await backend.close()
  running = running.filter((b) => b !== backend)
  return start(dir)
}
afterEach(async () => {
  for (const backend of running) await backend.close()
  running = []
})

async function ok<T>(backend: HostBackend, token: string | null, method: string, args: unknown): Promise<T> {
  const envelope = (await backend.callAs(token, method, args)) as Envelope<T>
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.data
}
const login = async (backend: HostBackend, username: string, password: string) =>
  (await ok<{ sessionToken: string }>(backend, null, 'auth.login', { username, password })).sessionToken

function filesHolding(dir: string): string[] {
  const found: string[] = []
  for (const name of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, name))
    for (const secret of [NAME, ID, PHONE]) if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${name}: ${secret}`)
  }
  return found
}

describe('the data folder behind its key file', () => {
  it('a new install: setup makes the key file (admin and recovery slots); nothing readable on disk; a locked start asks only for a login', async () => {
    const dir = tempDir()
    let backend = await start(dir)
    expect(await ok(backend, null, 'auth.status', {})).toEqual({ setupRequired: true, communityName: '' })
    const setup = await ok<{ sessionToken: string; recoveryCode: string }>(backend, null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
    expect(
      readKeyFile(dir)
        ?.slots.map((s) => s.id)
        .sort()
    ).toEqual([RECOVERY_SLOT, 'user:admin'])
    await ok(backend, setup.sessionToken, 'residents.create', resident({ name: NAME, idNumber: ID, phones: [PHONE] }))
    expect(filesHolding(dir)).toEqual([])

    backend = await restart(backend, dir)
    expect(filesHolding(dir)).toEqual([])
    expect(await ok(backend, null, 'auth.status', {})).toEqual({ setupRequired: false, communityName: '幸福里社区' })
    expect(await backend.callAs(null, 'residents.search', { query: '欧阳' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(await backend.callAs(null, 'auth.login', { username: 'admin', password: 'wrong-Password1' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确。' }
    })
    expect(await backend.callAs(null, 'auth.login', { username: 'nobody', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' }
    })
    const token = await login(backend, 'admin', ADMIN.password)
    const found = await ok<{ total: number }>(backend, token, 'residents.list', { page: 1, pageSize: 20 })
    expect(found.total).toBe(1)
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600)
  })

  it('every account logs in after a restart; a password change rewraps; a disabled account cannot open; the recovery code can', async () => {
    const dir = tempDir()
    let backend = await start(dir)
    const setup = await ok<{ sessionToken: string; recoveryCode: string }>(backend, null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
    await ok(backend, setup.sessionToken, 'accounts.create', { username: 'liuyun', displayName: '刘芸', role: 'staff', password: 'Clerk#first1' })

    backend = await restart(backend, dir)
    const clerk = await login(backend, 'liuyun', 'Clerk#first1')
    await ok(backend, clerk, 'auth.changePassword', { currentPassword: 'Clerk#first1', newPassword: 'Clerk#own2026' })

    backend = await restart(backend, dir)
    expect((await backend.callAs(null, 'auth.login', { username: 'liuyun', password: 'Clerk#first1' })).ok).toBe(false)
    await login(backend, 'liuyun', 'Clerk#own2026')

    backend = await restart(backend, dir)
    const admin = await login(backend, 'admin', ADMIN.password)
    const accounts = await ok<{ id: number; username: string }[]>(backend, admin, 'accounts.list', {})
    const liuyun = accounts.find((a) => a.username === 'liuyun')
    await ok(backend, admin, 'accounts.setActive', { id: liuyun?.id, active: false })
    expect(readKeyFile(dir)?.slots.map((s) => s.id)).not.toContain('user:liuyun')

    backend = await restart(backend, dir)
    expect((await backend.callAs(null, 'auth.login', { username: 'liuyun', password: 'Clerk#own2026' })).ok).toBe(false)
    const recovered = await ok<{ sessionToken: string; recoveryCode: string }>(backend, null, 'auth.recover', {
      username: 'admin',
      recoveryCode: setup.recoveryCode.toLowerCase(),
      password: 'Recovered#2026'
    })
    expect(recovered.recoveryCode).not.toBe(setup.recoveryCode)

    backend = await restart(backend, dir)
    await login(backend, 'admin', 'Recovered#2026')
    backend = await restart(backend, dir)
    expect((await backend.callAs(null, 'auth.recover', { username: 'admin', recoveryCode: setup.recoveryCode, password: 'Again#2026x' })).ok).toBe(false)
  }, 180_000)

  it('a locked start holds the folder: a second program on it is refused at once, and the first still opens', async () => {
    const dir = tempDir()
    let backend = await start(dir)
    await ok(backend, null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
    backend = await restart(backend, dir)
    await expect(open(dir)).rejects.toMatchObject({ code: 'STORE_LOCKED' })
    await login(backend, 'admin', ADMIN.password)
  })

  it('damage is told at the locked start, before any login (the desktop start asks then); salvage asked lets it start', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await Store.open({
      dir,
      migrations: [{ version: 1, name: 't', sql: 'CREATE TABLE t (v TEXT);' }],
      now: clock.now,
      idleSnapshotMs: 0,
      dataKey: key
    })
    for (let i = 0; i < 10; i++) store.transaction((tx) => tx.run('INSERT INTO t (v) VALUES (?)', [`记录${i}`]))
    store.close({ snapshot: false })
    writeKeyFile(dir, withSlot(newKeyFile('幸福里社区', clock.now().toISOString()), wrapKey(userSlotId('admin'), key, ADMIN.password)))
    const journal = path.join(dir, 'shouwang.journal')
    const bytes = fs.readFileSync(journal)
    bytes.writeUInt8((bytes[Math.floor(bytes.length / 2)] as number) ^ 0x20, Math.floor(bytes.length / 2))
    fs.writeFileSync(journal, bytes)
    await expect(open(dir)).rejects.toMatchObject({ code: 'STORE_JOURNAL_DAMAGED', message: expect.stringContaining('已损坏') })
    const salvaging = await createKeyedBackend({
      dataDir: dir,
      appVersion: '9.9.9',
      now: clock.now,
      sleep: clock.sleep,
      store: { idleSnapshotMs: 0, salvageJournal: true }
    })
    running.push(salvaging)
    expect(await ok(salvaging, null, 'auth.status', {})).toEqual({ setupRequired: false, communityName: '幸福里社区' })
    await salvaging.close()
    running = running.filter((b) => b !== salvaging)
    const db = path.join(dir, 'shouwang.db')
    const image = fs.readFileSync(db)
    image.writeUInt8((image[100] as number) ^ 0x01, 100)
    fs.writeFileSync(db, image)
    await expect(open(dir)).rejects.toMatchObject({ code: 'STORE_SNAPSHOT_DAMAGED' })
  })

  it('a folder from before encryption stays readable until the first login, which seals it in place', async () => {
    const dir = tempDir()
    const plain = await createBackend({ dataDir: dir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })
    const setup = await plain.callAs(null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
    const token = setup.ok ? (setup.data as { sessionToken: string }).sessionToken : null
    expect((await plain.callAs(token, 'residents.create', resident({ name: NAME, idNumber: ID, phones: [PHONE] }))).ok).toBe(true)
    await plain.close()
    expect(filesHolding(dir).length).toBeGreaterThan(0)

    let backend = await start(dir)
    expect(readKeyFile(dir)).toBeNull()
    await login(backend, 'admin', ADMIN.password)
    expect(readKeyFile(dir)?.slots.map((s) => s.id)).toEqual(['user:admin'])
    expect(filesHolding(dir)).toEqual([])

    backend = await restart(backend, dir)
    const again = await login(backend, 'admin', ADMIN.password)
    expect((await ok<{ total: number }>(backend, again, 'residents.list', { page: 1, pageSize: 20 })).total).toBe(1)
  })
})
