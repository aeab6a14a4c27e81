import type { WebContentsPrintOptions } from 'electron'
import { PRINT_VIEWS } from '../../shared/print'
import type { PrintResult, PrintView } from '../../shared/print'

/** What webContents.print is given for a print view: A4, its orientation, backgrounds on. */
export function printOptionsFor(view: PrintView): WebContentsPrintOptions {
  return {
    silent: false,
    printBackground: true,
    pageSize: 'A4',
    landscape: PRINT_VIEWS[view].landscape,
    // The views set their own margins in @page; 'default' keeps Chromium's header and footer off.
    margins: { marginType: 'default' }
  }
}

/** Chromium's failure reasons, as a clerk should read them ('cancelled' is not a failure). */
export function printResultOf(success: boolean, failureReason: string): PrintResult {
  if (success || failureReason === 'cancelled') return { ok: true }
  return { ok: false, message: `打印没有完成（${failureReason || '打印机没有响应'}），请检查打印机后重试。` }
}
