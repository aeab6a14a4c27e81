import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthStatus, Permission, SessionView } from '../../../shared/contract'
import type { LoginArgs, SetupArgs } from '../../../shared/schemas/accounts'
import { call, messageOf } from '../api'
import { onSessionLost, sessionToken, setSessionToken } from '../api/session'

export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null)
  const session = ref<SessionView | null>(null)
  /** Why the login screen is showing (idle lock, session ended elsewhere); empty on a normal start. */
  const notice = ref('')
  /** The last user name, offered again on the lock screen. */
  const lastUsername = ref('')
  /** Why the app cannot start (wrong launch token, backend gone), shown on the 无法连接 page. */
  const startupError = ref('')
  let ready: Promise<void> | null = null

  const can = (permission: Permission) => session.value?.permissions.includes(permission) ?? false
  const loggedIn = computed(() => session.value !== null)

  async function init(): Promise<void> {
    status.value = await call('auth.status', {})
    if (sessionToken()) {
      try {
        session.value = await call('auth.whoami', {})
      } catch {
        setSessionToken(null)
      }
    }
  }

  /** Loads the status and restores a session once; the router awaits it before every route. */
  function ensureReady(): Promise<void> {
    ready ??= init().catch((error: unknown) => {
      ready = null
      startupError.value = messageOf(error)
      throw error
    })
    return ready
  }

  function accept(result: { sessionToken: string; session: SessionView }): void {
    setSessionToken(result.sessionToken)
    session.value = result.session
    lastUsername.value = result.session.username
    notice.value = ''
  }

  async function setup(args: SetupArgs): Promise<void> {
    accept(await call('auth.setup', args))
    status.value = await call('auth.status', {})
  }

  async function login(args: LoginArgs): Promise<void> {
    accept(await call('auth.login', args))
  }

  function forget(message: string): void {
    if (session.value) lastUsername.value = session.value.username
    session.value = null
    setSessionToken(null)
    notice.value = message
  }

  async function logout(message = ''): Promise<void> {
    try {
      if (sessionToken()) await call('auth.logout', {})
    } finally {
      forget(message)
    }
  }

  onSessionLost((_code, message) => forget(message))

  return { status, session, notice, lastUsername, startupError, loggedIn, can, ensureReady, setup, login, logout, forget }
})
