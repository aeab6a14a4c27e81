import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { methods } from '../../../shared/contract'
import type { Permission } from '../../../shared/contract/types'
import type { Method } from '../../../shared/contract'
import { ROLES } from '../../../shared/domain/roles'
import { ROLE_PERMISSIONS } from '../../../shared/modules'
import type { Role } from '../../../shared/domain/roles'
import { loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

/**
 * Every role against every method of the contract. Args are {} on purpose: the permission
 * check comes before validation, so a refused caller gets FORBIDDEN whatever it sends, and
 * an allowed one gets past it (to BAD_ARGS, NOT_FOUND or success).
 */
let backend: TestBackend
const tokens = new Map<Role, string>()
// Logging out or in would change the session under test; they are covered in auth.test.ts.
const SKIP = new Set<string>(['auth.logout', 'auth.login', 'auth.setup'])

beforeAll(async () => {
  backend = await testBackend('file')
  tokens.set('admin', await setupAdmin(backend))
  const grid = (await backend.ok('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })) as { id: number }
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await backend.ok('accounts.create', {
      username: `u_${role}`,
      displayName: role,
      role,
      gridIds: role === 'grid_worker' ? [grid.id] : [],
      password: 'Role#2026abc'
    })
    tokens.set(role, (await loginNewAccount(backend, `u_${role}`, 'Role#2026abc')).token)
  }
})
afterAll(async () => {
  await backend.close()
})

const cases = ROLES.flatMap((role) => (Object.keys(methods) as Method[]).filter((m) => !SKIP.has(m)).map((method) => [role, method] as const))

describe('role x method', () => {
  it.each(cases)('%s -> %s', async (role, method) => {
    const spec = methods[method]
    const has = (p: Permission) => ROLE_PERMISSIONS[role].includes(p)
    // The engine's one export rule: the domain's view permission (the method's) and data.export.
    // Grid structure (wholeCommunity) is the whole community's: a grid worker is refused it by dispatch.
    const gridBound = spec.wholeCommunity === true && role === 'grid_worker'
    const passesDispatch = (spec.permission === 'public' || has(spec.permission)) && !gridBound
    const may = passesDispatch && (spec.kind !== 'export' || has('data.export'))
    const auditBefore = backend.count('audit_log')
    const journalBefore = backend.store.info().journalRecords
    const envelope = await backend.callAs(tokens.get(role) ?? null, method, {})
    if (may) {
      expect(envelope.ok || !['FORBIDDEN', 'UNAUTHORIZED'].includes(envelope.error.code)).toBe(true)
    } else if (passesDispatch) {
      // An export its domain's viewers may not take out (no data.export): refused by the engine, or
      // earlier for arguments it never got; either way nothing is written.
      expect(envelope.ok).toBe(false)
      expect(backend.count('audit_log')).toBe(auditBefore)
      expect(backend.store.info().journalRecords).toBe(journalBefore)
    } else {
      const message = gridBound ? `${spec.title}需要全社区的权限，网格员不能操作。` : `您没有“${spec.title}”的权限。`
      expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message } })
      expect(backend.count('audit_log')).toBe(auditBefore)
      expect(backend.store.info().journalRecords).toBe(journalBefore)
    }
  })

  it('gives the gate role nothing but the gate screen (and a help request met at the gate, issue 21)', () => {
    expect([...ROLE_PERMISSIONS.gate].sort()).toEqual(['gate.use', 'help.gate', 'session'])
  })

  it('never lets the read-only role change or reveal anything', () => {
    const writes = (Object.keys(methods) as Method[]).filter((m) => methods[m].kind === 'mutation' && ROLE_PERMISSIONS.readonly.includes(methods[m].permission))
    // The prints are mutations only so that a print of full phones (roles that may reveal) is
    // audited in its own turn; for this role they answer masked and write nothing (tested below).
    expect(writes.sort()).toEqual(['auth.changePassword', 'auth.logout', 'care.printList', 'monitoring.sheet', 'roster.print'])
    expect(ROLE_PERMISSIONS.readonly).not.toContain('register.reveal')
    // Views and prints, exports nothing: every export needs data.export besides its domain's view.
    expect(ROLE_PERMISSIONS.readonly).not.toContain('data.export')
  })

  it('the read-only role’s prints are masked and leave no trace in the records', async () => {
    const token = tokens.get('readonly') ?? ''
    const before = backend.count('audit_log')
    const sheet = await backend.callAs(token, 'monitoring.sheet', {})
    expect(sheet).toMatchObject({ ok: true, data: { full: false } })
    const roster = await backend.callAs(token, 'roster.print', { week: '2026-02-02' })
    expect(roster).toMatchObject({ ok: true, data: { full: false } })
    expect(backend.count('audit_log')).toBe(before)
  })

  it('refuses every non-public method without a session', async () => {
    for (const method of Object.keys(methods) as Method[]) {
      if (methods[method].permission === 'public') continue
      const envelope = await backend.callAs(null, method, {})
      expect(envelope, method).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }
  })
})
