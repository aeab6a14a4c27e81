import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateTime } from '../../shared/domain/clock'
import { EMPTY_UNIT } from '../../shared/schemas/units'
import { NoticesPage } from './pages/notices.page'
import { ShellPage } from './pages/shell.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * 通知公告 at the desk: the committee tells two buildings to stay in, by the WeChat group and door
 * to door; the clerk publishes it, records the group post, marks the households reached as the
 * grid worker reports back, prints the checklist and the notice, and exports the 宣传台账.
 */
describe('通知公告: publish to two buildings by WeChat and door to door → mark → print → 宣传台账', () => {
  let app: RunningApp
  let shell: ShellPage
  let notices: NoticesPage
  const dir = path.join(REPO_ROOT, 'test-results/e2e')
  const NOW = '2026-02-03T02:00:00Z'
  /** The office's wall clock at NOW, as the page (in this process's zone) shows it. */
  const wallNow = localDateTime(new Date(NOW))

  beforeAll(async () => {
    // A Tuesday morning at the office (10:00 in Shanghai).
    app = await startApp({ now: NOW })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const first = await app.apiData('grids.create', { name: '第一网格', notes: '', leader: null, workers: [{ name: '张网格员', phone: '' }] })
    const second = await app.apiData('grids.create', { name: '第二网格', notes: '', leader: null, workers: [{ name: '李网格员', phone: '' }] })
    await app.apiData('grids.assignBuildings', { gridId: first.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    await app.apiData('grids.assignBuildings', { gridId: second.id, buildings: [{ compound: '幸福里小区', building: '5栋' }] })
    const rooms: [string, string][] = [
      ['3栋', '101'],
      ['3栋', '102'],
      ['3栋', '201'],
      ['5栋', '101'],
      ['5栋', '102'],
      ['7栋', '101']
    ]
    for (const [building, room] of rooms) {
      await app.apiData('households.create', { address: { compound: '幸福里小区', building, unit: '1单元', room }, tenure: 'owned', notes: '' })
    }
    const shops: [string, 'catering' | 'street_shop', string, string][] = [
      ['好邻居便利店', 'street_shop', '3栋', '底商 1 号'],
      ['川味小馆', 'catering', '5栋', '底商 2 号'],
      ['老街理发', 'street_shop', '5栋', '底商 3 号']
    ]
    for (const [name, kind, building, door] of shops) {
      await app.apiData('units.create', {
        ...EMPTY_UNIT,
        name,
        kind,
        compound: '幸福里小区',
        building,
        door,
        managerName: '陈老板',
        managerPhone: '13912345678'
      })
    }
    await mkdir(dir, { recursive: true })
    notices = new NoticesPage(app.page)
  }, 120_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('publishes from the sidebar’s 通知公告, typed key by key; Enter never publishes half a notice', async () => {
    await shell.navigate('通知公告')
    await notices.root.waitFor()
    await notices.publish(
      {
        title: '关于减少外出的通知',
        paragraphs: ['各位居民：', '请少出门、不串门、不聚集，出入小区请配合测温、扫码登记。'],
        channels: ['微信群', '入户告知'],
        buildings: ['3栋', '5栋']
      },
      () => app.screenshot('notices-drawer')
    )
    await notices.detail().waitFor()
    expect(await notices.summary()).toBe('已告知0户，未联系上0户，未告知5户，共5户')
    expect(await notices.detail().getByTestId('notice-body-text').innerText()).toBe('各位居民：\n请少出门、不串门、不聚集，出入小区请配合测温、扫码登记。')
    expect(await notices.checklistRows()).toHaveLength(5)
    await app.screenshot('notices-published')
  })

  it('records the WeChat group post with its members', async () => {
    await notices.postToGroup('幸福里3栋5栋业主群', '268')
    expect(await notices.postRows()).toEqual([expect.stringContaining(`微信群 幸福里3栋5栋业主群 268 人 王主任 ${wallNow}`)])
  })

  it('marks 3栋 by keys (1 当面, 1 当面, 0 未联系上) and 5栋 in one go (电话); progress per grid follows', async () => {
    await notices.markByKeys('幸福里小区 3栋 1单元 101', ['1', '1', '0'])
    await notices.markBuilding('幸福里小区 5栋', '已告知·电话')
    expect(await notices.summary()).toBe('已告知4户，未联系上1户，未告知0户，共5户')
    const outcomes = async () => (await notices.checklistRows()).map((r) => /已告知·\S+|未联系上/.exec(r)?.[0])
    await expect.poll(outcomes).toEqual(['已告知·当面', '已告知·当面', '未联系上', '已告知·电话', '已告知·电话'])
    expect(await notices.progressRows()).toEqual([expect.stringMatching(/^第一网格 张网格员 3 2 1 0/), expect.stringMatching(/^第二网格 李网格员 2 2 0 0/)])
    await app.screenshot('notices-marked')
  })

  it('prints the checklist per grid worker and the A4 notice (committee name and date)', async () => {
    await notices.detail().getByTestId('notice-print-checklist').click()
    const sheets = app.page.getByTestId('checklist-sheet')
    await sheets.first().waitFor()
    expect(await sheets.count()).toBe(2)
    expect(await sheets.nth(0).innerText()).toContain('网格员：张网格员')
    await app.screenshot('notices-checklist')
    await app.page.emulateMedia({ media: 'print' })
    const checklistPdf = path.join(dir, 'notice-checklist.pdf')
    await app.page.pdf({ path: checklistPdf, format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    const checklistText = execFileSync('pdftotext', ['-layout', checklistPdf, '-']).toString()
    expect(checklistText).toContain('入户告知清单')
    expect(checklistText).toContain('幸福里小区 3栋 1单元 201')
    execFileSync('pdftoppm', ['-png', '-r', '60', checklistPdf, path.join(dir, 'notice-checklist')])

    await app.page.goBack()
    await notices.detail().getByTestId('notice-print').click()
    await app.page.getByTestId('notice-print-page').getByText('幸福里社区居民委员会').waitFor()
    await app.screenshot('notices-print')
    await app.page.emulateMedia({ media: 'print' })
    const noticePdf = path.join(dir, 'notice.pdf')
    await app.page.pdf({ path: noticePdf, format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    const noticeText = execFileSync('pdftotext', ['-layout', noticePdf, '-']).toString()
    expect(noticeText).toContain('关于减少外出的通知')
    expect(noticeText).toContain('2026年2月3日')
    expect(noticeText).not.toContain('打印')
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', noticePdf, path.join(dir, 'notice')])
  })

  it('exports the 宣传台账 of the month: the notice with its channels, target and households reached', async () => {
    await shell.navigate('通知公告')
    const file = await notices.exportLedger('2026-02-01', '2026-02-28')
    expect(file.name).toBe('宣传台账-2026-02-01至2026-02-28.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('宣传台账')!
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([
      1,
      new Date('2026-02-03T00:00:00Z'),
      '关于减少外出的通知',
      '防控通知',
      '微信群、入户告知',
      '幸福里小区 3栋、5栋',
      undefined,
      1,
      268,
      5,
      4,
      1,
      undefined,
      undefined,
      undefined,
      '王主任（admin）'
    ])
    const posts = book.getWorksheet('发布记录')!
    expect(posts.getCell('D5').value).toBe('幸福里3栋5栋业主群')
    expect(posts.getCell('H5').value).toEqual(new Date(`${wallNow.replace(' ', 'T')}:00Z`))
    await app.screenshot('notices-list')
  })

  it('tells the 商铺单位 of 第二网格 door to door: the checklist is the grid’s shops (not households), marked by keys, printed per grid', async () => {
    await notices.publish(
      {
        title: '致沿街商户：请做好测温登记',
        paragraphs: ['各商户：请每日为员工测温并登记。'],
        channels: ['入户告知'],
        unitGrids: ['第二网格']
      },
      () => app.screenshot('notices-units-drawer')
    )
    await notices.detail().getByText('致沿街商户：请做好测温登记').waitFor()
    expect(await notices.summary()).toBe('商铺单位：已告知0家，未联系上0家，未告知2家，共2家')
    await expect.poll(async () => (await notices.unitRows()).map((r) => r.split(' ')[0])).toEqual(['川味小馆', '老街理发'])
    await notices.markUnitsByKeys('川味小馆', ['1', '0'])
    expect(await notices.summary()).toBe('商铺单位：已告知1家，未联系上1家，未告知0家，共2家')
    // The list is read again after each mark: wait for the last one to show.
    await app.page.getByTestId('unit-door-row-老街理发').filter({ hasText: '未联系上' }).waitFor()
    expect((await notices.unitRows()).map((r) => /已告知·\S+|未联系上/.exec(r)?.[0])).toEqual(['已告知·当面', '未联系上'])
    expect(await notices.progressRows()).toEqual([expect.stringMatching(/^第二网格 李网格员 2 1 1 0/)])
    await app.screenshot('notices-units')
    await notices.detail().getByTestId('notice-print-checklist').click()
    const sheet = app.page.getByTestId('checklist-unit-sheet')
    await sheet.first().waitFor()
    expect(await sheet.count()).toBe(1)
    expect(await sheet.innerText()).toContain('商铺单位告知清单')
    expect(await sheet.innerText()).toContain('老街理发')
    await app.screenshot('notices-units-checklist')
  })
})
