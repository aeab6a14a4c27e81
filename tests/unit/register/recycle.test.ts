import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, registerCounts, resident } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function familyHome() {
  b = await testBackend()
  const h = await b.ok('households.create', household())
  const head = await b.ok('residents.create', resident({ householdId: h.id, relation: 'head' }))
  const kid = await b.ok('residents.create', resident({ name: '张小宝', idNumber: makeId('20150606', '135'), householdId: h.id, relation: 'child' }))
  return { h, head, kid }
}

describe('回收站', () => {
  it('lists deleted people with the reason, masked, and restores them', async () => {
    const { h, head } = await familyHome()
    await b.ok('residents.delete', { id: head.id, reason: '户籍迁出' })
    expect((await b.ok('households.get', { id: h.id })).householderId).toBeNull()
    const bin = await b.ok('recycle.list', {})
    expect(bin).toMatchObject({
      total: 1,
      rows: [{ kind: 'resident', id: head.id, reason: '户籍迁出', deletedBy: '本机', deletedAt: '2026-02-03T08:00:00.000Z' }]
    })
    expect(bin.rows[0]?.label).toBe(`张三（110101********${makeId().slice(-4)}）`)
    expect(await b.ok('recycle.restore', { kind: 'resident', id: head.id })).toEqual({ kind: 'resident', id: head.id, restored: 1 })
    expect((await b.ok('residents.get', { id: head.id })).relation).toBe('head')
    expect((await b.ok('households.get', { id: h.id })).householderName).toBe('张三')
    expect((await b.ok('recycle.list', {})).total).toBe(0)
    expect(await b.call('recycle.restore', { kind: 'resident', id: head.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('restores a household together with the members deleted with it', async () => {
    const { h, head, kid } = await familyHome()
    await b.ok('households.delete', { id: h.id, reason: '整户搬离' })
    const bin = await b.ok('recycle.list', {})
    expect(bin.rows).toEqual([expect.objectContaining({ kind: 'household', id: h.id, detail: '含 2 名成员' })])
    expect(await b.call('recycle.restore', { kind: 'resident', id: kid.id })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    expect(await b.ok('recycle.restore', { kind: 'household', id: h.id })).toEqual({ kind: 'household', id: h.id, restored: 3 })
    const back = await b.ok('households.get', { id: h.id })
    expect(back.members.map((m) => m.id)).toEqual([head.id, kid.id])
    expect(back.householderId).toBe(head.id)
  })

  it('will not restore a person into a household that is itself in the bin', async () => {
    const { h, kid } = await familyHome()
    await b.ok('residents.delete', { id: kid.id, reason: '去外地上学' })
    await b.ok('households.delete', { id: h.id, reason: '整户搬离' })
    expect((await b.ok('recycle.list', { kind: 'resident' })).total).toBe(1)
    expect(await b.call('recycle.restore', { kind: 'resident', id: kid.id })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
  })

  it('purges for good, leaving no phones, tags or references behind', async () => {
    const { h, head, kid } = await familyHome()
    const g = await b.ok('grids.create', grid('一网格', { workers: [{ name: '张三', phone: '', residentId: head.id }] }))
    await b.ok('residents.delete', { id: kid.id, reason: '去外地上学' })
    await b.ok('households.delete', { id: h.id, reason: '整户搬离' })
    expect(await b.ok('recycle.purge', { kind: 'household', id: h.id })).toEqual({ kind: 'household', id: h.id, purged: 2 })
    expect(registerCounts(b)).toMatchObject({ households: 0, residents: 1, resident_phones: 1 })
    expect((await b.ok('grids.get', { id: g.id })).workers[0]?.residentId).toBeNull()
    // The person binned on their own stays in the bin, now without an address.
    expect((await b.ok('recycle.list', {})).rows).toEqual([expect.objectContaining({ kind: 'resident', id: kid.id, detail: '无住户' })])
    await b.ok('recycle.purge', { kind: 'resident', id: kid.id })
    expect(registerCounts(b)).toMatchObject({ residents: 0, resident_phones: 0, resident_tags: 0 })
    const summary = b.store.get<{ summary: string }>('SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1')?.summary
    expect(summary).toBe(`彻底删除居民 张小宝（110101********${makeId('20150606', '135').slice(-4)}）`)
    // The document is free again once purged.
    await b.ok('residents.create', resident({ name: '张小宝', idNumber: makeId('20150606', '135') }))
  })

  it('is for administrators: needs register.recycle, and refuses live records', async () => {
    const { head } = await familyHome()
    const clerk = { accountId: 2, actor: '工作人员', permissions: new Set(['register.view', 'register.edit'] as const), gridScope: 'all' as const }
    await b.ok('residents.delete', { id: head.id, reason: '重复' })
    for (const method of ['recycle.restore', 'recycle.purge'] as const) {
      expect(await b.call(method, { kind: 'resident', id: head.id }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await b.call('recycle.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.call('recycle.purge', { kind: 'household', id: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('recycle.purge', { kind: 'dog', id: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })
})
