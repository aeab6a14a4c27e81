/**
 * Device tokens (README: 隐私保护 / 登录): the backend gives this browser one per account at each
 * login, and logins that bring it back are paced apart from anyone guessing that account's
 * password, so a flood of wrong passwords cannot keep its owner out. Kept in localStorage
 * because it must outlive the window and a restart; it is not a credential (the password is
 * still checked), so losing it only means logging in like a new browser.
 */
const DEVICES_KEY = 'shouwang.devices'
/** An office PC has a handful of users; older entries give way. */
const MAX_ACCOUNTS = 20

/** The way the backend compares user names (ASCII letters without case). */
function keyOf(username: string): string {
  return username.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
}

function load(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DEVICES_KEY) ?? '{}')
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

export function deviceTokenFor(username: string): string | undefined {
  const token = load()[keyOf(username)]
  return typeof token === 'string' ? token : undefined
}

export function rememberDevice(username: string, token: string): void {
  const key = keyOf(username)
  const entries = Object.entries(load()).filter(([name]) => name !== key)
  entries.push([key, token])
  try {
    localStorage.setItem(DEVICES_KEY, JSON.stringify(Object.fromEntries(entries.slice(-MAX_ACCOUNTS))))
  } catch {
    // Storage full or disabled: logins still work, only without their own lane.
  }
}
