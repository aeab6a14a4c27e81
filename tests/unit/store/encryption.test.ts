import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDataKey } from '../../../electron/backend/store/cipher'
import type { Migration } from '../../../electron/backend/store/migrate'
import { DATABASE_FILE, JOURNAL_FILE, Store } from '../../../electron/backend/store/store'
import { fixedClock, tempDir } from '../support/temp'

/**
 * Encryption at rest (issue 20), at the store: a resident's name, ID number and phone are in no
 * file of the data folder, open or closed; a folder from before is sealed in place without a moment
 * when neither copy is whole; another key, or none, is refused with nothing changed.
 */
const MIGRATIONS: Migration[] = [
  { version: 1, name: 'people', sql: 'CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, id_number TEXT NOT NULL, phone TEXT NOT NULL);' }
]
const clock = fixedClock()
const open = (dir: string, extra: Partial<Parameters<typeof Store.open>[0]> = {}) =>
  Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0, ...extra })

const SECRETS = ['欧阳秀英', '110101195003071234', '13912345678']
function addPerson(store: Store, name = SECRETS[0] as string): void {
  store.transaction((tx) => tx.run('INSERT INTO people (name, id_number, phone) VALUES (?, ?, ?)', [name, SECRETS[1] as string, SECRETS[2] as string]))
}
const count = (store: Store) => Number(store.get<{ n: number }>('SELECT COUNT(*) AS n FROM people')?.n)

/** Every file of the folder whose bytes contain a secret, as UTF-8 or as UTF-16 (any encoding a tool might find). */
function filesHolding(dir: string): string[] {
  const found: string[] = []
  for (const name of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, name))
    for (const secret of SECRETS) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${name}: ${secret}`)
    }
  }
  return found
}

describe('the store sealed with a data key', () => {
  it('holds no name, ID number or phone in any file, while open and after closing; reopens whole', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await open(dir, { dataKey: key })
    for (let i = 0; i < 5; i++) addPerson(store)
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeGreaterThan(0)
    expect(filesHolding(dir)).toEqual([]) // the journal, written record by record
    store.close() // snapshots
    expect(filesHolding(dir)).toEqual([])
    const again = await open(dir, { dataKey: key })
    expect(count(again)).toBe(5)
    again.close()
  })

  it('the same store without a key writes them in the clear (the test can fail)', async () => {
    const dir = tempDir()
    const store = await open(dir)
    addPerson(store)
    expect(filesHolding(dir).length).toBeGreaterThan(0)
    store.close()
  })

  it('another key, or none, is refused with a clear message and nothing changed', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await open(dir, { dataKey: key })
    addPerson(store)
    store.close({ snapshot: false }) // a journal record too
    const before = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]))
    delete before['shouwang.lock']
    await expect(open(dir, { dataKey: newDataKey() })).rejects.toMatchObject({ code: 'STORE_KEY_WRONG', message: expect.stringContaining('另一把密钥') })
    await expect(open(dir)).rejects.toMatchObject({ code: 'STORE_KEY_WRONG' })
    for (const [name, bytes] of Object.entries(before)) expect(fs.readFileSync(path.join(dir, name)).toString('base64'), name).toBe(bytes)
    const right = await open(dir, { dataKey: key })
    expect(count(right)).toBe(1)
    right.close()
  })

  it('a folder from before encryption (snapshot, journal, a torn copy) is sealed in place at the first open with a key', async () => {
    const dir = tempDir()
    const plain = await open(dir)
    addPerson(plain)
    plain.close() // snapshot holds one
    const again = await open(dir)
    addPerson(again)
    addPerson(again)
    again.close({ snapshot: false }) // journal holds two
    fs.writeFileSync(path.join(dir, `${JOURNAL_FILE}.torn-1`), Buffer.from(`{"seq":9,"stmts":[["x",["${SECRETS[0]}"]]]}`))
    expect(filesHolding(dir).length).toBeGreaterThan(0)

    const key = newDataKey()
    const sealed = await open(dir, { dataKey: key })
    expect(count(sealed)).toBe(3)
    expect(filesHolding(dir)).toEqual([])
    addPerson(sealed)
    sealed.close({ snapshot: false })
    expect(filesHolding(dir)).toEqual([])
    const reopened = await open(dir, { dataKey: key })
    expect(count(reopened)).toBe(4)
    reopened.close()
  })

  it('a crash between sealing the snapshot and emptying the plain journal opens whole (the snapshot holds those records)', async () => {
    const dir = tempDir()
    const plain = await open(dir)
    addPerson(plain)
    plain.close({ snapshot: false })
    const plainJournal = fs.readFileSync(path.join(dir, JOURNAL_FILE))
    const key = newDataKey()
    const sealed = await open(dir, { dataKey: key })
    sealed.close({ snapshot: false })
    // As if the power went after the sealed snapshot's rename and before the journal was emptied:
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), plainJournal)
    const reopened = await open(dir, { dataKey: key })
    expect(count(reopened)).toBe(1)
    expect(filesHolding(dir)).toEqual([])
    reopened.close()
  })

  it('a plain record slipped into a sealed journal after sealing is refused, not replayed', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await open(dir, { dataKey: key })
    addPerson(store)
    store.close({ snapshot: false })
    const { encodeRecord } = await import('../../../electron/backend/store/journal')
    fs.appendFileSync(
      path.join(dir, JOURNAL_FILE),
      encodeRecord({ seq: 99, stmts: [["INSERT INTO people (name, id_number, phone) VALUES ('冒名', '1', '1')", []]] })
    )
    await expect(open(dir, { dataKey: key })).rejects.toMatchObject({ code: 'STORE_JOURNAL_DAMAGED', message: expect.stringContaining('未加密的记录') })
  })

  it('damage in a sealed journal is still told apart from a torn tail, and salvage keeps the later records', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await open(dir, { dataKey: key })
    for (let i = 0; i < 10; i++) addPerson(store, `居民${i}`)
    store.close({ snapshot: false })
    const file = path.join(dir, JOURNAL_FILE)
    const bytes = fs.readFileSync(file)
    const middle = Math.floor(bytes.length / 2)
    bytes.writeUInt8((bytes[middle] as number) ^ 0x10, middle)
    fs.writeFileSync(file, bytes)
    await expect(open(dir, { dataKey: key })).rejects.toMatchObject({ code: 'STORE_JOURNAL_DAMAGED' })
    const salvaged = await open(dir, { dataKey: key, salvageJournal: true })
    expect(count(salvaged)).toBe(9)
    expect(filesHolding(dir)).toEqual([]) // the damaged original is kept aside sealed
    salvaged.close()
  })

  it('a flipped bit at 20 random offsets of a sealed journal: refused, then salvaged keeping all but at most the damaged record', async () => {
    const dir = tempDir()
    const key = newDataKey()
    const store = await open(dir, { dataKey: key })
    const all = Array.from({ length: 20 }, (_, i) => `居民${i + 1}`)
    for (const name of all) addPerson(store, name)
    store.close({ snapshot: false })
    const file = path.join(dir, JOURNAL_FILE)
    const journal = fs.readFileSync(file)
    const snapshot = fs.readFileSync(path.join(dir, DATABASE_FILE))
    let state = 20261205
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 20; round++) {
      const offset = Math.floor(random() * journal.length)
      const damaged = Buffer.from(journal)
      damaged[offset] = (damaged[offset] as number) ^ (1 << Math.floor(random() * 8))
      fs.writeFileSync(file, damaged)
      fs.writeFileSync(path.join(dir, DATABASE_FILE), snapshot)
      await expect(open(dir, { dataKey: key }), `offset ${offset}`).rejects.toMatchObject({ code: 'STORE_JOURNAL_DAMAGED' })
      const salvaged = await open(dir, { dataKey: key, salvageJournal: true })
      const kept = salvaged.all<{ name: string }>('SELECT name FROM people ORDER BY id').map((r) => r.name)
      expect(all.filter((name) => !kept.includes(name)).length, `offset ${offset}`).toBeLessThanOrEqual(1)
      salvaged.close({ snapshot: false })
      for (const name of fs.readdirSync(dir)) if (name.includes('.damaged-')) fs.rmSync(path.join(dir, name))
    }
  })

  it('the snapshot file is sealed: not an SQLite file any tool can open', async () => {
    const dir = tempDir()
    const store = await open(dir, { dataKey: newDataKey() })
    addPerson(store)
    store.close()
    expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0')
  })
})
