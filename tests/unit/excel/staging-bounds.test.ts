import { afterEach, describe, expect, it } from 'vitest'
import { packSheet } from '../../../electron/backend/excel/packed'
import type { PackedWorkbook } from '../../../electron/backend/excel/packed'
import { STAGING_LIMITS, discard, sheetOf, stage, staged, stagingUse } from '../../../electron/backend/excel/staging'
import type { StagedFile } from '../../../electron/backend/excel/staging'
import { AppError } from '../../../shared/errors'

const DEFAULTS = { ...STAGING_LIMITS }
const mine: StagedFile[] = []
afterEach(() => {
  Object.assign(STAGING_LIMITS, DEFAULTS)
  for (const s of mine.splice(0)) discard(s.id, s.accountId)
})

function book(rows: number): PackedWorkbook {
  const data = Array.from({ length: rows }, (_, r) => [`居民${r}`, '男', `幸福里小区${r % 40}栋`])
  return { kind: 'csv', proposed: 0, sheets: [packSheet({ name: '名单', hidden: false, rows: data, merges: [] })] }
}

/** Accounts far from any other test file's (the staging area is one per backend thread). */
const account = (n: number) => 90_000 + n
let clock = Date.UTC(2026, 11, 5, 2)

function put(accountId: number, rows = 10): StagedFile {
  const s = stage({ accountId, target: 'residents', fileName: `${accountId}.csv`, workbook: book(rows), bytes: rows * 30 }, (clock += 1000))
  mine.push(s)
  return s
}

const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('the staging area shared by every device', () => {
  it('keeps a sheet packed and gives back the very rows', () => {
    const s = put(account(1), 3)
    expect(sheetOf(s, 0)?.rows).toEqual([
      ['居民0', '男', '幸福里小区0栋'],
      ['居民1', '男', '幸福里小区1栋'],
      ['居民2', '男', '幸福里小区2栋']
    ])
    expect(s.workbook.sheets[0]).toMatchObject({ rows: 3, columns: 3 })
  })

  it('a clerk who opens a third file loses their oldest, never another clerk’s', () => {
    const other = put(account(2))
    const first = put(account(3))
    const second = put(account(3))
    const third = put(account(3))
    expect(() => staged(first.id, account(3), clock)).toThrow(/导入文件已过期/)
    expect(staged(second.id, account(3), clock).id).toBe(second.id)
    expect(staged(third.id, account(3), clock).id).toBe(third.id)
    expect(staged(other.id, account(2), clock).id).toBe(other.id)
  })

  it('beyond the files all devices may stage, a new one is refused with a clear message and nobody’s file is dropped', () => {
    STAGING_LIMITS.maxFiles = stagingUse().files + 2
    const a = put(account(4))
    const b = put(account(5))
    const error = refusal(() => put(account(6)))
    expect(error).toBeInstanceOf(AppError)
    expect(error.code).toBe('RULE_VIOLATION')
    expect(error.message).toMatch(/其他电脑正在导入的文件较多.*请等他们完成或放弃导入后再试/)
    expect(staged(a.id, account(4), clock).id).toBe(a.id)
    expect(staged(b.id, account(5), clock).id).toBe(b.id)
    // A file already imported (only its rejected rows left) gives its place up first.
    a.committed = true
    expect(put(account(6)).fileName).toBe(`${account(6)}.csv`)
    expect(() => staged(a.id, account(4), clock)).toThrow(/导入文件已过期/)
  })

  it('beyond the bytes all devices may stage, a new file is refused; a file bigger than the whole area is told to be split', () => {
    const small = put(account(7), 100)
    const big = book(1000).sheets[0]!.body.byteLength
    // Room for the big file alone, not beside the files already staged.
    STAGING_LIMITS.maxBytes = stagingUse().bytes + big - 1
    expect(refusal(() => put(account(8), 1000)).message).toMatch(/其他电脑正在导入的文件较多/)
    STAGING_LIMITS.maxBytes = big - 1
    expect(refusal(() => put(account(8), 1000)).message).toMatch(/文件内容太多.*请拆分成几个文件后再导入/)
    expect(staged(small.id, account(7), clock).id).toBe(small.id)
  })

  it('a file left alone for 30 minutes is gone, and its bytes with it', () => {
    const s = put(account(9), 200)
    const before = stagingUse().bytes
    clock += STAGING_LIMITS.ttlMs + 1
    put(account(10))
    expect(stagingUse().bytes).toBeLessThan(before)
    expect(() => staged(s.id, account(9), clock)).toThrow(/导入文件已过期/)
  })
})
