import { compactCode, localIsoDate, maskId, nameSearchKeys, parsePhone, validateIdDocument } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { FieldIssue } from '../../../shared/errors'
import type { Relation } from '../../../shared/schemas/register'
import { RELATION_LABELS } from '../../../shared/schemas/register'
import type { MoveHandover } from '../../../shared/contract/residents'
import type { ResidentCreate, ResidentMove, ResidentMoveHandover, ResidentUpdate } from '../../../shared/schemas/residents'
import { residentIssues } from '../../../shared/schemas/residents'
import type { Session } from '../context'
import { getHousehold, setHouseholder } from '../register/household-record.repo'
import type { HouseholdRecord } from '../register/household-record.repo'
import { handOver, handoverPlan } from '../register/handover.service'
import type { Db } from '../kit/db'
import { assertVisible, inScope } from '../kit/scope'
import { badFields, notFound } from '../kit/errors'
import type { Tx } from '../store/store'
import { findByDocument, getResident, insertResident, placeResident, softDeleteResident, updateResident } from './residents.repo'
import type { ResidentRecord, ResidentWrite } from './residents.repo'
import { phonesOf } from './residents.view'
import { assertFresh, laterThan } from '../kit/stale'

const reverse = (s: string) => Array.from(s).reverse().join('')

type ResidentFields = Omit<ResidentCreate, 'householdId'>
type ResidentUpdateFields = Omit<ResidentUpdate, 'id' | 'expectedUpdatedAt'>

/**
 * Checks a resident against today's date and turns it into what is stored: the canonical
 * document number, sex and birth date taken from a mainland ID, the search keys.
 */
export function prepareResident(args: ResidentFields, today: Date): StoredResident {
  const issues: FieldIssue[] = residentIssues(args, today)
  if (issues.length === 0 && args.idNumber === '' && args.birthDate !== null && args.birthDate > localIsoDate(today)) {
    issues.push({ path: 'birthDate', message: '出生日期晚于今天，请核对' })
  }
  if (issues.length > 0) throw badFields(issues)
  const doc = args.idNumber === '' ? null : validateIdDocument(args.idType, args.idNumber, today)
  if (doc && !doc.ok) throw badFields([{ path: 'idNumber', message: doc.message }])
  const phones: string[] = []
  for (const raw of args.phones) {
    const parsed = raw === '' ? null : parsePhone(raw)
    if (parsed?.ok && !phones.includes(parsed.phone)) phones.push(parsed.phone)
  }
  return storedResident({
    ...args,
    idNumber: doc ? doc.number : '',
    sex: args.sex ?? doc?.sex ?? null,
    birthDate: args.birthDate ?? doc?.birthDate ?? null,
    phones
  })
}

type StoredResident = Omit<ResidentWrite, 'householdId' | 'gridId' | 'sortKey'>

/**
 * The stored form of fields that have already passed the checks (prepareResident's, or an
 * import's row check): canonical document number and phones, sex and birth date settled.
 * Only the search keys are computed here.
 */
export function storedResident(checked: ResidentFields): StoredResident {
  const keys = nameSearchKeys(checked.name)
  const idNumber = checked.idNumber === '' ? null : checked.idNumber
  return {
    name: checked.name,
    initials: keys.initials,
    pinyin: keys.full,
    idType: checked.idType,
    idNumber,
    idRev: idNumber === null ? null : reverse(compactCode(idNumber)),
    sex: checked.sex,
    birthDate: checked.birthDate,
    phones: checked.phones.map((phone) => ({ phone, digitsRev: reverse(phone.split('转')[0]?.replace(/\D/g, '') ?? '') })),
    tags: [...new Set(checked.tags)],
    relation: checked.relation,
    personType: checked.personType,
    notes: checked.notes
  }
}

/** Where a new resident goes: a household already found (and checked to be in scope) by the caller. */
export interface Placement {
  householdId: number
  gridId: number | null
  addressKey: string
}

/**
 * Adds a resident whose fields an import's row check has already validated, inside the
 * import's transaction: the check ran in the same transaction, so the document is known
 * to be free and the household to be in scope. Returns the new id.
 */
export function insertCheckedResident(tx: Tx, checked: ResidentFields, placement: Placement | null, at: string): number {
  const w = storedResident(checked)
  if (placement === null) return insertResident(tx, { ...w, relation: null, householdId: null, gridId: null, sortKey: '' }, at)
  const id = insertResident(tx, { ...w, householdId: placement.householdId, gridId: placement.gridId, sortKey: placement.addressKey }, at)
  if (w.relation === 'head') setHouseholder(tx, placement.householdId, id)
  return id
}

/** One person per document: a second registration is pointed at the first. */
export function assertDocumentFree(db: Db, session: Session, w: { idType: ResidentWrite['idType']; idNumber: string | null }, selfId: number | null): void {
  if (w.idNumber === null) return
  const existing = findByDocument(db, w.idType, w.idNumber)
  if (!existing || existing.id === selfId) return
  const issues = [{ path: 'idNumber', message: '该证件号码已登记' }]
  // Outside the caller's grids: the same answer whether the person is in another grid, in no
  // grid or in the recycle bin, so a grid worker cannot probe where an ID number is registered.
  if (!inScope(session, existing.gridId)) {
    throw new AppError('CONFLICT', `证件号码 ${maskId(w.idNumber)} 已登记，请联系社区工作人员核对。`, { issues })
  }
  const where = existing.deletedAt ? '（该居民在回收站中，可由管理员恢复）' : '，可直接打开该居民'
  throw new AppError('CONFLICT', `证件号码 ${maskId(w.idNumber)} 已登记为“${existing.name}”${where}。`, {
    existingId: existing.id,
    existingName: existing.name,
    deleted: existing.deletedAt !== null,
    issues
  })
}

export function liveHousehold(db: Db, session: Session, id: number): HouseholdRecord {
  const household = getHousehold(db, id)
  if (!household || household.deletedAt) throw notFound('住户', id)
  assertVisible(session, household.gridId, notFound('住户', id))
  return household
}

export function liveResident(db: Db, session: Session, id: number): ResidentRecord {
  const resident = getResident(db, id)
  if (!resident || resident.deletedAt) throw notFound('居民', id)
  assertVisible(session, resident.gridId, notFound('居民', id))
  return resident
}

/** A household has one 户主: naming a second is refused rather than silently replacing the first. */
export function assertHeadFree(household: HouseholdRecord, relation: Relation | null, selfId: number | null): void {
  if (relation !== 'head' || household.householderId === null || household.householderId === selfId) return
  throw new AppError('RULE_VIOLATION', `${household.address} 已有户主“${household.householderName ?? ''}”。如需更换户主，请在住户页面修改。`, {
    householdId: household.id,
    issues: [{ path: 'relation', message: `该户已有户主，不能再选“${RELATION_LABELS.head}”` }]
  })
}

export function createResident(tx: Tx, session: Session, args: ResidentCreate, today: Date, at: string): number {
  const { householdId, ...fields } = args
  const w = prepareResident(fields, today)
  assertDocumentFree(tx, session, w, null)
  if (householdId === null) {
    if (session.gridScope !== 'all') {
      throw new AppError('FORBIDDEN', '网格员登记居民时请选择本网格内的住户。', { issues: [{ path: 'householdId', message: '请选择住户' }] })
    }
    return insertResident(tx, { ...w, relation: null, householdId: null, gridId: null, sortKey: '' }, at)
  }
  const household = liveHousehold(tx, session, householdId)
  assertHeadFree(household, w.relation, null)
  const id = insertResident(tx, { ...w, householdId, gridId: household.gridId, sortKey: household.addressKey }, at)
  if (w.relation === 'head') setHouseholder(tx, householdId, id)
  return id
}

/**
 * A person who works in the community but lives elsewhere (a shop's worker from outside): a
 * person record of their own, in no household, in the grid of the place they work, so their
 * trip and observation (returnees', monitoring's) are followed by that grid's worker. The same
 * document rules as any resident; a document already registered is pointed at the person.
 */
export function registerPersonElsewhere(tx: Tx, session: Session, fields: ResidentFields, gridId: number | null, today: Date, at: string): number {
  const w = prepareResident(fields, today)
  assertDocumentFree(tx, session, w, null)
  return insertResident(tx, { ...w, relation: null, householdId: null, gridId, sortKey: '' }, at)
}

export function updateResidentRecord(
  tx: Tx,
  session: Session,
  id: number,
  update: ResidentUpdateFields,
  today: Date,
  now: string,
  expectedUpdatedAt?: string
): ResidentRecord {
  const before = liveResident(tx, session, id)
  assertFresh(before.updatedAt, expectedUpdatedAt, '这位居民的信息')
  const at = laterThan(now, before.updatedAt)
  const keptId = update.idNumber === undefined || update.idNumber === ''
  const keep = keptId ? (before.idNumber ?? '') : (update.idNumber ?? '')
  // A document kept as stored keeps its type too: the clerk did not retype it.
  const idType = keptId ? (before.idNumber ? before.idType : update.idType) : update.idType
  // A birth date left out is kept, unless a new number is typed: then it comes from the number.
  const birthDate = update.birthDate !== undefined ? update.birthDate : keptId ? before.birthDate : null
  const fields: ResidentFields = { ...update, idType, idNumber: keep, phones: update.phones ?? phonesOf(before), birthDate }
  const w = prepareResident(fields, today)
  assertDocumentFree(tx, session, w, id)
  const household = before.householdId === null ? null : getHousehold(tx, before.householdId)
  const relation = household ? w.relation : null
  if (household) assertHeadFree(household, relation, id)
  updateResident(tx, id, { ...w, relation }, at)
  if (household && relation === 'head') setHouseholder(tx, household.id, id)
  if (household && relation !== 'head' && household.householderId === id) setHouseholder(tx, household.id, null)
  return before
}

export function deleteResidentRecord(tx: Tx, session: Session, id: number, reason: string, at: string): ResidentRecord {
  const before = liveResident(tx, session, id)
  softDeleteResident(tx, id, at, session.actor, reason, null)
  if (before.householdId !== null && before.householderId === id) setHouseholder(tx, before.householdId, null)
  return before
}

export interface MoveDone {
  before: ResidentRecord
  to: HouseholdRecord | null
  /** What became of an open observation ('' when the move leaves it alone), for the audit row. */
  handover: string
}

export function moveResidentRecord(tx: Tx, session: Session, args: ResidentMove, at: string): MoveDone {
  const before = liveResident(tx, session, args.id)
  if (args.householdId !== null && args.householdId === before.householdId) {
    throw new AppError('RULE_VIOLATION', `${before.name} 已经在这一户中了。`, { issues: [{ path: 'householdId', message: '请选择另一户' }] })
  }
  if (args.householdId === null && session.gridScope !== 'all') {
    throw new AppError('FORBIDDEN', '网格员只能把居民迁到本网格内的住户。', { issues: [{ path: 'householdId', message: '请选择住户' }] })
  }
  const to = args.householdId === null ? null : liveHousehold(tx, session, args.householdId)
  if (to) assertHeadFree(to, args.relation, args.id)
  const plan = handoverPlan(tx, before, to?.gridId ?? null)
  if (before.householdId !== null && before.householderId === args.id) setHouseholder(tx, before.householdId, null)
  placeResident(
    tx,
    args.id,
    { householdId: to?.id ?? null, gridId: to?.gridId ?? null, sortKey: to?.addressKey ?? '', relation: to ? args.relation : null },
    at
  )
  if (to && args.relation === 'head') setHouseholder(tx, to.id, args.id)
  return { before, to, handover: handOver(tx, plan, args.worker, session.actor, at) }
}

/** What the move would do to the person's observation, for the dialog to show or ask before moving. */
export function moveHandover(db: Db, session: Session, args: ResidentMoveHandover): MoveHandover {
  const person = liveResident(db, session, args.id)
  const to = args.householdId === null ? null : liveHousehold(db, session, args.householdId)
  const plan = handoverPlan(db, person, to?.gridId ?? null)
  const [first] = plan.episodes
  return {
    gridChanges: plan.gridChanges,
    fromGridName: plan.fromGridName,
    toGridName: plan.toGridName,
    observing: first ? { kind: first.kind, endDate: first.endDate, worker: first.worker } : null,
    candidates: plan.candidates,
    automatic: plan.automatic
  }
}
