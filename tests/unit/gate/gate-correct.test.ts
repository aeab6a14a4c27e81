import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { GateEntryView } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import type { GateCorrect } from '../../../shared/schemas/gate'
import { loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { arrangeGate, failure, gateEntry } from './gate-support'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

const correction = (entry: GateEntryView, extra: Partial<GateCorrect>): GateCorrect => ({
  entryId: entry.id,
  direction: entry.direction,
  who: entry.who,
  name: entry.who === 'resident' ? '' : entry.name,
  phone: '',
  reason: entry.who === 'resident' ? '' : entry.reason,
  plate: entry.plate,
  temperature: entry.temperature,
  action: entry.action,
  note: '录入时按错',
  ...extra
})

async function gateAccount(admin: string) {
  await backend.callAs(admin, 'accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
  return (await loginNewAccount(backend, 'gate1', 'Gate#2026ab')).token
}

describe('更正 of a gate entry', () => {
  it('replaces the values everywhere (list, counts, export) with the original kept and the 更正 audited', async () => {
    backend = await testBackend()
    const { east } = await arrangeGate(backend)
    const admin = await setupAdmin(backend)
    const wrong = await backend.ok('gate.register', gateEntry(east.id, { temperature: 38.1, action: 'hospital' }))
    const fixed = await backend.ok('gate.correct', correction(wrong, { temperature: 36.1, action: 'pass', direction: 'out', note: '体温录错，应为 36.1' }))
    expect(fixed).toMatchObject({ id: wrong.id, temperature: 36.1, action: 'pass', direction: 'out', abnormal: false, corrected: true, warning: '' })
    expect(fixed.correction).toBe('已更正：进/出 进 → 出，体温 38.1℃ → 36.1℃，处置 送医 → 放行；原因：体温录错，应为 36.1（本机）')

    const day = await backend.ok('gate.day', { day: '2026-02-03' })
    expect(day.counts).toMatchObject({ total: { in: 0, out: 1 }, abnormal: 0 })
    expect(day.entries.rows[0]).toMatchObject({ corrected: true, temperature: 36.1 })
    expect((await backend.ok('monitoring.today', {})).report).toMatchObject({ gateFevers: 0, gateHospital: 0 })

    const kept = backend.store.get<{ before: string; after: string; reason: string }>('SELECT before, after, reason FROM gate_corrections')
    expect(JSON.parse(kept?.before ?? '')).toEqual({ direction: 'in', temperature_tenths: 381, action: 'hospital' })
    expect(JSON.parse(kept?.after ?? '')).toEqual({ direction: 'out', temperature_tenths: 361, action: 'pass' })
    const audit = backend.store.get<{ summary: string }>(`SELECT summary FROM audit_log WHERE method = 'gate.correct'`)
    expect(audit?.summary).toContain('更正出入登记：访客甲')
    expect(audit?.summary).toContain('原因：体温录错，应为 36.1')

    const file = await backend.callAs(admin, 'gate.export', { day: '2026-02-03' })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from((file as Envelope<{ bytes: Uint8Array }> & { ok: true }).data.bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('出入登记表')
    expect(sheet?.getCell('I5').value).toBe(36.1)
    expect(sheet?.getCell('J5').value).toBe('放行')
    expect(String(sheet?.getCell('N5').value)).toContain('已更正：')
  })

  it('is for the same day only', async () => {
    backend = await testBackend()
    const { east } = await arrangeGate(backend)
    const entry = await backend.ok('gate.register', gateEntry(east.id))
    backend.clock.advance(24 * 3600_000)
    const late = failure(await backend.call('gate.correct', correction(entry, { temperature: 36.2 })))
    expect(late).toMatchObject({ code: 'RULE_VIOLATION', message: '只能更正当天的登记，这条是 2026-02-03 的，已不能更正。' })
    expect(backend.count('gate_corrections')).toBe(0)
  })

  it('requires a reason and a change, and keeps the fever rule', async () => {
    backend = await testBackend()
    const { east } = await arrangeGate(backend)
    const entry = await backend.ok('gate.register', gateEntry(east.id))
    const noReason = failure(await backend.call('gate.correct', correction(entry, { temperature: 36.2, note: '  ' })))
    expect(noReason?.details?.issues?.[0]).toMatchObject({ path: 'note' })
    expect(noReason?.message).toContain('更正原因')
    expect(failure(await backend.call('gate.correct', correction(entry, {}))))?.toMatchObject({ message: '没有改动任何内容，不需要更正。' })
    const waved = failure(await backend.call('gate.correct', correction(entry, { temperature: 38 })))
    expect(waved).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('不能放行') })
    const residentToVisitor = await backend.ok('gate.register', gateEntry(east.id, { who: 'vehicle', name: '', plate: '京A12345' }))
    expect(failure(await backend.call('gate.correct', correction(residentToVisitor, { who: 'resident' })))?.details?.issues?.[0]?.path).toBe('who')
    expect(backend.count('gate_corrections')).toBe(0)
    // The dialog shows the phone masked: sent back as shown it stays what it was.
    const phoned = await backend.ok('gate.register', gateEntry(east.id, { phone: '13700001111' }))
    await backend.ok('gate.correct', correction(phoned, { phone: phoned.phone, temperature: 36.7 }))
    expect(backend.store.get<{ phone: string }>('SELECT phone FROM gate_entries WHERE id = ?', [phoned.id])?.phone).toBe('13700001111')
    expect(backend.store.get<{ t: number }>('SELECT temperature_tenths AS t FROM gate_entries WHERE id = ?', [entry.id])?.t).toBe(365)
  })

  it('by the gate only at the checkpoint the entry was registered at; staff anywhere', async () => {
    backend = await testBackend()
    const { east, west, resident } = await arrangeGate(backend)
    const admin = await setupAdmin(backend)
    const gate = await gateAccount(admin)
    const entry = await backend.ok('gate.register', gateEntry(east.id, { who: 'resident', residentId: resident.id, name: '', reason: '' }))
    const elsewhere = await backend.callAs(gate, 'gate.correct', { ...correction(entry, { direction: 'out' }), checkpointId: west.id })
    expect(failure(elsewhere)).toMatchObject({ code: 'NOT_FOUND', message: '找不到这条登记。' })
    const noCheckpoint = await backend.callAs(gate, 'gate.correct', correction(entry, { direction: 'out' }))
    expect(failure(noCheckpoint)?.code).toBe('NOT_FOUND')
    const here = await backend.callAs(gate, 'gate.correct', { ...correction(entry, { direction: 'out' }), checkpointId: east.id })
    // What the gate hears back is the gate's view: the building, never the room.
    expect(here).toMatchObject({ ok: true, data: { direction: 'out', reason: '幸福里小区 3栋', corrected: true } })
    expect(JSON.stringify(here)).not.toContain('301')

    await backend.callAs(admin, 'accounts.create', { username: 'clerk1', displayName: '赵文员', role: 'staff', password: 'Clerk#2026ab' })
    const clerk = (await loginNewAccount(backend, 'clerk1', 'Clerk#2026ab')).token
    const office = await backend.callAs(clerk, 'gate.correct', correction(entry, { direction: 'in', temperature: 36.8 }))
    expect(office).toMatchObject({ ok: true, data: { direction: 'in', temperature: 36.8, reason: '幸福里小区 3栋 2单元 301' } })
    expect(backend.count('gate_corrections')).toBe(2)
    const readonlyUser = await backend.callAs(admin, 'accounts.create', { username: 'ro1', displayName: '只读', role: 'readonly', password: 'Read#2026abc' })
    expect(readonlyUser).toMatchObject({ ok: true })
    const ro = (await loginNewAccount(backend, 'ro1', 'Read#2026abc')).token
    expect(failure(await backend.callAs(ro, 'gate.correct', correction(entry, { temperature: 36.9 })))?.code).toBe('FORBIDDEN')
  })
})
