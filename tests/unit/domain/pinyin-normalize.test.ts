import { describe, it, expect } from 'vitest'
import { nameSearchKeys } from '../../../shared/domain/pinyin'
import { compactCode, looksLikeScientificNotation, normalizeText } from '../../../shared/domain/normalize'

describe('nameSearchKeys', () => {
  it.each([
    ['张三', 'zs', 'zhangsan'],
    ['曾小明', 'zxm', 'zengxiaoming'],
    ['单田芳', 'stf', 'shantianfang'],
    ['解晓东', 'xxd', 'xiexiaodong'],
    ['仇英', 'qy', 'qiuying'],
    ['朴树', 'ps', 'piaoshu'],
    ['区志强', 'ozq', 'ouzhiqiang'],
    ['吕布', 'lb', 'lvbu'],
    ['李Ming', 'lm', 'liming'],
    ['阿依古丽·买买提', 'ayglmmt', 'ayigulimaimaiti'],
    ['  王　小 二 ', 'wxe', 'wangxiaoer'],
    ['Ｍａｒｙ Ｓｍｉｔｈ', 'ms', 'marysmith'],
    ['', '', ''],
    [null, '', '']
  ])('%s -> %s / %s', (name, initials, full) => {
    expect(nameSearchKeys(name)).toEqual({ initials, full })
  })

  it('applies surname readings only at the start of the name', () => {
    // 曾 as a given-name character keeps its everyday reading.
    expect(nameSearchKeys('李曾').full).toBe('liceng')
  })

  it('produces lower-case letters and digits only', () => {
    for (const name of ['欧阳娜娜', '上官婉儿', '张-三', '李 · 四', "O'Brien 王"]) {
      const { initials, full } = nameSearchKeys(name)
      expect(full).toMatch(/^[a-z0-9]+$/)
      expect(initials).toMatch(/^[a-z0-9]+$/)
    }
  })
})

describe('normalizeText', () => {
  it.each([
    ['  张\u3000三  ', '张 三'],
    ['a\t\n b', 'a b'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['\u200B李四\uFEFF', '李四'],
    ['', ''],
    [null, ''],
    [undefined, '']
  ])('%j -> %j', (input, out) => {
    expect(normalizeText(input)).toBe(out)
  })
})

describe('compactCode', () => {
  it.each([
    ['110105 1949 1231 002x', '11010519491231002X'],
    ['１１０－１０５', '110105'],
    ['138-1234–5678—9', '138123456789'],
    ['a\u3000b\u200Bc', 'ABC'],
    ['e1234‐5678', 'E12345678'],
    [null, '']
  ])('%j -> %j', (input, out) => {
    expect(compactCode(input)).toBe(out)
  })
})

describe('looksLikeScientificNotation', () => {
  it.each([
    ['1.10101E+17', true],
    ['1.10101e+17', true],
    ['1E+17', true],
    ['1.1E17', true],
    ['11010519491231002X', false],
    ['E12345678', false]
  ])('%s -> %s', (s, expected) => {
    expect(looksLikeScientificNotation(s)).toBe(expected)
  })
})
