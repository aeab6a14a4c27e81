/**
 * The names of exported files (issue 17). A clerk saves several files a day into one folder and
 * sends them on: a name says what the file is and its day, a list and a template of the same list
 * never share a name, and a second file of the same name the same day is numbered rather than
 * written over the first: 居民名单-2026-12-05.xlsx, 居民名单-2026-12-05(2).xlsx.
 */

/** Characters Windows refuses in a file name (and control characters): each becomes '_'. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g

/** The short subject a template's file name starts with, so it never reads as the list's own export. */
export const TEMPLATE_SUBJECTS = {
  residents: '居民',
  households: '住户',
  returnees: '返程人员',
  observations: '居家观察',
  units: '商铺单位',
  unitWorkers: '从业人员',
  unitReopenings: '复工单位',
  report: '每日报表'
} as const
export type TemplateSubject = keyof typeof TEMPLATE_SUBJECTS

/** '居民名单' + '2026-12-05' + 'xlsx' -> '居民名单-2026-12-05.xlsx'; empty parts are left out, unsafe characters replaced. */
export function exportFileName(parts: readonly string[], day: string, extension: string): string {
  const words = [...parts, day].map((p) => p.replace(UNSAFE, '_').trim()).filter((p) => p !== '')
  return `${words.join('-')}.${extension}`
}

/** A filled template: '返程人员' + template name + day, never the same as the list's own file. */
export function templateFileName(subject: TemplateSubject, templateName: string, day: string): string {
  return exportFileName([TEMPLATE_SUBJECTS[subject], templateName], day, 'xlsx')
}

/** The n-th file of one name on one day: 1 -> the name itself, 2 -> 'name(2).xlsx', and so on. */
export function numberedFileName(name: string, n: number): string {
  if (n <= 1) return name
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? `${name}(${n})` : `${name.slice(0, dot)}(${n})${name.slice(dot)}`
}
