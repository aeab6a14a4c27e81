import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, fail, helpCounts, request, volunteer, wallClock } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('居民求助: registering a request', () => {
  it('takes a call from a registered person: their household, grid, key groups and masked phone; one step and one audit row', async () => {
    b = await testBackend()
    const c = await community(b)
    const saved = await b.ok('help.create', request({ residentId: c.grandma.id, urgency: 'health', type: 'medicine', content: '降压药吃完了，需要代配' }))
    expect(saved).toMatchObject({
      name: '刘奶奶',
      householdId: c.a.household.id,
      gridId: c.a.grid.id,
      gridName: '甲网格',
      phone: '138****5678',
      status: 'open',
      keyGroups: ['独居老人', '高龄'],
      keptHome: null,
      overdue: false,
      actions: ['assign', 'fail', 'cancel']
    })
    expect(saved.address).toContain('3栋')
    expect(saved.steps).toMatchObject([{ action: 'create', label: '登记', from: null, to: 'open', actor: '本机' }])
    const audit = b.store.all<{ summary: string; record: string }>("SELECT summary, record FROM audit_log WHERE method = 'help.create'")
    expect(audit).toEqual([{ summary: `登记求助 #${saved.id}：药品代购/代配`, record: `help:${saved.id}` }])
  })

  it('takes a caller not in the register by name, phone and address, and keeps their own phone', async () => {
    b = await testBackend()
    const saved = await b.ok('help.create', request({ callerName: '赵先生', callerPhone: '139 1234 5678', callerAddress: '临街门面 12 号' }))
    expect(saved).toMatchObject({ name: '赵先生', address: '临街门面 12 号', phone: '139****5678', householdId: null, gridId: null })
    expect(b.store.get<{ p: string }>('SELECT caller_phone AS p FROM help_requests')?.p).toBe('13912345678')
    expect(await b.ok('help.reveal', { id: saved.id })).toEqual({ id: saved.id, phone: '13912345678' })
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'help.reveal'")?.s).toBe(`查看求助 #${saved.id}（赵先生）的完整电话`)
  })

  it.each([
    [{ householdId: 999 }, 'NOT_FOUND', '找不到该住户'],
    [{ residentId: 999 }, 'NOT_FOUND', '找不到该居民'],
    [{}, 'BAD_ARGS', '请选择住户或居民，或填写求助人姓名'],
    [{ callerName: '赵', callerPhone: '1381234' }, 'BAD_ARGS', '手机号'],
    [{ callerName: '赵', content: '   ' }, 'BAD_ARGS', '请填写求助内容'],
    [{ callerName: '赵', wantedBy: '2026-02-30 10:00' }, 'BAD_ARGS', '要求完成时间不是真实的日期'],
    [{ callerName: '赵', wantedBy: '明天上午' }, 'BAD_ARGS', '要求完成时间格式应为 YYYY-MM-DD HH:mm'],
    [{ callerName: '赵', urgency: 'urgent' }, 'BAD_ARGS', '请选择紧急程度']
  ])('refuses %j with a Chinese message and writes nothing', async (extra, code, message) => {
    b = await testBackend()
    const before = helpCounts(b)
    const error = fail(await b.call('help.create', { ...request(), ...extra }))
    expect(error).toMatchObject({ code })
    expect(error?.message).toContain(message)
    expect(helpCounts(b)).toEqual(before)
  })

  it('refuses a person together with a household they do not live in', async () => {
    b = await testBackend()
    const c = await community(b)
    const error = fail(await b.call('help.create', request({ residentId: c.grandma.id, householdId: c.other.household.id })))
    expect(error).toMatchObject({ code: 'BAD_ARGS', message: '刘奶奶 不住在所选的住户，请重新选择。' })
    expect(b.count('help_requests')).toBe(0)
  })
})

describe('居民求助: the status machine', () => {
  it('assigned → 处理中 → 已完成 with a result → 回访, each step with who and when', async () => {
    b = await testBackend()
    const c = await community(b)
    const v = await b.ok('volunteers.create', volunteer({ name: '陈医生', kind: 'medical', skills: ['医疗'] }))
    const { id } = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine' }))
    const assigned = await b.ok('help.act', { id, action: 'assign', volunteerId: v.id, note: '' })
    expect(assigned).toMatchObject({ status: 'assigned', volunteerName: '陈医生', actions: ['assign', 'start', 'finish', 'fail', 'cancel'] })
    b.clock.advance(3_600_000)
    await b.ok('help.act', { id, action: 'start', note: '' })
    const done = await b.ok('help.act', { id, action: 'finish', note: '已送药到家' })
    expect(done).toMatchObject({ status: 'done', result: '已送药到家', actions: ['follow_up'] })
    const followed = await b.ok('help.act', { id, action: 'follow_up', satisfied: true, note: '老人很满意' })
    expect(followed).toMatchObject({ followUp: 'satisfied', followUpNote: '老人很满意', actions: [] })
    expect(followed.steps.map((s) => [s.label, s.from, s.to])).toEqual([
      ['登记', null, 'open'],
      ['分配', 'open', 'assigned'],
      ['开始处理', 'assigned', 'in_progress'],
      ['办结', 'in_progress', 'done'],
      ['回访', 'done', 'done']
    ])
    expect(followed.steps[1]).toMatchObject({ volunteerName: '陈医生', at: '2026-02-03T08:00:00.000Z', actor: '本机' })
    expect(followed.steps[2]?.at).toBe('2026-02-03T09:00:00.000Z')
    expect(followed.steps[4]?.note).toBe('满意：老人很满意')
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'help.act' ORDER BY id").map((r) => r.summary)
    expect(audit[0]).toBe(`分配求助 #${id}（刘奶奶） 给 陈医生`)
    expect(audit).toHaveLength(4)
  })

  it('refuses finishing without a result, assigning to a paused or unknown volunteer, and steps the table does not allow', async () => {
    b = await testBackend()
    const paused = await b.ok('volunteers.create', volunteer({ name: '暂停的', status: 'paused' }))
    const { id } = await b.ok('help.create', request({ callerName: '赵先生' }))
    const before = helpCounts(b)
    expect(fail(await b.call('help.act', { id, action: 'finish', note: '' }))).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('办理结果') })
    expect(fail(await b.call('help.act', { id, action: 'assign', volunteerId: paused.id, note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '暂停的 目前暂停，不能分配求助，请另选志愿者。'
    })
    expect(fail(await b.call('help.act', { id, action: 'assign', volunteerId: 999, note: '' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(fail(await b.call('help.act', { id, action: 'finish', note: '送到了' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '求助待分配，不能再办结。'
    })
    expect(fail(await b.call('help.act', { id, action: 'start', note: '' }))).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(fail(await b.call('help.act', { id, action: 'follow_up', satisfied: true, note: '' }))).toMatchObject({
      message: '求助待分配，办结后才能回访。'
    })
    expect(fail(await b.call('help.act', { id, action: 'cancel', note: '' }))).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('撤销原因') })
    expect(fail(await b.call('help.act', { id, action: 'jump', note: '' }))).toMatchObject({ code: 'BAD_ARGS' })
    expect(helpCounts(b)).toEqual(before)
    await b.ok('help.act', { id, action: 'cancel', note: '家属已经买到' })
    expect(fail(await b.call('help.act', { id, action: 'cancel', note: '再撤一次' }))).toMatchObject({ message: '求助已撤销，不能再撤销。' })
    expect(fail(await b.call('help.act', { id: 999, action: 'start', note: '' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: '找不到该求助（编号 999），可能已被删除。'
    })
  })

  it('marks a household kept at home by 居家观察, and lists overdue requests first and in red', async () => {
    b = await testBackend()
    const c = await community(b)
    await b.ok('monitoring.start', { residentId: c.grandpa.id, tripId: null, kind: 'home_isolation' })
    const later = await b.ok('help.create', request({ residentId: c.grandma.id, urgency: 'life', wantedBy: wallClock(b, 60) }))
    const late = await b.ok('help.create', request({ residentId: c.grandpa.id, urgency: 'normal', wantedBy: wallClock(b, -30) }))
    const closed = await b.ok('help.create', request({ callerName: '赵先生', urgency: 'life', wantedBy: wallClock(b, -90) }))
    await b.ok('help.act', { id: closed.id, action: 'cancel', note: '重复登记' })
    const list = await b.ok('help.list', {})
    expect(list.rows.map((r) => [r.id, r.overdue])).toEqual([
      [late.id, true],
      [later.id, false],
      [closed.id, false]
    ])
    expect(list.rows[0]?.keptHome).toEqual({ kind: '居家隔离', until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(list.rows[1]?.keptHome).toBeNull()
    expect((await b.ok('help.list', { openOnly: true })).total).toBe(2)
    expect((await b.ok('help.list', { status: 'cancelled' })).rows.map((r) => r.id)).toEqual([closed.id])
    expect((await b.ok('help.list', { urgency: 'life', openOnly: true })).rows.map((r) => r.id)).toEqual([later.id])
    expect((await b.ok('help.list', { q: '王大爷' })).rows.map((r) => r.id)).toEqual([late.id])
    expect((await b.ok('help.list', { gridId: c.a.grid.id })).rows.map((r) => r.id)).toEqual([later.id])
    expect((await b.ok('help.list', { from: '2026-02-04' })).total).toBe(0)
    expect((await b.ok('help.list', { pageSize: 1, page: 2 })).rows.map((r) => r.id)).toEqual([later.id])
    b.clock.advance(2 * 3_600_000)
    expect((await b.ok('help.get', { id: later.id })).overdue).toBe(true)
  })

  it('lists a household’s requests on its page, newest first', async () => {
    b = await testBackend()
    const c = await community(b)
    const first = await b.ok('help.create', request({ householdId: c.a.household.id }))
    const second = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'garbage' }))
    await b.ok('help.create', request({ residentId: c.grandpa.id }))
    const rows = await b.ok('help.ofHousehold', { householdId: c.a.household.id })
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      [second.id, '刘奶奶'],
      [first.id, '刘奶奶']
    ])
    expect(fail(await b.call('help.ofHousehold', { householdId: 999 }))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('居民求助: suggesting a volunteer', () => {
  it('offers the fitting skill first, then the same building and grid, free now, fewest open requests; never a paused one', async () => {
    b = await testBackend()
    const c = await community(b)
    const never = '0'.repeat(21)
    await b.ok('volunteers.create', volunteer({ name: '护士小周', kind: 'medical', skills: ['医疗'] }))
    const neighbour = await b.ok('volunteers.create', volunteer({ name: '邻居小吴', building: '3号楼', gridId: c.a.grid.id }))
    await b.ok('volunteers.create', volunteer({ name: '远处小郑', availability: never }))
    await b.ok('volunteers.create', volunteer({ name: '暂停的医生', skills: ['医疗'], status: 'paused' }))
    const { id } = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine' }))
    const offered = await b.ok('help.suggest', { id })
    expect(offered.map((s) => s.name)).toEqual(['护士小周', '邻居小吴', '远处小郑'])
    expect(offered[0]).toMatchObject({ matchedSkills: ['医疗'], availableNow: true, sameBuilding: false, openLoad: 0 })
    expect(offered[1]).toMatchObject({ matchedSkills: [], sameBuilding: true, sameGrid: true, availableNow: true })
    expect(offered[2]).toMatchObject({ availableNow: false, sameBuilding: false })
    // Load counts: for a caller's garbage run, two open requests put the neighbour after the one not free now.
    const garbage = await b.ok('help.create', request({ callerName: '赵先生', type: 'garbage' }))
    for (let i = 0; i < 2; i++) {
      const other = await b.ok('help.create', request({ callerName: `来电${i}` }))
      await b.ok('help.act', { id: other.id, action: 'assign', volunteerId: neighbour.id, note: '' })
    }
    const again = await b.ok('help.suggest', { id: garbage.id })
    expect(again.map((s) => [s.name, s.openLoad])).toEqual([
      ['护士小周', 0],
      ['远处小郑', 0],
      ['邻居小吴', 2]
    ])
  })
})
