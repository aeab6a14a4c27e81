import { afterEach, describe, expect, it } from 'vitest'
import { exportFileName, numberedFileName, templateFileName } from '../../../shared/domain/export-name'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('export file names (shared/domain/export-name.ts)', () => {
  it('say what the file is and its day; a template never reads as its list', () => {
    expect(exportFileName(['居民名单'], '2026-12-05', 'xlsx')).toBe('居民名单-2026-12-05.xlsx')
    expect(exportFileName(['出入登记表', '', '东门'], '2026-12-05', 'csv')).toBe('出入登记表-东门-2026-12-05.csv')
    expect(templateFileName('returnees', '返程人员排查登记表', '2026-12-05')).toBe('返程人员-返程人员排查登记表-2026-12-05.xlsx')
    // The built-in 居家观察台账 template is named like the list: its file is not.
    expect(templateFileName('observations', '居家观察台账', '2026-12-05')).not.toBe(exportFileName(['居家观察台账'], '2026-12-05', 'xlsx'))
  })

  it('replace what Windows refuses in a name (a template named 日报/周报 makes no folder)', () => {
    expect(templateFileName('report', '街道日报/周报:"正式"', '2026-12-05')).toBe('每日报表-街道日报_周报__正式_-2026-12-05.xlsx')
  })

  it('number a second file of one name: (2), (3) before the extension', () => {
    expect([1, 2, 3].map((n) => numberedFileName('居民名单-2026-12-05.xlsx', n))).toEqual([
      '居民名单-2026-12-05.xlsx',
      '居民名单-2026-12-05(2).xlsx',
      '居民名单-2026-12-05(3).xlsx'
    ])
    expect(numberedFileName('无扩展名', 2)).toBe('无扩展名(2)')
  })
})

describe('exports the same day through dispatch', () => {
  it('a list twice, its template twice, another format: each its own name; the next day starts again', async () => {
    b = await testBackend()
    const list = () => b.ok('excel.exportList', { list: 'returnees', filter: {} })
    const template = () => b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })
    const names = [
      (await list()).fileName,
      (await list()).fileName,
      (await template()).fileName,
      (await template()).fileName,
      (await b.ok('excel.exportList', { list: 'returnees', filter: {}, format: 'csv' })).fileName,
      (await list()).fileName
    ]
    expect(names).toEqual([
      '返程人员登记-2026-02-03.xlsx',
      '返程人员登记-2026-02-03(2).xlsx',
      '返程人员-返程人员排查登记表-2026-02-03.xlsx',
      '返程人员-返程人员排查登记表-2026-02-03(2).xlsx',
      '返程人员登记-2026-02-03.csv',
      '返程人员登记-2026-02-03(3).xlsx'
    ])
    // Every domain's export goes through the same engine: the gate's 出入登记表 too.
    const gate = [(await b.ok('gate.export', { day: '2026-02-03' })).fileName, (await b.ok('gate.export', { day: '2026-02-03' })).fileName]
    expect(gate[1]).toBe(gate[0]?.replace('.xlsx', '(2).xlsx'))
    // The audit row names the file handed out.
    const last = b.store.get<{ detail: string }>("SELECT detail FROM audit_log WHERE method = 'excel.exportList' ORDER BY id DESC LIMIT 1")
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ fileBase: '返程人员登记-2026-02-03.xlsx', fileName: '返程人员登记-2026-02-03(3).xlsx' })

    b.clock.advance(24 * 3600 * 1000)
    expect((await list()).fileName).toBe('返程人员登记-2026-02-04.xlsx')
  })
})
