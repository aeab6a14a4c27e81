import { normalizeText } from '../../../shared/domain'
import { addressSearchText, roomPlaceKey } from '../../../shared/domain/address'
import type { HouseholdCreate } from '../../../shared/schemas/households'
import type { Address } from '../../../shared/schemas/register'
import { formatAddress } from '../../../shared/schemas/register'
import type { Session } from '../context'
import { addressSortKey, naturalKey } from '../kit/natural-key'
import { assertInScope } from '../kit/scope'
import type { Tx } from '../store/store'
import { insertHousehold } from './household-write.repo'
import type { HouseholdWrite } from './household-write.repo'
import { ensureBuilding, findBuilding } from './register.repo'
import type { BuildingRef } from './register.repo'

function cleanAddress(a: Address): Address {
  return { compound: normalizeText(a.compound), building: normalizeText(a.building), unit: normalizeText(a.unit), room: normalizeText(a.room) }
}

/**
 * Where a household may go: the building is found or added to the lists, and a grid
 * worker may only place households in buildings of their own grids.
 */
export function placeAt(tx: Tx, session: Session, raw: Address, args: Pick<HouseholdCreate, 'tenure' | 'notes'>): HouseholdWrite {
  return householdWriteIn(buildingFor(tx, session, raw), raw, args)
}

/** The building of an address, added to the lists on first use; refused outside a grid worker's grids. */
export function buildingFor(tx: Tx, session: Session, raw: Pick<Address, 'compound' | 'building'>): BuildingRef {
  const a = { compound: normalizeText(raw.compound), building: normalizeText(raw.building) }
  const known = findBuilding(tx, a.compound, a.building)
  assertInScope(session, known?.gridId ?? null, `${a.compound}${a.building}`)
  return known ?? ensureBuilding(tx, a.compound, a.building, { compound: naturalKey(a.compound), building: naturalKey(a.building) })
}

/**
 * What is stored for a household at this address in this building: the address as text, its
 * sort key and its place key. The compound and building read as the register first wrote them
 * (a '五号楼' typed for '5栋' is shown as 5栋), so one building has one name on every screen.
 */
export function householdWriteIn(building: BuildingRef, raw: Address, args: Pick<HouseholdCreate, 'tenure' | 'notes'>): HouseholdWrite {
  const a = { ...cleanAddress(raw), compound: building.compoundName, building: building.buildingName }
  const address = formatAddress(a)
  return {
    buildingId: building.id,
    gridId: building.gridId,
    unit: a.unit,
    room: a.room,
    roomKey: roomPlaceKey(a.unit, a.room),
    address,
    searchText: addressSearchText(address),
    addressKey: addressSortKey(a),
    tenure: args.tenure,
    notes: args.notes
  }
}

export function createHousehold(tx: Tx, session: Session, args: HouseholdCreate, at: string): number {
  return insertHousehold(tx, placeAt(tx, session, args.address, args), at)
}
