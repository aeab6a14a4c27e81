import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import { household, makeId, resident } from '../register/fixtures'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'
import { DAY_MS, community, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/**
 * The lists sort by the address order copied onto each episode (0010): whatever changes a
 * person's address while they are being watched, every list follows the new address.
 */
describe('worklist order follows the address', () => {
  async function eastBlock() {
    const c = await community(b)
    // 张三 and 李四 live in 1栋 101; add 201 and 301 in the same grid, one person each.
    const h201 = await b.ok('households.create', household('幸福里小区', '1栋', '201'))
    const h301 = await b.ok('households.create', household('幸福里小区', '1栋', '301'))
    const zhao = await b.ok('residents.create', resident({ name: '赵六', idNumber: makeId('19700303', '159'), householdId: h201.id }))
    const qian = await b.ok('residents.create', resident({ name: '钱七', idNumber: makeId('19750404', '171'), householdId: h301.id }))
    for (const person of [qian, c.zhang, zhao]) await b.ok('returnees.register', trip(person.id))
    return { ...c, h201, h301, zhao, qian }
  }

  const names = async (list: 'due' | 'missed') => (await b.ok('monitoring.worklist', { list })).rows.map((r) => r.name)
  const sheetNames = async () => (await b.ok('monitoring.sheet', {})).groups.flatMap((g) => g.rows.map((r) => r.name))

  it('after a move to another household, an address edit and leaving the household', async () => {
    b = await testBackend()
    const { zhang, zhao, h201 } = await eastBlock()
    expect(await names('due')).toEqual(['张三', '赵六', '钱七'])

    // 张三 moves from 101 to a new household in 401: now last.
    const h401 = await b.ok('households.create', household('幸福里小区', '1栋', '401'))
    await b.ok('residents.move', { id: zhang.id, householdId: h401.id, relation: 'head' })
    expect(await names('due')).toEqual(['赵六', '钱七', '张三'])

    // 201 turns out to be 501: 赵六's household address is corrected, so 赵六 goes after 401.
    const before = await b.ok('households.get', { id: h201.id })
    await b.ok('households.update', {
      id: h201.id,
      address: { compound: '幸福里小区', building: '1栋', unit: '2单元', room: '501' },
      tenure: 'owned',
      notes: '',
      householderId: before.householderId
    })
    expect(await names('due')).toEqual(['钱七', '张三', '赵六'])
    expect(await sheetNames()).toEqual(['钱七', '张三', '赵六'])

    // Leaving the household (no address): the empty key sorts first.
    await b.ok('residents.move', { id: zhao.id, householdId: null, relation: null })
    expect(await names('due')).toEqual(['赵六', '钱七', '张三'])

    // The next day nobody was reached yesterday: 昨日漏测 keeps the same order.
    b.clock.advance(DAY_MS)
    expect(await names('missed')).toEqual(['赵六', '钱七', '张三'])
  })

  it('after merging households, the members take the target address', async () => {
    b = await testBackend()
    const { h301 } = await eastBlock()
    const h001 = await b.ok('households.create', household('幸福里小区', '1栋', '001'))
    await b.ok('households.merge', { sourceId: h301.id, targetId: h001.id })
    expect(await names('due')).toEqual(['钱七', '张三', '赵六'])
  })

  it('0010 copies the order onto episodes that were open before it', async () => {
    const dir = tempDir()
    const clock = fixedClock()
    const old = await Store.open({ dir, migrations: MIGRATIONS.slice(0, 9), now: clock.now, idleSnapshotMs: 0 })
    const at = clock.now().toISOString()
    old.transaction((tx) => {
      for (const key of ['1-0301', '1-0101']) {
        const rid = tx.run(
          `INSERT INTO residents (sort_key, name, name_initials, name_pinyin, id_type, phones, person_type, created_at, updated_at)
           VALUES (?, ?, 'x', 'x', 'mainland', '[]', 'registered', ?, ?)`,
          [key, `居民${key}`, at, at]
        ).lastInsertRowid
        tx.run(
          `INSERT INTO observation_episodes (resident_id, kind, start_date, days, end_date, status, created_at, updated_at)
           VALUES (?, 'home_observation', '2026-02-01', 14, '2026-02-15', 'observing', ?, ?)`,
          [rid, at, at]
        )
      }
    })
    old.close()
    const upgraded = await Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0 })
    expect(upgraded.all('SELECT resident_id AS residentId, sort_key AS sortKey FROM observation_episodes ORDER BY id')).toEqual([
      { residentId: 1, sortKey: '1-0301' },
      { residentId: 2, sortKey: '1-0101' }
    ])
    upgraded.close()
  })
})
