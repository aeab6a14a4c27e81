import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'
import type { RosterSettings } from '../../../shared/schemas/roster'

export interface TemplateRecord {
  id: number
  checkpointId: number
  checkpointName: string
  name: string
  startMinute: number
  endMinute: number
  minStaff: number
  leadRequired: number
  retiredAt: string | null
  /** The checkpoint's 开放时间 as typed, for the out-of-hours warning. */
  checkpointHours: string
}

const TEMPLATE_SELECT = `SELECT t.id, t.checkpoint_id AS checkpointId, c.name AS checkpointName, t.name, t.start_minute AS startMinute,
    t.end_minute AS endMinute, t.min_staff AS minStaff, t.lead_required AS leadRequired, t.retired_at AS retiredAt,
    c.hours AS checkpointHours
  FROM shift_templates t JOIN checkpoints c ON c.id = t.checkpoint_id`

/** Working templates of working checkpoints, in checkpoint then start order. */
export function liveTemplates(db: Db, checkpointId?: number): TemplateRecord[] {
  const by = checkpointId === undefined ? '' : 'AND t.checkpoint_id = ?'
  return db.all<TemplateRecord & Row>(
    `${TEMPLATE_SELECT} WHERE t.retired_at IS NULL AND c.retired_at IS NULL ${by} ORDER BY c.name, c.id, t.start_minute, t.id`,
    checkpointId === undefined ? [] : [checkpointId]
  )
}

export function getTemplate(db: Db, id: number): TemplateRecord | undefined {
  return db.get<TemplateRecord & Row>(`${TEMPLATE_SELECT} WHERE t.id = ?`, [id])
}

export interface TemplateValues {
  checkpointId: number
  name: string
  startMinute: number
  endMinute: number
  minStaff: number
  leadRequired: boolean
}

export function insertTemplate(tx: Tx, t: TemplateValues, at: string): number {
  return tx.run(
    `INSERT INTO shift_templates (checkpoint_id, name, start_minute, end_minute, min_staff, lead_required, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.checkpointId, t.name, t.startMinute, t.endMinute, t.minStaff, t.leadRequired ? 1 : 0, at, at]
  ).lastInsertRowid
}

export function updateTemplate(tx: Tx, id: number, t: TemplateValues, at: string): void {
  tx.run(
    'UPDATE shift_templates SET checkpoint_id = ?, name = ?, start_minute = ?, end_minute = ?, min_staff = ?, lead_required = ?, updated_at = ? WHERE id = ?',
    [t.checkpointId, t.name, t.startMinute, t.endMinute, t.minStaff, t.leadRequired ? 1 : 0, at, id]
  )
}

export function retireTemplate(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE shift_templates SET retired_at = ?, updated_at = ? WHERE id = ?', [at, at, id])
}

export function templateNamed(db: Db, checkpointId: number, name: string): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM shift_templates WHERE checkpoint_id = ? AND name = ? AND retired_at IS NULL', [checkpointId, name])
}

export interface AssignmentRecord {
  id: number
  week: string
  day: string
  templateId: number
  volunteerId: number
  isLead: number
  override: string
  attendance: 'present' | 'absent' | null
  checkIn: string | null
  checkOut: string | null
  minutes: number | null
}

const ASSIGNMENT_SELECT = `SELECT s.id, s.week, s.day, s.template_id AS templateId, s.volunteer_id AS volunteerId, s.is_lead AS isLead,
    s.override, a.status AS attendance, a.check_in AS checkIn, a.check_out AS checkOut, a.minutes
  FROM roster_assignments s LEFT JOIN roster_attendance a ON a.assignment_id = s.id`

export function assignmentsBetween(db: Db, from: string, to: string): AssignmentRecord[] {
  return db.all<AssignmentRecord & Row>(`${ASSIGNMENT_SELECT} WHERE s.day BETWEEN ? AND ? ORDER BY s.day, s.template_id, s.is_lead DESC, s.id`, [from, to])
}

export function getAssignment(db: Db, id: number): AssignmentRecord | undefined {
  return db.get<AssignmentRecord & Row>(`${ASSIGNMENT_SELECT} WHERE s.id = ?`, [id])
}

export interface NewAssignment {
  week: string
  day: string
  templateId: number
  volunteerId: number
  isLead: boolean
  override: string
}

export function insertAssignment(tx: Tx, a: NewAssignment, at: string, by: string): number {
  if (a.isLead) clearLead(tx, a.day, a.templateId)
  return tx.run(
    `INSERT INTO roster_assignments (week, day, template_id, volunteer_id, is_lead, override, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [a.week, a.day, a.templateId, a.volunteerId, a.isLead ? 1 : 0, a.override, at, by]
  ).lastInsertRowid
}

function clearLead(tx: Tx, day: string, templateId: number): void {
  tx.run('UPDATE roster_assignments SET is_lead = 0 WHERE day = ? AND template_id = ? AND is_lead = 1', [day, templateId])
}

export function setLead(tx: Tx, a: AssignmentRecord, isLead: boolean): void {
  if (isLead) clearLead(tx, a.day, a.templateId)
  tx.run('UPDATE roster_assignments SET is_lead = ? WHERE id = ?', [isLead ? 1 : 0, a.id])
}

export function deleteAssignment(tx: Tx, id: number): void {
  tx.run('DELETE FROM roster_attendance WHERE assignment_id = ?', [id])
  tx.run('DELETE FROM roster_assignments WHERE id = ?', [id])
}

export function assignmentExists(db: Db, day: string, templateId: number, volunteerId: number): boolean {
  return db.get('SELECT 1 AS x FROM roster_assignments WHERE day = ? AND template_id = ? AND volunteer_id = ?', [day, templateId, volunteerId]) !== undefined
}

export interface PersonRecord {
  id: number
  name: string
  phone: string
  kind: string
  status: 'active' | 'paused' | 'left'
  availability: string
  canLead: number
}

export function rosterPeople(db: Db): PersonRecord[] {
  return db.all<PersonRecord & Row>(
    `SELECT v.id, CASE WHEN v.resident_id IS NULL THEN v.name ELSE r.name END AS name,
        CASE WHEN v.resident_id IS NULL THEN v.phone ELSE COALESCE(json_extract(r.phones, '$[0]'), '') END AS phone,
        v.kind, v.status, v.availability, v.can_lead AS canLead
       FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id ORDER BY v.id`
  )
}

export function readRosterSettings(db: Db): RosterSettings {
  const row = db.get<RosterSettings & Row>(
    'SELECT weekly_hour_cap AS weeklyHourCap, min_rest_hours AS minRestHours, duty_officer AS dutyOfficer, duty_phone AS dutyPhone FROM roster_settings WHERE id = 1'
  )
  return row ?? { weeklyHourCap: 48, minRestHours: 8, dutyOfficer: '', dutyPhone: '' }
}

export function saveRosterSettings(tx: Tx, s: RosterSettings): void {
  tx.run('UPDATE roster_settings SET weekly_hour_cap = ?, min_rest_hours = ?, duty_officer = ?, duty_phone = ? WHERE id = 1', [
    s.weeklyHourCap,
    s.minRestHours,
    s.dutyOfficer,
    s.dutyPhone
  ])
}

export function upsertAttendance(
  tx: Tx,
  a: { assignmentId: number; status: 'present' | 'absent'; checkIn: string | null; checkOut: string | null; minutes: number; month: string },
  at: string,
  by: string
): void {
  tx.run(
    `INSERT INTO roster_attendance (assignment_id, status, check_in, check_out, minutes, month, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (assignment_id) DO UPDATE SET status = excluded.status, check_in = excluded.check_in, check_out = excluded.check_out,
       minutes = excluded.minutes, month = excluded.month, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
    [a.assignmentId, a.status, a.checkIn, a.checkOut, a.minutes, a.month, at, by]
  )
}

/** Back to 未签到: the placement stays, its attendance goes (撤销签到 / 撤销缺勤). */
export function deleteAttendance(tx: Tx, assignmentId: number): void {
  tx.run('DELETE FROM roster_attendance WHERE assignment_id = ?', [assignmentId])
}
