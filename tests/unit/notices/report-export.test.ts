import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { fail, notice, okAs, post, TODAY, town } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const figures = async (day: string) => {
  const report = await b.ok('report.day', { day })
  const section = report.sections.find((s) => s.group === 'notices')
  // The 商铺单位 lines are tested with notices to units (units-target.test.ts); here households.
  return Object.fromEntries((section?.lines ?? []).filter((l) => !l.key.startsWith('notices.units')).map((l) => [l.key, l.value]))
}

describe('宣传告知 in the daily report', () => {
  it('counts notices published that day and households reached of those targeted, by their own days', async () => {
    b = await testBackend()
    const t = await town(b)
    const door = await b.ok('notices.create', notice({ target: { kind: 'buildings', buildingIds: [t.building3, t.building5] } }))
    await b.ok('notices.create', notice({ channels: ['wechat'], publishDate: '2026-02-04' }))
    await b.ok('notices.mark', { id: door.id, householdIds: [t.a101.id, t.a102.id], outcome: 'reached', how: 'in_person', note: '' })
    await b.ok('notices.mark', { id: door.id, householdIds: [t.a201.id], outcome: 'unreachable', how: null, note: '' })
    expect(await figures(TODAY)).toEqual({ 'notices.published': 1, 'notices.reachedToday': 2, 'notices.targeted': 5, 'notices.reached': 2 })
    b.clock.advance(24 * 3600_000)
    await b.ok('notices.mark', { id: door.id, householdIds: [t.b101.id], outcome: 'reached', how: 'phone', note: '' })
    expect(await figures('2026-02-04')).toEqual({ 'notices.published': 1, 'notices.reachedToday': 1, 'notices.targeted': 5, 'notices.reached': 3 })
    // A past day stays as it was: the later mark counts from its own day.
    expect(await figures(TODAY)).toMatchObject({ 'notices.reached': 2 })
    expect(await figures('2026-02-02')).toEqual({ 'notices.published': 0, 'notices.reachedToday': 0, 'notices.targeted': 0, 'notices.reached': 0 })
    const report = await b.ok('report.day', { day: TODAY })
    expect(report.sections.find((s) => s.group === 'notices')?.title).toBe('宣传告知')
  })
})

describe('宣传台账 export', () => {
  it('writes every notice of the range with its channels, target and door-to-door counts, and every publishing record', async () => {
    b = await testBackend()
    const t = await town(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'buildings', buildingIds: [t.building3, t.building5] }, validUntil: '2026-02-10' }))
    await b.ok('notices.post', post(n.id))
    await b.ok('notices.post', post(n.id, { groupName: '=HYPERLINK("x")', members: 180, postedAt: `${TODAY} 11:05` }))
    await b.ok('notices.mark', { id: n.id, householdIds: [t.a101.id, t.b101.id], outcome: 'reached', how: 'in_person', note: '' })
    await b.ok('notices.create', notice({ title: '下月的通知', publishDate: '2026-03-01', channels: ['screen'] }))
    const before = b.count('audit_log')
    const file = await b.ok('notices.export', { from: '2026-02-01', to: '2026-02-28' })
    expect(file.fileName).toBe('宣传台账-2026-02-01至2026-02-28.xlsx')
    expect(b.count('audit_log')).toBe(before + 1)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('宣传台账')!
    const header = (sheet.getRow(4).values as unknown[]).slice(1)
    expect(header).toEqual([
      '序号',
      '发布日期',
      '标题',
      '类型',
      '发布渠道',
      '告知范围',
      '有效期至',
      '发布记录',
      '覆盖群人数',
      '入户目标户数',
      '已告知户数',
      '未联系上户数',
      '入户目标单位数',
      '已告知单位数',
      '未联系上单位数',
      '登记人'
    ])
    const row = (sheet.getRow(5).values as unknown[]).slice(1)
    expect(row).toEqual([
      1,
      new Date('2026-02-03T00:00:00Z'),
      '关于减少外出的通知',
      '防控通知',
      '微信群、入户告知',
      '幸福里小区 3栋、5栋',
      new Date('2026-02-10T00:00:00Z'),
      2,
      500,
      5,
      2,
      0,
      undefined,
      undefined,
      undefined,
      '本机'
    ])
    expect(sheet.getCell('C6').value).not.toBe('下月的通知')
    const posts = book.getWorksheet('发布记录')!
    expect((posts.getRow(5).values as unknown[]).slice(1)).toEqual([
      1,
      '关于减少外出的通知',
      '微信群',
      '幸福里业主1群',
      320,
      undefined,
      '李网格长',
      new Date(`${TODAY}T09:30:00Z`)
    ])
    expect(posts.getCell('D6').value).toBe('=HYPERLINK("x")')
    // A grid worker's copy counts their grids' households only.
    const worker = await okAs(b, 'notices.export', { from: '2026-02-01', to: '2026-02-28' }, workerOf(t.a.id))
    const theirs = new ExcelJS.Workbook()
    await theirs.xlsx.load(Buffer.from(worker.bytes) as unknown as ArrayBuffer)
    expect(['J5', 'K5'].map((cell) => theirs.getWorksheet('宣传台账')!.getCell(cell).value)).toEqual([3, 1])
    expect(fail(await b.call('notices.export', { from: '2026-02-28', to: '2026-02-01' }))).toMatchObject({
      details: { issues: [{ path: 'from', message: '开始日期不能晚于结束日期' }] }
    })
  })
})
