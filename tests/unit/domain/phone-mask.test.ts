import { describe, it, expect } from 'vitest'
import { parsePhone, phoneSuffixKey, splitPhone } from '../../../shared/domain/phone'
import { maskId, maskPhone } from '../../../shared/domain/mask'

describe('parsePhone: valid', () => {
  const cases: Array<[string | number, string, 'mobile' | 'landline']> = [
    ['13812345678', '13812345678', 'mobile'],
    ['138 1234 5678', '13812345678', 'mobile'],
    ['138-1234-5678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['\u3000138\u30001234\u30005678 ', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['+86-13812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['008613812345678', '13812345678', 'mobile'],
    ['19912345678', '19912345678', 'mobile'],
    [13812345678, '13812345678', 'mobile'],
    ['0371-65551234', '0371-65551234', 'landline'],
    ['037165551234', '0371-65551234', 'landline'],
    ['(0371)65551234', '0371-65551234', 'landline'],
    ['（0371）6555 1234', '0371-65551234', 'landline'],
    ['0371 6555 1234', '0371-65551234', 'landline'],
    ['0371-6555123', '0371-6555123', 'landline'],
    ['010-65551234', '010-65551234', 'landline'],
    ['01065551234', '010-65551234', 'landline'],
    ['021-6555 1234', '021-65551234', 'landline'],
    ['02987654321', '029-87654321', 'landline'],
    ['+86 10 6555 1234', '010-65551234', 'landline'],
    ['0086-371-65551234', '0371-65551234', 'landline']
  ]
  it.each(cases)('%s -> %s', (raw, phone, kind) => {
    const r = parsePhone(raw)
    expect(r).toEqual({ ok: true, phone, kind })
  })

  const withExt: Array<[string, string, string]> = [
    ['0371-65551234转801', '0371-65551234转801', '801'],
    ['0371-65551234 分机 801', '0371-65551234转801', '801'],
    ['0371-65551234 ext.801', '0371-65551234转801', '801'],
    ['0371-65551234#801', '0371-65551234转801', '801'],
    ['0371-65551234-801', '0371-65551234转801', '801'],
    ['010-65551234-8', '010-65551234转8', '8']
  ]
  it.each(withExt)('extension %s', (raw, phone, extension) => {
    expect(parsePhone(raw)).toEqual({ ok: true, phone, kind: 'landline', extension })
    // The stored form parses back to itself.
    expect(parsePhone(phone)).toEqual({ ok: true, phone, kind: 'landline', extension })
  })
})

describe('parsePhone: invalid', () => {
  const cases: Array<[string | number | null, string]> = [
    ['', 'EMPTY'],
    [null, 'EMPTY'],
    ['   ', 'EMPTY'],
    ['12812345678', 'MOBILE'],
    ['1381234567', 'MOBILE'],
    ['138123456789', 'MOBILE'],
    ['13812345678-1', 'MOBILE'],
    ['65551234', 'NEEDS_AREA_CODE'],
    ['6555123', 'NEEDS_AREA_CODE'],
    ['0371-555', 'LANDLINE'],
    ['0371-05551234', 'LANDLINE'],
    ['0371-655512345', 'LANDLINE'],
    ['138abc45678', 'CHARS'],
    ['电话', 'CHARS'],
    ['1.38123E+10', 'LOOKS_NUMERIC'],
    [37165551234, 'LOOKS_NUMERIC'],
    ['+1 415 555 0100', 'FOREIGN'],
    ['400-123-4567', 'FORMAT'],
    ['12345', 'MOBILE'],
    ['9123', 'FORMAT'],
    ['+86 10 6555', 'LANDLINE']
  ]
  it.each(cases)('%s -> %s', (raw, code) => {
    const r = parsePhone(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('tells the clerk to add an area code', () => {
    const r = parsePhone('65551234')
    expect(!r.ok && r.message).toContain('区号')
  })
})

describe('phoneSuffixKey and splitPhone', () => {
  it.each([
    ['13812345678', '5678'],
    ['0371-65551234', '1234'],
    ['0371-65551234转801', '1234'],
    ['+86 138 1234 5678', '5678'],
    ['', '']
  ])('%s -> %s', (phone, key) => {
    expect(phoneSuffixKey(phone)).toBe(key)
  })

  it('splits stored numbers', () => {
    expect(splitPhone('0371-65551234转801')).toEqual({ area: '0371', local: '65551234', extension: '801' })
    expect(splitPhone('13812345678')).toEqual({ area: '', local: '13812345678', extension: '' })
    expect(splitPhone('bad')).toBeNull()
  })
})

describe('maskId', () => {
  it.each([
    ['110105194912311234', '110105********1234'],
    ['11010519491231002X', '110105********002X'],
    ['130503670401001', '130503*****1001'],
    ['E12345678', 'E1*****78'],
    ['A123456(7)', 'A1******7)'],
    ['军官证第123号', '军官****3号'],
    ['AB12', '****'],
    ['A', '*'],
    ['', ''],
    [null, ''],
    [undefined, '']
  ])('%s -> %s', (id, masked) => {
    expect(maskId(id)).toBe(masked)
  })
})

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0371-65551234', '0371-******34'],
    ['0371-6555123', '0371-*****23'],
    ['010-65551234', '010-******34'],
    ['0371-65551234转801', '0371-******34'],
    ['138 1234 5678', '138****5678'],
    ['garbage', 'ga***ge'],
    ['', ''],
    [null, '']
  ])('%s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})
