import { onMounted, onUnmounted } from 'vue'
import { onBackendEvent } from '../api'

/** A burst of changes (a gate queue, an import) is one refresh, not one per row. */
const SETTLE_MS = 300

/**
 * An open list that follows changes made elsewhere (issue 24: a gate tablet registers, the
 * office's 出入记录 shows it without a reload). Listens to the backend's change events for the
 * domains the list shows, while the component is mounted.
 */
export function useLiveRefresh(domains: readonly string[], refresh: () => unknown): void {
  let stop: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  onMounted(() => {
    stop = onBackendEvent((event) => {
      if (event.type !== 'changed' || !event.domains.some((domain) => domains.includes(domain))) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void refresh()
      }, SETTLE_MS)
    })
  })
  onUnmounted(() => {
    stop?.()
    if (timer) clearTimeout(timer)
  })
}
