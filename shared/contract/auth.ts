import type { Role } from '../domain/roles'
import type { ChangePasswordArgs, LoginArgs, RecoverArgs, RenewRecoveryCodeArgs, SetupArgs } from '../schemas/accounts'
import { changePasswordArgs, loginArgs, recoverArgs, renewRecoveryCodeArgs, setupArgs } from '../schemas/accounts'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import { defineModule, type MethodTable, type Permission } from './types'

export interface AuthStatus {
  /** True until the first administrator has been created (first start). */
  setupRequired: boolean
  communityName: string
}

export interface SessionView {
  accountId: number
  username: string
  displayName: string
  role: Role
  permissions: Permission[]
  gridIds: number[]
  idleLockMinutes: number
  /**
   * A new account, or one whose password the administrator reset: until the person sets their
   * own password, the session may only do that (or log out).
   */
  mustChangePassword: boolean
}

export interface LoginResult {
  /** Sent back with every call (IPC argument / x-shouwang-session header). */
  sessionToken: string
  session: SessionView
  /**
   * Kept by this browser for this account and sent with its next logins: they are then paced
   * apart from anyone else guessing the account's password (README: 登录).
   */
  deviceToken: string
}

export interface RecoveryResult extends LoginResult {
  /** The administrator's recovery code, shown once; only its hash is kept. */
  recoveryCode: string
}

export type AuthApi = {
  'auth.status': (args: EmptyArgs) => Promise<AuthStatus>
  'auth.setup': (args: SetupArgs) => Promise<RecoveryResult>
  'auth.login': (args: LoginArgs) => Promise<LoginResult>
  'auth.recover': (args: RecoverArgs) => Promise<RecoveryResult>
  'auth.logout': (args: EmptyArgs) => Promise<null>
  'auth.whoami': (args: EmptyArgs) => Promise<SessionView>
  'auth.changePassword': (args: ChangePasswordArgs) => Promise<null>
  'auth.renewRecoveryCode': (args: RenewRecoveryCodeArgs) => Promise<{ recoveryCode: string }>
}

export const authMethods = {
  'auth.status': { args: emptyArgs, kind: 'query', permission: 'public', title: '查看登录状态' },
  'auth.setup': { args: setupArgs, kind: 'mutation', permission: 'public', title: '首次设置' },
  'auth.login': { args: loginArgs, kind: 'mutation', permission: 'public', title: '登录', paced: true },
  'auth.recover': { args: recoverArgs, kind: 'mutation', permission: 'public', title: '用恢复码重设密码', paced: true },
  'auth.logout': { args: emptyArgs, kind: 'mutation', permission: 'session', title: '退出登录' },
  'auth.whoami': { args: emptyArgs, kind: 'query', permission: 'session', title: '查看当前账号' },
  'auth.changePassword': { args: changePasswordArgs, kind: 'mutation', permission: 'session', title: '修改密码', paced: true },
  'auth.renewRecoveryCode': {
    args: renewRecoveryCodeArgs,
    kind: 'mutation',
    permission: 'accounts.manage',
    title: '生成新的恢复码',
    paced: true
  }
} satisfies MethodTable<AuthApi>

/** What a session that must first set its own password may still call (enforced in dispatch). */
export const PASSWORD_CHANGE_METHODS: ReadonlySet<string> = new Set(['auth.changePassword', 'auth.logout', 'auth.whoami'])

export const authModule = defineModule<AuthApi>({
  name: 'auth',
  methods: authMethods,
  grants: { session: ['staff', 'grid_worker', 'gate', 'readonly'] },
  pages: []
})
