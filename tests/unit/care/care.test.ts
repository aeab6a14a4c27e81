import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { makeId, resident } from '../register/fixtures'
import { volunteer } from '../help/helpers'
import { careCommunity, careCounts, contact, fail, plan } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const DAY = 24 * 60 * 60 * 1000

describe('关爱计划', () => {
  it('a key-group person gets one plan, shown on their page and in 关爱对象; bad input is refused and writes nothing', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    const made = await b.ok('care.create', plan(c.grandma.id, c.worker.id, { notes: '耳背，电话多响几声' }))
    expect(made).toMatchObject({
      name: '刘奶奶',
      phone: '138****5678',
      keyGroups: ['独居老人', '高龄'],
      workerName: '网格员小李',
      active: true,
      lastContact: null
    })
    expect(await b.ok('care.ofResident', { residentId: c.grandma.id })).toMatchObject({ keyGroups: ['独居老人', '高龄'], plan: { id: made.id }, contacts: [] })
    expect(await b.ok('care.plans', {})).toMatchObject({ total: 1, rows: [{ id: made.id }] })
    expect(await b.ok('care.plans', { keyGroup: 'disabled' })).toMatchObject({ total: 0 })

    const paused = await b.ok('volunteers.create', volunteer({ name: '小吴', status: 'paused' }))
    const before = careCounts(b)
    const refusals: [unknown, string][] = [
      [await b.call('care.create', plan(987654, c.worker.id)), 'NOT_FOUND'],
      // 王大爷 is in no key group: care is for the register's 重点人群; the message says how to fix it.
      [await b.call('care.create', plan(c.grandpa.id, c.worker.id)), 'RULE_VIOLATION'],
      [await b.call('care.create', plan(c.grandma.id, c.worker.id)), 'RULE_VIOLATION'],
      [await b.call('care.create', { ...plan(c.grandma.id, c.worker.id), volunteerId: paused.id }), 'BAD_ARGS'],
      [await b.call('care.create', { ...plan(c.grandma.id, c.worker.id), accountId: null }), 'BAD_ARGS'],
      [await b.call('care.create', { ...plan(c.grandma.id, c.worker.id), anchorDay: '2026-02-30' }), 'BAD_ARGS']
    ]
    for (const [answer, code] of refusals) expect(answer).toMatchObject({ ok: false, error: { code } })
    expect(fail(await b.call('care.create', plan(c.grandpa.id, c.worker.id)))?.message).toContain('重点人群')
    expect(careCounts(b)).toEqual(before)
    // A plan by an account that is no grid worker's (the administrator's own) is refused by name.
    const other = await b.ok(
      'residents.create',
      resident({ name: '陈阿姨', idNumber: makeId('19500101', '222'), tags: ['chronic'], householdId: c.a.household.id, relation: 'spouse' })
    )
    const admin = await b.ok('accounts.create', { username: 'staff1', displayName: '办公室小张', role: 'staff', password: 'Role#2026abc' })
    expect(fail(await b.call('care.create', plan(other.id, admin.id)))).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('网格员') })
    expect(fail(await b.call('care.create', { ...plan(other.id, c.worker.id), accountId: null, volunteerId: paused.id }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('小吴')
    })
  })

  it('bulk: everyone of a key group in a grid without a plan gets one; those with one keep theirs', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    await b.ok('care.create', plan(c.grandma.id, c.worker.id, { frequency: 'weekly_visit' }))
    await b.ok(
      'residents.create',
      resident({ name: '孙爷爷', idNumber: makeId('19380101', '333'), tags: ['alone_elderly'], householdId: c.a.household.id, relation: 'parent' })
    )
    const v = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
    const args = {
      gridId: c.a.grid.id,
      keyGroup: 'alone_elderly' as const,
      frequency: 'daily_call' as const,
      anchorDay: '2026-02-03',
      accountId: null,
      volunteerId: v.id,
      notes: ''
    }
    expect(await b.ok('care.bulkCreate', args)).toEqual({ created: 1, alreadyPlanned: 1 })
    expect(await b.ok('care.bulkCreate', args)).toEqual({ created: 0, alreadyPlanned: 2 })
    const rows = (await b.ok('care.plans', { volunteerId: v.id })).rows
    expect(rows.map((r) => [r.name, r.frequency, r.workerName])).toEqual([['孙爷爷', 'daily_call', '小吴']])
    expect((await b.ok('care.plans', {})).rows.find((r) => r.name === '刘奶奶')).toMatchObject({ frequency: 'weekly_visit' })
  })
})

describe('今日关爱', () => {
  it('sorts the day into 待联系, 已联系 and 昨日未联系 by the due rule, and follows the office clock to the next day', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    const daily = await b.ok('care.create', plan(c.grandma.id, c.worker.id))
    const chen = await b.ok(
      'residents.create',
      resident({ name: '陈阿姨', idNumber: makeId('19500101', '222'), tags: ['chronic'], householdId: c.a.household.id, relation: 'spouse' })
    )
    const weekly = await b.ok('care.create', plan(chen.id, c.worker.id, { frequency: 'weekly_call', anchorDay: '2026-02-04' }))
    const today = await b.ok('care.worklist', {})
    expect(today).toMatchObject({
      day: '2026-02-03',
      counts: { due: 1, done: 0, missed: 0, abnormal: 0 },
      total: 1,
      rows: [{ id: daily.id, due: true, contact: null }]
    })
    expect(await b.ok('care.worklist', { day: '2026-02-04' })).toMatchObject({ counts: { due: 2 } })
    expect(await b.ok('care.worklist', { day: '2026-02-05' })).toMatchObject({ counts: { due: 1, missed: 2 } })

    await b.ok('care.contact', contact(daily.id, { outcome: 'abnormal', note: '说胸口闷，已让家属带去医院' }))
    expect(await b.ok('care.worklist', { list: 'done' })).toMatchObject({
      counts: { due: 0, done: 1, abnormal: 1 },
      rows: [{ id: daily.id, contact: { outcome: 'abnormal', note: '说胸口闷，已让家属带去医院', actor: '本机' } }]
    })
    // The next morning: the daily plan is due again, nobody was missed; its last contact shows.
    b.clock.advance(DAY)
    expect(await b.ok('care.worklist', {})).toMatchObject({
      day: '2026-02-04',
      counts: { due: 2, done: 0, missed: 0 },
      rows: [{ lastContact: { day: '2026-02-03', outcome: 'abnormal' } }, {}]
    })
    // A day later, both missed 02-04: yesterday's misses are listed first among today's due.
    b.clock.advance(DAY)
    const late = await b.ok('care.worklist', {})
    expect(late).toMatchObject({ day: '2026-02-05', counts: { due: 1, missed: 2 }, rows: [{ id: daily.id, missedYesterday: true }] })
    expect((await b.ok('care.worklist', { list: 'missed' })).rows.map((r) => r.name)).toEqual(['刘奶奶', '陈阿姨'])
    expect(await b.ok('care.alerts', {})).toMatchObject({ missedTotal: 2, abnormalTotal: 0 })
    // Followed up today: off the home page's misses, still on the day's 昨日未联系 list.
    await b.ok('care.contact', contact(weekly.id, { day: '2026-02-05', method: 'visit' }))
    expect(await b.ok('care.alerts', {})).toMatchObject({ missedTotal: 1, missed: [{ name: '刘奶奶' }] })
    expect(await b.ok('care.worklist', { list: 'missed', keyGroup: 'chronic' })).toMatchObject({ total: 1 })
    expect(await b.ok('care.worklist', { accountId: 999 })).toMatchObject({ counts: { due: 0, missed: 0 } })
  })

  it('需要帮助 opens a help request in the same write: the 求助台账 shows it, by 网格员, for the person', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    const p = await b.ok('care.create', plan(c.grandma.id, c.worker.id))
    const done = await b.ok(
      'care.contact',
      contact(p.id, { method: 'visit', outcome: 'needs_help', note: '降压药快吃完了，请帮忙代配', helpType: 'medicine', urgency: 'health' })
    )
    expect(done.helpRequestId).not.toBeNull()
    expect(done.contact).toMatchObject({ outcome: 'needs_help', helpRequestId: done.helpRequestId })
    const request = await b.ok('help.get', { id: done.helpRequestId ?? 0 })
    expect(request).toMatchObject({
      residentId: c.grandma.id,
      name: '刘奶奶',
      channel: 'grid_worker',
      type: 'medicine',
      urgency: 'health',
      content: '降压药快吃完了，请帮忙代配',
      status: 'open'
    })
    expect((await b.ok('help.list', {})).rows.map((r) => r.id)).toEqual([done.helpRequestId])
    // A volunteer's plan: the request comes by the contact's own way.
    const v = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
    await b.ok('care.update', { id: p.id, frequency: 'daily_call', anchorDay: '2026-02-03', accountId: null, volunteerId: v.id, notes: '', active: true })
    const wechat = await b.ok(
      'care.contact',
      contact(p.id, { day: '2026-02-02', method: 'wechat', outcome: 'needs_help', note: '想买点挂面', helpType: 'groceries' })
    )
    expect(await b.ok('help.get', { id: wechat.helpRequestId ?? 0 })).toMatchObject({ channel: 'wechat', urgency: 'normal' })
  })

  it('a failure after the request was written takes the request back with the contact', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    const p = await b.ok('care.create', plan(c.grandma.id, c.worker.id))
    b.store.transaction((tx) => tx.run(`CREATE TRIGGER care_test_refuse BEFORE INSERT ON care_contacts BEGIN SELECT RAISE(ABORT, 'disk full'); END`))
    const before = careCounts(b)
    const answer = await b.call('care.contact', contact(p.id, { outcome: 'needs_help', note: '要买菜', helpType: 'groceries' }))
    expect(answer).toMatchObject({ ok: false })
    expect(careCounts(b)).toEqual(before)
    expect(b.count('help_requests')).toBe(0)
  })

  it('refuses a contact twice a day, on a paused plan, for a day not yet come, and half-filled forms', async () => {
    b = await testBackend()
    const c = await careCommunity(b)
    const p = await b.ok('care.create', plan(c.grandma.id, c.worker.id))
    await b.ok('care.contact', contact(p.id))
    const before = careCounts(b)
    const twice = fail(await b.call('care.contact', contact(p.id, { outcome: 'abnormal', note: '再打一次' })))
    expect(twice).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('同一天只登记一次') })
    expect(fail(await b.call('care.contact', contact(p.id, { day: '2026-02-04' })))).toMatchObject({ code: 'BAD_ARGS' })
    expect(fail(await b.call('care.contact', contact(p.id, { day: '2026-02-02', outcome: 'needs_help', note: '要买菜' })))).toMatchObject({
      code: 'BAD_ARGS',
      details: { issues: [{ path: 'helpType' }] }
    })
    expect(fail(await b.call('care.contact', contact(p.id, { day: '2026-02-02', outcome: 'abnormal' })))).toMatchObject({
      code: 'BAD_ARGS',
      details: { issues: [{ path: 'note' }] }
    })
    expect(fail(await b.call('care.contact', contact(987654)))).toMatchObject({ code: 'NOT_FOUND' })
    expect(careCounts(b)).toEqual(before)
    await b.ok('care.update', {
      id: p.id,
      frequency: 'daily_call',
      anchorDay: '2026-02-03',
      accountId: c.worker.id,
      volunteerId: null,
      notes: '',
      active: false
    })
    expect(fail(await b.call('care.contact', contact(p.id, { day: '2026-02-02' })))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('暂停')
    })
    expect(await b.ok('care.worklist', {})).toMatchObject({ counts: { due: 0, done: 1 } })
  })
})
