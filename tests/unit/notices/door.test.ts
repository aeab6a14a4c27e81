import { afterEach, describe, expect, it } from 'vitest'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { workerOf } from '../register/fixtures'
import { fail, notice, noticeCounts, okAs, TODAY, town } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('入户告知: marking the checklist', () => {
  it('marks a building’s households in a row, with who, when and how; progress per grid follows', async () => {
    b = await testBackend()
    const t = await town(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'buildings', buildingIds: [t.building3, t.building5] } }))
    const done = await b.ok('notices.mark', { id: n.id, householdIds: [t.a101.id, t.a102.id], outcome: 'reached', how: 'in_person', note: '' })
    expect(done).toEqual({ marked: 2, progress: { targeted: 5, reached: 2, unreachable: 0, pending: 3 } })
    await b.ok('notices.mark', { id: n.id, householdIds: [t.a201.id], outcome: 'unreachable', how: null, note: '敲门无人' })
    await b.ok('notices.mark', { id: n.id, householdIds: [t.b101.id], outcome: 'reached', how: 'door_note', note: '' })
    const page = await b.ok('notices.checklist', { id: n.id })
    expect(page.rows.map((r) => [r.outcome, r.how, r.markedBy])).toEqual([
      ['reached', 'in_person', '本机'],
      ['reached', 'in_person', '本机'],
      ['unreachable', null, '本机'],
      ['reached', 'door_note', '本机'],
      ['pending', null, '']
    ])
    expect(page.rows[0]?.markedAt).toBe(b.clock.now().toISOString())
    expect(page.rows[2]?.note).toBe('敲门无人')
    const detail = await b.ok('notices.get', { id: n.id })
    expect(detail.progress.map((g) => [g.gridName, g.targeted, g.reached, g.unreachable, g.pending])).toEqual([
      ['乙网格', 2, 1, 0, 1],
      ['甲网格', 3, 2, 1, 0]
    ])
    // A mistake undone: back to 未告知, who and when cleared.
    await b.ok('notices.mark', { id: n.id, householdIds: [t.b101.id], outcome: 'pending', how: null, note: '' })
    expect((await b.ok('notices.checklist', { id: n.id, outcome: 'pending' })).rows.map((r) => [r.householdId, r.markedBy, r.markedAt])).toEqual([
      [t.b101.id, '', null],
      [t.b102.id, '', null]
    ])
    expect((await b.ok('notices.checklist', { id: n.id, gridId: t.a.id })).total).toBe(3)
    expect((await b.ok('notices.checklist', { id: n.id, q: '5栋1单元101' })).rows.map((r) => r.householdId)).toEqual([t.b101.id])
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'notices.mark' ORDER BY id LIMIT 1")
    expect(audit?.summary).toBe('入户告知“关于减少外出的通知”：2 户标记为已告知（当面）')
  })

  it('refuses a household outside the target, a notice without 入户告知 and 已告知 without how; nothing is half marked', async () => {
    b = await testBackend()
    const t = await town(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'grids', gridIds: [t.a.id] } }))
    const banner = await b.ok('notices.create', notice({ channels: ['banner'] }))
    const before = noticeCounts(b)
    const marks = () => b.store.all<{ outcome: string }>("SELECT outcome FROM notice_households WHERE outcome <> 'pending'")
    expect(fail(await b.call('notices.mark', { id: n.id, householdIds: [t.a101.id, t.b101.id], outcome: 'reached', how: 'phone', note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '幸福里小区 5栋 1单元 101 不在这条通知的告知范围内，不能标记。',
      details: { issues: [{ path: 'householdIds.1' }] }
    })
    expect(fail(await b.call('notices.mark', { id: n.id, householdIds: [424242], outcome: 'reached', how: 'phone', note: '' }))).toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(fail(await b.call('notices.mark', { id: banner.id, householdIds: [t.a101.id], outcome: 'reached', how: 'phone', note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '这条通知没有选择“入户告知”渠道，没有入户清单。'
    })
    expect(fail(await b.call('notices.mark', { id: n.id, householdIds: [t.a101.id], outcome: 'reached', how: null, note: '' }))).toMatchObject({
      details: { issues: [{ path: 'how', message: '请选择告知方式：当面、门贴或电话' }] }
    })
    expect(fail(await b.call('notices.mark', { id: n.id, householdIds: [], outcome: 'unreachable', how: null, note: '' }))).toMatchObject({ code: 'BAD_ARGS' })
    expect(marks()).toEqual([])
    expect(noticeCounts(b)).toEqual(before)
  })

  it('pages a long checklist in address order', async () => {
    b = await testBackend()
    await town(b)
    const n = await b.ok('notices.create', notice())
    const first = await b.ok('notices.checklist', { id: n.id, page: 1, pageSize: 4 })
    const second = await b.ok('notices.checklist', { id: n.id, page: 2, pageSize: 4 })
    expect([first.total, first.rows.length, second.rows.length]).toEqual([6, 4, 2])
    expect(second.rows.map((r) => r.address)).toEqual(['幸福里小区 5栋 1单元 201', '幸福里小区 7栋 1单元 101'])
    expect(second.rows[1]?.gridName).toBe('未划入网格')
    expect((await b.ok('notices.checklist', { id: n.id, noGrid: true })).total).toBe(1)
  })

  it('prints one checklist sheet per grid, its workers named', async () => {
    b = await testBackend()
    const t = await town(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'grids', gridIds: [t.a.id, t.other.id] } }))
    const all = await b.ok('notices.sheets', { id: n.id })
    expect(all.sheets.map((s) => [s.gridName, s.workers, s.rows.length])).toEqual([
      ['乙网格', [], 2],
      ['甲网格', ['张网格员'], 3]
    ])
    expect(all.notice.communityName).toBe('')
    const one = await b.ok('notices.sheets', { id: n.id, gridId: t.a.id })
    expect(one.sheets.map((s) => s.gridName)).toEqual(['甲网格'])
  })
})

describe('入户告知: grid scope and roles', () => {
  it('a grid worker sees their grids’ part only, marks only their households; another grid’s notice answers as a missing one', async () => {
    b = await testBackend()
    const t = await town(b)
    const both = await b.ok('notices.create', notice({ target: { kind: 'buildings', buildingIds: [t.building3, t.building5] } }))
    const theirs = await b.ok('notices.create', notice({ title: '乙网格停水通知', target: { kind: 'grids', gridIds: [t.other.id] } }))
    const everyone = await b.ok('notices.create', notice({ title: '辟谣', channels: ['wechat'] }))
    const worker = workerOf(t.a.id)
    const list = await okAs(b, 'notices.list', {}, worker)
    expect(list.total).toBe(2)
    expect(list.rows.map((r) => r.id)).toEqual([everyone.id, both.id])
    expect(list.rows[1]?.door).toEqual({ targeted: 3, reached: 0, unreachable: 0, pending: 3 })
    const unseen = (envelope: unknown, id: number) => JSON.stringify(envelope).replaceAll(String(id), '#')
    for (const [method, args] of [
      ['notices.get', { id: theirs.id }],
      ['notices.checklist', { id: theirs.id }],
      ['notices.sheets', { id: theirs.id }],
      ['notices.mark', { id: theirs.id, householdIds: [t.b101.id], outcome: 'reached', how: 'phone', note: '' }]
    ] as const) {
      const answer = await b.call(method, args, worker)
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(unseen(answer, theirs.id)).toBe(unseen(await b.call(method, { ...args, id: 99999 }, worker), 99999))
    }
    const page = await okAs(b, 'notices.checklist', { id: both.id }, worker)
    expect(page.rows.map((r) => r.gridName)).toEqual(['甲网格', '甲网格', '甲网格'])
    // Another grid's household on the same checklist answers as a missing one, not as "outside the target".
    const other = await b.call('notices.mark', { id: both.id, householdIds: [t.b101.id], outcome: 'reached', how: 'phone', note: '' }, worker)
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `找不到该住户（编号 ${t.b101.id}），可能已被删除。` } })
    expect(await b.call('notices.mark', { id: both.id, householdIds: [t.a101.id], outcome: 'reached', how: 'phone', note: '' }, worker)).toMatchObject({
      ok: true,
      data: { progress: { targeted: 3, reached: 1 } }
    })
    const detail = await okAs(b, 'notices.get', { id: both.id }, worker)
    expect(detail.progress.map((g) => g.gridName)).toEqual(['甲网格'])
  })

  it('只读 reads and prints, cannot publish, post or mark; a grid worker cannot publish', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const t = await town(b)
    const n = await b.ok('notices.create', notice())
    const readonly = await loginAs(b, admin, 'reader', 'readonly')
    expect(await readonly.call('notices.get', { id: n.id })).toMatchObject({ ok: true })
    expect(await readonly.call('notices.sheets', { id: n.id })).toMatchObject({ ok: true })
    for (const [method, args] of [
      ['notices.create', notice()],
      [
        'notices.post',
        { noticeId: n.id, channel: 'wechat', groupName: '群', members: 1, place: '', count: null, poster: '我', postedAt: `${TODAY} 09:00`, note: '' }
      ],
      ['notices.mark', { id: n.id, householdIds: [t.a101.id], outcome: 'reached', how: 'phone', note: '' }],
      ['notices.export', { from: TODAY, to: TODAY }]
    ] as const) {
      expect(await readonly.call(method, args)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const worker = await loginAs(b, admin, 'gridder', 'grid_worker', [t.a.id])
    expect(await worker.call('notices.create', notice())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await worker.call('notices.mark', { id: n.id, householdIds: [t.a102.id], outcome: 'reached', how: 'door_note', note: '' })).toMatchObject({
      ok: true
    })
  })
})
