import type { CareOutcome } from '../../../../shared/domain/care'

export const OUTCOME_TAG: Record<CareOutcome, 'success' | 'warning' | 'danger'> = { normal: 'success', needs_help: 'warning', abnormal: 'danger' }
