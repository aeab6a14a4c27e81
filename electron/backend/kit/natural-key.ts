import { buildingKey, roomKey, unitKey } from '../../../shared/domain/address'

/** Digits padded so that text order is the order a person expects: 2栋 before 10栋. */
export function naturalKey(text: string): string {
  return text.replace(/\d+/g, (digits) => digits.padStart(8, '0'))
}

/**
 * A household's place in address order: by the numbers of its building, entrance and room
 * (shared/domain/address.ts), so 二单元 502 sorts after 2单元 501 however each was written.
 */
export function addressSortKey(a: { compound: string; building: string; unit: string; room: string }): string {
  return naturalKey([a.compound, buildingKey(a.building), unitKey(a.unit), roomKey(a.room)].join('\u0001'))
}
