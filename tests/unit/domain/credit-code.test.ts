import { describe, expect, it } from 'vitest'
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, parseCreditCode } from '../../../shared/domain/credit-code'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real-format codes whose check character is right, as typed with spaces, lower case or full width', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' })
    expect(parseCreditCode('91110108551385082Q')).toEqual({ ok: true, code: '91110108551385082Q' })
    expect(parseCreditCode(' 9135 0100 m000 100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' })
    expect(parseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, code: '91350100M000100Y43' })
  })

  it('computes the check character with the standard weights over the 31-character alphabet', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31)
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('91110108551385082')).toBe('Q')
    expect(creditCodeCheckChar('9111010855138508')).toBeNull()
    expect(creditCodeCheckChar('9111010855138508I')).toBeNull()
  })

  it('refuses a wrong check character, a wrong length and letters the code never uses, in Chinese', () => {
    expect(parseCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, message: expect.stringContaining('校验码不对') })
    expect(parseCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, message: expect.stringContaining('应为 18 位，现在是 17 位') })
    expect(parseCreditCode('91350100M000100O43')).toMatchObject({ ok: false, message: expect.stringContaining('没有字母 O') })
  })

  it('catches every single-character slip of a valid code', () => {
    const valid = '91350100M000100Y43'
    for (let i = 0; i < 17; i++) {
      for (const ch of CREDIT_CODE_ALPHABET) {
        if (ch === valid[i]) continue
        const slipped = valid.slice(0, i) + ch + valid.slice(i + 1)
        expect(parseCreditCode(slipped).ok).toBe(false)
      }
    }
  })
})
