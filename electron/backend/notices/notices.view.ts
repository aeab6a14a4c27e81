import type {
  DoorRow,
  DoorSheet,
  DoorProgress,
  GridProgress,
  NoticeDetail,
  NoticePostView,
  NoticeRow,
  UnitDoorRow,
  UnitDoorSheet
} from '../../../shared/contract'
import { maskPhone } from '../../../shared/domain/mask'
import { UNIT_KIND_LABELS } from '../../../shared/domain/units'
import type { Db, SqlPart } from '../kit/db'
import { loadSettings } from '../settings/settings.service'
import type { ChecklistRecord, DoorCounts, NoticeRecord } from './notices.repo'
import { doorByGrid, doorCounts } from './notices.repo'
import type { UnitChecklistRecord } from './notice-units.repo'
import type { PostRecord } from './posts.repo'
import { postCounts, postsOf } from './posts.repo'

const NO_GRID = '未划入网格'

export function progressOf(c: DoorCounts | undefined): DoorProgress {
  const targeted = c?.targeted ?? 0
  const reached = c?.reached ?? 0
  const unreachable = c?.unreachable ?? 0
  return { targeted, reached, unreachable, pending: targeted - reached - unreachable }
}

/** Rows as the list shows them: door-to-door progress of the caller's grids, posts counted; one query each a page. */
export function toNoticeRows(db: Db, records: NoticeRecord[], scope: SqlPart): NoticeRow[] {
  const ids = records.map((r) => r.id)
  const door = doorCounts(
    db,
    records.filter((r) => r.door).map((r) => r.id),
    scope
  )
  const posts = postCounts(db, ids)
  return records.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    channels: r.channels,
    targetKind: r.targetKind,
    audience: r.audience,
    targetLabel: r.targetLabel,
    publishDate: r.publishDate,
    validUntil: r.validUntil,
    posts: posts.get(r.id) ?? 0,
    door: r.door ? progressOf(door.get(r.id)) : null,
    createdBy: r.createdBy
  }))
}

export function toPostView(p: PostRecord): NoticePostView {
  return {
    id: p.id,
    channel: p.channel,
    groupName: p.groupName,
    members: p.members,
    place: p.place,
    count: p.count,
    poster: p.poster,
    postedAt: p.postedAt,
    note: p.note,
    createdBy: p.createdBy
  }
}

export function gridProgress(db: Db, noticeId: number, scope: SqlPart): GridProgress[] {
  return doorByGrid(db, noticeId, scope).map((g) => ({
    ...progressOf({ targeted: Number(g.targeted), reached: Number(g.reached), unreachable: Number(g.unreachable) }),
    gridId: g.gridId,
    gridName: g.gridName ?? NO_GRID,
    workers: g.workers ? g.workers.split('、') : []
  }))
}

export function toNoticeDetail(db: Db, r: NoticeRecord, scope: SqlPart): NoticeDetail {
  const [row] = toNoticeRows(db, [r], scope)
  if (!row) throw new Error('a row maps to a row')
  return {
    ...row,
    body: r.body,
    createdAt: r.createdAt,
    postList: postsOf(db, [r.id]).map(toPostView),
    progress: r.door ? gridProgress(db, r.id, scope) : [],
    communityName: loadSettings(db).communityName
  }
}

/** A checklist row: the householder's phone masked (the checklist is carried door to door). */
export function toChecklistRow(r: ChecklistRecord): DoorRow {
  return {
    householdId: r.householdId,
    address: r.address ?? '（住户已删除）',
    buildingId: r.buildingId ?? 0,
    building: r.building ?? '（住户已删除）',
    gridId: r.gridId,
    gridName: r.gridName ?? NO_GRID,
    householderName: r.householderName ?? '',
    phone: r.phone ? maskPhone(r.phone) : '',
    outcome: r.outcome,
    how: r.how,
    markedBy: r.markedBy,
    markedAt: r.markedAt,
    note: r.note
  }
}

/** The print's sheets: one a grid, its workers named at the top. */
export function toSheets(records: ChecklistRecord[], progress: GridProgress[]): DoorSheet[] {
  const sheets = new Map<string, DoorSheet>()
  for (const r of records) {
    const key = String(r.gridId)
    let sheet = sheets.get(key)
    if (!sheet) {
      const grid = progress.find((g) => g.gridId === r.gridId)
      sheet = { gridId: r.gridId, gridName: r.gridName ?? NO_GRID, workers: grid?.workers ?? [], rows: [] }
      sheets.set(key, sheet)
    }
    sheet.rows.push(toChecklistRow(r))
  }
  return [...sheets.values()]
}

/** A unit on the checklist: the manager's phone masked, as on every list of units. */
export function toUnitChecklistRow(r: UnitChecklistRecord): UnitDoorRow {
  return {
    unitId: r.unitId,
    name: r.name ?? '（单位已删除）',
    kindLabel: r.kind ? UNIT_KIND_LABELS[r.kind] : '',
    address: r.address ?? '',
    gridId: r.gridId,
    gridName: r.gridName ?? NO_GRID,
    managerName: r.managerName ?? '',
    phone: r.phone ? maskPhone(r.phone) : '',
    outcome: r.outcome,
    how: r.how,
    markedBy: r.markedBy,
    markedAt: r.markedAt,
    note: r.note
  }
}

/** The print's unit sheets: one a grid, as the households'. */
export function toUnitSheets(records: UnitChecklistRecord[], progress: GridProgress[]): UnitDoorSheet[] {
  const sheets = new Map<string, UnitDoorSheet>()
  for (const r of records) {
    const key = String(r.gridId)
    let sheet = sheets.get(key)
    if (!sheet) {
      const grid = progress.find((g) => g.gridId === r.gridId)
      sheet = { gridId: r.gridId, gridName: r.gridName ?? NO_GRID, workers: grid?.workers ?? [], rows: [] }
      sheets.set(key, sheet)
    }
    sheet.rows.push(toUnitChecklistRow(r))
  }
  return [...sheets.values()]
}
