import { ElMessage } from 'element-plus'
import { onMounted, onUnmounted } from 'vue'
import type { PrintView } from '../../../shared/print'

/** The print view on screen now, if any: what Ctrl+P prints. */
let activeView: PrintView | null = null

/**
 * Prints a print view. The desktop app prints through the main process, which gives Chromium
 * the paper, orientation and backgrounds the view needs (shared/print.ts); browser mode has
 * only window.print and the view's @page rule.
 */
export async function printView(view: PrintView): Promise<void> {
  const bridge = window.shouwang
  if (!bridge) {
    window.print()
    return
  }
  const result = await bridge.print(view)
  if (!result.ok) ElMessage.error(result.message)
}

/** For a print view's setup: registers it for Ctrl+P while it is shown; returns its 打印 action. */
export function usePrintView(view: PrintView): () => Promise<void> {
  onMounted(() => {
    activeView = view
  })
  onUnmounted(() => {
    if (activeView === view) activeView = null
  })
  return () => printView(view)
}

/** Ctrl+P (the desktop menu, or the key in browser mode) prints the page's print view or nothing. */
function onPrintRequest(): void {
  if (activeView) {
    void printView(activeView)
    return
  }
  ElMessage.info('这一页没有打印版式。要打印，请先打开“打印”按钮所在的表单页。')
}

export function installPrintShortcut(): void {
  const bridge = window.shouwang
  if (bridge) bridge.onPrintRequest(onPrintRequest)
  window.addEventListener(
    'keydown',
    (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'p') {
        event.preventDefault()
        onPrintRequest()
      }
    },
    { capture: true }
  )
}
