import type { Db } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'
import type { VolunteerInput, VolunteersListArgs } from '../../../shared/schemas/volunteers'

export interface VolunteerRecord {
  id: number
  residentId: number | null
  name: string
  phone: string
  sex: 'M' | 'F' | null
  kind: VolunteerInput['kind']
  politics: VolunteerInput['politics']
  skills: string
  building: string
  gridId: number | null
  gridName: string | null
  availability: string
  canLead: number
  status: VolunteerInput['status']
  startDate: string | null
  notes: string
  updatedAt: string
}

// A volunteer living here reads name and first phone from the register, so they never go stale.
const SELECT = `SELECT v.id, v.resident_id AS residentId,
    CASE WHEN v.resident_id IS NULL THEN v.name ELSE r.name END AS name,
    CASE WHEN v.resident_id IS NULL THEN v.phone ELSE COALESCE(json_extract(r.phones, '$[0]'), '') END AS phone,
    COALESCE(v.sex, r.sex) AS sex, v.kind, v.politics, v.skills, v.building, v.grid_id AS gridId, g.name AS gridName,
    v.availability, v.can_lead AS canLead, v.status, v.start_date AS startDate, v.notes, v.updated_at AS updatedAt
  FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id LEFT JOIN grids g ON g.id = v.grid_id`

export function listVolunteerRows(db: Db, f: VolunteersListArgs): VolunteerRecord[] {
  const where: string[] = []
  const params: SqlValue[] = []
  if (f.kind) {
    where.push('v.kind = ?')
    params.push(f.kind)
  }
  if (f.status) {
    where.push('v.status = ?')
    params.push(f.status)
  }
  if (f.gridId) {
    where.push('v.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.skill) {
    where.push('EXISTS (SELECT 1 FROM json_each(v.skills) s WHERE s.value = ?)')
    params.push(f.skill)
  }
  if (f.available !== undefined) {
    where.push("substr(v.availability, ?, 1) = '1'")
    params.push(f.available + 1)
  }
  if (f.q) {
    where.push('(instr(CASE WHEN v.resident_id IS NULL THEN v.name ELSE r.name END, ?) > 0 OR instr(v.building, ?) > 0)')
    params.push(f.q, f.q)
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  return db.all<VolunteerRecord & Row>(`${SELECT} ${clause} ORDER BY v.status = 'left', v.status = 'paused', v.id`, params)
}

export function getVolunteerRow(db: Db, id: number): VolunteerRecord | undefined {
  return db.get<VolunteerRecord & Row>(`${SELECT} WHERE v.id = ?`, [id])
}

export function volunteerOfResident(db: Db, residentId: number): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM volunteers WHERE resident_id = ?', [residentId])
}

export function liveResident(db: Db, id: number): { id: number; name: string } | undefined {
  return db.get<{ id: number; name: string } & Row>('SELECT id, name FROM residents WHERE id = ? AND deleted_at IS NULL', [id])
}

export function gridExists(db: Db, id: number): boolean {
  return db.get('SELECT 1 AS x FROM grids WHERE id = ?', [id]) !== undefined
}

function values(v: VolunteerInput): SqlValue[] {
  const own = v.residentId === null
  return [
    v.residentId,
    own ? v.name : '',
    own ? v.phone : '',
    v.sex,
    v.kind,
    v.politics,
    JSON.stringify(v.skills),
    v.building,
    v.gridId,
    v.availability,
    v.canLead ? 1 : 0,
    v.status,
    v.startDate,
    v.notes
  ]
}

export function insertVolunteer(tx: Tx, v: VolunteerInput, at: string): number {
  return tx.run(
    `INSERT INTO volunteers (resident_id, name, phone, sex, kind, politics, skills, building, grid_id, availability, can_lead,
       status, start_date, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [...values(v), at, at]
  ).lastInsertRowid
}

export function updateVolunteer(tx: Tx, id: number, v: VolunteerInput, at: string): void {
  tx.run(
    `UPDATE volunteers SET resident_id = ?, name = ?, phone = ?, sex = ?, kind = ?, politics = ?, skills = ?, building = ?,
       grid_id = ?, availability = ?, can_lead = ?, status = ?, start_date = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [...values(v), at, id]
  )
}

export interface HoursRow {
  volunteerId: number
  name: string
  kind: VolunteerInput['kind']
  shifts: number
  absences: number
  minutes: number
}

export function hoursOfMonth(db: Db, month: string): HoursRow[] {
  return db.all<HoursRow & Row>(
    `SELECT v.id AS volunteerId, CASE WHEN v.resident_id IS NULL THEN v.name ELSE r.name END AS name, v.kind,
        SUM(a.status = 'present') AS shifts, SUM(a.status = 'absent') AS absences, SUM(a.minutes) AS minutes
       FROM roster_attendance a JOIN roster_assignments s ON s.id = a.assignment_id
       JOIN volunteers v ON v.id = s.volunteer_id LEFT JOIN residents r ON r.id = v.resident_id
      WHERE a.month = ? GROUP BY v.id ORDER BY minutes DESC, v.id`,
    [month]
  )
}

export function gridName(db: Db, id: number): string | null {
  return db.get<{ name: string } & Row>('SELECT name FROM grids WHERE id = ?', [id])?.name ?? null
}
