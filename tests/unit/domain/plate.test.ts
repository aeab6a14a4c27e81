import { describe, it, expect } from 'vitest'
import { normalizePlate, parsePlate } from '../../../shared/domain/plate'

describe('parsePlate: standard plates', () => {
  it.each([
    ['京A12345', '京A12345', 'ordinary'],
    ['京a12345', '京A12345', 'ordinary'],
    ['京A·12345', '京A12345', 'ordinary'],
    ['京A-12345', '京A12345', 'ordinary'],
    [' 豫 A 1B2C3 ', '豫A1B2C3', 'ordinary'],
    ['豫Ａ１２３４５', '豫A12345', 'ordinary'],
    ['粤Z1234港', '粤Z1234港', 'ordinary'],
    ['粤Z1234澳', '粤Z1234澳', 'ordinary'],
    ['豫A1234学', '豫A1234学', 'ordinary'],
    ['豫A1234挂', '豫A1234挂', 'ordinary'],
    ['豫A0123警', '豫A0123警', 'ordinary'],
    ['粤BD12345', '粤BD12345', 'new_energy'],
    ['沪A·D12345', '沪AD12345', 'new_energy'],
    ['沪af12345', '沪AF12345', 'new_energy'],
    ['京AA12345', '京AA12345', 'new_energy'],
    ['京AKZ1234', '京AKZ1234', 'new_energy'],
    ['京A12345D', '京A12345D', 'new_energy'],
    ['京A12345F', '京A12345F', 'new_energy']
  ])('%s -> %s (%s)', (raw, plate, kind) => {
    expect(parsePlate(raw)).toEqual({ ok: true, plate, kind })
  })
})

describe('parsePlate: unusual plates are kept with a warning', () => {
  it.each([
    ['京A12O45', '京A12O45', 'I或O'],
    ['京AI2345', '京AI2345', 'I或O'],
    ['京AZZ1234', '京AZZ1234', '不常见'],
    ['使014578', '使014578', '不常见'],
    ['沪A1234领', '沪A1234领', '不常见'],
    ['WJ京12345', 'WJ京12345', '不常见'],
    ['A12345', 'A12345', '省份'],
    ['VA12345', 'VA12345', '省份']
  ])('%s', (raw, plate, hint) => {
    const r = parsePlate(raw)
    expect(r).toMatchObject({ ok: true, plate, kind: 'unknown' })
    if (r.ok) expect(r.warning).toContain(hint)
  })
})

describe('parsePlate: refused', () => {
  // 京A1234 is refused, not warned: province + letter fixes the length, so it is a typo.
  it.each([
    ['', 'EMPTY'],
    [null, 'EMPTY'],
    [' · ', 'EMPTY'],
    ['京A1234', 'TOO_SHORT'],
    ['京A', 'TOO_SHORT'],
    ['京A1234567', 'TOO_LONG'],
    ['无', 'INVALID'],
    ['暂无车辆', 'INVALID'],
    ['12345', 'INVALID'],
    ['13812345678', 'INVALID'],
    ['ABCDEF', 'INVALID'],
    ['京A12345!', 'INVALID']
  ])('%s -> %s', (raw, code) => {
    const r = parsePlate(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('normalizePlate', () => {
  it('is idempotent', () => {
    for (const raw of ['京a·12345', '沪A-D12345', ' 粤 b d12345 ']) {
      const once = normalizePlate(raw)
      expect(normalizePlate(once)).toBe(once)
    }
  })
})
