import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { encodeRecord } from '../../../electron/backend/store/journal'
import type { Migration } from '../../../electron/backend/store/migrate'
import { DATABASE_FILE, JOURNAL_FILE, LOCK_FILE, Store } from '../../../electron/backend/store/store'
import { fixedClock, tempDir } from '../support/temp'

const MIGRATIONS: Migration[] = [{ version: 1, name: 'items', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL);' }]

const clock = fixedClock()
const open = (dir: string, extra: Partial<Parameters<typeof Store.open>[0]> = {}) =>
  Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0, ...extra })

function addItem(store: Store, name: string, qty = 1): number {
  return store.transaction((tx) => tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [name, qty]).lastInsertRowid)
}

const names = (store: Store) => store.all<{ name: string }>('SELECT name FROM items ORDER BY id').map((r) => r.name)

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  return error as AppError
}

describe('Store', () => {
  it('creates a fresh database with its migrations and a snapshot', async () => {
    const dir = tempDir()
    const store = await open(dir)
    expect(store.tableNames()).toEqual(['items', 'schema_migrations'])
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true)
    expect(store.info()).toMatchObject({ journalRecords: 0, schemaVersion: 1 })
    store.close()
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
  })

  it('journals each committed transaction and replays it on open', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, '口罩')
    addItem(store, '消毒液')
    expect(store.info().journalRecords).toBe(2)
    store.close({ snapshot: false }) // as if the process died: only the journal has the writes
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['口罩', '消毒液'])
    addItem(reopened, '体温枪')
    reopened.close()
    const third = await open(dir)
    expect(names(third)).toEqual(['口罩', '消毒液', '体温枪'])
    expect(third.info().journalRecords).toBe(0)
    third.close()
  })

  it('rolls back everything when the transaction throws, and journals nothing', async () => {
    const dir = tempDir()
    const store = await open(dir)
    expect(() =>
      store.transaction((tx) => {
        tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1])
        throw new Error('rule broken')
      })
    ).toThrow('rule broken')
    expect(names(store)).toEqual([])
    expect(store.info().journalRecords).toBe(0)
    store.close()
  })

  it('keeps bytes and unicode parameters exactly through the journal', async () => {
    const dir = tempDir()
    const store = await Store.open({
      dir,
      now: clock.now,
      idleSnapshotMs: 0,
      migrations: [{ version: 1, name: 'blobs', sql: 'CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB, note TEXT)' }]
    })
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    store.transaction((tx) => tx.run('INSERT INTO blobs (body, note) VALUES (?, ?)', [bytes, '𠮷 ０３７１－６５５５１２３４']))
    store.close({ snapshot: false })
    const reopened = await Store.open({ dir, now: clock.now, idleSnapshotMs: 0, migrations: [{ version: 1, name: 'blobs', sql: '' }] })
    const row = reopened.get<{ body: Uint8Array; note: string }>('SELECT body, note FROM blobs')
    expect(Array.from(row?.body ?? [])).toEqual([0, 1, 2, 250, 255])
    expect(row?.note).toBe('𠮷 ０３７１－６５５５１２３４')
    reopened.close()
  })

  it('ignores a torn journal tail, keeps a copy of it, and appends cleanly after it', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'a')
    addItem(store, 'b')
    store.close({ snapshot: false })
    const journal = path.join(dir, JOURNAL_FILE)
    const torn = encodeRecord({ seq: 3, stmts: [['INSERT INTO items (name, qty) VALUES (?, ?)', ['c', 1]]] })
    fs.appendFileSync(journal, torn.subarray(0, torn.length - 5)) // power cut mid-write
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['a', 'b'])
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${JOURNAL_FILE}.torn-`))).toBe(true)
    addItem(reopened, 'd')
    reopened.close({ snapshot: false })
    const again = await open(dir)
    expect(names(again)).toEqual(['a', 'b', 'd'])
    again.close()
  })

  it('refuses a whole last record whose checksum does not match (bit rot, not a power cut), and salvages on request', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'a')
    addItem(store, 'b')
    store.close({ snapshot: false })
    const journal = path.join(dir, JOURNAL_FILE)
    const buf = fs.readFileSync(journal)
    buf.writeUInt8((buf.at(-3) ?? 0) ^ 0xff, buf.length - 3)
    fs.writeFileSync(journal, buf)
    await expectAppError(open(dir), 'STORE_JOURNAL_DAMAGED')
    expect(fs.readFileSync(journal).equals(buf)).toBe(true)
    const reopened = await open(dir, { salvageJournal: true })
    expect(names(reopened)).toEqual(['a'])
    expect(reopened.openNotice).toMatchObject({ kind: 'journal-salvaged', lostSeqs: [2] })
    reopened.close()
  })

  it('opens from the snapshot alone when the journal is missing', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'a')
    store.close() // snapshot + empty journal
    fs.rmSync(path.join(dir, JOURNAL_FILE))
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['a'])
    reopened.close()
  })

  it('refuses a truncated snapshot with a clear message and never overwrites it', async () => {
    const dir = tempDir()
    const store = await open(dir)
    for (let i = 0; i < 200; i++) addItem(store, `item-${i}`.padEnd(200, 'x'))
    store.close()
    const file = path.join(dir, DATABASE_FILE)
    const whole = fs.readFileSync(file)
    fs.writeFileSync(file, whole.subarray(0, whole.length - 4096))
    const before = fs.readFileSync(file)
    const error = await expectAppError(open(dir), 'STORE_CORRUPT')
    expect(error.message).toContain('数据文件不完整')
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses a snapshot that is not a database at all', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, DATABASE_FILE), 'PK\u0003\u0004 this is a zip, not a database')
    await expectAppError(open(dir), 'STORE_CORRUPT')
  })

  it('does not apply a record twice after a crash between snapshot rename and journal truncation', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'a')
    addItem(store, 'b')
    const journal = path.join(dir, JOURNAL_FILE)
    const oldJournal = fs.readFileSync(journal)
    store.snapshot()
    store.close({ snapshot: false })
    fs.writeFileSync(journal, oldJournal) // the truncation never happened
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['a', 'b'])
    addItem(reopened, 'c')
    reopened.close({ snapshot: false })
    const again = await open(dir)
    expect(names(again)).toEqual(['a', 'b', 'c'])
    again.close()
  })

  it('refuses a journal with a gap, and a journal without its snapshot', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'a')
    store.close({ snapshot: false })
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), encodeRecord({ seq: 5, stmts: [['INSERT INTO items (name, qty) VALUES (?, ?)', ['z', 1]]] }))
    await expectAppError(open(dir), 'STORE_CORRUPT')

    const other = tempDir()
    const second = await open(other)
    addItem(second, 'a')
    second.close({ snapshot: false })
    fs.rmSync(path.join(other, DATABASE_FILE))
    const error = await expectAppError(open(other), 'STORE_CORRUPT')
    expect(error.message).toContain('找不到数据文件')
  })

  it('refuses a database written by a newer version (unknown migration) without touching it', async () => {
    const dir = tempDir()
    const newer = await Store.open({
      dir,
      now: clock.now,
      idleSnapshotMs: 0,
      migrations: [...MIGRATIONS, { version: 2, name: 'future', sql: 'CREATE TABLE future (id INTEGER)' }]
    })
    newer.close()
    const file = path.join(dir, DATABASE_FILE)
    const before = fs.readFileSync(file)
    const error = await expectAppError(open(dir), 'STORE_TOO_NEW')
    expect(error.message).toContain('0002_future')
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('applies a new migration on open and keeps the old data', async () => {
    const dir = tempDir()
    const old = await open(dir)
    addItem(old, 'a')
    old.close()
    const upgraded = await Store.open({
      dir,
      now: clock.now,
      idleSnapshotMs: 0,
      migrations: [...MIGRATIONS, { version: 2, name: 'unit', sql: "ALTER TABLE items ADD COLUMN unit TEXT NOT NULL DEFAULT '个'" }]
    })
    expect(upgraded.all('SELECT name, unit FROM items')).toEqual([{ name: 'a', unit: '个' }])
    expect(upgraded.info().schemaVersion).toBe(2)
    upgraded.close()
  })

  it('rolls back a failing migration and reports which one', async () => {
    const dir = tempDir()
    const old = await open(dir)
    old.close()
    const error = await expectAppError(
      Store.open({
        dir,
        now: clock.now,
        migrations: [...MIGRATIONS, { version: 2, name: 'broken', sql: 'CREATE TABLE ok_part (id INTEGER); CREATE TABLE items (id INTEGER);' }]
      }),
      'STORE_MIGRATION_FAILED'
    )
    expect(error.message).toContain('broken')
    const again = await open(dir)
    expect(again.tableNames()).not.toContain('ok_part')
    again.close()
  })

  it('refuses a second owner of the data directory and takes over a dead owner’s lock', async () => {
    const dir = tempDir()
    const store = await open(dir)
    const error = await expectAppError(open(dir), 'STORE_LOCKED')
    expect(error.message).toContain('另一个守望程序')
    store.close()

    // A lock file left by a crash is stale even when its pid is alive again (reused by another
    // process, here our parent): the lock is the OS endpoint, not the pid (see lock.test.ts).
    const host = (await import('node:os')).hostname()
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host, since: 'x', executable: 'x' }))
    const next = await open(dir)
    expect(names(next)).toEqual([])
    next.close()
  })

  it('refuses writes through the read path, so nothing escapes the journal', async () => {
    const dir = tempDir()
    const store = await open(dir)
    expect(() => store.all("INSERT INTO items (name, qty) VALUES ('x', 1)")).toThrow(/read query expected/)
    expect(() => store.all('WITH x AS (SELECT 1) DELETE FROM items')).toThrow(/read query expected/)
    expect(() => store.transaction((tx) => tx.all('DELETE FROM items'))).toThrow(/read query expected/)
    store.close()
  })

  it('snapshots by itself once the journal passes its limit', async () => {
    const dir = tempDir()
    const store = await open(dir, { journalMaxRecords: 5 })
    for (let i = 0; i < 5; i++) addItem(store, `n${i}`)
    await new Promise((resolve) => setImmediate(resolve))
    expect(store.info().journalRecords).toBe(0)
    store.close({ snapshot: false })
    const reopened = await open(dir)
    expect(names(reopened)).toHaveLength(5)
    reopened.close()
  })

  it('snapshots after a quiet period', async () => {
    const dir = tempDir()
    const store = await open(dir, { idleSnapshotMs: 30 })
    addItem(store, 'a')
    expect(store.info().journalRecords).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(store.info().journalRecords).toBe(0)
    store.close()
  })

  it('journals a large transaction in parts as it runs, and replays it whole', async () => {
    const dir = tempDir()
    const store = await open(dir)
    store.transaction((tx) => {
      for (let i = 0; i < 5000; i++) tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [`批量${i}`, i])
    })
    expect(store.info().journalRecords).toBe(1)
    const frames = decodeFrames(fs.readFileSync(path.join(dir, JOURNAL_FILE)))
    expect(frames.map((f) => [f.stmts.length, f.more ?? false])).toEqual([
      [2000, true],
      [2000, true],
      [1001, false]
    ])
    store.close({ snapshot: false })
    const reopened = await open(dir)
    expect(reopened.get<{ n: number; total: number }>('SELECT COUNT(*) AS n, SUM(qty) AS total FROM items')).toEqual({ n: 5000, total: 12497500 })
    reopened.close()
  })

  it('writes each SQL text once per frame, and still replays frames written as [sql, params] pairs', async () => {
    const dir = tempDir()
    const store = await open(dir)
    store.transaction((tx) => {
      for (let i = 0; i < 1500; i++) tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [`新${i}`, i])
    })
    const journal = fs.readFileSync(path.join(dir, JOURNAL_FILE))
    expect(journal.toString('utf8').split('INSERT INTO items').length - 1).toBe(1)
    store.close({ snapshot: false })
    // A frame as earlier versions wrote it, after the new one.
    const payload = Buffer.from(
      JSON.stringify({
        seq: 2,
        stmts: [
          ['INSERT INTO items (name, qty) VALUES (?, ?)', ['旧格式', 7]],
          ['UPDATE _store_state SET last_seq = ? WHERE id = 1', [2]]
        ]
      })
    )
    const header = Buffer.alloc(8)
    header.writeUInt32LE(payload.length, 0)
    header.writeUInt32LE(zlib.crc32(payload), 4)
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), Buffer.concat([header, payload]))
    const reopened = await open(dir)
    expect(reopened.get('SELECT COUNT(*) AS n, SUM(qty) AS total FROM items')).toEqual({ n: 1501, total: 1124257 })
    expect(names(reopened).at(-1)).toBe('旧格式')
    reopened.close()
  })

  it('cuts the parts of a large transaction that rolled back, and later ones still replay', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'before')
    const bytesBefore = fs.statSync(path.join(dir, JOURNAL_FILE)).size
    expect(() =>
      store.transaction((tx) => {
        for (let i = 0; i < 4500; i++) tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [`x${i}`, 1])
        throw new Error('第 4501 行有错误')
      })
    ).toThrow('第 4501 行有错误')
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBe(bytesBefore)
    addItem(store, 'after')
    store.close({ snapshot: false })
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['before', 'after'])
    reopened.close()
  })

  it('ignores the parts of a transaction that never got its last frame (killed mid-import)', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addItem(store, 'kept')
    store.close({ snapshot: false })
    const part = encodeRecord({ seq: 2, more: true, stmts: [['INSERT INTO items (name, qty) VALUES (?, ?)', ['half', 1]]] })
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), part)
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['kept'])
    addItem(reopened, 'next')
    reopened.close({ snapshot: false })
    const again = await open(dir)
    expect(names(again)).toEqual(['kept', 'next'])
    again.close()
  })

  it('grows into the room behind the database without that room reaching the snapshot', async () => {
    const dir = tempDir()
    const store = await open(dir)
    const filler = '居'.repeat(300)
    store.transaction((tx) => {
      for (let i = 0; i < 20_000; i++) tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [`${filler}${i}`, i])
    })
    expect(() =>
      store.transaction((tx) => {
        for (let i = 0; i < 20_000; i++) tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', [`${filler}回滚${i}`, i])
        throw new Error('第 20001 行有错误')
      })
    ).toThrow('第 20001 行有错误')
    store.snapshot()
    const file = fs.readFileSync(path.join(dir, DATABASE_FILE))
    // The snapshot is exactly the header's pages (about 20 MB of rows), none of the 64 MB of room.
    expect(file.length).toBe(file.readUInt16BE(16) * file.readUInt32BE(28))
    expect(file.length).toBeGreaterThan(18_000_000)
    expect(file.length).toBeLessThan(40_000_000)
    addItem(store, '快照后')
    store.close({ snapshot: false })

    const SQL = await initSqlJs()
    const copy = new SQL.Database(new Uint8Array(file))
    expect(copy.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']])
    copy.close()
    const reopened = await open(dir)
    expect(reopened.get('SELECT COUNT(*) AS n, MAX(qty) AS top FROM items')).toEqual({ n: 20_001, top: 19_999 })
    expect(names(reopened).at(-1)).toBe('快照后')
    reopened.close()
  })

  it('makes room before a bulk write by reopening the same data, keeping the connection settings', async () => {
    const dir = tempDir()
    const withNotes = [
      ...MIGRATIONS,
      { version: 2, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id));' }
    ]
    const store = await open(dir, { migrations: withNotes })
    addItem(store, '口罩')
    expect(names(store)).toEqual(['口罩']) // a cached statement from before the reopen
    expect(() => store.transaction(() => store.reserve(1))).toThrow('reserve before the transaction')
    store.reserve(48 * 1024 * 1024)
    expect(names(store)).toEqual(['口罩'])
    addItem(store, '消毒液')
    // Foreign keys are a connection setting: still enforced after the reopen.
    expect(() => store.transaction((tx) => tx.run('INSERT INTO notes (item_id) VALUES (?)', [99]))).toThrow(/FOREIGN KEY/)
    store.reserve(1024) // enough room already: nothing to do
    store.close({ snapshot: false })
    const reopened = await open(dir, { migrations: withNotes })
    expect(names(reopened)).toEqual(['口罩', '消毒液'])
    reopened.close()
  })
})

/** Every frame in a journal file, parts included (decodeJournal joins them). */
function decodeFrames(buf: Buffer): { stmts: unknown[]; more?: boolean }[] {
  const frames: { stmts: unknown[]; more?: boolean }[] = []
  for (let offset = 0; offset + 8 <= buf.length;) {
    const length = buf.readUInt32LE(offset)
    frames.push(JSON.parse(buf.subarray(offset + 8, offset + 8 + length).toString('utf8')) as { stmts: unknown[]; more?: boolean })
    offset += 8 + length
  }
  return frames
}
