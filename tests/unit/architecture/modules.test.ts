import { describe, expect, it } from 'vitest'
import { domainOfMethod, methods } from '../../../shared/contract'
import { DOMAIN_MODULES, ROLE_PERMISSIONS } from '../../../shared/modules'

describe('the domain list', () => {
  it('derives the method table from the domains, each method in one domain', () => {
    const declared = DOMAIN_MODULES.reduce((sum, module) => sum + Object.keys(module.methods).length, 0)
    expect(Object.keys(methods)).toHaveLength(declared)
    for (const module of DOMAIN_MODULES) {
      for (const method of Object.keys(module.methods)) expect(domainOfMethod.get(method)).toBe(module.name)
    }
  })

  it('names the domain in change events, not the method name’s prefix', () => {
    expect(domainOfMethod.get('passes.issue')).toBe('checkpoints')
    expect(domainOfMethod.get('shifts.create')).toBe('roster')
    expect(domainOfMethod.get('residents.create')).toBe('residents')
  })

  it('gives each role the permissions it had before the grants moved into the domains', () => {
    const sorted = (list: readonly string[]) => [...list].sort()
    expect(sorted(ROLE_PERMISSIONS.staff)).toEqual(
      sorted([
        'session',
        'system.view',
        'register.view',
        'register.edit',
        'register.reveal',
        'supplies.view',
        'supplies.edit',
        'returnees.view',
        'returnees.edit',
        'data.import',
        'data.export',
        'data.exportFull',
        'home.view',
        'gate.use',
        'gate.view',
        'checkpoints.manage',
        'volunteers.view',
        'volunteers.edit',
        'report.view',
        'report.submit',
        'help.view',
        'help.edit',
        'help.gate',
        'units.view',
        'units.edit',
        'units.approve',
        'notices.view',
        'notices.edit',
        'notices.mark'
      ])
    )
    expect(sorted(ROLE_PERMISSIONS.grid_worker)).toEqual(
      sorted([
        'session',
        'home.view',
        'register.view',
        'register.edit',
        'register.reveal',
        'returnees.view',
        'returnees.edit',
        'data.export',
        'help.view',
        'help.edit',
        'units.view',
        'units.edit',
        'notices.view',
        'notices.mark'
      ])
    )
    expect(sorted(ROLE_PERMISSIONS.gate)).toEqual(sorted(['session', 'gate.use', 'help.gate']))
    expect(sorted(ROLE_PERMISSIONS.readonly)).toEqual(
      sorted([
        'session',
        'home.view',
        'system.view',
        'register.view',
        'supplies.view',
        'returnees.view',
        'gate.view',
        'volunteers.view',
        'report.view',
        'help.view',
        'units.view',
        'notices.view'
      ])
    )
    expect(ROLE_PERMISSIONS.admin).not.toContain('public')
    expect(ROLE_PERMISSIONS.admin).toContain('audit.view')
  })
})
