import type { EpisodeKind } from '../../../shared/schemas/monitoring'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/*
 * What follows a person when their grid changes. The episode's grid follows by itself (0015); the
 * responsible grid worker is a choice this reads and writes. It lives in the register, below the
 * residents, households and monitoring domains, because a move is made from the first two and
 * monitoring already imports residents: the register is where all three can reach it.
 */

export interface OpenEpisode {
  id: number
  kind: EpisodeKind
  endDate: string
  worker: string
}

export function openEpisodesOf(db: Db, residentId: number): OpenEpisode[] {
  return db.all<OpenEpisode>(
    `SELECT id, kind, end_date AS endDate, worker FROM observation_episodes WHERE resident_id = ? AND status = 'observing' ORDER BY id`,
    [residentId]
  )
}

/** A grid's staff in list order: its grid workers, and its leader (网格长). */
export function staffNamesOf(db: Db, gridId: number): { workers: string[]; leader: string | null } {
  const rows = db.all<{ role: 'leader' | 'worker'; name: string }>('SELECT role, name FROM grid_staff WHERE grid_id = ? ORDER BY role, position', [gridId])
  return { workers: rows.filter((r) => r.role === 'worker').map((r) => r.name), leader: rows.find((r) => r.role === 'leader')?.name ?? null }
}

export function gridNameOf(db: Db, gridId: number | null): string {
  if (gridId === null) return ''
  return db.get<{ name: string }>('SELECT name FROM grids WHERE id = ?', [gridId])?.name ?? ''
}

/** The same change and history row as 更换责任网格员 (monitoring.setWorker) writes. */
export function reassignEpisode(tx: Tx, e: { id: number; from: string; to: string; actor: string; at: string; reason: string }): void {
  tx.run('UPDATE observation_episodes SET worker = ?, updated_at = ? WHERE id = ?', [e.to, e.at, e.id])
  tx.run(`INSERT INTO observation_events (episode_id, at, actor, kind, from_value, to_value, reason) VALUES (?, ?, ?, 'worker', ?, ?, ?)`, [
    e.id,
    e.at,
    e.actor,
    e.from,
    e.to,
    e.reason
  ])
}

/** Open episodes of the people of a building whose worker is not on the staff of the grid they are in now. */
export function strayEpisodesInBuilding(db: Db, buildingId: number): { id: number; worker: string; gridId: number }[] {
  return db.all(
    `SELECT e.id, e.worker, e.grid_id AS gridId FROM observation_episodes e
       JOIN residents r ON r.id = e.resident_id
       JOIN households h ON h.id = r.household_id
      WHERE h.building_id = ? AND e.status = 'observing' AND e.grid_id IS NOT NULL
        AND e.worker NOT IN (SELECT s.name FROM grid_staff s WHERE s.grid_id = e.grid_id)
      ORDER BY e.id`,
    [buildingId]
  )
}

/** Open episodes of the people living in these buildings, with the grid each is in now (read before a change of grid). */
export function openEpisodesInBuildings(db: Db, buildingIds: number[]): { id: number; gridId: number | null }[] {
  return db.all(
    `SELECT e.id, e.grid_id AS gridId FROM observation_episodes e
       JOIN residents r ON r.id = e.resident_id
       JOIN households h ON h.id = r.household_id
      WHERE h.building_id IN (SELECT value FROM json_each(?)) AND e.status = 'observing'
      ORDER BY e.id`,
    [JSON.stringify(buildingIds)]
  )
}

/** Of these episodes, the ones whose worker is not on the staff of the grid they are in now. */
export function strayEpisodesAmong(db: Db, episodeIds: number[]): { id: number; worker: string; gridId: number }[] {
  return db.all(
    `SELECT e.id, e.worker, e.grid_id AS gridId FROM observation_episodes e
      WHERE e.id IN (SELECT value FROM json_each(?)) AND e.status = 'observing' AND e.grid_id IS NOT NULL
        AND e.worker NOT IN (SELECT s.name FROM grid_staff s WHERE s.grid_id = e.grid_id)
      ORDER BY e.id`,
    [JSON.stringify(episodeIds)]
  )
}
