import type { Role } from '../domain/roles'
import type { AccountCreate, AccountUpdate } from '../schemas/accounts'
import { accountCreateArgs, accountResetPasswordArgs, accountSetActiveArgs, accountUpdateArgs } from '../schemas/accounts'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

export interface AccountView {
  id: number
  username: string
  displayName: string
  role: Role
  gridIds: number[]
  active: boolean
  lastLoginAt: string | null
  /** Created or reset by the administrator and not yet given a password of the person's own. */
  mustChangePassword: boolean
  createdAt: string
}

export type AccountsApi = {
  'accounts.list': (args: EmptyArgs) => Promise<AccountView[]>
  'accounts.create': (args: AccountCreate) => Promise<AccountView>
  'accounts.update': (args: AccountUpdate) => Promise<AccountView>
  'accounts.setActive': (args: { id: number; active: boolean }) => Promise<AccountView>
  'accounts.resetPassword': (args: { id: number; newPassword: string }) => Promise<null>
}

export const accountsMethods = {
  'accounts.list': { args: emptyArgs, kind: 'query', permission: 'accounts.manage', title: '查看账号' },
  'accounts.create': { args: accountCreateArgs, kind: 'mutation', permission: 'accounts.manage', title: '新建账号' },
  'accounts.update': { args: accountUpdateArgs, kind: 'mutation', permission: 'accounts.manage', title: '修改账号' },
  'accounts.setActive': { args: accountSetActiveArgs, kind: 'mutation', permission: 'accounts.manage', title: '停用或启用账号' },
  'accounts.resetPassword': { args: accountResetPasswordArgs, kind: 'mutation', permission: 'accounts.manage', title: '重置密码' }
} satisfies MethodTable<AccountsApi>

export const accountsModule = defineModule<AccountsApi>({
  name: 'accounts',
  methods: accountsMethods,
  grants: { 'accounts.manage': [] },
  pages: [{ path: '/accounts', name: 'accounts', title: '账号', permission: 'accounts.manage', group: 'system' }]
})
