import { afterEach, describe, expect, it } from 'vitest'
import type { AllHandlers } from '../../../electron/backend/context'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { dispatchWithHandlers } from '../support/dispatch'

/**
 * Paced methods (spec.paced: login and the password checks) run outside the one mutation queue
 * while they wait; these are the rules that keep their writes as safe as any other mutation's.
 */
let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

async function withHandlers(override: Partial<AllHandlers>) {
  backend = await testBackend()
  return dispatchWithHandlers(backend, override)
}

describe('paced methods in dispatch', () => {
  it('may write only inside ctx.serial, a turn of the mutation queue', async () => {
    const { dispatch, logged } = await withHandlers({
      'auth.changePassword': (_args, ctx) => {
        ctx.write({ summary: 'x' }, () => undefined)
        return null
      }
    })
    const token = await setupAdmin(backend)
    const before = backend.count('audit_log')
    const envelope = await dispatch('auth.changePassword', { currentPassword: 'a', newPassword: 'Better#2027' }, { token })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(String(logged[0])).toContain('writes only inside ctx.serial')
    expect(backend.count('audit_log')).toBe(before)
  })

  it('checks the session again when its turn to write comes: logged out while waiting writes nothing', async () => {
    let proceed = () => {}
    const waited = new Promise<void>((resolve) => (proceed = resolve))
    const { dispatch } = await withHandlers({
      'auth.changePassword': async (_args, ctx) => {
        await waited
        await ctx.serial(() => ctx.write({ summary: '不该写入' }, () => undefined))
        return null
      }
    })
    const token = await setupAdmin(backend)
    const pending = dispatch('auth.changePassword', { currentPassword: 'a', newPassword: 'Better#2027' }, { token })
    expect((await dispatch('auth.logout', {}, { token })).ok).toBe(true)
    proceed()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(backend.store.all<{ summary: string }>('SELECT summary FROM audit_log').map((r) => r.summary)).not.toContain('不该写入')
  })

  it('does not offer ctx.serial to methods that already run in the queue', async () => {
    const { dispatch, logged } = await withHandlers({
      'settings.update': async (_args, ctx) => {
        await ctx.serial(() => undefined)
        return null as never
      }
    })
    expect(
      await dispatch('settings.update', { streetName: 'x' }, { session: { accountId: null, actor: 't', permissions: 'all', gridScope: 'all' } })
    ).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    expect(String(logged[0])).toContain('is not paced')
  })
})
