import type { UnitStatus, WorkerHealth } from '../../../../shared/schemas/units'

type Tag = 'success' | 'info' | 'warning' | 'danger' | 'primary'

export const STATUS_TAG: Record<UnitStatus, Tag> = { open: 'success', suspended: 'info', applying: 'warning', reopened: 'primary', closed: 'danger' }
export const HEALTH_TAG: Record<WorkerHealth, Tag> = { normal: 'success', abnormal: 'danger', unreported: 'info' }
