import { describe, expect, it } from 'vitest'
import { emptyForm, fieldOfPath, phonePath, residentRules } from '../../../renderer/src/views/residents/resident-form'

/** Runs a field's blur rule and returns its message ('' when valid). */
function blur(rules: ReturnType<typeof residentRules>, field: string): string {
  let message = ''
  const rule = rules[field]?.[0]
  if (!rule?.validator) throw new Error(`no rule for ${field}`)
  void rule.validator(rule, undefined, (error?: string | Error) => (message = error ? String(error instanceof Error ? error.message : error) : ''), {}, {})
  return message
}

describe('resident form phones', () => {
  it('备用电话 is checked as the phone it holds, whatever 联系电话 held when the form opened', () => {
    const form = emptyForm()
    const rules = residentRules(form)
    // Both filled after the form was set up: the second box is phones.1.
    form.phone1 = '13812345678'
    form.phone2 = '12345'
    expect(phonePath(form, 'phone2')).toBe('phones.1')
    expect(blur(rules, 'phone2')).not.toBe('')
    expect(blur(rules, 'phone1')).toBe('')
    // A good second phone beside a bad first one is not blamed for it.
    form.phone1 = '12345'
    form.phone2 = '13812345678'
    expect(blur(rules, 'phone2')).toBe('')
    expect(blur(rules, 'phone1')).not.toBe('')
  })

  it('with 联系电话 empty, 备用电话 is the first phone sent', () => {
    const form = { ...emptyForm(), phone2: '12345' }
    const rules = residentRules(form)
    expect(phonePath(form, 'phone2')).toBe('phones.0')
    expect(blur(rules, 'phone2')).not.toBe('')
  })

  it('backend paths land on the box that holds the phone', () => {
    const both = { ...emptyForm(), phone1: '13812345678', phone2: '12345' }
    expect(fieldOfPath(both, 'phones.0')).toBe('phone1')
    expect(fieldOfPath(both, 'phones.1')).toBe('phone2')
    const second = { ...emptyForm(), phone2: '12345' }
    expect(fieldOfPath(second, 'phones.0')).toBe('phone2')
    expect(fieldOfPath(second, 'idNumber')).toBe('idNumber')
    expect(fieldOfPath(second, 'householdId')).toBeNull()
  })
})
