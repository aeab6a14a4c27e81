import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExportControl } from './pages/excel.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const NOW = '2026-12-05T09:30:00+08:00'

/** Issue 17: two exports of one list the same day never arrive under one name. */
describe('export file names say what the file is and never repeat on a day', () => {
  let app: RunningApp
  let shell: ShellPage

  beforeAll(async () => {
    app = await startApp({ now: NOW })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('the list, the list again and its template: three names, none written over', async () => {
    await shell.navigate('居民')
    const residents = new ResidentsPage(app.page)
    await residents.list.waitFor()
    const exporter = new ExportControl(app.page, residents.list)
    const names = [
      (await exporter.export('export-xlsx')).name,
      (await exporter.export('export-xlsx')).name,
      (await exporter.export('export-template-居民花名册', () => app.screenshot('export-names-menu'))).name,
      (await exporter.export('export-csv')).name
    ]
    expect(names).toEqual(['居民名单-2026-12-05.xlsx', '居民名单-2026-12-05(2).xlsx', '居民-居民花名册-2026-12-05.xlsx', '居民名单-2026-12-05.csv'])
  })
})
