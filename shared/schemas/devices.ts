import { recordId } from './common'
import { cleanString, z } from './zod'

/** The name the administrator gives a device (东门平板): shown in 设置 and in the audit trail. */
const deviceName = cleanString({ message: '请填写设备名称' }).trim().min(1, '请填写设备名称').max(20, '设备名称不能超过 20 个字')
/** The 6-digit code a new device shows on its screen. */
const pairCode = z.string({ error: '请填写配对码' }).regex(/^\d{6}$/, '配对码是 6 位数字')

export const devicesPairStartArgs = z.strictObject({
  /** What the device's browser says it is (shown beside the code so the administrator recognises it). */
  label: cleanString().trim().max(120).optional()
})
export const devicesApproveArgs = z.strictObject({ code: pairCode, name: deviceName })
export const devicesRefuseArgs = z.strictObject({ code: pairCode })
export const devicesRenameArgs = z.strictObject({ id: recordId('设备'), name: deviceName })
export const devicesRevokeArgs = z.strictObject({ id: recordId('设备') })

export const lanEnableArgs = z.strictObject({
  address: z.string({ error: '请选择网卡地址' }).min(1, '请选择网卡地址').max(64),
  port: z.number({ error: '请填写端口' }).int('端口应为整数').min(1024, '端口应在 1024 到 65535 之间').max(65535, '端口应在 1024 到 65535 之间')
})

export type DevicesPairStartArgs = z.infer<typeof devicesPairStartArgs>
export type DevicesApproveArgs = z.infer<typeof devicesApproveArgs>
export type DevicesRefuseArgs = z.infer<typeof devicesRefuseArgs>
export type DevicesRenameArgs = z.infer<typeof devicesRenameArgs>
export type DevicesRevokeArgs = z.infer<typeof devicesRevokeArgs>
export type LanEnableArgs = z.infer<typeof lanEnableArgs>
