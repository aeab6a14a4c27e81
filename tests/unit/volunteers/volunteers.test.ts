import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import type { VolunteerInput } from '../../../shared/schemas/volunteers'
import { computeCheckChar } from '../../../shared/domain/id-card'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})
const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
const v = (extra: Partial<VolunteerInput>): VolunteerInput => ({ ...EMPTY_VOLUNTEER, ...extra })

describe('volunteers (志愿者花名册)', () => {
  it('registers a non-resident with their own name and phone, masked when shown', async () => {
    backend = await testBackend()
    const saved = await backend.ok(
      'volunteers.create',
      v({ name: '刘干部', phone: '13912345678', kind: 'cadre', politics: 'party', skills: ['驾驶'], canLead: true })
    )
    expect(saved).toMatchObject({ name: '刘干部', phone: '139****5678', kind: 'cadre', politics: 'party', skills: ['驾驶'], canLead: true, status: 'active' })
    const audit = backend.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'volunteers.create'")
    expect(audit?.summary).toBe('登记志愿者 刘干部（下沉干部）')
  })

  it('links a resident: name and phone come from the register; a resident is listed once', async () => {
    backend = await testBackend()
    const household = await backend.ok('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    const id = '11010119800101123'
    const resident = await backend.ok('residents.create', {
      name: '曾小明',
      idType: 'mainland',
      idNumber: id + computeCheckChar(id),
      sex: 'M',
      birthDate: null,
      phones: ['13812345678'],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: household.id
    })
    const saved = await backend.ok('volunteers.create', v({ residentId: resident.id, building: '3栋' }))
    expect(saved).toMatchObject({ residentId: resident.id, name: '曾小明', phone: '138****5678', sex: 'M' })
    const again = fail(await backend.call('volunteers.create', v({ residentId: resident.id })))
    expect(again).toMatchObject({ code: 'CONFLICT', message: '这位居民已经在志愿者名单中。' })
    expect(backend.count('volunteers')).toBe(1)
  })

  it('filters by kind, skill, grid, status and availability', async () => {
    backend = await testBackend()
    const grid = await backend.ok('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    const noMondayMorning = '0' + '1'.repeat(20)
    await backend.ok('volunteers.create', v({ name: '甲', phone: '', kind: 'medical', skills: ['医疗'], gridId: grid.id }))
    await backend.ok('volunteers.create', v({ name: '乙', phone: '', kind: 'teacher', skills: ['教学辅导'], availability: noMondayMorning }))
    await backend.ok('volunteers.create', v({ name: '丙', phone: '', kind: 'teacher', status: 'paused' }))
    const names = async (args: object) => (await backend.ok('volunteers.list', args)).map((x) => x.name)
    expect(await names({})).toEqual(['甲', '乙', '丙'])
    expect(await names({ kind: 'teacher' })).toEqual(['乙', '丙'])
    expect(await names({ skill: '医疗' })).toEqual(['甲'])
    expect(await names({ status: 'paused' })).toEqual(['丙'])
    expect(await names({ available: 0 })).toEqual(['甲', '丙'])
    expect(await names({ q: '乙' })).toEqual(['乙'])
    expect(await names({ gridId: grid.id })).toEqual(['甲'])
  })

  it.each([
    [{ name: '' }, 'name', '请填写姓名，或从居民中选择'],
    [{ phone: '1381234' }, 'phone', '手机号'],
    [{ availability: '111' }, 'availability', '可值班时间'],
    [{ kind: 'doctor' }, 'kind', '请选择志愿者类别'],
    [{ residentId: 999 }, 'residentId', '找不到这位居民']
  ])('refuses %j with a Chinese message, writing nothing', async (extra, field, message) => {
    backend = await testBackend()
    const error = fail(await backend.call('volunteers.create', { ...v({ name: '某人' }), ...extra } as VolunteerInput))
    expect(error?.details?.issues?.[0]?.path).toBe(field)
    expect(error?.message).toContain(message)
    expect(backend.count('volunteers')).toBe(0)
  })

  it('updates status (暂停) and keeps the record', async () => {
    backend = await testBackend()
    const saved = await backend.ok('volunteers.create', v({ name: '丁', phone: '13712345678' }))
    const { id: _id, phone: _p, gridName: _g, updatedAt, ...rest } = saved
    const updated = await backend.ok('volunteers.update', { ...rest, id: saved.id, phone: '', status: 'paused', expectedUpdatedAt: updatedAt })
    expect(updated.status).toBe('paused')
    // The form sends the masked phone back empty: the stored number stays.
    expect(backend.store.get<{ phone: string }>('SELECT phone FROM volunteers')?.phone).toBe('13712345678')
    expect(fail(await backend.call('volunteers.get', { id: 99 }))?.message).toBe('找不到这位志愿者。')
  })
})
