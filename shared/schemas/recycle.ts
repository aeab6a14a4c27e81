import { z } from './zod'
import { pageShape, recordId } from './common'

export const RECYCLE_KINDS = ['resident', 'household'] as const
export type RecycleKind = (typeof RECYCLE_KINDS)[number]

export const recycleListArgs = z.strictObject({ kind: z.enum(RECYCLE_KINDS).optional(), ...pageShape })
export const recycleItemArgs = z.strictObject({ kind: z.enum(RECYCLE_KINDS, { message: '请选择记录类别' }), id: recordId('记录') })

export type RecycleListArgs = z.infer<typeof recycleListArgs>
export type RecycleItemArgs = z.infer<typeof recycleItemArgs>
