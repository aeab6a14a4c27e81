/**
 * Every print layout of the app and the paper it needs. Chromium's print (window.print and
 * webContents.print) follows the printer's default orientation and ignores
 * `@page { size: A4 landscape }` (electron/electron#9868), and leaves backgrounds out by
 * default, so the desktop host prints through the main process with these options; each
 * print view names its entry and its CSS @page agrees with it (a unit test checks both).
 */
export const PRINT_VIEWS = {
  /** 每日健康监测表, one sheet per grid worker. */
  'monitoring-sheet': { title: '每日健康监测表', landscape: false },
  /** 值班排班表, one sheet per checkpoint, days across. */
  'roster-week': { title: '值班排班表', landscape: true },
  /** 消杀日工作单. */
  'disinfection-day-sheet': { title: '消杀日工作单', landscape: false },
  /** 每日疫情防控报表, as it stands or exactly as sent. */
  'daily-report': { title: '每日疫情防控报表', landscape: false },
  /** 志愿者求助任务单, one sheet per volunteer. */
  'help-tasks': { title: '志愿者求助任务单', landscape: false },
  /** 重点人群关爱联系单, one sheet per grid worker or volunteer. */
  'care-list': { title: '关爱联系单', landscape: false },
  /** 防疫个人信息清理证明 (数据保留): counts only. */
  'retention-certificate': { title: '数据清理证明', landscape: false },
  /** 疫情防控承诺书 of a shop or workplace (商铺单位), for its manager to sign. */
  'unit-pledge': { title: '疫情防控承诺书', landscape: false },
  /** 通知公告 for the notice board: title, text, the committee and the date. */
  notice: { title: '通知', landscape: false },
  /** 入户告知清单, one sheet per grid worker. */
  'notice-checklist': { title: '入户告知清单', landscape: false }
} as const satisfies Record<string, { title: string; landscape: boolean }>

export type PrintView = keyof typeof PRINT_VIEWS

export function isPrintView(value: unknown): value is PrintView {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PRINT_VIEWS, value)
}

/** The host's answer to a print request. */
export type PrintResult = { ok: true } | { ok: false; message: string }
