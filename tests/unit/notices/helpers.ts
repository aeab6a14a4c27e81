import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Session } from '../../../electron/backend/context'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_NOTICE } from '../../../shared/schemas/notices'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, resident } from '../register/fixtures'

export const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)

/** A call as a given session (a grid worker) that must succeed; its typed result. */
export async function okAs<M extends Method>(b: TestBackend, method: M, args: MethodArgs<M>, session: Session): Promise<MethodResult<M>> {
  const envelope = (await b.call(method, args, session)) as Envelope<MethodResult<M>>
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.data
}

/** The fixed clock's day on every zone the tests run in (08:00 UTC). */
export const TODAY = '2026-02-03'

export function notice(extra: Partial<MethodArgs<'notices.create'>> = {}): MethodArgs<'notices.create'> {
  return {
    ...EMPTY_NOTICE,
    title: '关于减少外出的通知',
    body: '各位居民：请少出门、不串门、不聚集，出入小区请配合测温。',
    channels: ['wechat', 'door'],
    publishDate: TODAY,
    ...extra
  }
}

export function post(noticeId: number, extra: Partial<MethodArgs<'notices.post'>> = {}): MethodArgs<'notices.post'> {
  return {
    noticeId,
    channel: 'wechat',
    groupName: '幸福里业主1群',
    members: 320,
    place: '',
    count: null,
    poster: '李网格长',
    postedAt: `${TODAY} 09:30`,
    note: '',
    ...extra
  }
}

/**
 * 甲网格 holds 3栋 (three households), 乙网格 5栋 (two, one typed as 五号楼 201; 刘奶奶 独居老人 lives
 * at 101); 7栋 is in no grid (one household).
 */
export async function town(b: TestBackend) {
  const a = await b.ok('grids.create', grid('甲网格', { workers: [{ name: '张网格员', phone: '13900002222' }] }))
  const other = await b.ok('grids.create', grid('乙网格'))
  await b.ok('grids.assignBuildings', { gridId: a.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
  await b.ok('grids.assignBuildings', { gridId: other.id, buildings: [{ compound: '幸福里小区', building: '5栋' }] })
  const h = async (building: string, room: string) => b.ok('households.create', household('幸福里小区', building, room, '1单元'))
  const a101 = await h('3栋', '101')
  const a102 = await h('3栋', '102')
  const a201 = await h('3栋', '201')
  const b101 = await h('5栋', '101')
  const b102 = await h('五号楼', '201')
  const loose = await h('7栋', '101')
  await b.ok(
    'residents.create',
    resident({ name: '刘奶奶', idNumber: makeId('19400101', '124'), tags: ['alone_elderly'], householdId: b101.id, relation: 'head' })
  )
  await b.ok('residents.create', resident({ name: '王大爷', idNumber: makeId('19450101'), phones: ['13987654321'], householdId: a101.id, relation: 'head' }))
  const buildings = await b.ok('grids.buildings', {})
  const buildingId = (name: string) => buildings.find((x) => x.building === name)?.id ?? 0
  return { a, other, a101, a102, a201, b101, b102, loose, building3: buildingId('3栋'), building5: buildingId('5栋'), building7: buildingId('7栋') }
}

export function noticeCounts(b: TestBackend): Record<string, number> {
  return Object.fromEntries(['notices', 'notice_targets', 'notice_posts', 'notice_households', 'audit_log'].map((t) => [t, b.count(t)]))
}
