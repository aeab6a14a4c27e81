/** Vocabulary of returnees (返程人员): codes stored, zh-CN labels shown. */

export const TRANSPORTS = ['car', 'train', 'plane', 'bus', 'other'] as const
export type Transport = (typeof TRANSPORTS)[number]
export const TRANSPORT_LABELS: Record<Transport, string> = { car: '自驾', train: '火车', plane: '飞机', bus: '大巴', other: '其他' }
/** What the number field is called for each way of travel. */
export const TRANSPORT_NO_LABELS: Record<Transport, string> = { car: '车牌', train: '车次', plane: '航班', bus: '车次/车牌', other: '班次' }

const PLATE_START = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'
/** A plate (鄂A12345), a flight (CA1234, 3U8888) or a train (G1234, K123, 1461) inside free text. */
const NUMBER_IN_TEXT = new RegExp(`[${PLATE_START}][A-Z][A-Z0-9]{5,6}|(?<![A-Z0-9])(?:[A-Z0-9]{2}\\d{3,4}|[A-Z]\\d{1,4}|\\d{3,5})(?![A-Z0-9])`)

/**
 * The 车次/航班/车牌 written into the way of travel ("火车 G1234", "飞机CA1234", "自驾 鄂A12345"),
 * or '' when there is none: a file without its own number column keeps it this way.
 */
export function tripNoIn(transportText: string): string {
  const text = transportText.normalize('NFKC').toUpperCase()
  return NUMBER_IN_TEXT.exec(text)?.[0] ?? ''
}
