import { provinces } from '../domain/regions'
import { isoDay, noteText, optionalText, recordId } from './common'
import { z } from './zod'

export const reportDayArgs = z.strictObject({ day: isoDay('报表日期').optional() })
export type ReportDayArgs = z.infer<typeof reportDayArgs>

/** The report's people: 填报人, 联系电话, 审核人 (社区书记/主任), remembered between days. */
const headerShape = {
  reporter: optionalText('填报人', 20),
  phone: optionalText('联系电话', 30),
  reviewer: optionalText('审核人', 20)
}

export const reportTrendArgs = z.strictObject({
  day: isoDay('报表日期').optional(),
  days: z.union([z.literal(14), z.literal(30)], { message: '趋势只看 14 天或 30 天' })
})
export type ReportTrendArgs = z.infer<typeof reportTrendArgs>

export const reportSubmitArgs = z.strictObject({
  day: isoDay('报表日期'),
  ...headerShape,
  note: noteText('备注', 500),
  /** The digest of the figures the clerk reviewed: a report that changed meanwhile is not sent unseen. */
  digest: z.string().regex(/^[0-9a-f]{64}$/, '报表校验值无效')
})
export type ReportSubmitArgs = z.infer<typeof reportSubmitArgs>

export const reportSubmissionArgs = z.strictObject({ id: recordId('报送记录') })
export type ReportSubmissionArgs = z.infer<typeof reportSubmissionArgs>

export const reportExportArgs = z.strictObject({
  day: isoDay('报表日期'),
  /** A submission: the report exactly as sent; without one, the day as the records stand now. */
  submissionId: recordId('报送记录').optional()
})
export type ReportExportArgs = z.infer<typeof reportExportArgs>

/** 按街道模板导出: a registered template whose {{…}} cells take the day's figures (issue 18). */
export const reportFillTemplateArgs = z.strictObject({
  day: isoDay('报表日期'),
  templateId: z.string().regex(/^saved:\d+$/, '请选择登记过的街道模板')
})
export type ReportFillTemplateArgs = z.infer<typeof reportFillTemplateArgs>

const PROVINCES = new Set(provinces())

export const reportSettingsShape = {
  ...headerShape,
  /** 重点地区: provinces whose returnees the street office watches; flagged in the report. */
  keyProvinces: z.array(z.string().refine((p) => PROVINCES.has(p), '不是省级行政区的名称')).max(34),
  /** 未纳入观察: returned within this many days (the day included) and no observation. */
  notObservedDays: z.number({ error: '请填写天数' }).int('天数应为整数').min(1, '至少 1 天').max(60, '最多 60 天')
}
export const reportSettingsArgs = z.strictObject(reportSettingsShape)
export type ReportSettings = z.infer<typeof reportSettingsArgs>
