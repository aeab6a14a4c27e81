/**
 * Single-cell fields of a street office's own template (issue 18): a cell holding {{今日返回}} gets
 * that one value, besides the list rows under the template's header. The names a clerk may write
 * are the report's figure labels (as on the report page), their keys, and the form's head fields.
 */
import type { ReportHeader, ReportSection } from './report'

/** {{ 今日返回 }}: the name between double braces, spaces around it ignored. */
export const FIELD_MARKER = /\{\{\s*([^{}]+?)\s*\}\}/g

/** What one field fills a cell with: a number stays a number; a date is a calendar day 'YYYY-MM-DD'. */
export type FieldValue = { kind: 'number'; value: number } | { kind: 'text'; value: string } | { kind: 'date'; value: string }

/** The fields every filled template knows, report or list: 设置's office, the exporter, the day. */
export const HEAD_FIELDS = ['填报单位', '所属街道', '填报人', '联系电话', '填报日期'] as const

export function headFields(v: { unit: string; street: string; reporter: string; phone: string; day: string }): Map<string, FieldValue> {
  return new Map<string, FieldValue>([
    ['填报单位', { kind: 'text', value: v.unit }],
    ['社区', { kind: 'text', value: v.unit }],
    ['所属街道', { kind: 'text', value: v.street }],
    ['填报人', { kind: 'text', value: v.reporter }],
    ['填表人', { kind: 'text', value: v.reporter }],
    ['联系电话', { kind: 'text', value: v.phone }],
    ['填报日期', { kind: 'date', value: v.day }],
    ['统计日期', { kind: 'date', value: v.day }]
  ])
}

/**
 * The report's fields: every figure by its label as the report page shows it ('今日返回'), by the
 * label without its bracket ('今日新登记' for '今日新登记（按登记日期）') and by its key
 * ('returnees.returnedToday'); 审核人 and the report's day besides the head fields.
 */
export function reportFields(sections: readonly ReportSection[], header: ReportHeader, street: string, day: string): Map<string, FieldValue> {
  const fields = headFields({ unit: header.unit, street, reporter: header.reporter, phone: header.phone, day })
  fields.set('审核人', { kind: 'text', value: header.reviewer })
  fields.set('报表日期', { kind: 'date', value: day })
  for (const section of sections) {
    for (const line of section.lines) {
      const figure: FieldValue = { kind: 'number', value: line.value }
      fields.set(line.key, figure)
      const short = line.label.replace(/（[^）]*）$/, '')
      // A label shared by two lines (a family's 今日返回 under two groups) is ambiguous: first one wins, the key is exact.
      if (!fields.has(line.label)) fields.set(line.label, figure)
      if (!fields.has(short)) fields.set(short, figure)
    }
  }
  return fields
}

/** The field names a text holds, in order, each once. */
export function fieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD_MARKER)].map((m) => m[1] ?? ''))]
}
