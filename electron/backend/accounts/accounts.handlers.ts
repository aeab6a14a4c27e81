import type { AccountsApi } from '../../../shared/contract'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { passwordProblem } from '../../../shared/domain/password'
import { AppError } from '../../../shared/errors'
import { hashPassword } from '../security/password-hash'
import type { Handlers } from '../context'
import { insertAccount, listAccountRows, replaceAccountGrids, setAccountActive, setPasswordHash, updateAccountProfile } from './accounts.repo'
import { accountView, accountViews, assertKeepsAnAdmin, assertUsernameFree, describeAccount, gridsForRole, requireAccount } from './accounts.service'

export const accountsHandlers = {
  'accounts.list': (_args, ctx) => accountViews(ctx.store, listAccountRows(ctx.store)),

  'accounts.create': (args, ctx) => {
    assertUsernameFree(ctx.store, args.username)
    const gridIds = gridsForRole(ctx.store, args.role, args.gridIds ?? [])
    const at = ctx.now().toISOString()
    const passwordHash = hashPassword(args.password)
    const id = ctx.write({ summary: `新建账号 ${describeAccount(args)}`, record: (newId: number) => `account:${newId}`, detail: { gridIds } }, (tx) => {
      // The administrator knows this password: the person sets their own at the first login.
      const newId = insertAccount(tx, { username: args.username, displayName: args.displayName, role: args.role, passwordHash, mustChangePassword: true, at })
      replaceAccountGrids(tx, newId, gridIds)
      return newId
    })
    return accountView(ctx.store, id)
  },

  'accounts.update': (args, ctx) => {
    const row = requireAccount(ctx.store, args.id)
    const role = args.role ?? row.role
    const displayName = args.displayName ?? row.display_name
    assertKeepsAnAdmin(ctx.store, row, role, row.active === 1)
    const before = accountView(ctx.store, row.id)
    const gridIds = gridsForRole(ctx.store, role, args.gridIds ?? before.gridIds)
    const changes = [
      displayName !== row.display_name ? `姓名 ${row.display_name} → ${displayName}` : '',
      role !== row.role ? `角色 ${ROLE_LABELS[row.role]} → ${ROLE_LABELS[role]}` : '',
      gridIds.join(',') !== before.gridIds.join(',') ? `网格 [${before.gridIds.join('、')}] → [${gridIds.join('、')}]` : ''
    ].filter(Boolean)
    ctx.write(
      { summary: `修改账号 ${row.username}：${changes.join('；') || '无变化'}`, record: `account:${row.id}`, detail: { before, role, gridIds } },
      (tx) => {
        updateAccountProfile(tx, row.id, displayName, role, ctx.now().toISOString())
        replaceAccountGrids(tx, row.id, gridIds)
      }
    )
    return accountView(ctx.store, row.id)
  },

  'accounts.setActive': (args, ctx) => {
    const row = requireAccount(ctx.store, args.id)
    if (!args.active && row.id === ctx.session.accountId) throw new AppError('RULE_VIOLATION', '不能停用自己正在使用的账号。')
    assertKeepsAnAdmin(ctx.store, row, row.role, args.active)
    ctx.write({ summary: `${args.active ? '启用' : '停用'}账号 ${describeAccount(row)}`, record: `account:${row.id}` }, (tx) =>
      setAccountActive(tx, row.id, args.active, ctx.now().toISOString())
    )
    if (!args.active) ctx.sessions.revokeAccount(row.id)
    return accountView(ctx.store, row.id)
  },

  'accounts.resetPassword': (args, ctx) => {
    const row = requireAccount(ctx.store, args.id)
    const problem = passwordProblem(args.newPassword, row.username)
    if (problem) throw new AppError('BAD_ARGS', problem, { issues: [{ path: 'newPassword', message: problem }] })
    const hash = hashPassword(args.newPassword)
    // Someone else's password typed by the administrator is only good for one login, which
    // must set a new one; the administrator resetting their own has chosen it themselves.
    const mustChange = row.id !== ctx.session.accountId
    const summary = `重置了 ${describeAccount(row)} 的密码${mustChange ? '（下次登录须设置新密码）' : ''}`
    ctx.write({ summary, record: `account:${row.id}` }, (tx) => setPasswordHash(tx, row.id, hash, mustChange, ctx.now().toISOString()))
    ctx.sessions.revokeAccount(row.id, row.id === ctx.session.accountId ? ctx.token : null)
    return null
  }
} satisfies Handlers<AccountsApi>
