/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capital
 * letters without I, O, S, V, Z, which read like digits), the last one a check character over the
 * first 17 with fixed weights. A code typed with one wrong character fails the check, so a slip is
 * caught at the desk instead of in the street office's list.
 */
import { normalizeText } from './normalize'

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** The check character the first 17 characters call for; null when one of them is not in the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '')
    if (value < 0) return null
    sum += value * (WEIGHTS[i] ?? 0)
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_CODE_ALPHABET[check] ?? null
}

export type CreditCodeResult = { ok: true; code: string } | { ok: false; message: string }

/** Full-width characters, spaces and lower case as typed are forgiven; anything else is named in Chinese. */
export function parseCreditCode(raw: string): CreditCodeResult {
  const code = normalizeText(raw).replace(/[\s-]/g, '').toUpperCase()
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，现在是 ${code.length} 位，请核对` }
  const bad = Array.from(code).find((ch) => !CREDIT_CODE_ALPHABET.includes(ch))
  if (bad !== undefined) {
    const hint = 'IOSVZ'.includes(bad) ? `（代码中没有字母 ${bad}，可能是数字看错了）` : ''
    return { ok: false, message: `统一社会信用代码中不能有“${bad}”${hint}，请核对` }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17))
  if (expected !== code[17]) return { ok: false, message: '统一社会信用代码的最后一位校验码不对，可能有字符输错了，请对照营业执照核对' }
  return { ok: true, code }
}
