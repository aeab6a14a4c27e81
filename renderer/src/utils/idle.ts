import { onMounted, onUnmounted } from 'vue'

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Calls onIdle after `minutes()` without keyboard or mouse use. The backend ends the session
 * on its own clock as well; this only makes the screen lock promptly and visibly.
 */
export function useIdleLock(minutes: () => number, onIdle: () => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = 0
  const arm = () => {
    // Re-arming on every mouse move is wasteful; once a second is plenty.
    const now = Date.now()
    if (timer && now - last < 1000) return
    last = now
    if (timer) clearTimeout(timer)
    timer = setTimeout(onIdle, Math.max(1, minutes()) * 60_000)
  }
  onMounted(() => {
    for (const name of EVENTS) window.addEventListener(name, arm, { passive: true })
    arm()
  })
  onUnmounted(() => {
    for (const name of EVENTS) window.removeEventListener(name, arm)
    if (timer) clearTimeout(timer)
  })
}
