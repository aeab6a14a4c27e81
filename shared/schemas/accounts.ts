import { passwordProblem } from '../domain/password'
import { ROLES } from '../domain/roles'
import { cleanString, z } from './zod'

export const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, '用户名只能包含汉字、字母、数字和 _ . -')

export const displayNameSchema = cleanString().trim().min(1, '请填写姓名').max(20, '姓名不能超过 20 个字')

/** A new password, checked against the minimum strength (the user name is checked by the callers' refine). */
export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

const noUsernameInPassword = <T extends { username: string; password: string }>(value: T, ctx: z.RefinementCtx) => {
  const problem = passwordProblem(value.password, value.username)
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
}

export const roleSchema = z.enum(ROLES, { error: '请选择角色' })

export const accountCreateArgs = z
  .strictObject({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    gridIds: z.array(z.number().int().positive()).max(50).optional(),
    password: z.string()
  })
  .superRefine(noUsernameInPassword)
export type AccountCreate = z.infer<typeof accountCreateArgs>

export const accountUpdateArgs = z.strictObject({
  id: z.number().int().positive(),
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  gridIds: z.array(z.number().int().positive()).max(50).optional()
})
export type AccountUpdate = z.infer<typeof accountUpdateArgs>

export const accountSetActiveArgs = z.strictObject({ id: z.number().int().positive(), active: z.boolean() })
export const accountResetPasswordArgs = z.strictObject({ id: z.number().int().positive(), newPassword: newPasswordSchema })

export const setupArgs = z
  .strictObject({
    communityName: cleanString().trim().min(2, '请填写社区名称').max(40, '社区名称不能超过 40 个字'),
    username: usernameSchema,
    displayName: displayNameSchema,
    password: z.string()
  })
  .superRefine(noUsernameInPassword)
export type SetupArgs = z.infer<typeof setupArgs>

/** The device token this browser was given at its last login of the account (README: 登录). */
const deviceTokenSchema = z.string().max(200).optional()

export const loginArgs = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  deviceToken: deviceTokenSchema
})
export type LoginArgs = z.infer<typeof loginArgs>

/** The administrator's forgotten password: the recovery code shown once sets a new one. */
export const recoverArgs = z
  .strictObject({
    username: z.string().trim().min(1, '请输入用户名').max(64),
    recoveryCode: z.string().trim().min(1, '请输入恢复码').max(64),
    password: z.string(),
    deviceToken: deviceTokenSchema
  })
  .superRefine(noUsernameInPassword)
export type RecoverArgs = z.infer<typeof recoverArgs>

export const renewRecoveryCodeArgs = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256)
})
export type RenewRecoveryCodeArgs = z.infer<typeof renewRecoveryCodeArgs>

export const changePasswordArgs = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: newPasswordSchema
})
export type ChangePasswordArgs = z.infer<typeof changePasswordArgs>
