import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReportPage } from './pages/report.page'
import { ReportTemplateDialog } from './pages/report-template.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/** Issue 18: the street office's own 日报, its {{…}} cells filled from the 每日报表 page. */
describe('按街道模板导出 on the report page', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp({ now: '2026-12-05T09:30:00+08:00' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    await new ShellPage(app.page).openAndSetUp(app.url)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it("registers the form and exports it with the day's figures in its cells", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('日报')
    ws.getCell('A1').value = '街道疫情防控日报'
    ws.getCell('B3').value = '卡口数'
    Object.assign(ws.getCell('C3'), { value: '{{卡口数}}', font: { bold: true } })
    ws.getCell('D3').value = '{{填报日期}}'
    ws.getCell('B4').value = '填报单位：{{填报单位}}'
    await app.apiData('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    const report = new ReportPage(app.page)
    await report.open()
    const dialog = new ReportTemplateDialog(app.page)
    await dialog.open()
    await dialog.register('街道日报', '街道日报.xlsx', Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer))
    await app.screenshot('report-template-dialog')
    const file = await dialog.exportFilled()
    expect(file.name).toBe('每日报表-街道日报-2026-12-05.xlsx')
    const out = new ExcelJS.Workbook()
    await out.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const sheet = out.worksheets[0]
    expect(sheet?.getCell('C3').value).toBe(1)
    expect(sheet?.getCell('D3').value).toEqual(new Date(Date.UTC(2026, 11, 5)))
    expect(String(sheet?.getCell('B4').value)).toMatch(/^填报单位：.+/)
  })
})
