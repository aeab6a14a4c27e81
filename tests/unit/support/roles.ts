import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Role } from '../../../shared/domain/roles'
import type { Envelope } from '../../../shared/errors'
import type { TestBackend } from './backend'

/** A caller with a real login: every call goes through dispatch with the session token, as a host's would. */
export interface Caller {
  token: string
  call(method: string, args: unknown): Promise<Envelope<unknown>>
  /** Typed call that throws on failure, for arranging. */
  ok<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>
}

export function callerOf(backend: TestBackend, token: string): Caller {
  return {
    token,
    call: (method, args) => backend.callAs(token, method, args),
    async ok(method, args) {
      const envelope = (await backend.callAs(token, method, args)) as Envelope<MethodResult<typeof method>>
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.data
    }
  }
}

/** Creates an account of the role (by the administrator's token) and logs it in. */
export async function loginAs(backend: TestBackend, adminToken: string, username: string, role: Role, gridIds?: number[]): Promise<Caller> {
  const password = 'Role#2026abc'
  const created = await backend.callAs(adminToken, 'accounts.create', {
    username,
    displayName: `${username}测试`,
    role,
    password,
    ...(gridIds ? { gridIds } : {})
  })
  if (!created.ok) throw new Error(`accounts.create failed: ${created.error.message}`)
  const login = (await backend.callAs(null, 'auth.login', { username, password })) as Envelope<{ sessionToken: string }>
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`)
  // A new account sets its own password before anything else, as its user would.
  const changed = await backend.callAs(login.data.sessionToken, 'auth.changePassword', { currentPassword: password, newPassword: `${password}x` })
  if (!changed.ok) throw new Error(`auth.changePassword failed: ${changed.error.message}`)
  return callerOf(backend, login.data.sessionToken)
}
