/**
 * Pinyin search keys for names, so clerks can find 曾小明 by typing "zxm" or
 * "zengxiaoming" on a keyboard without switching input methods.
 */
import { pinyin } from 'pinyin-pro'
import { normalizeText } from './normalize'

export interface NameSearchKeys {
  /** First letter of each Han character and of each run of Latin letters/digits. */
  initials: string
  /** Full toneless pinyin for Han characters, other letters/digits kept as typed. */
  full: string
}

// Anything that is neither a letter nor a digit: the middle dot in transliterated
// minority and foreign names (阿依古丽·买买提), spaces, hyphens, brackets.
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu

export function nameSearchKeys(name: string | null | undefined): NameSearchKeys {
  const text = normalizeText(name)
  if (text === '') return { initials: '', full: '' }
  // surname 'head' applies surname readings to the start of the string only, which is
  // where the family name sits: 曾 zeng, 单 shan, 解 xie, 仇 qiu, 朴 piao, 区 ou.
  // 'v' for ü matches what pinyin keyboards expect: 吕 -> lv.
  // 'array' gives the syllables alone (about three times faster than 'all', which a bulk
  // import feels). A Han syllable is one lower-case word; a non-Han run such as "Ming" or "·"
  // may hold several words. Either way each word adds itself and its first letter.
  const parts = pinyin(text, {
    type: 'array',
    surname: 'head',
    toneType: 'none',
    v: true,
    nonZh: 'consecutive'
  })
  let initials = ''
  let full = ''
  for (const part of parts) {
    for (const word of part.toLowerCase().split(NOT_ALNUM)) {
      if (!word) continue
      full += word
      initials += Array.from(word)[0] ?? ''
    }
  }
  return { initials, full }
}
