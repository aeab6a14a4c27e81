import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid } from '../register/fixtures'
import { fail, notice, noticeCounts, post, TODAY, town } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('通知公告: publishing', () => {
  it('publishes a notice to two buildings by WeChat and door to door: the checklist is their households, 5栋 however spelled', async () => {
    b = await testBackend()
    const t = await town(b)
    const created = await b.ok(
      'notices.create',
      notice({ channels: ['door', 'wechat'], target: { kind: 'buildings', buildingIds: [t.building3, t.building5] } })
    )
    expect(created).toMatchObject({
      title: '关于减少外出的通知',
      kind: 'prevention',
      channels: ['wechat', 'door'],
      targetKind: 'buildings',
      targetLabel: '幸福里小区 3栋、5栋',
      publishDate: TODAY,
      door: { targeted: 5, reached: 0, unreachable: 0, pending: 5 }
    })
    expect(created.progress.map((g) => [g.gridName, g.targeted, g.workers])).toEqual([
      ['乙网格', 2, []],
      ['甲网格', 3, ['张网格员']]
    ])
    const page = await b.ok('notices.checklist', { id: created.id })
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => r.address)).toEqual([
      '幸福里小区 3栋 1单元 101',
      '幸福里小区 3栋 1单元 102',
      '幸福里小区 3栋 1单元 201',
      '幸福里小区 5栋 1单元 101',
      '幸福里小区 5栋 1单元 201'
    ])
    expect(page.rows[0]).toMatchObject({ householderName: '王大爷', phone: '139****4321', outcome: 'pending', building: '幸福里小区 3栋' })
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'notices.create'")
    expect(audit?.summary).toBe(`发布通知 #${created.id}“关于减少外出的通知”，入户告知 5 户`)
  })

  it('targets the whole community, grids or key groups; a notice without 入户告知 has no checklist', async () => {
    b = await testBackend()
    const t = await town(b)
    const all = await b.ok('notices.create', notice({ channels: ['door'] }))
    expect(all.door?.targeted).toBe(6)
    expect(all.progress.map((g) => g.gridName)).toContain('未划入网格')
    const grid = await b.ok('notices.create', notice({ target: { kind: 'grids', gridIds: [t.a.id] } }))
    expect([grid.targetLabel, grid.door?.targeted]).toEqual(['甲网格', 3])
    const alone = await b.ok('notices.create', notice({ target: { kind: 'key_groups', keyGroups: ['alone_elderly'] } }))
    expect([alone.targetLabel, alone.door?.targeted]).toEqual(['独居老人', 1])
    const banner = await b.ok('notices.create', notice({ channels: ['banner', 'broadcast'], kind: 'rumour' }))
    expect(banner.door).toBeNull()
    expect(b.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM notice_households WHERE notice_id = ?', [banner.id])?.n).toBe(0)
    const list = await b.ok('notices.list', {})
    expect(list.total).toBe(4)
    expect((await b.ok('notices.list', { kind: 'rumour' })).rows.map((r) => r.id)).toEqual([banner.id])
    expect((await b.ok('notices.list', { channel: 'banner' })).rows.map((r) => r.id)).toEqual([banner.id])
    expect((await b.ok('notices.list', { q: '减少外出', pageSize: 2 })).rows).toHaveLength(2)
  })

  it('households registered after publishing do not join the checklist (a snapshot)', async () => {
    b = await testBackend()
    const t = await town(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'grids', gridIds: [t.a.id] } }))
    await b.ok('households.create', { address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room: '301' }, tenure: 'owned', notes: '' })
    expect((await b.ok('notices.get', { id: n.id })).door?.targeted).toBe(3)
  })

  it('refuses bad input by name and writes nothing', async () => {
    b = await testBackend()
    const t = await town(b)
    const before = noticeCounts(b)
    const refusal = async (args: unknown) => fail(await b.call('notices.create', args))
    expect(await refusal(notice({ channels: [] }))).toMatchObject({
      code: 'BAD_ARGS',
      details: { issues: [{ path: 'channels', message: '请至少选择一个发布渠道' }] }
    })
    expect(await refusal(notice({ target: { kind: 'grids', gridIds: [9999] } }))).toMatchObject({
      code: 'NOT_FOUND',
      message: '所选的网格（编号 9999）不存在，请重新选择。',
      details: { issues: [{ path: 'target.gridIds' }] }
    })
    expect(await refusal(notice({ target: { kind: 'buildings', buildingIds: [t.building3, 8888] } }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await refusal(notice({ validUntil: '2026-02-01' }))).toMatchObject({
      details: { issues: [{ path: 'validUntil', message: '有效期至不能早于发布日期' }] }
    })
    expect(await refusal(notice({ title: '  ' }))).toMatchObject({ details: { issues: [{ path: 'title', message: '请填写标题' }] } })
    expect(await refusal(notice({ body: '' }))).toMatchObject({ details: { issues: [{ path: 'body', message: '请填写正文' }] } })
    expect(await refusal(notice({ publishDate: '2026-02-30' }))).toMatchObject({ details: { issues: [{ path: 'publishDate' }] } })
    expect(await refusal(notice({ target: { kind: 'grids', gridIds: [] } }))).toMatchObject({ code: 'BAD_ARGS' })
    // A door-to-door notice to a key group nobody belongs to has nobody to visit.
    expect(await refusal(notice({ target: { kind: 'key_groups', keyGroups: ['maternal'] } }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '告知范围“孕产妇”内没有登记住户，无法入户告知。请换一个范围，或去掉“入户告知”渠道。'
    })
    expect(noticeCounts(b)).toEqual(before)
    const gone = await b.ok('grids.create', grid('丙网格'))
    await b.ok('grids.retire', { id: gone.id })
    expect(await refusal(notice({ target: { kind: 'grids', gridIds: [gone.id] } }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '丙网格已撤销，不能作为告知范围。'
    })
  })
})

describe('通知公告: publishing records', () => {
  it('records a WeChat group post and a banner; refuses a channel the notice did not choose, a missing group name and 入户告知', async () => {
    b = await testBackend()
    await town(b)
    const n = await b.ok('notices.create', notice({ channels: ['wechat', 'banner', 'door'] }))
    const one = await b.ok('notices.post', post(n.id))
    expect(one.postList).toMatchObject([{ channel: 'wechat', groupName: '幸福里业主1群', members: 320, poster: '李网格长', postedAt: `${TODAY} 09:30` }])
    const two = await b.ok(
      'notices.post',
      post(n.id, { channel: 'banner', groupName: '', members: null, place: '小区南门', count: 2, postedAt: `${TODAY} 10:00` })
    )
    expect(two.posts).toBe(2)
    const before = noticeCounts(b)
    expect(fail(await b.call('notices.post', post(n.id, { channel: 'qq' })))).toMatchObject({ code: 'RULE_VIOLATION', message: '这条通知没有选择“QQ群”渠道。' })
    expect(fail(await b.call('notices.post', post(n.id, { groupName: '' })))).toMatchObject({
      details: { issues: [{ path: 'groupName', message: '请填写群名称' }] }
    })
    expect(fail(await b.call('notices.post', post(n.id, { channel: 'banner', groupName: '', place: '', count: null })))).toMatchObject({
      details: { issues: [{ path: 'place' }, { path: 'count' }] }
    })
    expect(fail(await b.call('notices.post', post(n.id, { channel: 'door' })))).toMatchObject({
      details: { issues: [{ path: 'channel', message: '入户告知请在入户清单上逐户标记' }] }
    })
    expect(fail(await b.call('notices.post', post(n.id, { postedAt: '2026-02-03 25:00' })))).toMatchObject({ code: 'BAD_ARGS' })
    expect(fail(await b.call('notices.post', post(987, {})))).toMatchObject({ code: 'NOT_FOUND' })
    expect(noticeCounts(b)).toEqual(before)
    const postId = two.postList[1]?.id ?? 0
    const after = await b.ok('notices.unpost', { noticeId: n.id, postId })
    expect(after.postList.map((p) => p.channel)).toEqual(['wechat'])
    expect(fail(await b.call('notices.unpost', { noticeId: n.id, postId }))).toMatchObject({ code: 'NOT_FOUND' })
  })
})
