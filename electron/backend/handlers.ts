import { accountsHandlers } from './accounts/accounts.handlers'
import { auditHandlers } from './audit/audit.handlers'
import { backupHandlers } from './backup/backup.handlers'
import { authHandlers } from './auth/auth.handlers'
import { devicesHandlers } from './devices/devices.handlers'
import { checkpointsHandlers } from './checkpoints/checkpoints.handlers'
import type { AllHandlers } from './context'
import { gateHandlers } from './gate/gate.handlers'
import { gridsHandlers } from './grids/grids.handlers'
import { helpHandlers } from './help/help.handlers'
import { careHandlers } from './care/care.handlers'
import { unitsHandlers } from './units/units.handlers'
import { householdsHandlers } from './households/households.handlers'
import { noticesHandlers } from './notices/notices.handlers'
import { recycleHandlers } from './recycle/recycle.handlers'
import { residentsHandlers } from './residents/residents.handlers'
import { retentionHandlers } from './retention/retention.handlers'
import { settingsHandlers } from './settings/settings.handlers'
import { systemHandlers } from './system/system.handlers'
import { suppliesHandlers } from './supplies/supplies.handlers'
import { disinfectionHandlers } from './disinfection/disinfection.handlers'
import { returneesHandlers } from './returnees/returnees.handlers'
import { monitoringHandlers } from './monitoring/monitoring.handlers'
import { excelHandlers } from './excel/excel.handlers'
import { volunteersHandlers } from './volunteers/volunteers.handlers'
import { rosterHandlers } from './roster/roster.handlers'
import { reportHandlers } from './report/report.handlers'

/** Every method of the contract has exactly one handler here, or this does not build. */
export const handlers = {
  ...systemHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...retentionHandlers,
  ...gridsHandlers,
  ...householdsHandlers,
  ...residentsHandlers,
  ...recycleHandlers,
  ...authHandlers,
  ...accountsHandlers,
  ...auditHandlers,
  ...checkpointsHandlers,
  ...gateHandlers,
  ...suppliesHandlers,
  ...disinfectionHandlers,
  ...excelHandlers,
  ...returneesHandlers,
  ...monitoringHandlers,
  ...volunteersHandlers,
  ...rosterHandlers,
  ...reportHandlers,
  ...helpHandlers,
  ...careHandlers,
  ...devicesHandlers,
  ...unitsHandlers,
  ...noticesHandlers
} satisfies AllHandlers
