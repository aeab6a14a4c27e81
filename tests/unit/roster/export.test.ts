import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import type { VolunteerInput } from '../../../shared/schemas/volunteers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})
const WEEK = '2026-02-02' // Monday

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return workbook
}
const text = (sheet: ExcelJS.Worksheet | undefined, address: string) => String(sheet?.getCell(address).value ?? '')
const audits = (method: string) =>
  backend.store.all<{ summary: string }>('SELECT summary FROM audit_log WHERE method = ? ORDER BY id', [method]).map((r) => r.summary)

async function volunteer(name: string, phone: string, extra: Partial<VolunteerInput> = {}): Promise<number> {
  return (await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name, phone, ...extra })).id
}

describe('志愿者花名册 export', () => {
  it('exports the filtered list with masked phones as text, the header block and the notice, and audits it', async () => {
    backend = await testBackend()
    await volunteer('张医生', '13900000001', { kind: 'medical', skills: ['医疗', '驾驶'], politics: 'party', canLead: true, sex: 'F' })
    await volunteer('李老师', '13900000002', { kind: 'teacher', availability: `110${'0'.repeat(18)}` })
    await volunteer('王民警', '13900000003', { kind: 'police', status: 'paused' })

    const all = await backend.ok('volunteers.export', {})
    expect(all.fileName).toMatch(/^志愿者花名册-\d{8}\.xlsx$/)
    const workbook = await read(all.bytes)
    const sheet = workbook.getWorksheet('志愿者花名册')
    expect(text(sheet, 'A1')).toMatch(/志愿者花名册$/)
    expect(text(sheet, 'A2')).toMatch(/^填报单位：.*共 3 人$/)
    expect(text(sheet, 'A3')).toMatch(/^仅限疫情防控工作使用 导出人：.+ 时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(sheet?.getRow(4).values).toEqual(expect.arrayContaining(['序号', '姓名', '联系电话', '类别', '可值班时间', '状态']))
    expect(sheet?.rowCount).toBe(7)
    // Paused people sort after the active ones, as in the list.
    expect([5, 6, 7].map((r) => text(sheet, `B${r}`))).toEqual(['张医生', '李老师', '王民警'])
    expect(text(sheet, 'D5')).toBe('139****0001')
    expect(sheet?.getCell('D5').numFmt).toBe('@')
    expect(text(sheet, 'C5')).toBe('女')
    expect(text(sheet, 'E5')).toBe('医务人员')
    expect(text(sheet, 'F5')).toBe('党员')
    expect(text(sheet, 'G5')).toBe('医疗、驾驶')
    expect(text(sheet, 'J5')).toBe('全周')
    expect(text(sheet, 'K5')).toBe('可')
    expect(text(sheet, 'J6')).toBe('周一上午下午')
    expect(text(sheet, 'L7')).toBe('暂停')
    const raw = JSON.stringify(sheet?.getSheetValues())
    for (const phone of ['13900000001', '13900000002', '13900000003']) expect(raw).not.toContain(phone)

    const filtered = await read((await backend.ok('volunteers.export', { status: 'active', skill: '医疗' })).bytes)
    const one = filtered.getWorksheet('志愿者花名册')
    expect(one?.rowCount).toBe(5)
    expect(text(one, 'A2')).toContain('共 1 人    筛选：技能 医疗，状态 在岗')
    expect(audits('volunteers.export')).toEqual(['导出志愿者花名册，3 人', '导出志愿者花名册，1 人（技能 医疗，状态 在岗）'])
  })
})

describe('值班排班表 export', () => {
  it('writes one sheet per checkpoint, days across, shifts down, ★ for the lead, masked phones and the duty footer', async () => {
    backend = await testBackend()
    const east = await backend.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    const west = await backend.ok('checkpoints.create', { name: '西门', place: '', kind: 'both', hours: '白天' })
    const early = await backend.ok('shifts.create', { checkpointId: east.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
    const night = await backend.ok('shifts.create', { checkpointId: east.id, name: '夜班', start: '23:00', end: '07:00', minStaff: 2, leadRequired: true })
    const day = await backend.ok('shifts.create', { checkpointId: west.id, name: '白班', start: '08:00', end: '18:00', minStaff: 1, leadRequired: false })
    const a = await volunteer('志愿者甲', '13900000001', { canLead: true })
    const b = await volunteer('志愿者乙', '13900000002')
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-02', templateId: night.id, volunteerId: b, isLead: false })
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-02', templateId: night.id, volunteerId: a, isLead: true })
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-04', templateId: early.id, volunteerId: b, isLead: false })
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-08', templateId: day.id, volunteerId: b, isLead: false })
    await backend.ok('roster.saveSettings', { weeklyHourCap: 48, minRestHours: 8, dutyOfficer: '王主任', dutyPhone: '0371-65551234' })

    const file = await backend.ok('roster.export', { week: '2026-02-05' })
    expect(file.fileName).toBe('值班排班表-20260202.xlsx')
    const workbook = await read(file.bytes)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['东门', '西门'])
    const sheet = workbook.getWorksheet('东门')
    expect(text(sheet, 'A1')).toMatch(/东门值班排班表（2026年2月2日 至 2026年2月8日）$/)
    expect(text(sheet, 'A2')).toMatch(/^填报单位：.*卡口：东门/)
    expect(text(sheet, 'A3')).toMatch(/^仅限疫情防控工作使用 导出人：/)
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      '班次',
      '周一 02-02',
      '周二 02-03',
      '周三 02-04',
      '周四 02-05',
      '周五 02-06',
      '周六 02-07',
      '周日 02-08'
    ])
    expect(text(sheet, 'A5')).toBe('早班\n07:00-15:00')
    expect(text(sheet, 'A6')).toBe('夜班\n23:00-07:00')
    expect(text(sheet, 'D5')).toBe('志愿者乙 139****0002')
    expect(text(sheet, 'B6')).toBe('★志愿者甲 139****0001\n志愿者乙 139****0002')
    expect(text(sheet, 'B5')).toBe('')
    expect(sheet?.getCell('B6').numFmt).toBe('@')
    expect(text(sheet, 'A8')).toBe('值班负责人：王主任    联系电话：0371-65551234')
    const westSheet = workbook.getWorksheet('西门')
    expect(text(westSheet, 'A5')).toBe('白班\n08:00-18:00')
    expect(text(westSheet, 'H5')).toBe('志愿者乙 139****0002')
    for (const s of workbook.worksheets) expect(JSON.stringify(s.getSheetValues())).not.toMatch(/1390000000\d/)
    expect(audits('roster.export')).toEqual(['导出值班排班表 2026-02-02 起一周，2 个卡口，4 人次'])
  })

  it('still gives a sheet (with blank duty lines) for a week without shifts', async () => {
    backend = await testBackend()
    const workbook = await read((await backend.ok('roster.export', { week: WEEK })).bytes)
    expect(workbook.worksheets).toHaveLength(1)
    const sheet = workbook.worksheets[0]
    expect(text(sheet, 'A2')).toContain('本周没有班次')
    expect(text(sheet, 'A6')).toBe('值班负责人：____________    联系电话：____________')
  })

  it('refuses a date that does not exist, in Chinese', async () => {
    backend = await testBackend()
    const envelope = await backend.call('roster.export', { week: '2026-02' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_ARGS', message: expect.stringContaining('日期格式应为 YYYY-MM-DD') } })
  })
})
