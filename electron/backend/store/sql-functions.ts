import type { Database } from 'sql.js'
import { addressSearchText, buildingKey, compoundKey, roomPlaceKey } from '../../../shared/domain/address'
import { addressSortKey } from '../kit/natural-key'

/**
 * The address rules as SQL functions, so a migration can give existing rows the keys the code
 * gives new ones (0016_address_keys backfills with them). They are pure functions of their
 * arguments: a journaled statement using them replays to the same result.
 */
export function registerSqlFunctions(db: Database): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value))
  db.create_function('address_compound_key', (name: unknown) => compoundKey(text(name)))
  db.create_function('address_building_key', (name: unknown) => buildingKey(text(name)))
  db.create_function('address_room_key', (unit: unknown, room: unknown) => roomPlaceKey(text(unit), text(room)))
  db.create_function('address_search_text', (address: unknown) => addressSearchText(text(address)))
  db.create_function('address_sort_key', (compound: unknown, building: unknown, unit: unknown, room: unknown) =>
    addressSortKey({ compound: text(compound), building: text(building), unit: text(unit), room: text(room) })
  )
}
