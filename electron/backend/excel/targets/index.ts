import type { ImportTargetKey } from '../../../../shared/schemas/excel'
import { residentsTarget } from './residents'
import { returneesTarget } from './returnees'
import { unitChecksTarget } from './unit-checks'
import type { ImportTarget } from './types'

/**
 * Every domain the wizard can import into. A domain adds its target here (fields, row
 * check, committer) as it lands.
 */
export const TARGETS: Record<ImportTargetKey, ImportTarget<unknown>> = {
  residents: residentsTarget as ImportTarget<unknown>,
  returnees: returneesTarget as ImportTarget<unknown>,
  unitChecks: unitChecksTarget as ImportTarget<unknown>
}
