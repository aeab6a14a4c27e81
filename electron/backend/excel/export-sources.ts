import type { ExportListKey } from '../../../shared/schemas/excel'
import { householdsExport } from '../households/households.export'
import type { ListSource } from '../kit/export-source'
import { observationsExport } from '../monitoring/monitoring.export'
import { residentsExport } from '../residents/residents.export'
import { returneesExport } from '../returnees/returnees.export'
import { unitReopeningsExport, unitWorkersExport, unitsExport } from '../units/units.export'

export type { SourceColumn } from '../kit/export-source'

/**
 * The lists of the 导出 menu and the report templates, each owned by its domain
 * (<domain>/<domain>.export.ts); the engine writes them (export.service.ts listSource).
 */
export const EXPORT_SOURCES: Record<ExportListKey, ListSource> = {
  residents: residentsExport,
  households: householdsExport,
  returnees: returneesExport,
  observations: observationsExport,
  units: unitsExport,
  unitWorkers: unitWorkersExport,
  unitReopenings: unitReopeningsExport
}
