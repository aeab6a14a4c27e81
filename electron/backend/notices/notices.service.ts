import { localIsoDate } from '../../../shared/domain/dates'
import { DOOR_HOW_LABELS, DOOR_OUTCOME_LABELS, NOTICE_AUDIENCE_UNIT, NOTICE_CHANNELS, NOTICE_CHANNEL_LABELS } from '../../../shared/domain/notices'
import { KEY_GROUP_LABELS } from '../../../shared/domain/register'
import { UNIT_KIND_LABELS } from '../../../shared/domain/units'
import { AppError } from '../../../shared/errors'
import type { NoticeInput, NoticeMark, NoticeMarkUnits, NoticePost } from '../../../shared/schemas/notices'
import type { Session } from '../context'
import type { Db, SqlPart } from '../kit/db'
import { notFound } from '../kit/errors'
import { inScope, scopeSql } from '../kit/scope'
import { getHousehold } from '../register/household-record.repo'
import type { Tx } from '../store/store'
import type { NoticeRecord, NoticeWrite } from './notices.repo'
import { buildingsByIds, entriesOf, getNotice, gridsByIds, insertNotice, insertTarget, markEntries, snapshotHouseholds, visibleSql } from './notices.repo'
import { deletePost, getPost, insertPost } from './posts.repo'
import { markUnitEntries, snapshotUnits, unitEntriesOf, unitFact } from './notice-units.repo'

/** The caller's grids as a condition on a grid column written '{col}' (the repo names the column). */
export const gridScopeOf = (session: Session): SqlPart => scopeSql('{col}', session.gridScope)

/** A notice asked for by id; one a grid worker may not see is answered as missing. */
export function liveNotice(db: Db, session: Session, id: number): NoticeRecord {
  const notice = getNotice(db, id, visibleSql(gridScopeOf(session)))
  if (!notice) throw notFound('通知', id)
  return notice
}

const issue = (path: string, message: string) => ({ issues: [{ path, message }] })

/** Grids a target names: each must exist and still work. */
function liveGrids(db: Db, ids: number[]) {
  const found = gridsByIds(db, ids)
  const missing = ids.find((id) => !found.some((g) => g.id === id))
  if (missing !== undefined) throw new AppError('NOT_FOUND', `所选的网格（编号 ${missing}）不存在，请重新选择。`, issue('target.gridIds', '网格不存在'))
  const retired = found.find((g) => g.retired)
  if (retired) throw new AppError('RULE_VIOLATION', `${retired.name}已撤销，不能作为告知范围。`, issue('target.gridIds', '网格已撤销'))
  return found
}

/**
 * The target as stored: grids that exist and still work, buildings that exist (each keeps the grid
 * it is in), key groups; and the label a list and the 宣传台账 show, fixed at publishing.
 */
function resolveTarget(db: Db, target: NoticeInput['target']) {
  if (target.kind === 'community') return { label: '全社区', rows: [], ids: [], tags: [] }
  if (target.kind === 'grids') {
    const ids = [...new Set(target.gridIds)]
    const found = liveGrids(db, ids)
    return { label: found.map((g) => g.name).join('、'), rows: found.map((g) => ({ gridId: g.id, buildingId: null, tag: null })), ids, tags: [] }
  }
  if (target.kind === 'units') {
    const ids = [...new Set(target.gridIds)]
    const found = liveGrids(db, ids)
    const kinds = [...new Set(target.unitKinds)]
    const where = [found.map((g) => g.name).join('、'), kinds.map((k) => UNIT_KIND_LABELS[k]).join('、')].filter((part) => part !== '')
    return {
      label: `商铺单位${where.length > 0 ? `（${where.join('；')}）` : '（全部）'}`,
      rows: [...found.map((g) => ({ gridId: g.id, buildingId: null, tag: null })), ...kinds.map((tag) => ({ gridId: null, buildingId: null, tag }))],
      ids,
      tags: kinds
    }
  }
  if (target.kind === 'buildings') {
    const ids = [...new Set(target.buildingIds)]
    const found = buildingsByIds(db, ids)
    const missing = ids.find((id) => !found.some((b) => b.id === id))
    if (missing !== undefined) throw new AppError('NOT_FOUND', `所选的楼栋（编号 ${missing}）不存在，请重新选择。`, issue('target.buildingIds', '楼栋不存在'))
    const compounds = [...new Set(found.map((b) => b.compound))]
    const label = compounds
      .map(
        (c) =>
          `${c} ${found
            .filter((b) => b.compound === c)
            .map((b) => b.name)
            .join('、')}`
      )
      .join('；')
    return { label, rows: found.map((b) => ({ gridId: b.gridId, buildingId: b.id, tag: null })), ids, tags: [] }
  }
  const tags = [...new Set(target.keyGroups)]
  return { label: tags.map((t) => KEY_GROUP_LABELS[t]).join('、'), rows: tags.map((tag) => ({ gridId: null, buildingId: null, tag })), ids: [], tags }
}

/**
 * Publishes a notice. With 入户告知, its checklist is the target's households at this moment (a
 * snapshot: households registered later do not join, so "reached of those targeted" keeps one
 * denominator); a door-to-door notice whose target holds no household is refused.
 */
export function createNotice(tx: Tx, session: Session, input: NoticeInput, now: Date): { id: number; households: number; units: number } {
  const target = resolveTarget(tx, input.target)
  const write: NoticeWrite = {
    title: input.title,
    body: input.body,
    kind: input.kind,
    // The domain's order, whatever order the boxes were ticked in.
    channels: NOTICE_CHANNELS.filter((c) => input.channels.includes(c)),
    // 商铺单位 of some grids is stored as a grids target (so a grid worker finds it by its grids), of every grid as the community's.
    targetKind: input.target.kind === 'units' ? (target.ids.length > 0 ? 'grids' : 'community') : input.target.kind,
    audience: input.target.kind === 'units' ? 'units' : 'households',
    targetLabel: target.label,
    publishDate: input.publishDate,
    validUntil: input.validUntil
  }
  const id = insertNotice(tx, write, session.actor, now.toISOString())
  for (const row of target.rows) insertTarget(tx, id, row)
  if (!write.channels.includes('door')) return { id, households: 0, units: 0 }
  if (input.target.kind === 'units') {
    const units = snapshotUnits(tx, id, target.ids, input.target.unitKinds)
    if (units === 0) {
      throw new AppError(
        'RULE_VIOLATION',
        `告知范围“${target.label}”内没有登记的商铺单位（已关闭的不算），无法入户告知。请换一个范围，或去掉“入户告知”渠道。`,
        issue('target', '范围内没有单位')
      )
    }
    return { id, households: 0, units }
  }
  const households = snapshotHouseholds(tx, id, { kind: input.target.kind, ids: target.ids, tags: target.tags })
  if (households === 0) {
    throw new AppError(
      'RULE_VIOLATION',
      `告知范围“${target.label}”内没有登记住户，无法入户告知。请换一个范围，或去掉“入户告知”渠道。`,
      issue('target', '范围内没有住户')
    )
  }
  return { id, households, units: 0 }
}

/** A publishing record of one of the notice's channels (入户告知 is marked on the checklist). */
export function recordPost(tx: Tx, session: Session, args: NoticePost, now: Date): NoticeRecord {
  const notice = liveNotice(tx, session, args.noticeId)
  if (!notice.channels.includes(args.channel)) {
    throw new AppError('RULE_VIOLATION', `这条通知没有选择“${NOTICE_CHANNEL_LABELS[args.channel]}”渠道。`, issue('channel', '通知未选择该渠道'))
  }
  if (args.channel === 'door') throw new AppError('BAD_ARGS', '入户告知请在入户清单上逐户标记。', issue('channel', '入户告知请在清单上标记'))
  insertPost(
    tx,
    {
      noticeId: notice.id,
      channel: args.channel,
      groupName: args.groupName,
      members: args.members,
      place: args.place,
      count: args.count,
      poster: args.poster,
      postedAt: args.postedAt,
      note: args.note
    },
    session.actor,
    now.toISOString()
  )
  return notice
}

/** Removes a mistaken publishing record; a grid worker only their own. */
export function removePost(tx: Tx, session: Session, noticeId: number, postId: number): { notice: NoticeRecord; channel: string } {
  const notice = liveNotice(tx, session, noticeId)
  const post = getPost(tx, postId)
  if (!post || post.noticeId !== notice.id) throw notFound('发布记录', postId)
  if (session.gridScope !== 'all' && post.createdBy !== session.actor) {
    throw new AppError('FORBIDDEN', '只能删除自己登记的发布记录。', { postId })
  }
  deletePost(tx, postId)
  return { notice, channel: NOTICE_CHANNEL_LABELS[post.channel] }
}

/**
 * Marks households of a door-to-door checklist. A household of another grid answers as a missing
 * one (a grid worker must not learn it exists); one of the caller's grids that the notice did not
 * target is refused by name; nothing is marked unless every household may be.
 */
export function markHouseholds(tx: Tx, session: Session, args: NoticeMark, now: Date): { notice: NoticeRecord; marked: number } {
  const notice = doorNotice(tx, session, args.id, 'households')
  const onList = new Map(entriesOf(tx, notice.id, args.householdIds).map((e) => [e.householdId, e.gridId]))
  args.householdIds.forEach((householdId, index) => {
    const listed = onList.has(householdId)
    const household = listed ? null : getHousehold(tx, householdId)
    const live = listed || (household !== undefined && household !== null && household.deletedAt === null)
    const gridId = listed ? (onList.get(householdId) ?? null) : (household?.gridId ?? null)
    if (!live || !inScope(session, gridId))
      throw new AppError('NOT_FOUND', `找不到该住户（编号 ${householdId}），可能已被删除。`, issue(`householdIds.${index}`, '住户不存在'))
    if (!listed) {
      throw new AppError('RULE_VIOLATION', `${household?.address ?? ''} 不在这条通知的告知范围内，不能标记。`, issue(`householdIds.${index}`, '不在告知范围内'))
    }
  })
  const marked = markEntries(tx, notice.id, args.householdIds, markWrite(session, args, now))
  return { notice, marked }
}

/** A door-to-door notice of the audience a method marks; one to the other audience is refused by name. */
function doorNotice(tx: Tx, session: Session, id: number, audience: NoticeRecord['audience']): NoticeRecord {
  const notice = liveNotice(tx, session, id)
  if (!notice.door) throw new AppError('RULE_VIOLATION', '这条通知没有选择“入户告知”渠道，没有入户清单。', issue('id', '没有入户告知'))
  if (notice.audience !== audience) {
    const list = notice.audience === 'units' ? '商铺单位' : '住户'
    throw new AppError('RULE_VIOLATION', `这条通知告知的是${list}，请在它的${list}清单上标记。`, issue('id', `告知对象是${list}`))
  }
  return notice
}

/**
 * Marks units of a notice to 商铺单位, by the households' rule: a unit of another grid answers as
 * a missing one, one the notice did not list is refused by name, all or nothing.
 */
export function markUnits(tx: Tx, session: Session, args: NoticeMarkUnits, now: Date): { notice: NoticeRecord; marked: number } {
  const notice = doorNotice(tx, session, args.id, 'units')
  const onList = new Map(unitEntriesOf(tx, notice.id, args.unitIds).map((e) => [e.unitId, e.gridId]))
  args.unitIds.forEach((unitId, index) => {
    const listed = onList.has(unitId)
    const unit = listed ? undefined : unitFact(tx, unitId)
    const gridId = listed ? (onList.get(unitId) ?? null) : (unit?.gridId ?? null)
    if ((!listed && (!unit || unit.deleted)) || !inScope(session, gridId))
      throw new AppError('NOT_FOUND', `找不到该单位（编号 ${unitId}），可能已被删除。`, issue(`unitIds.${index}`, '单位不存在'))
    if (!listed) throw new AppError('RULE_VIOLATION', `${unit?.name ?? ''} 不在这条通知的告知范围内，不能标记。`, issue(`unitIds.${index}`, '不在告知范围内'))
  })
  const marked = markUnitEntries(tx, notice.id, args.unitIds, markWrite(session, args, now))
  return { notice, marked }
}

function markWrite(session: Session, args: { outcome: NoticeMark['outcome']; how: NoticeMark['how']; note: string }, now: Date) {
  const marking = args.outcome !== 'pending'
  return {
    outcome: args.outcome,
    how: args.outcome === 'reached' ? args.how : null,
    note: args.note,
    by: marking ? session.actor : '',
    at: marking ? now.toISOString() : null,
    day: marking ? localIsoDate(now) : null
  }
}

export function markSummary(notice: NoticeRecord, args: Pick<NoticeMark, 'outcome' | 'how'>, marked: number): string {
  const how = args.outcome === 'reached' && args.how ? `（${DOOR_HOW_LABELS[args.how]}）` : ''
  const what = args.outcome === 'pending' ? '改回未告知' : `标记为${DOOR_OUTCOME_LABELS[args.outcome]}${how}`
  return `入户告知“${notice.title}”：${marked} ${NOTICE_AUDIENCE_UNIT[notice.audience]}${what}`
}
