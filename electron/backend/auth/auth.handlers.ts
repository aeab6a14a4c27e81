import type { AuthApi } from '../../../shared/contract'
import { passwordProblem } from '../../../shared/domain/password'
import { AppError } from '../../../shared/errors'
import { countAccounts, findAccountById, insertAccount, recordLogin, setPasswordHash, setRecoveryHash } from '../accounts/accounts.repo'
import { requireAccount } from '../accounts/accounts.service'
import type { Ctx, Handlers } from '../context'
import { loadSettings, saveSettings } from '../settings/settings.service'
import { actorOf, sessionView } from './auth.service'
import { issueDeviceToken } from './device-token'
import { WRONG_LOGIN, WRONG_RECOVERY, checkNamed, checkOwnPassword, unchangedSince } from './login.service'
import { hashPassword, hashSecret } from '../security/password-hash'
import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code'

function current(ctx: Ctx) {
  const row = ctx.session.accountId === null ? undefined : findAccountById(ctx.store, ctx.session.accountId)
  if (!row) throw new AppError('UNAUTHORIZED', '请先登录。')
  return row
}

function newPasswordProblem(username: string, currentPassword: string, newPassword: string): void {
  const problem = newPassword === currentPassword ? '新密码不能与当前密码相同' : passwordProblem(newPassword, username)
  if (problem) throw new AppError('RULE_VIOLATION', `${problem}。`, { issues: [{ path: 'newPassword', message: problem }] })
}

export const authHandlers = {
  'auth.status': (_args, ctx) => ({
    setupRequired: countAccounts(ctx.store) === 0,
    communityName: loadSettings(ctx.store).communityName
  }),

  'auth.setup': (args, ctx) => {
    if (countAccounts(ctx.store) > 0) throw new AppError('CONFLICT', '首次设置已经完成，请直接登录。')
    const now = ctx.now()
    const at = now.toISOString()
    const passwordHash = hashPassword(args.password)
    // The way back in for a forgotten administrator password, shown once on the next screen.
    const recoveryCode = newRecoveryCode()
    const recoveryHash = hashPassword(normalizeRecoveryCode(recoveryCode))
    const { id, deviceToken } = ctx.write(
      {
        summary: `首次设置：社区“${args.communityName}”，创建管理员 ${args.displayName}（${args.username}）`,
        actor: `${args.displayName}（${args.username}）`,
        record: (made: { id: number }) => `account:${made.id}`
      },
      (tx) => {
        saveSettings(tx, { communityName: args.communityName }, at, args.username)
        const accountId = insertAccount(tx, {
          username: args.username,
          displayName: args.displayName,
          role: 'admin',
          passwordHash,
          mustChangePassword: false,
          at
        })
        setRecoveryHash(tx, accountId, recoveryHash, at)
        // Setting up logs the administrator in, so that counts as their first login.
        recordLogin(tx, accountId, at)
        return { id: accountId, deviceToken: issueDeviceToken(tx, accountId, now) }
      }
    )
    const row = requireAccount(ctx.store, id)
    return { sessionToken: ctx.sessions.create(id, now, ctx.device?.device?.id ?? null), session: sessionView(ctx.store, row), deviceToken, recoveryCode }
  },

  'auth.login': async (args, ctx) => {
    const passed = await checkNamed(ctx, {
      method: 'auth.login',
      username: args.username,
      secret: args.password,
      deviceToken: args.deviceToken,
      storedOf: (row) => row?.password_hash ?? null,
      failed: { known: '登录失败：密码错误', unknown: '登录失败：用户名不存在' }
    })
    if (!passed) throw new AppError('UNAUTHORIZED', WRONG_LOGIN)
    return ctx.serial(() => {
      const row = unchangedSince(ctx, passed, (r) => r.password_hash, passed.matched)
      // Reset by the administrator while this login waited its turn: the old password is gone.
      if (!row) throw new AppError('UNAUTHORIZED', WRONG_LOGIN)
      if (row.active !== 1) {
        ctx.write({ summary: '登录被拒绝：账号已停用', actor: actorOf(row), record: `account:${row.id}` }, () => undefined)
        throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员。')
      }
      const now = ctx.now()
      const deviceToken = ctx.write(
        { summary: '登录成功', actor: actorOf(row), record: `account:${row.id}`, detail: passed.device ? { device: true } : undefined },
        (tx) => {
          recordLogin(tx, row.id, now.toISOString())
          return issueDeviceToken(tx, row.id, now, passed.device?.deviceId)
        }
      )
      return { sessionToken: ctx.sessions.create(row.id, now, ctx.device?.device?.id ?? null), session: sessionView(ctx.store, row), deviceToken }
    })
  },

  'auth.recover': async (args, ctx) => {
    const passed = await checkNamed(ctx, {
      method: 'auth.recover',
      username: args.username,
      secret: normalizeRecoveryCode(args.recoveryCode),
      deviceToken: args.deviceToken,
      // Only a working administrator's code counts; anyone else is checked against the dummy.
      storedOf: (row) => (row && row.role === 'admin' && row.active === 1 ? row.recovery_hash : null),
      failed: { known: '用恢复码重设密码失败：恢复码不正确', unknown: '用恢复码重设密码失败：用户名不存在或没有恢复码' }
    })
    if (!passed) throw new AppError('UNAUTHORIZED', WRONG_RECOVERY)
    const passwordHash = await hashSecret(args.password)
    const recoveryCode = newRecoveryCode()
    const recoveryHash = await hashSecret(normalizeRecoveryCode(recoveryCode))
    return ctx.serial(() => {
      // A code is good once: a second use racing this one finds the hash changed.
      const row = unchangedSince(ctx, passed, (r) => r.recovery_hash, passed.matched)
      if (!row || row.active !== 1 || row.role !== 'admin') throw new AppError('UNAUTHORIZED', WRONG_RECOVERY)
      const now = ctx.now()
      const at = now.toISOString()
      const deviceToken = ctx.write(
        { summary: '用恢复码重设了自己的密码并登录（旧恢复码作废，已显示新恢复码）', actor: actorOf(row), record: `account:${row.id}` },
        (tx) => {
          setPasswordHash(tx, row.id, passwordHash, false, at)
          setRecoveryHash(tx, row.id, recoveryHash, at)
          recordLogin(tx, row.id, at)
          return issueDeviceToken(tx, row.id, now, passed.device?.deviceId)
        }
      )
      // Whoever was logged in with the forgotten password is logged out.
      ctx.sessions.revokeAccount(row.id)
      const fresh = requireAccount(ctx.store, row.id)
      return {
        sessionToken: ctx.sessions.create(row.id, now, ctx.device?.device?.id ?? null),
        session: sessionView(ctx.store, fresh),
        deviceToken,
        recoveryCode
      }
    })
  },

  'auth.logout': (_args, ctx) => {
    ctx.write({ summary: '退出登录', record: `account:${ctx.session.accountId ?? ''}` }, () => undefined)
    ctx.sessions.revoke(ctx.token)
    return null
  },

  'auth.whoami': (_args, ctx) => sessionView(ctx.store, current(ctx)),

  'auth.changePassword': async (args, ctx) => {
    newPasswordProblem(current(ctx).username, args.currentPassword, args.newPassword)
    const row = await checkOwnPassword(ctx, 'auth.changePassword', args.currentPassword)
    const hash = await hashSecret(args.newPassword)
    await ctx.serial(() => {
      if (!unchangedSince(ctx, { row }, (r) => r.password_hash, row.password_hash)) {
        throw new AppError('CONFLICT', '密码刚被管理员重置，请重新登录。')
      }
      const summary = row.must_change_password === 1 ? '设置了自己的新密码（首次登录或密码被重置后）' : '修改了自己的密码'
      ctx.write({ summary, record: `account:${row.id}` }, (tx) => setPasswordHash(tx, row.id, hash, false, ctx.now().toISOString()))
    })
    // Other places this account was logged in must log in again with the new password.
    ctx.sessions.revokeAccount(row.id, ctx.token)
    return null
  },

  'auth.renewRecoveryCode': async (args, ctx) => {
    const row = await checkOwnPassword(ctx, 'auth.renewRecoveryCode', args.currentPassword)
    const recoveryCode = newRecoveryCode()
    const hash = await hashSecret(normalizeRecoveryCode(recoveryCode))
    await ctx.serial(() =>
      ctx.write({ summary: '生成了新的恢复码（旧恢复码作废）', record: `account:${row.id}` }, (tx) =>
        setRecoveryHash(tx, row.id, hash, ctx.now().toISOString())
      )
    )
    return { recoveryCode }
  }
} satisfies Handlers<AuthApi>
