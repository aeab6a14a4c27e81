import { MAX_RETENTION_DAYS } from '../domain/retention'
import { requiredText } from './common'
import { emptyArgs } from './system'
import { z } from './zod'

const days = (label: string) =>
  z
    .number({ error: `请填写${label}的保留天数` })
    .int(`${label}的保留天数应为整数`)
    .min(1, `${label}至少保留 1 天`)
    .max(MAX_RETENTION_DAYS, `${label}最多保留 ${MAX_RETENTION_DAYS} 天`)

export const retentionPeriodsSchema = z.strictObject({
  visitorEntries: days('来访人员出入登记'),
  residentEntries: days('居民出入登记'),
  gateFevers: days('卡口体温异常登记'),
  episodes: days('居家观察记录'),
  trips: days('返程登记')
})

export const retentionGetArgs = emptyArgs
export const retentionPreviewArgs = emptyArgs
export const retentionConfigureArgs = z.strictObject({ periods: retentionPeriodsSchema })

/** A purge destroys records for good: the administrator's own login password and a reason. */
const confirmedByAdmin = {
  adminPassword: z.string({ message: '请输入管理员密码' }).min(1, '请输入管理员密码').max(200, '密码太长'),
  reason: requiredText('清理原因', 200)
}
export const retentionPurgeArgs = z.strictObject(confirmedByAdmin)
export const retentionEndArgs = z.strictObject(confirmedByAdmin)
export const retentionCertificateArgs = z.strictObject({ auditId: z.number({ error: '缺少清理记录' }).int().positive() })

export type RetentionConfigureArgs = z.infer<typeof retentionConfigureArgs>
export type RetentionPurgeArgs = z.infer<typeof retentionPurgeArgs>
