import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { fixedClock, tempDir } from './temp'

export interface TestBackend extends Backend {
  dir: string
  clock: ReturnType<typeof fixedClock>
  /** Typed call that throws on failure, for arranging a test. */
  ok<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>
  count(table: string): number
}

/** A real backend (store + dispatch) on a temp folder and a fixed clock. */
export async function testBackend(lifetime: 'test' | 'file' = 'test'): Promise<TestBackend> {
  const dir = tempDir('shouwang-test-', lifetime)
  const clock = fixedClock()
  const backend = await createBackend({ dataDir: dir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })
  return {
    ...backend,
    dir,
    clock,
    async ok(method, args) {
      const envelope = (await backend.call(method, args)) as Envelope<MethodResult<typeof method>>
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.data
    },
    count(table) {
      return Number(backend.store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n)
    }
  }
}

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Shouwang#2026' }

/** First-start setup through the public method, as the app does; returns the admin's session token. */
export async function setupAdmin(backend: Backend, communityName = '幸福里社区'): Promise<string> {
  const envelope = await backend.callAs(null, 'auth.setup', { communityName, ...ADMIN })
  if (!envelope.ok) throw new Error(`setup failed: ${envelope.error.message}`)
  return (envelope.data as { sessionToken: string }).sessionToken
}

/**
 * Logs a new account in (created by the administrator with a password they typed) and sets the
 * person's own password, as the first login must; returns the session token and that password.
 */
export async function loginNewAccount(backend: Backend, username: string, password: string): Promise<{ token: string; password: string }> {
  const login = await backend.callAs(null, 'auth.login', { username, password })
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`)
  const token = (login.data as { sessionToken: string }).sessionToken
  const own = `${password}-own`
  const changed = await backend.callAs(token, 'auth.changePassword', { currentPassword: password, newPassword: own })
  if (!changed.ok) throw new Error(`changePassword failed: ${changed.error.message}`)
  return { token, password: own }
}
