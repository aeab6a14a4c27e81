import type { AuthApi } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import {
  countAccounts,
  findAccountById,
  findAccountByUsername,
  insertAccount,
  recordFailedLogin,
  recordLogin,
  setPasswordHash
} from '../accounts/accounts.repo'
import { requireAccount } from '../accounts/accounts.service'
import type { Handlers } from '../context'
import { loadSettings, saveSettings } from '../settings/settings.service'
import { LOCK_MINUTES, MAX_FAILED_LOGINS, lockMessage, sessionView } from './auth.service'
import { hashPassword, verifyPassword } from './password-hash'

const WRONG = '用户名或密码不正确。'

export const authHandlers = {
  'auth.status': (_args, ctx) => ({
    setupRequired: countAccounts(ctx.store) === 0,
    communityName: loadSettings(ctx.store).communityName
  }),

  'auth.setup': (args, ctx) => {
    if (countAccounts(ctx.store) > 0) throw new AppError('CONFLICT', '首次设置已经完成，请直接登录。')
    const at = ctx.now().toISOString()
    const passwordHash = hashPassword(args.password)
    const id = ctx.write(
      {
        summary: `首次设置：社区“${args.communityName}”，创建管理员 ${args.displayName}（${args.username}）`,
        actor: `${args.displayName}（${args.username}）`,
        record: (accountId: number) => `account:${accountId}`
      },
      (tx) => {
        saveSettings(tx, { communityName: args.communityName }, at, args.username)
        const accountId = insertAccount(tx, { username: args.username, displayName: args.displayName, role: 'admin', passwordHash, at })
        // Setting up logs the administrator in, so that counts as their first login.
        recordLogin(tx, accountId, at)
        return accountId
      }
    )
    const row = requireAccount(ctx.store, id)
    return { sessionToken: ctx.sessions.create(id, ctx.now()), session: sessionView(ctx.store, row) }
  },

  'auth.login': (args, ctx) => {
    const now = ctx.now()
    const at = now.toISOString()
    const row = findAccountByUsername(ctx.store, args.username)
    const who = row ? `${row.display_name}（${row.username}）` : args.username.slice(0, 32)
    const refuse = (summary: string, error: AppError, update?: (tx: Parameters<Parameters<typeof ctx.write>[1]>[0]) => void): never => {
      ctx.write({ summary, actor: who, record: row ? `account:${row.id}` : undefined }, (tx) => update?.(tx))
      throw error
    }
    if (!row) return refuse('登录失败：用户名不存在', new AppError('UNAUTHORIZED', WRONG))
    if (row.active !== 1) return refuse('登录被拒绝：账号已停用', new AppError('FORBIDDEN', '该账号已停用，请联系管理员。'))
    if (row.locked_until && row.locked_until > at) {
      return refuse('登录被拒绝：账号已锁定', new AppError('ACCOUNT_LOCKED', lockMessage(row.locked_until, now)))
    }
    if (!verifyPassword(args.password, row.password_hash)) {
      const attempts = row.failed_attempts + 1
      if (attempts >= MAX_FAILED_LOGINS) {
        const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()
        return refuse(`登录失败：密码错误（连续第 ${attempts} 次），账号锁定 ${LOCK_MINUTES} 分钟`, new AppError('ACCOUNT_LOCKED', lockMessage(until, now)), (tx) =>
          recordFailedLogin(tx, row.id, 0, until)
        )
      }
      const left = MAX_FAILED_LOGINS - attempts
      return refuse(
        `登录失败：密码错误（连续第 ${attempts} 次）`,
        new AppError('UNAUTHORIZED', `${WRONG}再输错 ${left} 次，账号将锁定 ${LOCK_MINUTES} 分钟。`),
        (tx) => recordFailedLogin(tx, row.id, attempts, null)
      )
    }
    ctx.write({ summary: '登录成功', actor: who, record: `account:${row.id}` }, (tx) => recordLogin(tx, row.id, at))
    const fresh = requireAccount(ctx.store, row.id)
    return { sessionToken: ctx.sessions.create(row.id, now), session: sessionView(ctx.store, fresh) }
  },

  'auth.logout': (_args, ctx) => {
    ctx.write({ summary: '退出登录', record: `account:${ctx.session.accountId ?? ''}` }, () => undefined)
    ctx.sessions.revoke(ctx.token)
    return null
  },

  'auth.whoami': (_args, ctx) => {
    const row = ctx.session.accountId === null ? undefined : findAccountById(ctx.store, ctx.session.accountId)
    if (!row) throw new AppError('UNAUTHORIZED', '请先登录。')
    return sessionView(ctx.store, row)
  },

  'auth.changePassword': (args, ctx) => {
    const row = ctx.session.accountId === null ? undefined : findAccountById(ctx.store, ctx.session.accountId)
    if (!row) throw new AppError('UNAUTHORIZED', '请先登录。')
    if (!verifyPassword(args.currentPassword, row.password_hash)) {
      throw new AppError('RULE_VIOLATION', '当前密码不正确。', { issues: [{ path: 'currentPassword', message: '当前密码不正确' }] })
    }
    if (args.newPassword.toLowerCase().includes(row.username.toLowerCase())) {
      throw new AppError('RULE_VIOLATION', '密码不能包含用户名。', { issues: [{ path: 'newPassword', message: '密码不能包含用户名' }] })
    }
    const hash = hashPassword(args.newPassword)
    ctx.write({ summary: '修改了自己的密码', record: `account:${row.id}` }, (tx) => setPasswordHash(tx, row.id, hash, ctx.now().toISOString()))
    // Other places this account was logged in must log in again with the new password.
    ctx.sessions.revokeAccount(row.id, ctx.token)
    return null
  }
} satisfies Handlers<AuthApi>
