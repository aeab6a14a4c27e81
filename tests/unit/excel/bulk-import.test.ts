import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../../shared/contract'
import { deferSearchIndexes } from '../../../electron/backend/residents/residents.repo'
import { JOURNAL_FILE, Store } from '../../../electron/backend/store/store'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { makeId } from '../register/fixtures'
import type { TestBackend } from '../support/backend'
import { excelBackend, workbook } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋']

/** n people with valid, distinct IDs and phones, spread over a few buildings. */
function people(n: number, from = 0): unknown[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    const birth = `19${String(50 + (i % 50)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / 8) % GIVEN.length]}${GIVEN[Math.floor(i / 80) % GIVEN.length]}`
    return [
      i + 1,
      name,
      makeId(birth, String(i % 1000).padStart(3, '0'), String(110101 + Math.floor(i / 1000))),
      `139${String(i).padStart(8, '0')}`,
      `幸福里小区${1 + (i % 6)}栋${1 + (i % 3)}单元${101 + (i % 40)}`
    ]
  })
}

async function importPeople(rows: unknown[][]): Promise<{ created: number; errors: number }> {
  const bytes = await workbook({ name: '居民', rows: [['序号', '姓名', '身份证号', '联系电话', '现住址'], ...rows], textColumns: ['C', 'D'] })
  const p = await b.ok('excel.preview', { target: 'residents', fileName: '居民.xlsx', bytes })
  const args = {
    stagingId: p.stagingId,
    sheet: p.sheet,
    headerStart: p.headerStart,
    headerEnd: p.headerEnd,
    mapping: p.columns.map((c: ImportPreview['columns'][number]) => c.field),
    onExisting: 'skip' as const
  }
  return b.ok('excel.commit', args)
}

const indexDefinitions = (store: Store) =>
  store.all<{ name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('residents', 'resident_phones') AND sql IS NOT NULL ORDER BY name"
  )

const journalText = () => fs.readFileSync(path.join(b.dir, JOURNAL_FILE), 'utf8')

describe('a first big import builds the search indexes once', () => {
  it('drops and rebuilds them in the import transaction; every search works after, and after a replay', async () => {
    b = await excelBackend()
    const before = indexDefinitions(b.store)
    const rows = people(2500)
    expect(await importPeople(rows)).toMatchObject({ created: 2500, errors: 0 })
    expect(journalText()).toContain('DROP INDEX residents_name')
    expect(indexDefinitions(b.store)).toEqual(before)

    const target = rows[1234] as [number, string, string, string, string]
    const byName = await b.ok('residents.list', { q: target[1] })
    expect(byName.rows.map((r) => r.name)).toContain(target[1])
    const byIdTail = await b.ok('residents.list', { q: target[2].slice(-6) })
    expect(byIdTail.rows.map((r) => r.name)).toEqual([target[1]])
    // Whole numbers, not tails of any length (shared/domain/digit-search.ts): the phone index by equality.
    const byPhone = await b.ok('residents.list', { q: target[3] })
    expect(byPhone.rows.map((r) => r.name)).toEqual([target[1]])

    // A second, smaller import keeps the indexes up row by row.
    const journalBefore = journalText().length
    expect(await importPeople(people(50, 2500))).toMatchObject({ created: 50, errors: 0 })
    expect(journalText().slice(journalBefore)).not.toContain('DROP INDEX')

    // Replaying the journal alone (no snapshot) gives the same data and the same indexes.
    const dir = b.dir
    b.store.close({ snapshot: false })
    const replayed = await Store.open({ dir, migrations: MIGRATIONS, now: b.clock.now, idleSnapshotMs: 0 })
    try {
      expect(indexDefinitions(replayed)).toEqual(before)
      expect(replayed.get('SELECT COUNT(*) AS n FROM residents')).toEqual({ n: 2550 })
      expect(replayed.get('SELECT COUNT(*) AS n FROM residents INDEXED BY residents_pinyin WHERE name_pinyin >= ?', [''])).toEqual({ n: 2550 })
    } finally {
      replayed.close()
    }
  })

  it('puts the indexes back when the transaction fails after dropping them', async () => {
    b = await excelBackend()
    const before = indexDefinitions(b.store)
    expect(() =>
      b.store.transaction((tx) => {
        deferSearchIndexes(tx)
        throw new Error('第 3000 行写入失败')
      })
    ).toThrow('第 3000 行写入失败')
    expect(indexDefinitions(b.store)).toEqual(before)
  })
})
