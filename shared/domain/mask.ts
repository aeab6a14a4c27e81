/**
 * Default display masking. Epidemic-prevention data may only be shown in full when a
 * clerk asks for it (PIPL), so lists and exports go through these helpers.
 */
import { splitPhone } from './phone'

const CANONICAL_ID = /^\d{15}$|^\d{17}[\dX]$/
const CANONICAL_MOBILE = /^1\d{10}$/

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n))
}

/**
 * Keeps both ends of a short value. Four characters or fewer are fully hidden, because
 * keeping two at each end would reveal the whole thing.
 */
function maskEnds(chars: string[], keep: number): string {
  if (chars.length <= keep * 2) return stars(chars.length)
  return chars.slice(0, keep).join('') + stars(chars.length - keep * 2) + chars.slice(-keep).join('')
}

/**
 * Mainland IDs (15/18) keep the 6-digit region and the last 4, which hides the birth
 * date; the last 4 are what clerks read back to residents to confirm identity.
 * Other documents keep only two characters at each end.
 */
export function maskId(id: string | null | undefined): string {
  if (!id) return ''
  // The stored form of a mainland ID (canonical, ASCII): no need to split it into characters.
  if (CANONICAL_ID.test(id)) return id.slice(0, 6) + stars(id.length - 10) + id.slice(-4)
  // Array.from so that a character outside the BMP is never split in half.
  const chars = Array.from(id.trim())
  if (chars.length === 0) return ''
  if (/^\d{15}$|^\d{17}[\dX]$/i.test(chars.join(''))) {
    return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('')
  }
  return maskEnds(chars, 2)
}

/**
 * Mobiles: 138****5678. Landlines: area code and last 2 digits (0371-******34); the
 * extension is dropped since a masked list has no use for it. Anything unparseable is
 * masked generically rather than shown, so a bad value never leaks in full.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  // A stored mobile number: what splitPhone would make of it, without parsing (exports mask 50,000).
  if (CANONICAL_MOBILE.test(phone)) return phone.slice(0, 3) + '****' + phone.slice(-4)
  const parts = splitPhone(phone)
  if (!parts) return maskEnds(Array.from(phone.trim()), 2)
  if (!parts.area) return parts.local.slice(0, 3) + stars(4) + parts.local.slice(-4)
  return `${parts.area}-${stars(parts.local.length - 2)}${parts.local.slice(-2)}`
}
