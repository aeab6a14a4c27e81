import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { decodeJournal, encodeRecord } from '../../../electron/backend/store/journal'
import type { Migration } from '../../../electron/backend/store/migrate'
import { CHECKSUM_SUFFIX } from '../../../electron/backend/store/snapshot'
import { DATABASE_FILE, JOURNAL_FILE, Store } from '../../../electron/backend/store/store'
import { fixedClock, tempDir } from '../support/temp'

const MIGRATIONS: Migration[] = [{ version: 1, name: 'items', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);' }]
const clock = fixedClock()
const open = (dir: string, extra: Partial<Parameters<typeof Store.open>[0]> = {}) =>
  Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0, ...extra })
const names = (store: Store) => store.all<{ name: string }>('SELECT name FROM items ORDER BY id').map((r) => r.name)
const RECORDS = 20
const ALL = Array.from({ length: RECORDS }, (_, i) => `居民${i + 1}`)

async function refusal(promise: Promise<unknown>): Promise<AppError | null> {
  return promise.then(
    (store) => {
      ;(store as Store).close()
      return null
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error
      return error
    }
  )
}

/** A data folder whose journal holds RECORDS acknowledged writes (nothing in the snapshot yet). */
async function folderWithJournal(): Promise<{ dir: string; journal: Buffer }> {
  const dir = tempDir()
  const store = await open(dir)
  for (const name of ALL) store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', [name]))
  store.close({ snapshot: false })
  return { dir, journal: fs.readFileSync(path.join(dir, JOURNAL_FILE)) }
}

/** A small seeded generator: the same offsets every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('journal damage is never silent', () => {
  it('a flipped byte at 20 random offsets: refused with nothing changed, then salvaged keeping every record but the damaged one', async () => {
    const { dir, journal } = await folderWithJournal()
    const random = seeded(20261205)
    const file = path.join(dir, JOURNAL_FILE)
    const snapshot = fs.readFileSync(path.join(dir, DATABASE_FILE))
    for (let round = 0; round < 20; round++) {
      const offset = Math.floor(random() * journal.length)
      const damaged = Buffer.from(journal)
      damaged[offset] = (damaged[offset] as number) ^ (1 << Math.floor(random() * 8))
      fs.writeFileSync(file, damaged)
      fs.writeFileSync(path.join(dir, DATABASE_FILE), snapshot)

      const refused = await refusal(open(dir))
      expect(refused?.code, `offset ${offset}: a damaged journal must be refused`).toBe('STORE_JOURNAL_DAMAGED')
      expect(refused?.message).toContain('已损坏')
      expect(fs.readFileSync(file).equals(damaged), 'a refusal changes nothing').toBe(true)

      const salvaged = await open(dir, { salvageJournal: true })
      const kept = names(salvaged)
      const missing = ALL.filter((name) => !kept.includes(name))
      expect(missing.length, `offset ${offset}: lost ${missing.join('、')}`).toBeLessThanOrEqual(1)
      expect(kept).toEqual(ALL.filter((name) => !missing.includes(name)))
      expect(salvaged.openNotice?.kind).toBe('journal-salvaged')
      expect(fs.readFileSync(salvaged.openNotice?.keptAs ?? '').equals(damaged), 'the damaged original is kept').toBe(true)
      // The salvage ends in a snapshot: the next start opens cleanly with the same records.
      salvaged.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['之后']))
      salvaged.close({ snapshot: false })
      const next = await open(dir)
      expect(names(next)).toEqual([...kept, '之后'])
      next.close({ snapshot: false })
      for (const name of fs.readdirSync(dir)) if (name.includes('.damaged-')) fs.rmSync(path.join(dir, name))
    }
  })

  it('a torn tail (power cut mid-write) is still cut quietly, and zeros where the write never landed count as torn', async () => {
    const { journal } = await folderWithJournal()
    const next = encodeRecord({ seq: RECORDS + 1, stmts: [['INSERT INTO items (name) VALUES (?)', ['x']]] })
    const cut = Buffer.concat([journal, next.subarray(0, next.length - 4)])
    expect(decodeJournal(cut)).toMatchObject({ damage: [], tornBytes: next.length - 4 })
    const zeros = Buffer.concat([journal, next.subarray(0, 8), Buffer.alloc(next.length - 8)])
    expect(decodeJournal(zeros)).toMatchObject({ damage: [], tornBytes: next.length })
    expect(decodeJournal(Buffer.concat([journal, Buffer.alloc(5)])).damage).toEqual([])
  })

  it('a damaged record in the middle names what a cut would lose; the last intact frames are found again', async () => {
    const { journal } = await folderWithJournal()
    const damaged = Buffer.from(journal)
    const middle = Math.floor(journal.length / 2)
    damaged.writeUInt8((damaged[middle] as number) ^ 0x10, middle)
    const plain = decodeJournal(damaged)
    expect(plain.damage).toHaveLength(1)
    const salvage = decodeJournal(damaged, { salvage: true })
    expect(salvage.records).toHaveLength(RECORDS - 1)
    expect(salvage.damage[0]?.lostSeq).toBe((plain.records.at(-1)?.seq ?? 0) + 1)
  })

  it('a snapshot whose bytes changed after it was written is refused (checksum), a crash before its rename is not', async () => {
    const dir = tempDir()
    const store = await open(dir)
    store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['张三']))
    store.close()
    const db = path.join(dir, DATABASE_FILE)
    const image = fs.readFileSync(db)
    // A crash after the checksum file was written but before the new image was renamed in.
    const sums = JSON.parse(fs.readFileSync(db + CHECKSUM_SUFFIX, 'utf8')) as { current: number; previous: number | null }
    fs.writeFileSync(db + CHECKSUM_SUFFIX, JSON.stringify({ current: 12345, previous: sums.current }))
    const reopened = await open(dir)
    expect(names(reopened)).toEqual(['张三'])
    reopened.close()

    const flipped = Buffer.from(image)
    flipped.writeUInt8((flipped[image.length - 100] as number) ^ 0x01, image.length - 100)
    fs.writeFileSync(db, flipped)
    fs.writeFileSync(db + CHECKSUM_SUFFIX, JSON.stringify(sums))
    const refused = await refusal(open(dir))
    expect(refused?.code).toBe('STORE_SNAPSHOT_DAMAGED')
    expect(fs.readFileSync(db).equals(flipped)).toBe(true)
  })
})

describe('the data folder removed while running', () => {
  it('the next write fails with a clear message and is not acknowledged; later writes fail too', async () => {
    const dir = tempDir()
    const store = await open(dir)
    store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['张三']))
    fs.rmSync(dir, { recursive: true, force: true })
    const write = () => store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['李四']))
    expect(write).toThrow(expect.objectContaining({ code: 'STORE_FOLDER_GONE' }))
    expect(write).toThrow(/数据文件夹/)
    // From now on every call answers the same (the page shows it as a blocking message).
    expect(() => names(store)).toThrow(expect.objectContaining({ code: 'STORE_FOLDER_GONE' }))
    expect(() => store.snapshot()).toThrow(expect.objectContaining({ code: 'STORE_FOLDER_GONE' }))
    store.close()
  })

  it('a folder moved away and replaced by an empty one: writes refused, nothing written into the new folder', async () => {
    const parent = tempDir()
    const dir = path.join(parent, 'data')
    const store = await open(dir)
    fs.renameSync(dir, path.join(parent, 'moved'))
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), '')
    expect(() => store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['李四']))).toThrow(
      expect.objectContaining({ code: 'STORE_FOLDER_GONE' })
    )
    expect(fs.readdirSync(dir)).toEqual([JOURNAL_FILE])
    store.close({ snapshot: false })
  })

  it('never starts as an empty database where one lived: the marker outside the folder asks first', async () => {
    const parent = tempDir()
    const dir = path.join(parent, 'data')
    const markerFile = path.join(parent, '.data.shouwang')
    const store = await open(dir, { markerFile })
    store.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (?)', ['张三']))
    store.close()
    expect(fs.existsSync(markerFile)).toBe(true)
    fs.rmSync(dir, { recursive: true })
    const refused = await refusal(open(dir, { markerFile }))
    expect(refused?.code).toBe('STORE_MISSING')
    expect(refused?.message).toContain('新建空数据')
    expect(fs.existsSync(dir), 'nothing was set up').toBe(false)
    const fresh = await open(dir, { markerFile, startFresh: true })
    expect(names(fresh)).toEqual([])
    fresh.close()
  })
})
