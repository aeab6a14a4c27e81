/** Vocabulary of returnees (返程人员): codes stored, zh-CN labels shown. */

export const TRANSPORTS = ['car', 'train', 'plane', 'bus', 'other'] as const
export type Transport = (typeof TRANSPORTS)[number]
export const TRANSPORT_LABELS: Record<Transport, string> = { car: '自驾', train: '火车', plane: '飞机', bus: '大巴', other: '其他' }
/** What the number field is called for each way of travel. */
export const TRANSPORT_NO_LABELS: Record<Transport, string> = { car: '车牌', train: '车次', plane: '航班', bus: '车次/车牌', other: '班次' }
