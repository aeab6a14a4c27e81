import { describe, expect, it } from 'vitest'
import { buildingKey, canonicalAddressText, chineseNumeral, compoundKey, roomKey, roomPlaceKey, unitKey } from '../../../shared/domain/address'

describe('chineseNumeral', () => {
  it.each([
    ['五', '5'],
    ['十', '10'],
    ['十二', '12'],
    ['二十', '20'],
    ['二十三', '23'],
    ['两', '2'],
    ['一百零五', '105'],
    ['五零一', '501'],
    ['一〇二', '102']
  ])('%s -> %s', (text, digits) => expect(chineseNumeral(text)).toBe(digits))

  it('is null for what is not a numeral', () => {
    expect(chineseNumeral('')).toBeNull()
    expect(chineseNumeral('五号')).toBeNull()
    expect(chineseNumeral('5')).toBeNull()
  })
})

describe('buildingKey', () => {
  it.each(['5号楼', '5栋', '五号楼', '5幢', '第5栋', '5座', '５号楼', '5 栋', '５ 栋', '5号', '5', '05栋', '第五栋', '5栋楼', '5号栋', '  5号楼  '])(
    '%s is building 5',
    (name) => expect(buildingKey(name)).toBe('5')
  )

  it('reads tens and keeps letters and dashes', () => {
    expect(buildingKey('十二号楼')).toBe('12')
    expect(buildingKey('12栋')).toBe('12')
    expect(buildingKey('5A栋')).toBe('5A')
    expect(buildingKey('5a号楼')).toBe('5A')
    expect(buildingKey('A座')).toBe('A')
    expect(buildingKey('Ａ座')).toBe('A')
    expect(buildingKey('5-1栋')).toBe('5-1')
  })

  it('tells different buildings apart', () => {
    expect(buildingKey('5号楼')).not.toBe(buildingKey('15号楼'))
    expect(buildingKey('5号楼')).not.toBe(buildingKey('5A栋'))
    expect(buildingKey('综合楼')).not.toBe(buildingKey('办公楼'))
  })

  it('keeps a name without a number', () => {
    expect(buildingKey('综合楼')).toBe('综合')
    expect(buildingKey('综合 楼')).toBe('综合')
    expect(buildingKey('栋')).toBe('栋')
  })
})

describe('unitKey', () => {
  it.each(['二单元', '2单元', '2门', '第2单元', '第二单元', '2', '２单元', '2 单元', '2号门', '02单元'])('%s is unit 2', (name) =>
    expect(unitKey(name)).toBe('2')
  )

  it('no unit stays no unit', () => {
    expect(unitKey('')).toBe('')
    expect(unitKey('  ')).toBe('')
  })

  it('tells units apart', () => expect(unitKey('1单元')).not.toBe(unitKey('11单元')))
})

describe('roomKey', () => {
  it.each(['501室', '501号', '501房', '501', '５０１', '0501', '501 室', '五零一室', '501户'])('%s is room 501', (name) => expect(roomKey(name)).toBe('501'))

  it('keeps letters and tells rooms apart', () => {
    expect(roomKey('501A')).toBe('501A')
    expect(roomKey('501')).not.toBe(roomKey('502'))
  })
})

describe('compoundKey', () => {
  it('ignores spaces, width and the word 小区', () => {
    expect(compoundKey('幸福里小区')).toBe('幸福里')
    expect(compoundKey('幸福里 小区')).toBe('幸福里')
    expect(compoundKey('幸福里')).toBe('幸福里')
    expect(compoundKey('ＡＢＣ花园')).toBe('ABC花园')
    expect(compoundKey('小区')).toBe('小区')
  })

  it('tells compounds apart', () => expect(compoundKey('幸福里小区')).not.toBe(compoundKey('幸福苑小区')))
})

describe('roomPlaceKey', () => {
  it('is the entrance and the room together', () => {
    expect(roomPlaceKey('二单元', '501室')).toBe(roomPlaceKey('2门', '501'))
    expect(roomPlaceKey('', '501')).not.toBe(roomPlaceKey('2单元', '501'))
    expect(roomPlaceKey('1单元', '501')).not.toBe(roomPlaceKey('2单元', '501'))
  })
})

describe('canonicalAddressText', () => {
  it('writes every spelling of an address one way', () => {
    const stored = canonicalAddressText('幸福里小区 5栋 2单元 501')
    for (const typed of ['幸福里小区 五号楼 二单元 501室', '幸福里小区第5栋2门501号', '幸福里小区５幢２单元５０１房', '幸福里小区 5 座 2 单元 501']) {
      expect(canonicalAddressText(typed)).toBe(stored)
    }
    expect(stored).toBe('幸福里小区5栋2单元501')
  })

  it('finds a part typed another way inside the stored text', () => {
    const stored = canonicalAddressText('幸福里小区 5号楼 2单元 501室')
    for (const typed of ['五号楼', '5栋', '5幢', '2门', '二单元', '501室', '5栋2单元']) expect(stored).toContain(canonicalAddressText(typed))
  })

  it('reads numerals only before an address word', () => {
    expect(canonicalAddressText('三里屯小区 3栋')).toBe('三里屯小区3栋')
    expect(canonicalAddressText('十里铺')).toBe('十里铺')
  })
})
