import { describe, expect, it } from 'vitest'
import { methods } from '../../../shared/contract'
import type { Method } from '../../../shared/contract'
import { ROLES } from '../../../shared/domain/roles'
import type { Role } from '../../../shared/domain/roles'
import { ROLE_PERMISSIONS } from '../../../shared/modules'
import { mayCall } from '../../../renderer/src/utils/may-call'

const as = (role: Role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })

describe('which buttons a role sees (mayCall, from the contract)', () => {
  it('hides what each role cannot use and shows what it can', () => {
    const seen = (method: Method) => Object.fromEntries(ROLES.map((role) => [role, mayCall(as(role), method)]))
    expect(seen('grids.create')).toEqual({ admin: true, staff: true, grid_worker: false, gate: false, readonly: false })
    expect(seen('grids.update')).toEqual({ admin: true, staff: true, grid_worker: true, gate: false, readonly: false })
    expect(seen('grids.assignBuildings')).toEqual({ admin: true, staff: true, grid_worker: false, gate: false, readonly: false })
    expect(seen('volunteers.create')).toEqual({ admin: true, staff: true, grid_worker: false, gate: false, readonly: false })
    expect(seen('roster.autoFill')).toEqual({ admin: true, staff: true, grid_worker: false, gate: false, readonly: false })
    expect(seen('residents.reveal')).toEqual({ admin: true, staff: true, grid_worker: true, gate: false, readonly: false })
    expect(seen('gate.register')).toEqual({ admin: true, staff: true, grid_worker: false, gate: true, readonly: false })
    expect(seen('settings.update')).toEqual({ admin: true, staff: false, grid_worker: false, gate: false, readonly: false })
  })

  it('a logged-out page sees nothing but public methods', () => {
    expect(mayCall(null, 'grids.list')).toBe(false)
    expect(mayCall({ role: 'readonly', permissions: [] }, 'system.ping')).toBe(true)
  })

  it('every method that needs the whole community is hidden from grid workers, whatever their permissions', () => {
    const whole = (Object.keys(methods) as Method[]).filter((m) => methods[m].wholeCommunity)
    expect(whole.sort()).toEqual(['grids.assignBuildings', 'grids.buildings', 'grids.create', 'grids.mergeBuildings', 'grids.mergePreview', 'grids.retire'])
    for (const method of whole) expect(mayCall({ role: 'grid_worker', permissions: [...ROLE_PERMISSIONS.admin] }, method)).toBe(false)
  })
})
