import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { columnLetter, wallClockCell } from '../../../electron/backend/excel/export/cells'
import type { ExportColumn } from '../../../electron/backend/excel/export/types'
import { writeBook } from '../../../electron/backend/excel/export/writer'
import { methods } from '../../../shared/contract'
import { loginAs } from '../support/roles'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return workbook
}

describe('the one writer', () => {
  it('names columns past Z as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('builds date cells from the wall clock: zoneless text as written, instants in the local zone', () => {
    expect(wallClockCell('2026-02-03')).toEqual(new Date(Date.UTC(2026, 1, 3)))
    expect(wallClockCell('2026-02-03 11:14')).toEqual(new Date(Date.UTC(2026, 1, 3, 11, 14)))
    const instant = new Date('2026-02-03T03:14:05Z')
    const local = new Date(
      Date.UTC(instant.getFullYear(), instant.getMonth(), instant.getDate(), instant.getHours(), instant.getMinutes(), instant.getSeconds())
    )
    expect(wallClockCell(instant.toISOString())).toEqual(local)
    expect(wallClockCell(instant)).toEqual(local)
    expect(wallClockCell('2026-02-30')).toBeNull()
  })

  it('spans title and lines across 30 columns, masks numbers unless full, keeps text as text and marks red rows', async () => {
    const columns: ExportColumn[] = [
      { header: '证件号码', kind: 'masked-id', width: 20 },
      { header: '电话', kind: 'masked-phone', width: 16 },
      ...Array.from({ length: 28 }, (_, i): ExportColumn => ({ header: `列${i}`, kind: 'text', width: 6 }))
    ]
    const sheet = { name: '名单', title: '测试名单', facts: ['条件：全部'], columns }
    const rows = [{ cells: ['110101198001011234', ['13812345678', '13900000001'], '=1+1'], red: true }]
    const imprint = { community: '幸福里社区', actor: '王主任', at: new Date(2026, 1, 3, 11, 14) }
    const masked = (await read((await writeBook({ fileName: 'x', summary: () => '', sheets: [{ ...sheet, rows }] }, { ...imprint, full: false })).bytes))
      .worksheets[0]
    expect(masked?.getCell('A1').value).toBe('幸福里社区测试名单')
    expect(masked?.model.merges).toEqual(expect.arrayContaining(['A1:AD1', 'A2:AD2', 'A3:AD3']))
    expect(masked?.getCell('A2').value).toBe('填报单位：幸福里社区    条件：全部')
    expect(masked?.getCell('A3').value).toBe('仅限疫情防控工作使用 导出人：王主任 时间：2026-02-03 11:14')
    expect(masked?.getCell('AD4').value).toBe('列27')
    expect([masked?.getCell('A5').value, masked?.getCell('B5').value]).toEqual(['110101********1234', '138****5678、139****0001'])
    expect(masked?.getCell('C5').value).toBe('=1+1')
    expect(masked?.getCell('C5').numFmt).toBe('@')
    expect(masked?.getCell('A5').font?.color?.argb).toBe('FFC00000')
    const full = (await read((await writeBook({ fileName: 'x', summary: () => '', sheets: [{ ...sheet, rows }] }, { ...imprint, full: true })).bytes))
      .worksheets[0]
    expect(full?.getCell('A5').value).toBe('110101198001011234')
  })
})

describe('exports as a method kind of their own', () => {
  it('are declared as exports, never as mutations', () => {
    const exports = Object.entries(methods)
      .filter(([, spec]) => spec.kind === 'export')
      .map(([name]) => name)
    expect(exports.sort()).toEqual(
      [
        'audit.export',
        'disinfection.export',
        'excel.exportList',
        'excel.exportListFull',
        'excel.fillTemplate',
        'excel.fillTemplateFull',
        'gate.export',
        'help.export',
        'notices.export',
        'report.export',
        'report.fillTemplate',
        'roster.export',
        'supplies.exportMonthly',
        'volunteers.export'
      ].sort()
    )
  })

  it('writes one audit row per export (source, filters, rows, masked or full, reason)', async () => {
    b = await testBackend()
    await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    const before = b.count('audit_log')
    await b.ok('gate.export', { day: '2026-02-03' })
    await b.ok('excel.exportListFull', { list: 'residents', filter: { q: '张' }, reason: '街道核对' })
    const rows = b.store.all<{ method: string; summary: string; detail: string }>(
      'SELECT method, summary, detail FROM audit_log WHERE id > (SELECT MAX(id) - 2 FROM audit_log) ORDER BY id'
    )
    expect(b.count('audit_log')).toBe(before + 2)
    expect(rows.map((r) => [r.method, r.summary])).toEqual([
      ['gate.export', '导出出入登记表 2026-02-03 全部卡口，0 条'],
      ['excel.exportListFull', '导出居民名单 0 条（完整号码），原因：街道核对']
    ])
    expect(JSON.parse(rows[1]?.detail ?? '{}')).toEqual({
      source: 'residents',
      filter: { list: 'residents', q: '张' },
      rows: 0,
      format: 'xlsx',
      full: true,
      reason: '街道核对',
      fileBase: '居民名单-2026-02-03.xlsx',
      fileName: '居民名单-2026-02-03.xlsx'
    })
  })

  it('follow one permission rule: the domain view and data.export, full numbers data.exportFull', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const readonly = await loginAs(b, admin, 'viewer', 'readonly')
    const staff = await loginAs(b, admin, 'clerk', 'staff')
    const grid = await b.ok('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    const worker = await loginAs(b, admin, 'worker', 'grid_worker', [grid.id])
    const before = b.count('audit_log')
    // 只读 sees the day view of the gate and the roster, and exports neither.
    expect(await readonly.call('gate.export', { day: '2026-02-03' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您没有导出“出入登记表”的权限。' }
    })
    expect(await readonly.call('roster.export', { week: '2026-02-03' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您没有导出“值班排班表”的权限。' }
    })
    expect(await readonly.call('excel.exportList', { list: 'residents', filter: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await worker.call('excel.exportListFull', { list: 'residents', filter: {}, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(b.count('audit_log')).toBe(before)
    expect((await worker.call('excel.exportList', { list: 'residents', filter: {} })).ok).toBe(true)
    expect((await staff.call('gate.export', { day: '2026-02-03' })).ok).toBe(true)
    expect((await staff.call('excel.exportListFull', { list: 'returnees', filter: {}, reason: '核对' })).ok).toBe(true)
  })
})
