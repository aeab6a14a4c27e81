import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthStatus, LoginResult, Permission, SessionView } from '../../../shared/contract'
import type { SetupArgs } from '../../../shared/schemas/accounts'
import { call, messageOf } from '../api'
import { deviceTokenFor, rememberDevice } from '../api/device'
import { onDataFolderGone, onSessionLost, sessionToken, setSessionToken } from '../api/session'

export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null)
  const session = ref<SessionView | null>(null)
  /** Why the login screen is showing (idle lock, session ended elsewhere); empty on a normal start. */
  const notice = ref('')
  /** The last user name, offered again on the lock screen. */
  const lastUsername = ref('')
  /** Why the app cannot start (wrong launch token, backend gone), shown on the 无法连接 page. */
  const startupError = ref('')
  /** The data folder vanished while running: every page is blocked until the program restarts. */
  const dataGone = ref(false)
  let ready: Promise<void> | null = null

  const can = (permission: Permission) => session.value?.permissions.includes(permission) ?? false
  const loggedIn = computed(() => session.value !== null)
  /** A new or reset account: only the 设置新密码 page until the person has set their own. */
  const mustChangePassword = computed(() => session.value?.mustChangePassword ?? false)

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

  function accept(result: LoginResult): void {
    setSessionToken(result.sessionToken)
    rememberDevice(result.session.username, result.deviceToken)
    session.value = result.session
    lastUsername.value = result.session.username
    notice.value = ''
  }

  /** First start; returns the administrator's recovery code, to be shown once. */
  async function setup(args: SetupArgs): Promise<string> {
    const result = await call('auth.setup', args)
    accept(result)
    status.value = await call('auth.status', {})
    return result.recoveryCode
  }

  async function login(args: { username: string; password: string }): Promise<void> {
    accept(await call('auth.login', { ...args, deviceToken: deviceTokenFor(args.username) }))
  }

  /** The administrator's forgotten password; returns the new recovery code, to be shown once. */
  async function recover(args: { username: string; recoveryCode: string; password: string }): Promise<string> {
    const result = await call('auth.recover', { ...args, deviceToken: deviceTokenFor(args.username) })
    accept(result)
    return result.recoveryCode
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await call('auth.changePassword', { currentPassword, newPassword })
    session.value = await call('auth.whoami', {})
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
  onDataFolderGone((message) => {
    startupError.value = message
    dataGone.value = true
  })

  return {
    status,
    session,
    notice,
    lastUsername,
    startupError,
    dataGone,
    loggedIn,
    mustChangePassword,
    can,
    ensureReady,
    setup,
    login,
    recover,
    changePassword,
    logout,
    forget
  }
})
