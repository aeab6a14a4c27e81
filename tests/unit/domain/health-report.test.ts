import { describe, expect, it } from 'vitest'
import { readHealthReport } from '../../../shared/domain/health-report'
import { tripNoIn } from '../../../shared/domain/returnees'
import { normalizeHeader } from '../../../shared/domain/excel-synonyms'

const read = (health: string, temperature = '', symptoms = '') => readHealthReport({ health, symptoms, temperature }, 37.3)

describe('a returnee’s own health report', () => {
  it.each([
    ['正常', false, []],
    ['健康', false, []],
    ['无', false, []],
    ['发热', true, ['fever']],
    ['发烧、咳嗽', true, ['fever', 'dry_cough']],
    ['无发热，有咳嗽', true, ['dry_cough']],
    ['没有发烧', false, []],
    ['无咳，无发热', false, []],
    ['是', true, []],
    ['体温37.8', true, ['fever']],
    ['36.5度', false, []],
    ['头疼', true, []]
  ])('%s → abnormal %s, symptoms %j', (text, abnormal, symptoms) => {
    expect(read(text)).toMatchObject({ abnormal, symptoms })
  })

  it('reads the temperature column against the threshold, says what it could not read, and is null when nothing was said', () => {
    expect(read('', '37.3℃')).toMatchObject({ temperature: 37.3, abnormal: true, symptoms: ['fever'], note: '自报：体温 37.3' })
    expect(read('正常', '36.6')).toMatchObject({ temperature: 36.6, abnormal: false, note: '自报：正常；体温 36.6' })
    expect(read('', '未测')).toMatchObject({ temperature: null, unread: ['体温“未测”'] })
    expect(read('头疼')?.unread).toEqual(['头疼'])
    expect(read('  ')).toBeNull()
  })
})

describe('the 车次/航班/车牌 inside a way of travel', () => {
  it.each([
    ['火车 G1234', 'G1234'],
    ['高铁g1234次', 'G1234'],
    ['飞机CA1234', 'CA1234'],
    ['飞机 3U8888', '3U8888'],
    ['自驾 鄂A12345', '鄂A12345'],
    ['火车K123', 'K123'],
    ['火车', ''],
    ['大巴', '']
  ])('%s → %s', (text, number) => {
    expect(tripNoIn(text)).toBe(number)
  })
})

describe('questionnaire headers', () => {
  it.each([
    ['5、您从哪里返回？（省市区）', '您从哪里返回'],
    ['Q4. 途经地', '途经地'],
    ['(3)体温', '体温'],
    ['第6题：返回日期', '返回日期'],
    ['5栋', '5栋'],
    ['2020年返回', '2020年返回']
  ])('%s is compared as %s', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized)
  })
})
