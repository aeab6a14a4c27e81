import type { Role } from '../domain/roles'
import type { ChangePasswordArgs, LoginArgs, SetupArgs } from '../schemas/accounts'
import { changePasswordArgs, loginArgs, setupArgs } from '../schemas/accounts'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { MethodTable, Permission } from './types'

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
}

export interface LoginResult {
  /** Sent back with every call (IPC argument / x-shouwang-session header). */
  sessionToken: string
  session: SessionView
}

export type AuthApi = {
  'auth.status': (args: EmptyArgs) => Promise<AuthStatus>
  'auth.setup': (args: SetupArgs) => Promise<LoginResult>
  'auth.login': (args: LoginArgs) => Promise<LoginResult>
  'auth.logout': (args: EmptyArgs) => Promise<null>
  'auth.whoami': (args: EmptyArgs) => Promise<SessionView>
  'auth.changePassword': (args: ChangePasswordArgs) => Promise<null>
}

export const authMethods = {
  'auth.status': { args: emptyArgs, kind: 'query', permission: 'public', title: '查看登录状态' },
  'auth.setup': { args: setupArgs, kind: 'mutation', permission: 'public', title: '首次设置' },
  'auth.login': { args: loginArgs, kind: 'mutation', permission: 'public', title: '登录' },
  'auth.logout': { args: emptyArgs, kind: 'mutation', permission: 'session', title: '退出登录' },
  'auth.whoami': { args: emptyArgs, kind: 'query', permission: 'session', title: '查看当前账号' },
  'auth.changePassword': { args: changePasswordArgs, kind: 'mutation', permission: 'session', title: '修改密码' }
} satisfies MethodTable<AuthApi>
