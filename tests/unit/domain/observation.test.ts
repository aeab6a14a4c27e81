import { describe, expect, it } from 'vitest'
import { checkVerdict, isFlagged } from '../../../shared/domain/observation'

const check = (over: Partial<Parameters<typeof checkVerdict>[0]>) => ({ morning: 36.5, evening: null, symptoms: [], outcome: 'normal' as const, ...over })

describe('checkVerdict', () => {
  it('a normal reading keeps the chosen outcome', () => {
    expect(checkVerdict(check({}), 37.3)).toEqual({ outcome: 'normal', abnormal: false, fever: false })
    expect(checkVerdict(check({ outcome: 'abnormal' }), 37.3)).toEqual({ outcome: 'abnormal', abnormal: true, fever: false })
  })
  it('fever at the threshold, morning or evening, is abnormal whatever was chosen', () => {
    expect(checkVerdict(check({ morning: 37.3 }), 37.3)).toEqual({ outcome: 'abnormal', abnormal: true, fever: true })
    expect(checkVerdict(check({ morning: null, evening: 38 }), 37.3)).toEqual({ outcome: 'abnormal', abnormal: true, fever: true })
    expect(checkVerdict(check({ morning: 37.3 }), 37.5).fever).toBe(false)
  })
  it('any symptom is abnormal', () => {
    expect(checkVerdict(check({ symptoms: ['dry_cough'] }), 37.3)).toEqual({ outcome: 'abnormal', abnormal: true, fever: false })
  })
  it('未联系上 without readings stays unreachable and not abnormal', () => {
    expect(checkVerdict(check({ morning: null, outcome: 'unreachable' }), 37.3)).toEqual({ outcome: 'unreachable', abnormal: false, fever: false })
  })
  it('未联系上 with a reading is judged by the reading', () => {
    expect(checkVerdict(check({ morning: 36.5, outcome: 'unreachable' }), 37.3).outcome).toBe('normal')
    expect(checkVerdict(check({ morning: 38, outcome: 'unreachable' }), 37.3).outcome).toBe('abnormal')
  })
})

describe('isFlagged', () => {
  it('only an open episode whose stored flag is set', () => {
    expect(isFlagged({ abnormal: 1, status: 'observing' })).toBe(true)
    expect(isFlagged({ abnormal: true, status: 'observing' })).toBe(true)
    expect(isFlagged({ abnormal: 0, status: 'observing' })).toBe(false)
    expect(isFlagged({ abnormal: null, status: 'observing' })).toBe(false)
    for (const status of ['released', 'hospital', 'lost', null]) expect(isFlagged({ abnormal: 1, status })).toBe(false)
  })
})
