/**
 * Supply stock (物资台账): items, the append-only ledger, household distribution.
 * Quantities are whole numbers in the item's own unit, so every sum is exact.
 */
import { isoDate, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { COUNTERPART_KINDS, LEDGER_KINDS, RECEIVE_SOURCES, SUPPLY_CATEGORIES } from '../domain/supplies'
import { z } from './zod'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/supplies.ts.
export {
  COUNTERPART_KINDS,
  COUNTERPART_KIND_LABELS,
  LEDGER_ACTION_LABELS,
  LEDGER_KINDS,
  LEDGER_KIND_LABELS,
  RECEIVE_SOURCES,
  RECEIVE_SOURCE_LABELS,
  SUPPLY_CATEGORIES,
  SUPPLY_CATEGORY_LABELS
} from '../domain/supplies'
export type { CounterpartKind, LedgerKind, ReceiveSource, SupplyCategory } from '../domain/supplies'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

/** A quantity in the item's unit: a whole number, more than zero. */
export const quantitySchema = z
  .number({ message: '请填写数量' })
  .int('数量必须是整数（按物资的计量单位）')
  .positive('数量必须大于 0')
  .max(100_000_000, '数量太大，请核对')

export const itemShape = {
  name: requiredText('物资名称', 40),
  category: z.enum(SUPPLY_CATEGORIES, { message: '请选择类别' }),
  spec: optionalText('规格', 40),
  unit: requiredText('计量单位', 8),
  warningLevel: z.number({ message: '请填写预警数量' }).int('预警数量必须是整数').min(0, '预警数量不能小于 0').max(100_000_000),
  hasBatches: z.boolean(),
  notes: noteText('备注', 200)
}
export const itemSaveArgs = z.strictObject({
  id: recordId('物资').optional(),
  ...itemShape,
  /** The item's updatedAt when the form opened it: a save after another device's change is refused (stale write). */
  expectedUpdatedAt: z.string().max(40).optional()
})
export type ItemSave = z.infer<typeof itemSaveArgs>

export const receiveShape = {
  itemId: recordId('物资'),
  quantity: quantitySchema,
  source: z.enum(RECEIVE_SOURCES, { message: '请选择来源' }),
  /** The donor, supplier or sending office. */
  counterpartName: optionalText('来源单位', 60),
  batchNo: optionalText('批号', 40).optional(),
  expiryDate: isoDate.optional(),
  note: optionalText('备注', 200),
  /** A batch already past its expiry is received only when the clerk confirms it (e.g. to write it off). */
  confirmExpired: z.boolean().optional()
}
export const receiveArgs = z.strictObject(receiveShape)
export type ReceiveArgs = z.infer<typeof receiveArgs>

export const issueShape = {
  itemId: recordId('物资'),
  quantity: quantitySchema,
  counterpartKind: z.enum(COUNTERPART_KINDS, { message: '请选择发放对象' }),
  /** 卡口: picked from the checkpoints (the name is the checkpoint's own); others: typed. */
  checkpointId: recordId('卡口').optional(),
  counterpartName: optionalText('发放对象', 60),
  receiver: requiredText('领取人', 20),
  note: optionalText('备注', 200)
}
export const issueArgs = z.strictObject(issueShape).superRefine((value, ctx) => {
  if (value.counterpartKind === 'checkpoint' && value.checkpointId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['checkpointId'], message: '请从卡口列表中选择卡口' })
  }
  if (value.counterpartKind !== 'checkpoint' && value.counterpartName === '') {
    ctx.addIssue({ code: 'custom', path: ['counterpartName'], message: '请填写发放对象' })
  }
})
export type IssueArgs = z.infer<typeof issueArgs>

export const countArgs = z.strictObject({
  itemId: recordId('物资'),
  /** Required for items kept by batch: each batch is counted on its own. */
  batchId: recordId('批次').optional(),
  counted: z.number({ message: '请填写实盘数量' }).int('实盘数量必须是整数').min(0, '实盘数量不能小于 0').max(100_000_000),
  note: optionalText('备注', 200)
})
export type CountArgs = z.infer<typeof countArgs>

/** 盘点 of several batches of one item in one step: one reference number, one line per batch. */
export const stocktakeArgs = z.strictObject({
  itemId: recordId('物资'),
  counts: z
    .array(
      z.strictObject({
        batchId: recordId('批次'),
        counted: z.number({ message: '请填写实盘数量' }).int('实盘数量必须是整数').min(0, '实盘数量不能小于 0').max(100_000_000)
      })
    )
    .min(1, '请至少填写一个批次的实盘数量')
    .max(500, '一次最多盘点 500 个批次'),
  note: optionalText('备注', 200)
})
export type StocktakeArgs = z.infer<typeof stocktakeArgs>

export const itemsArgs = z.strictObject({
  /** Only items of this category (the 消杀 dialog offers 消杀用品 only). */
  category: z.enum(SUPPLY_CATEGORIES).optional()
})
export type ItemsArgs = z.infer<typeof itemsArgs>

export const lossArgs = z.strictObject({
  itemId: recordId('物资'),
  batchId: recordId('批次').optional(),
  quantity: quantitySchema,
  reason: requiredText('报损原因', 200)
})
export type LossArgs = z.infer<typeof lossArgs>

export const reverseArgs = z.strictObject({
  refNo: requiredText('单号', 40),
  reason: requiredText('冲正原因', 200)
})
export type ReverseArgs = z.infer<typeof reverseArgs>

export const ledgerFilterShape = {
  itemId: recordId('物资').optional(),
  kind: z.enum(LEDGER_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Matches the counterpart, receiver or reference number. */
  counterpart: optionalText('对象', 60).optional()
}
export const ledgerListArgs = z.strictObject({ ...ledgerFilterShape, ...pageShape })
export type LedgerListArgs = z.infer<typeof ledgerListArgs>

export const batchesArgs = z.strictObject({
  itemId: recordId('物资').optional(),
  /** Batches expiring within this many days count as soon to expire (default 30). */
  withinDays: z.number().int().min(0).max(3650).optional()
})
export type BatchesArgs = z.infer<typeof batchesArgs>

export const monthArgs = z.strictObject({ month })
export type MonthArgs = z.infer<typeof monthArgs>

export const campaignCreateArgs = z.strictObject({
  name: requiredText('发放活动名称', 40),
  itemId: recordId('物资'),
  perHousehold: quantitySchema,
  notes: noteText('备注', 200)
})
export type CampaignCreate = z.infer<typeof campaignCreateArgs>

export const campaignIdArgs = z.strictObject({ id: recordId('发放活动') })
export const checklistArgs = z.strictObject({
  campaignId: recordId('发放活动'),
  compound: optionalText('小区', 40).optional(),
  building: optionalText('楼栋', 20).optional()
})
export type ChecklistArgs = z.infer<typeof checklistArgs>

export const campaignReceiveArgs = z.strictObject({
  campaignId: recordId('发放活动'),
  householdId: recordId('住户'),
  collectedBy: requiredText('领取人', 20)
})
export type CampaignReceive = z.infer<typeof campaignReceiveArgs>
