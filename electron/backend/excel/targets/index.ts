import type { ImportTargetKey } from '../../../../shared/schemas/excel'
import { residentsTarget } from './residents'
import type { ImportTarget } from './types'

/**
 * Every domain the wizard can import into. A domain adds its target here (fields, row
 * check, committer) as it lands; the returnee target joins once the returnee service does.
 */
export const TARGETS: Record<ImportTargetKey, ImportTarget<unknown>> = {
  residents: residentsTarget as ImportTarget<unknown>
}
