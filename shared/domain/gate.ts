/** Vocabulary of checkpoints and gate registration (卡口 / 出入登记): codes stored, Chinese shown. */

export const CHECKPOINT_KINDS = ['pedestrian', 'vehicle', 'both'] as const
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number]
export const CHECKPOINT_KIND_LABELS: Record<CheckpointKind, string> = { pedestrian: '人行', vehicle: '车行', both: '人车' }

export const GATE_DIRECTIONS = ['in', 'out'] as const
export type GateDirection = (typeof GATE_DIRECTIONS)[number]
export const GATE_DIRECTION_LABELS: Record<GateDirection, string> = { in: '进', out: '出' }

export const GATE_WHO = ['resident', 'visitor', 'vehicle', 'delivery'] as const
export type GateWho = (typeof GATE_WHO)[number]
export const GATE_WHO_LABELS: Record<GateWho, string> = { resident: '居民', visitor: '访客', vehicle: '车辆', delivery: '快递外卖' }

export const GATE_ACTIONS = ['pass', 'turn_back', 'observe', 'hospital'] as const
export type GateAction = (typeof GATE_ACTIONS)[number]
export const GATE_ACTION_LABELS: Record<GateAction, string> = { pass: '放行', turn_back: '劝返', observe: '留观', hospital: '送医' }
