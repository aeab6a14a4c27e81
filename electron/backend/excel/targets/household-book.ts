import { buildingKey, compoundKey, roomPlaceKey } from '../../../../shared/domain/address'
import type { AddressParts } from '../../../../shared/domain/excel-synonyms'
import type { Session } from '../../context'
import { insertHousehold } from '../../households/households.repo'
import { buildingFor, householdWriteIn } from '../../households/households.service'
import type { BuildingRef } from '../../register/register.repo'
import type { Placement } from '../../residents/residents.service'
import type { Tx } from '../../store/store'
import { householdsInBuilding } from '../excel.repo'

interface BuildingPage {
  building: BuildingRef
  rooms: Map<string, Placement>
}

/**
 * The households an import places people in, read a building at a time and kept for the
 * whole commit: tens of thousands of rows then cost a few hundred queries, not several each.
 * Addresses not yet in the register become households (and buildings) on first use.
 */
export class HouseholdBook {
  private readonly buildings = new Map<string, BuildingPage>()

  constructor(
    private readonly tx: Tx,
    private readonly session: Session,
    private readonly at: string
  ) {}

  /** The household at this address, created when there is none. */
  place(address: AddressParts): Placement {
    const page = this.pageOf(address)
    const key = roomPlaceKey(address.unit, address.room)
    let found = page.rooms.get(key)
    if (!found) {
      const w = householdWriteIn(page.building, address, { tenure: 'owned', notes: '' })
      found = { householdId: insertHousehold(this.tx, w, this.at), gridId: w.gridId, addressKey: w.addressKey }
      page.rooms.set(key, found)
    }
    return found
  }

  private pageOf(address: AddressParts): BuildingPage {
    // 5号楼, 五号楼 and 第5栋 are one page; 501室 and 501 one room on it (shared/domain/address.ts).
    const key = `${compoundKey(address.compound)}\u0001${buildingKey(address.building)}`
    let page = this.buildings.get(key)
    if (!page) {
      const building = buildingFor(this.tx, this.session, address)
      const rooms = new Map<string, Placement>()
      // The first household at an address is the one people are placed in.
      for (const h of householdsInBuilding(this.tx, address)) {
        if (!rooms.has(h.roomKey)) rooms.set(h.roomKey, { householdId: h.id, gridId: h.gridId, addressKey: h.addressKey })
      }
      page = { building, rooms }
      this.buildings.set(key, page)
    }
    return page
  }
}
