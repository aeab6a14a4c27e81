import { afterEach, describe, expect, it } from 'vitest'
import type { Permission } from '../../../shared/contract/types'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { workerOf } from '../register/fixtures'
import { community, fail, request, volunteer, wallClock } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/** 小吴 holds 刘奶奶's medicine (urgent) and 王大爷's groceries (overdue); 陈医生 a caller's; one closed, one unassigned. */
async function assigned(b: TestBackend) {
  const c = await community(b)
  const wu = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
  const chen = await b.ok('volunteers.create', volunteer({ name: '陈医生', kind: 'medical', skills: ['医疗'] }))
  const groceries = await b.ok('help.create', request({ residentId: c.grandpa.id, wantedBy: wallClock(b, -30), notes: '敲门大声点' }))
  const medicine = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine', urgency: 'health', content: '硝苯地平缓释片 2 盒' }))
  const caller = await b.ok('help.create', request({ callerName: '赵先生', callerPhone: '13912345678', callerAddress: '临街门面 12 号' }))
  const closed = await b.ok('help.create', request({ residentId: c.grandma.id, content: '已经办完的' }))
  await b.ok('help.create', request({ callerName: '没分配的' }))
  for (const [id, v] of [
    [groceries.id, wu.id],
    [medicine.id, wu.id],
    [caller.id, chen.id],
    [closed.id, wu.id]
  ] as const) {
    await b.ok('help.act', { id, action: 'assign', volunteerId: v, note: '' })
  }
  await b.ok('help.act', { id: medicine.id, action: 'start', note: '' })
  await b.ok('help.act', { id: closed.id, action: 'finish', note: '已送到' })
  return { c, wu, chen, groceries, medicine, caller }
}

describe('居民求助: the volunteer’s printed task list (help.taskList)', () => {
  it('one sheet per volunteer with their open requests, most urgent first; whole phones, the print audited with the requests', async () => {
    b = await testBackend()
    const { wu, chen, groceries, medicine, caller } = await assigned(b)
    const list = await b.ok('help.taskList', {})
    expect(list.full).toBe(true)
    expect(list.printedAt).toBe(wallClock(b, 0))
    expect(list.groups.map((g) => [g.volunteerName, g.rows.map((r) => r.id)])).toEqual([
      ['小吴', [medicine.id, groceries.id]],
      ['陈医生', [caller.id]]
    ])
    const [first, second] = list.groups[0]?.rows ?? []
    expect(first).toMatchObject({
      name: '刘奶奶',
      phone: '13812345678',
      content: '硝苯地平缓释片 2 盒',
      keyGroups: ['独居老人', '高龄'],
      status: 'in_progress'
    })
    expect(second).toMatchObject({ name: '王大爷', phone: '13987654321', overdue: true, notes: '敲门大声点' })
    expect(list.groups[1]?.rows[0]).toMatchObject({ name: '赵先生', phone: '13912345678', address: '临街门面 12 号' })
    const audit = b.store.all<{ summary: string; detail: string }>("SELECT summary, detail FROM audit_log WHERE method = 'help.taskList'")
    expect(audit).toHaveLength(1)
    expect(audit[0]?.summary).toBe('打印志愿者求助任务单（完整电话，3 条求助）')
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ volunteerId: null, requestIds: [medicine.id, groceries.id, caller.id] })
    // One volunteer's sheet only.
    const one = await b.ok('help.taskList', { volunteerId: chen.id })
    expect(one.groups.map((g) => g.volunteerName)).toEqual(['陈医生'])
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'help.taskList' ORDER BY id DESC")?.s).toBe(
      '打印志愿者求助任务单（陈医生）（完整电话，1 条求助）'
    )
    expect((await b.ok('help.taskList', { volunteerId: wu.id })).groups[0]?.rows).toHaveLength(2)
  })

  it('a role that may not reveal numbers prints them masked and logs nothing; nothing to print logs nothing', async () => {
    b = await testBackend()
    const { c } = await assigned(b)
    const noReveal = { ...workerOf(c.a.grid.id), permissions: new Set<Permission>(['help.view', 'help.edit']) }
    const auditBefore = b.count('audit_log')
    const list = await b.call('help.taskList', {}, noReveal)
    expect(list).toMatchObject({ ok: true, data: { full: false, groups: [{ volunteerName: '小吴', rows: [{ name: '刘奶奶', phone: '138****5678' }] }] } })
    const empty = await b.ok('help.taskList', { volunteerId: 999 })
    expect(empty).toMatchObject({ groups: [] })
    expect(b.count('audit_log')).toBe(auditBefore)
  })

  it('a grid worker prints only their grids’ requests; 只读 and 卡口值守 may not print', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const { c } = await assigned(b)
    const worker = await b.call('help.taskList', {}, workerOf(c.other.grid.id))
    expect(worker).toMatchObject({ ok: true, data: { groups: [{ volunteerName: '小吴', rows: [{ name: '王大爷' }] }] } })
    expect((worker as { data: { groups: unknown[] } }).data.groups).toHaveLength(1)
    for (const role of ['readonly', 'gate'] as const) {
      const caller = await loginAs(b, admin, `u-${role}`, role)
      expect(fail(await caller.call('help.taskList', {}))).toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(fail(await b.call('help.taskList', { volunteerId: 0 }))).toMatchObject({ code: 'BAD_ARGS' })
  })
})
