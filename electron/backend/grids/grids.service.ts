import type { GridDetail, GridStaff, GridSummary } from '../../../shared/contract/grids'
import { parsePhone } from '../../../shared/domain/phone'
import { AppError } from '../../../shared/errors'
import type { GridCreate, GridsAssign, StaffInput } from '../../../shared/schemas/grids'
import type { Session } from '../context'
import { buildingsWithKey, ensureBuilding, syncGridOfBuilding } from '../register/register.repo'
import { handOverBuilding, handoverSentence } from '../register/handover.service'
import { scopeSql } from '../kit/scope'
import type { Db } from '../kit/db'
import { assertInScope } from '../kit/scope'
import { naturalKey } from '../kit/natural-key'
import { notFound } from '../kit/errors'
import type { Tx } from '../store/store'
import {
  buildingsOfGrid,
  getGrid,
  insertGrid,
  listGrids,
  liveGridNamed,
  replaceStaff,
  residentExists,
  retireGrid,
  setBuildingGrid,
  staffOf,
  updateGrid
} from './grids.repo'
import type { GridRecord, StaffRecord } from './grids.repo'

// Staff phones are the office's own work contacts, printed on grid notices, so they are
// shown in full (residents' phones are the ones masked).
function toStaff(row: StaffRecord): GridStaff {
  return { name: row.name, phone: row.phone, residentId: row.residentId }
}

function summaries(db: Db, grids: GridRecord[]): GridSummary[] {
  const staff = staffOf(
    db,
    grids.map((g) => g.id)
  )
  return grids.map((g) => {
    const mine = staff.filter((s) => s.gridId === g.id)
    const leader = mine.find((s) => s.role === 'leader')
    return {
      id: g.id,
      name: g.name,
      notes: g.notes,
      retired: g.retiredAt !== null,
      leader: leader ? toStaff(leader) : null,
      workers: mine.filter((s) => s.role === 'worker').map(toStaff),
      buildingCount: g.buildingCount,
      householdCount: g.householdCount,
      residentCount: g.residentCount,
      keyGroupCount: g.keyGroupCount
    }
  })
}

export function gridList(db: Db, session: Session, includeRetired: boolean): GridSummary[] {
  return summaries(db, listGrids(db, includeRetired, scopeSql('g.id', session.gridScope)))
}

export function gridDetail(db: Db, session: Session, id: number): GridDetail {
  const grid = getGrid(db, id)
  if (!grid) throw notFound('网格', id)
  assertInScope(session, id, '该网格')
  const [summary] = summaries(db, [grid])
  if (!summary) throw notFound('网格', id)
  const buildings = buildingsOfGrid(db, id).map(({ compound, building, householdCount, residentCount }) => ({
    compound,
    building,
    householdCount,
    residentCount
  }))
  return { ...summary, buildings, createdAt: grid.createdAt, updatedAt: grid.updatedAt }
}

function staffRecords(db: Db, leader: StaffInput | null, workers: StaffInput[]): Omit<StaffRecord, 'gridId'>[] {
  const people = [...(leader ? [{ role: 'leader' as const, ...leader }] : []), ...workers.map((w) => ({ role: 'worker' as const, ...w }))]
  return people.map((person, index) => {
    const residentId = person.residentId ?? null
    if (residentId !== null && !residentExists(db, residentId)) {
      const path = person.role === 'leader' ? 'leader.residentId' : `workers.${index - (leader ? 1 : 0)}.residentId`
      throw new AppError('NOT_FOUND', `关联的居民（编号 ${residentId}）不存在或已删除`, { issues: [{ path, message: '关联的居民不存在或已删除' }] })
    }
    const parsed = person.phone === '' ? null : parsePhone(person.phone)
    return { role: person.role, name: person.name, phone: parsed?.ok ? parsed.phone : person.phone, residentId }
  })
}

function assertNameFree(db: Db, name: string, exceptId: number | null): void {
  const taken = liveGridNamed(db, name)
  if (taken && taken.id !== exceptId) {
    throw new AppError('CONFLICT', `已有名为“${name}”的网格，请换一个名称。`, { existingId: taken.id, issues: [{ path: 'name', message: '网格名称已被使用' }] })
  }
}

export function createGrid(tx: Tx, args: GridCreate, at: string): number {
  assertNameFree(tx, args.name, null)
  const staff = staffRecords(tx, args.leader, args.workers)
  const id = insertGrid(tx, args.name, args.notes, at)
  replaceStaff(tx, id, staff)
  return id
}

export function updateGridRecord(tx: Tx, id: number, args: GridCreate, at: string): void {
  const grid = getGrid(tx, id)
  if (!grid) throw notFound('网格', id)
  if (grid.retiredAt !== null) throw new AppError('RULE_VIOLATION', `网格“${grid.name}”已撤销，不能再修改。`, { id })
  assertNameFree(tx, args.name, id)
  const staff = staffRecords(tx, args.leader, args.workers)
  updateGrid(tx, id, args.name, args.notes, at)
  replaceStaff(tx, id, staff)
}

/** A grid with buildings still in it cannot be retired: its households would lose their grid silently. */
export function retireGridRecord(tx: Tx, id: number, at: string): GridRecord {
  const grid = getGrid(tx, id)
  if (!grid) throw notFound('网格', id)
  if (grid.retiredAt !== null) throw new AppError('RULE_VIOLATION', `网格“${grid.name}”已经撤销过了。`, { id })
  if (grid.buildingCount > 0) {
    throw new AppError('RULE_VIOLATION', `网格“${grid.name}”还有 ${grid.buildingCount} 栋楼，请先把这些楼栋划到其他网格再撤销。`, {
      id,
      buildingCount: grid.buildingCount
    })
  }
  retireGrid(tx, id, at)
  return grid
}

export function assignBuildings(tx: Tx, args: GridsAssign, actor: string, at: string): { buildings: number; households: number; handover: string } {
  if (args.gridId !== null) {
    const grid = getGrid(tx, args.gridId)
    if (!grid) throw notFound('网格', args.gridId)
    if (grid.retiredAt !== null) throw new AppError('RULE_VIOLATION', `网格“${grid.name}”已撤销，不能再划入楼栋。`, { id: grid.id })
  }
  let households = 0
  const reassigned = new Set<string>()
  let kept = 0
  for (const { compound, building } of args.buildings) {
    // Every row of the building under any spelling (rows split before the address keys existed) goes together.
    const rows = buildingsWithKey(tx, compound, building)
    if (rows.length === 0) rows.push(ensureBuilding(tx, compound, building, { compound: naturalKey(compound), building: naturalKey(building) }))
    for (const ref of rows) {
      setBuildingGrid(tx, ref.id, args.gridId)
      households += syncGridOfBuilding(tx, ref.id)
      if (args.gridId === null || ref.gridId === args.gridId) continue
      const done = handOverBuilding(tx, ref.id, actor, at)
      for (const name of done.reassigned) reassigned.add(name)
      kept += done.kept
    }
  }
  return { buildings: args.buildings.length, households, handover: handoverSentence({ reassigned: [...reassigned], kept }) }
}

export function gridName(db: Db, id: number): string {
  return getGrid(db, id)?.name ?? `#${id}`
}
