import type { BuildingEntry, BuildingMerge, BuildingMerged, UnassignedHouseholds } from '../../../shared/contract/grids'
import type { GridsMergeBuildings } from '../../../shared/schemas/grids'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { scopeSql } from '../kit/scope'
import { householdWriteIn } from '../households/households.service'
import { openEpisodesInBuildings } from '../register/handover.repo'
import { handOverMerged, handoverSentence } from '../register/handover.service'
import { syncGridOfBuilding, syncResidentsOfHousehold } from '../register/register.repo'
import type { Tx } from '../store/store'
import { setBuildingGrid } from './grids.repo'
import {
  allBuildings,
  buildingRow,
  countLiveResidents,
  deleteBuilding,
  householdsOfBuilding,
  liveRoomsOf,
  moveHousehold,
  unassignedHouseholds
} from './buildings.repo'
import type { BuildingRow } from './buildings.repo'

function toEntry(row: BuildingRow, sameAs: number[]): BuildingEntry {
  return {
    id: row.id,
    compound: row.compound,
    building: row.building,
    gridId: row.gridId,
    gridName: row.gridName ?? '',
    householdCount: row.householdCount,
    residentCount: row.residentCount,
    sameAs
  }
}

/** Every building, each with the other rows that are the same building spelled another way (split before the address keys). */
export function buildingList(db: Db): BuildingEntry[] {
  const rows = allBuildings(db)
  const byKey = new Map<string, number[]>()
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.id])
  return rows.map((row) =>
    toEntry(
      row,
      (byKey.get(row.key) ?? []).filter((id) => id !== row.id)
    )
  )
}

function entryOf(db: Db, id: number): BuildingEntry {
  const row = buildingRow(db, id)
  if (!row) throw notFound('楼栋', id)
  return toEntry(row, [])
}

/**
 * What 合并楼栋 would do. The kept building keeps its name and grid; a kept building in no grid
 * takes the grid of the one merged into it, so no household leaves a grid by a merge.
 */
export function mergePreview(db: Db, args: GridsMergeBuildings): BuildingMerge {
  const from = entryOf(db, args.fromId)
  const into = entryOf(db, args.intoId)
  const rooms = liveRoomsOf(db, into.id)
  const sameRooms = householdsOfBuilding(db, from.id)
    .filter((h) => !h.deleted && rooms.has(h.roomKey))
    .map((h) => ({ fromAddress: h.address, intoAddress: rooms.get(h.roomKey) ?? '' }))
  return {
    from,
    into,
    gridName: into.gridId !== null ? into.gridName : from.gridName,
    households: from.householdCount,
    residents: countLiveResidents(db, from.id),
    sameRooms
  }
}

/**
 * Moves every household of `from` (the recycle bin's too) into `into`, gives them the kept
 * building's name in their address, brings their grid and their people's grid in step (their
 * open observations' workers too, as when a building is handed to another grid), and removes the
 * emptied row. Two households at one room stay two: whether they are one family
 * registered twice is for the clerk to decide on the 住户 page (the preview lists them).
 */
export function mergeBuildings(tx: Tx, args: GridsMergeBuildings, actor: string, at: string): BuildingMerged {
  const preview = mergePreview(tx, args)
  const { from, into } = preview
  // Read before the move: afterwards nothing tells whose grid the merge changed.
  const observed = openEpisodesInBuildings(tx, [from.id, into.id])
  if (into.gridId === null && from.gridId !== null) setBuildingGrid(tx, into.id, from.gridId)
  const target = { id: into.id, compoundId: 0, gridId: into.gridId ?? from.gridId, compoundName: into.compound, buildingName: into.building }
  const moved = householdsOfBuilding(tx, from.id)
  for (const h of moved) {
    const w = householdWriteIn(target, { compound: into.compound, building: into.building, unit: h.unit, room: h.room }, { tenure: 'owned', notes: '' })
    moveHousehold(tx, h.id, { buildingId: into.id, address: w.address, searchText: w.searchText, addressKey: w.addressKey, at })
  }
  syncGridOfBuilding(tx, into.id)
  for (const h of moved) syncResidentsOfHousehold(tx, h.id)
  deleteBuilding(tx, from.id)
  return { ...preview, handover: handoverSentence(handOverMerged(tx, observed, actor, at)) }
}

export function unassignedList(db: Db, session: Session): UnassignedHouseholds {
  const found = unassignedHouseholds(db, scopeSql('h.grid_id', session.gridScope), 200)
  const buildings = allBuildings(db)
    .filter((b) => found.buildings.has(b.id))
    .map((b) => ({ id: b.id, compound: b.compound, building: b.building, householdCount: found.buildings.get(b.id) ?? 0 }))
  return {
    total: found.total,
    buildings,
    households: found.rows.map((r) => ({ id: r.id, address: r.address, householderName: r.householderName ?? '', memberCount: r.memberCount }))
  }
}
