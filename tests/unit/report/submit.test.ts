import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReportDay } from '../../../shared/contract'
import { community, trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { figure, gateEntry } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const submitArgs = (r: ReportDay, note = '') => ({ day: r.day, reporter: '李文书', phone: '0371-65551234', reviewer: '王书记', note, digest: r.digest })

/** The cells of the exported sheet as text, row by row (empty rows left out). */
async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const ws = workbook.worksheets[0]
  if (!ws) throw new Error('no sheet')
  const rows: string[][] = []
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))
    rows.push(values)
  })
  return rows
}

describe('报送: a report frozen as sent', () => {
  it('freezes the figures, who and when with a hash; a later change shows the differences; a 更正 keeps both', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-03' }))
    const first = await b.ok('report.day', {})
    const sent = await b.ok('report.submit', submitArgs(first, '按时报送'))
    expect(sent).toMatchObject({ day: '2026-02-03', kind: 'report', submittedBy: '本机', note: '按时报送', hashOk: true })
    expect(sent.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(sent.header).toMatchObject({ unit: '', reporter: '李文书', phone: '0371-65551234', reviewer: '王书记' })
    expect(figure(sent, 'returnees.returnedToday')).toBe(1)
    expect(sent.text).toContain('今日返回1人')
    const audit = b.store.all<{ summary: string; record: string }>('SELECT summary, record FROM audit_log WHERE method = ?', ['report.submit'])
    expect(audit).toEqual([{ summary: `报送每日疫情防控报表 2026-02-03（报送记录 ${sent.id}）`, record: `report_submission:${sent.id}` }])

    // Unchanged: nothing to correct.
    const again = await b.call('report.submit', submitArgs(await b.ok('report.day', {})))
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await b.ok('report.day', {})).toMatchObject({ differences: [], submissions: [{ id: sent.id, kind: 'report' }] })

    // A trip typed in later for the same day, and a fever at the gate.
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-03', episode: null }))
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    await b.ok('gate.register', gateEntry(gate.id, { temperature: 38.5, action: 'hospital' }))
    const now = await b.ok('report.day', {})
    expect(now.differences).toEqual(
      expect.arrayContaining([
        { key: 'returnees.returnedToday', label: '今日返回', sent: 1, now: 2 },
        { key: 'returnees.notObserved', label: '未纳入观察（14 天内返回）', sent: 0, now: 1 },
        { key: 'gate.checkpoints', label: '卡口数', sent: 0, now: 1 },
        { key: 'observation.hospitalToday', label: '转送医院', sent: 0, now: 1 }
      ])
    )
    // What was sent stays as sent.
    const frozen = await b.ok('report.submission', { id: sent.id })
    expect(frozen).toEqual(sent)

    // A stale page cannot send figures the clerk did not see.
    expect(await b.call('report.submit', submitArgs(first))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const correction = await b.ok('report.submit', submitArgs(now, '补录李四'))
    expect(correction).toMatchObject({ kind: 'correction', hashOk: true })
    expect(figure(correction, 'returnees.returnedToday')).toBe(2)
    expect(correction.text).toContain('（更正）')
    const after = await b.ok('report.day', {})
    expect(after.submissions.map((s) => s.kind)).toEqual(['report', 'correction'])
    expect(after.differences).toEqual([])
    expect(figure(await b.ok('report.submission', { id: sent.id }), 'returnees.returnedToday')).toBe(1)

    // The store refuses an edit of what was sent.
    expect(() => b.store.transaction((tx) => tx.run('UPDATE report_submissions SET content = ? WHERE id = ?', ['{}', sent.id]))).toThrow(/never changed/)
  })

  it('exports the report as sent, exactly, and the day as it stands now', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('settings.update', { communityName: '幸福里社区' })
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-03' }))
    const sent = await b.ok('report.submit', submitArgs(await b.ok('report.day', {}), '无'))
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-03' }))

    const asSent = await sheetRows((await b.ok('report.export', { day: '2026-02-03', submissionId: sent.id })).bytes)
    expect(asSent[0]?.[0]).toBe('幸福里社区每日疫情防控报表（2月3日）')
    expect(asSent[1]?.[0]).toContain('填报单位：幸福里社区')
    expect(asSent[1]?.[0]).toContain('填报日期：2026-02-03')
    const returned = asSent.find((r) => r[1] === '今日返回')
    expect(returned?.slice(0, 4)).toEqual(['返程人员', '今日返回', '1', '人'])
    expect(asSent.some((r) => r[0]?.includes('审核人（签字）：王书记'))).toBe(true)
    expect(asSent.some((r) => r[0]?.includes(sent.hash))).toBe(true)

    const current = await b.ok('report.export', { day: '2026-02-03' })
    expect(current.fileName).toBe('每日疫情防控报表-2026-02-03.xlsx')
    const rows = await sheetRows(current.bytes)
    expect(rows.find((r) => r[1] === '今日返回')?.[2]).toBe('2')
    expect(rows[1]?.[0]).toContain('尚未报送')
    const audit = b.store.all<{ summary: string }>('SELECT summary FROM audit_log WHERE method = ?', ['report.export'])
    expect(audit.map((a) => a.summary)).toEqual([`导出每日疫情防控报表 2026-02-03（报送记录 ${sent.id}）`, '导出每日疫情防控报表 2026-02-03'])
    expect(await b.call('report.export', { day: '2026-02-04', submissionId: sent.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses a future day and remembers the people for the next report', async () => {
    b = await testBackend()
    const r = await b.ok('report.day', { day: '2026-02-04' })
    expect(await b.call('report.submit', submitArgs(r))).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    await b.ok('report.submit', submitArgs(await b.ok('report.day', {})))
    expect((await b.ok('report.day', { day: '2026-02-02' })).header).toMatchObject({ reporter: '李文书', reviewer: '王书记' })
    const saved = await b.ok('report.saveSettings', { reporter: '张', phone: '', reviewer: '王', keyProvinces: ['湖北省'], notObservedDays: 7 })
    expect(saved.keyProvinces).toEqual(['湖北省'])
    expect(await b.call('report.saveSettings', { reporter: '', phone: '', reviewer: '', keyProvinces: ['火星'], notObservedDays: 7 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS' }
    })
  })
})
