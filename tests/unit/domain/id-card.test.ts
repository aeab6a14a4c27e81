import { describe, it, expect } from 'vitest'
import isIdentityCard from 'validator/lib/isIdentityCard'
import { ID_DOC_TYPES, ID_DOC_TYPE_LABELS, ageOn, computeCheckChar, idSuffixKey, parseMainlandId, validateIdDocument } from '../../../shared/domain/id-card'
import type { IdDocType } from '../../../shared/domain/id-card'

const TODAY = new Date(2024, 5, 15) // 2024-06-15, local time

// Written independently of the implementation so a shared mistake cannot hide.
function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = first17.split('').reduce((acc, ch, i) => acc + Number(ch) * (weights[i] ?? 0), 0)
  return '10X98765432'.charAt(sum % 11)
}
function makeId(region: string, yyyymmdd: string, seq: string): string {
  const first17 = region + yyyymmdd + seq
  return first17 + checkChar(first17)
}
function wrongCheck(id: string): string {
  const last = id.charAt(17)
  return id.slice(0, 17) + (last === '0' ? '1' : '0')
}

describe('parseMainlandId: valid numbers', () => {
  const cases: Array<[string, string, string, 'M' | 'F', string]> = [
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'F', '110105'],
    [makeId('410105', '19800229', '123'), makeId('410105', '19800229', '123'), '1980-02-29', 'M', '410105'],
    [makeId('650102', '20240615', '011'), makeId('650102', '20240615', '011'), '2024-06-15', 'M', '650102'],
    [makeId('810000', '19900101', '001'), makeId('810000', '19900101', '001'), '1990-01-01', 'M', '810000'],
    [makeId('310101', '18900101', '002'), makeId('310101', '18900101', '002'), '1890-01-01', 'F', '310101']
  ]
  it.each(cases)('%s', (raw, id18, birthDate, sex, regionCode) => {
    expect(parseMainlandId(raw, TODAY)).toEqual({ ok: true, id18, birthDate, sex, regionCode, convertedFrom15: false })
    expect(isIdentityCard(id18, 'zh-CN')).toBe(true)
  })

  it('accepts lower-case x, full-width digits, ideographic spaces, dashes and ×', () => {
    const variants = [
      '11010519491231002x',
      '１１０１０５１９４９１２３１００２Ｘ',
      ' 110105\u300019491231\u3000002X ',
      '110105-19491231-002X',
      '110105–19491231—002－X',
      '11010519491231002×',
      '1101 0519 4912 3100 2X'
    ]
    for (const v of variants) {
      const r = parseMainlandId(v, TODAY)
      expect(r.ok && r.id18).toBe('11010519491231002X')
    }
  })
})

describe('parseMainlandId: 15-digit numbers', () => {
  it('converts 130503670401001 to 18 digits with a correct check digit', () => {
    const r = parseMainlandId('130503670401001', TODAY)
    expect(r).toEqual({
      ok: true,
      id18: '130503196704010016',
      birthDate: '1967-04-01',
      sex: 'M',
      regionCode: '130503',
      convertedFrom15: true
    })
    if (r.ok) expect(isIdentityCard(r.id18, 'zh-CN')).toBe(true)
  })

  it('reads sex from the last digit and accepts a 15-digit number value', () => {
    const r = parseMainlandId(110105491231002, TODAY)
    expect(r.ok && [r.id18, r.sex]).toEqual([makeId('110105', '19491231', '002'), 'F'])
  })

  it('rejects an impossible date in an old number', () => {
    expect(parseMainlandId('130503670230001', TODAY)).toMatchObject({ ok: false, code: 'DATE' })
  })
})

describe('parseMainlandId: errors', () => {
  const valid = makeId('110105', '19900307', '123')
  const cases: Array<[string, unknown, string]> = [
    ['empty', '', 'EMPTY'],
    ['spaces only', ' \u3000 ', 'EMPTY'],
    ['null', null, 'EMPTY'],
    ['17 digits', valid.slice(0, 17), 'LENGTH'],
    ['19 digits', valid + '1', 'LENGTH'],
    ['letter inside', '1101051990A307123X', 'CHARS'],
    ['X not last', '11010519903071X234', 'CHARS'],
    ['15 digits ending X', '13050367040100X', 'CHARS'],
    ['Chinese text', '无', 'CHARS'],
    ['wrong check digit', wrongCheck(valid), 'CHECK_DIGIT'],
    ['known example with wrong check', '110105194912310021', 'CHECK_DIGIT'],
    ['region 99', makeId('990105', '19900307', '123'), 'REGION'],
    ['region 00', makeId('000105', '19900307', '123'), 'REGION'],
    ['Feb 30', makeId('110105', '19900230', '123'), 'DATE'],
    ['Feb 29 in common year', makeId('110105', '19900229', '123'), 'DATE'],
    ['month 13', makeId('110105', '19901301', '123'), 'DATE'],
    ['day 00', makeId('110105', '19900100', '123'), 'DATE'],
    ['before 1890 (valid check digit)', '440524188001010014', 'DATE'],
    ['tomorrow', makeId('110105', '20240616', '123'), 'FUTURE_DATE'],
    ['next year', makeId('110105', '20250101', '123'), 'FUTURE_DATE'],
    ['Excel notation', '1.10105E+17', 'LOOKS_NUMERIC'],
    ['Excel notation lower case', '1.10105e+17', 'LOOKS_NUMERIC'],
    ['Excel notation full-width', '１．１０１０５Ｅ＋１７', 'LOOKS_NUMERIC'],
    ['Excel kept 15 digits', valid.slice(0, 15) + '000', 'LOOKS_NUMERIC'],
    ['18-digit number value', 110105199003071230, 'LOOKS_NUMERIC']
  ]
  it.each(cases)('%s', (_label, raw, code) => {
    const r = parseMainlandId(raw as string, TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('uses the clerk-facing messages from the brief', () => {
    const bad = parseMainlandId(wrongCheck(valid), TODAY)
    expect(!bad.ok && bad.message).toBe('身份证号校验位不正确，请核对最后一位')
    const numeric = parseMainlandId('1.10101E+17', TODAY)
    expect(!numeric.ok && numeric.message).toBe('身份证号被存成了数字，末几位已丢失，请将该列设为文本后重新填写')
    const length = parseMainlandId('12345', TODAY)
    expect(!length.ok && length.message).toContain('当前为5位')
  })

  it('agrees with validator on the check digit for many generated numbers', () => {
    for (let i = 0; i < 200; i++) {
      const seq = String(i).padStart(3, '0')
      const id = makeId('320102', `19${String(50 + (i % 50))}0${1 + (i % 9)}1${i % 10}`, seq)
      expect(computeCheckChar(id.slice(0, 17))).toBe(id.charAt(17))
      expect(parseMainlandId(id, TODAY).ok).toBe(true)
      expect(isIdentityCard(id, 'zh-CN')).toBe(true)
    }
  })
})

describe('idSuffixKey and ageOn', () => {
  it('takes the last 6 characters', () => {
    expect(idSuffixKey('11010519491231002X')).toBe('31002X')
    expect(idSuffixKey('11010519491231002x')).toBe('31002X')
  })

  const ages: Array<[string, string, number]> = [
    ['1990-06-15', '2024-06-15', 34],
    ['1990-06-16', '2024-06-15', 33],
    ['1990-06-14', '2024-06-15', 34],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-29', 24],
    ['2024-06-15', '2024-06-15', 0]
  ]
  it.each(ages)('born %s, on %s is %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age)
  })

  it('accepts a Date for today using its local calendar day', () => {
    expect(ageOn('1949-12-31', TODAY)).toBe(74)
    expect(Number.isNaN(ageOn('not a date', TODAY))).toBe(true)
  })
})

describe('validateIdDocument', () => {
  it('has a Chinese label for each type', () => {
    expect(ID_DOC_TYPES.map((t) => ID_DOC_TYPE_LABELS[t])).toEqual(['居民身份证', '护照', '港澳台居民证件', '其他'])
  })

  const ok: Array<[IdDocType, string, string]> = [
    ['mainland', '110105 19491231 002x', '11010519491231002X'],
    ['mainland', '130503670401001', '130503196704010016'],
    ['passport', 'e1234 5678', 'E12345678'],
    ['passport', 'G-1234567', 'G1234567'],
    ['passport', '12345', '12345'],
    ['hkmo_tw', 'A123456(7)', 'A123456(7)'],
    ['hkmo_tw', 'a123456（7）', 'A123456(7)'],
    ['hkmo_tw', 'H12345678', 'H12345678'],
    ['hkmo_tw', '830000199001010011', '830000199001010011'],
    ['other', '军官证 第123号', '军官证第123号'],
    ['other', 'ab-12', 'AB-12'],
    ['other', '12', '12']
  ]
  it.each(ok)('%s %s', (type, raw, number) => {
    const r = validateIdDocument(type, raw, TODAY)
    expect(r).toMatchObject({ ok: true, type, number })
  })

  it('fills birth date and sex only for mainland IDs', () => {
    expect(validateIdDocument('mainland', '11010519491231002X', TODAY)).toEqual({
      ok: true,
      type: 'mainland',
      number: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      convertedFrom15: false
    })
    expect(validateIdDocument('passport', 'E12345678', TODAY)).toMatchObject({ birthDate: null, sex: null })
  })

  const bad: Array<[string, string | null, string]> = [
    ['mainland', '110105194912310021', 'CHECK_DIGIT'],
    ['mainland', '', 'EMPTY'],
    ['passport', '', 'EMPTY'],
    ['passport', 'E123', 'FORMAT'],
    ['passport', 'E1234567890123456789X', 'FORMAT'],
    ['passport', 'E12345678#', 'FORMAT'],
    ['hkmo_tw', 'A12345', 'FORMAT'],
    ['hkmo_tw', 'A1234567/8', 'FORMAT'],
    ['other', 'A', 'FORMAT'],
    ['other', 'x'.repeat(31), 'FORMAT'],
    ['other', null, 'EMPTY'],
    ['driver', 'E12345678', 'UNKNOWN_TYPE']
  ]
  it.each(bad)('%s %s -> %s', (type, raw, code) => {
    const r = validateIdDocument(type as IdDocType, raw, TODAY)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
