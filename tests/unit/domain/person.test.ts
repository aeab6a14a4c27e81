import { describe, expect, it } from 'vitest'
import { personCells, sexLabel } from '../../../shared/domain/person'

const person = { name: '张三', sex: 'M' as const, birthDate: '1975-06-15', idNumber: '110101197506154565', phones: ['13812345678', '0371-65551234'] }

describe('personCells', () => {
  it('masks numbers and keeps the birth to its year', () => {
    expect(personCells(person, '2026-03-01', false)).toEqual({
      name: '张三',
      sex: '男',
      birthDate: '1975年',
      age: 51,
      idNumber: '110101********4565',
      phone: '138****5678、0371-******34'
    })
  })
  it('a full row has the date, 周岁 and every number as stored', () => {
    expect(personCells(person, '2026-03-01', true)).toEqual({
      name: '张三',
      sex: '男',
      birthDate: '1975-06-15',
      age: 50,
      idNumber: '110101197506154565',
      phone: '13812345678、0371-65551234'
    })
  })
  it('missing facts are empty cells', () => {
    const none = { name: '李四', sex: null, birthDate: null, idNumber: null, phones: [] }
    expect(personCells(none, '2026-03-01', false)).toEqual({ name: '李四', sex: '', birthDate: null, age: null, idNumber: '', phone: '' })
    expect(personCells(none, '2026-03-01', true)).toEqual({ name: '李四', sex: '', birthDate: null, age: null, idNumber: '', phone: '' })
  })
  it('this and last year’s births are one group when masked', () => {
    expect(personCells({ ...person, birthDate: '2025-12-01' }, '2026-03-01', false)).toMatchObject({ birthDate: '2025年及以后', age: null })
  })
})

describe('sexLabel', () => {
  it('words the stored code', () => {
    expect([sexLabel('M'), sexLabel('F'), sexLabel(null)]).toEqual(['男', '女', ''])
  })
})
