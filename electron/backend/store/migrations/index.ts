import type { Migration } from '../migrate'
import init from './0001_init.sql?raw'
import register from './0002_register.sql?raw'
import accounts from './0003_accounts.sql?raw'
import supplies from './0004_supplies.sql?raw'
import returnees from './0005_returnees.sql?raw'
import excel from './0006_excel.sql?raw'
import gate from './0007_gate.sql?raw'
import volunteers from './0008_volunteers.sql?raw'
import worklistSpeed from './0009_worklist_speed.sql?raw'
import worklistOrder from './0010_worklist_order.sql?raw'
import loginGuard from './0011_login_guard.sql?raw'
import tripVoid from './0012_trip_void.sql?raw'
import gateCorrections from './0013_gate_corrections.sql?raw'
import report from './0014_report.sql?raw'
import personGrid from './0015_person_grid.sql?raw'
import addressKeys from './0016_address_keys.sql?raw'
import suppliesUsable from './0017_supplies_usable.sql?raw'
import help from './0018_help.sql?raw'
import oneContactPhone from './0019_one_contact_phone.sql?raw'
import auditRedaction from './0020_audit_redaction.sql?raw'
import reportSpeed from './0021_report_speed.sql?raw'
import devices from './0022_devices.sql?raw'
import units from './0023_units.sql?raw'
import reportDays from './0024_report_days.sql?raw'
import notices from './0025_notices.sql?raw'
import reportDaysRowid from './0026_report_days_rowid.sql?raw'
import noticesSpeed from './0027_notices_speed.sql?raw'
import workerInitials from './0028_worker_initials.sql?raw'
import reportOpenBound from './0029_report_open_bound.sql?raw'
import care from './0030_care.sql?raw'
import gateDayTallies from './0031_gate_day_tallies.sql?raw'
import noticeUnits from './0032_notice_units.sql?raw'
import careSpeed from './0033_care_speed.sql?raw'

/**
 * Every migration, in order, bundled as strings (no directory listing at run time).
 * Append only: a landed migration is never edited; a change is a new numbered file.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'register', sql: register },
  { version: 3, name: 'accounts', sql: accounts },
  { version: 4, name: 'supplies', sql: supplies },
  { version: 5, name: 'returnees', sql: returnees },
  { version: 6, name: 'excel', sql: excel },
  { version: 7, name: 'gate', sql: gate },
  { version: 8, name: 'volunteers', sql: volunteers },
  { version: 9, name: 'worklist_speed', sql: worklistSpeed },
  { version: 10, name: 'worklist_order', sql: worklistOrder },
  { version: 11, name: 'login_guard', sql: loginGuard },
  { version: 12, name: 'trip_void', sql: tripVoid },
  { version: 13, name: 'gate_corrections', sql: gateCorrections },
  { version: 14, name: 'report', sql: report },
  { version: 15, name: 'person_grid', sql: personGrid },
  { version: 16, name: 'address_keys', sql: addressKeys },
  { version: 17, name: 'supplies_usable', sql: suppliesUsable },
  { version: 18, name: 'help', sql: help },
  { version: 19, name: 'one_contact_phone', sql: oneContactPhone },
  { version: 20, name: 'audit_redaction', sql: auditRedaction },
  { version: 21, name: 'report_speed', sql: reportSpeed },
  { version: 22, name: 'devices', sql: devices },
  { version: 23, name: 'units', sql: units },
  { version: 24, name: 'report_days', sql: reportDays },
  { version: 25, name: 'notices', sql: notices },
  { version: 26, name: 'report_days_rowid', sql: reportDaysRowid },
  { version: 27, name: 'notices_speed', sql: noticesSpeed },
  { version: 28, name: 'worker_initials', sql: workerInitials },
  { version: 29, name: 'report_open_bound', sql: reportOpenBound },
  { version: 30, name: 'care', sql: care },
  { version: 31, name: 'gate_day_tallies', sql: gateDayTallies },
  { version: 32, name: 'notice_units', sql: noticeUnits },
  { version: 33, name: 'care_speed', sql: careSpeed }
]
