import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Checkpoint, GateEntryView } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { arrangeHousehold, failure, gateEntry } from './gate-support'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

/** One checkpoint (东门, with its place and hours: the checkpoint tests read them) and the household of the gate tests. */
async function arrange() {
  backend = await testBackend()
  const gate = await backend.ok('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
  return { gate, ...(await arrangeHousehold(backend)) }
}

describe('checkpoints', () => {
  it('creates, renames and retires a checkpoint; names are unique among working ones', async () => {
    const { gate } = await arrange()
    expect(gate).toMatchObject({ name: '东门', kind: 'both', retired: false })
    const dup = await backend.call('checkpoints.create', { name: '东门', place: '', kind: 'pedestrian', hours: '' })
    expect(failure(dup)).toMatchObject({ code: 'CONFLICT', message: '已有名为“东门”的卡口，请换一个名称。' })
    await backend.ok('checkpoints.update', { id: gate.id, name: '东大门', place: '', kind: 'pedestrian', hours: '06:00-22:00' })
    await backend.ok('checkpoints.retire', { id: gate.id })
    expect(await backend.ok('checkpoints.list', {})).toEqual([])
    const all = await backend.ok('checkpoints.list', { includeRetired: true })
    expect(all.map((c: Checkpoint) => [c.name, c.retired])).toEqual([['东大门', true]])
    const refused = await backend.call('gate.register', gateEntry(gate.id))
    expect(failure(refused)).toMatchObject({ code: 'RULE_VIOLATION', message: '卡口“东大门”已撤销。' })
  })
})

describe('gate registration (逢人必测)', () => {
  it('finds a resident by pinyin initials or phone tail, showing only name, building and a masked phone', async () => {
    const { resident } = await arrange()
    for (const q of ['zxm', '曾小', '5678']) {
      const hits = await backend.ok('gate.search', { q })
      expect(hits).toEqual([{ id: resident.id, name: '曾小明', building: '幸福里小区 3栋', phone: '138****5678' }])
    }
  })

  it('registers a resident from the register, with the phone masked and only the building in what it returns', async () => {
    const { gate, resident } = await arrange()
    const saved = await backend.ok('gate.register', gateEntry(gate.id, { who: 'resident', residentId: resident.id, name: '', reason: '' }))
    expect(saved).toMatchObject({
      name: '曾小明',
      phone: '138****5678',
      reason: '幸福里小区 3栋',
      temperature: 36.5,
      abnormal: false,
      action: 'pass',
      day: '2026-02-03',
      checkpointName: '东门',
      registeredBy: '本机'
    })
    const stored = backend.store.get<{ phone: string }>('SELECT phone FROM gate_entries')
    expect(stored?.phone).toBe('13812345678') // kept for the street office's form; masked everywhere it is shown
  })

  it('refuses to wave a fever through and records it as abnormal when turned back', async () => {
    const { gate } = await arrange()
    const waved = await backend.call('gate.register', gateEntry(gate.id, { temperature: 37.3 }))
    expect(failure(waved)).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('不能直接放行') })
    expect(backend.count('gate_entries')).toBe(0)
    const turned = await backend.ok('gate.register', gateEntry(gate.id, { temperature: 37.3, action: 'turn_back' }))
    expect(turned).toMatchObject({ abnormal: true, action: 'turn_back', warning: '体温异常，已劝返' })
    const normal = await backend.ok('gate.register', gateEntry(gate.id, { temperature: 37.2 }))
    expect(normal.abnormal).toBe(false)
  })

  it.each([
    [{ temperature: 33.9 }, 'temperature', '体温 33.9℃ 不合理'],
    [{ temperature: 43.1 }, 'temperature', '体温 43.1℃ 不合理'],
    [{ who: 'resident', residentId: null }, 'residentId', '请从名单中选出这位居民'],
    [{ who: 'vehicle', name: '', plate: '' }, 'name', '请填写姓名'],
    [{ who: 'vehicle', plate: '' }, 'plate', '请填写车牌'],
    [{ phone: '1381234' }, 'phone', ''],
    [{ plate: '12345' }, 'plate', '']
  ])('refuses %j with a Chinese message on the field, writing nothing', async (extra, field, message) => {
    const { gate } = await arrange()
    const error = failure(await backend.call('gate.register', { ...gateEntry(gate.id), ...extra }))
    expect(error?.details?.issues?.[0]?.path).toBe(field)
    expect(error?.message).toMatch(/[\u4e00-\u9fa5]/)
    if (message) expect(error?.message).toContain(message)
    expect(backend.count('gate_entries')).toBe(0)
  })

  it('keeps an unusual plate with a warning instead of refusing it', async () => {
    const { gate } = await arrange()
    const saved = await backend.ok('gate.register', gateEntry(gate.id, { who: 'vehicle', name: '', plate: '京a·d12345' }))
    expect(saved).toMatchObject({ plate: '京AD12345', name: '京AD12345', warning: '' })
    const odd = await backend.ok('gate.register', gateEntry(gate.id, { who: 'vehicle', name: '', plate: '使014578' }))
    expect(odd.warning).not.toBe('')
  })
})

describe('household passes (出入证)', () => {
  it('issues one pass per household and warns when the rule is broken, until the window has passed', async () => {
    const { gate, household, resident } = await arrange()
    const pass = await backend.ok('passes.issue', { householdId: household.id, everyDays: 2 })
    expect(pass).toMatchObject({ number: '0001', everyDays: 2, address: '幸福里小区 3栋 2单元 301' })
    expect(failure(await backend.call('passes.issue', { householdId: household.id, everyDays: 1 }))?.code).toBe('CONFLICT')

    expect(await backend.ok('gate.checkPass', { number: '0001', checkpointId: gate.id })).toMatchObject({
      building: '幸福里小区 3栋',
      warning: '',
      wentOut: false
    })
    const out = gateEntry(gate.id, { direction: 'out', who: 'resident', residentId: resident.id, passNumber: '0001' })
    expect((await backend.ok('gate.register', out)).warning).toBe('')
    const check = await backend.ok('gate.checkPass', { number: '0001', checkpointId: gate.id })
    expect(check).toMatchObject({
      wentOut: true,
      nextAllowed: '2026-02-05',
      warning: '该户出入证规定每 2 天 1 人次外出，本周期内已有人外出，2026-02-05 起可再外出'
    })
    const second = await backend.ok('gate.register', out)
    expect(second).toMatchObject({ passNumber: '0001', warning: check.warning })

    backend.clock.advance(2 * 24 * 3600_000)
    expect((await backend.ok('gate.checkPass', { number: '0001', checkpointId: gate.id })).warning).toBe('')
    expect(failure(await backend.call('gate.checkPass', { number: '9999', checkpointId: gate.id }))?.code).toBe('NOT_FOUND')
    await backend.ok('passes.revoke', { id: pass.id })
    expect((await backend.ok('gate.checkPass', { number: '0001', checkpointId: gate.id })).warning).toContain('已收回')
  })
})

describe('the day view and the 出入登记表', () => {
  it('counts in and out by kind, lists abnormal entries, and exports the day with the notice line', async () => {
    const { gate, resident } = await arrange()
    await setupAdmin(backend)
    await backend.ok('gate.register', gateEntry(gate.id, { who: 'resident', residentId: resident.id }))
    await backend.ok('gate.register', gateEntry(gate.id, { direction: 'out' }))
    await backend.ok('gate.register', gateEntry(gate.id, { who: 'delivery', name: '美团', temperature: 38.2, action: 'observe' }))
    const day = await backend.ok('gate.day', { day: '2026-02-03' })
    expect(day.counts.total).toEqual({ in: 2, out: 1 })
    expect(day.counts.byWho.visitor).toEqual({ in: 0, out: 1 })
    expect(day.counts.byWho.delivery).toEqual({ in: 1, out: 0 })
    expect(day.counts.abnormal).toBe(1)
    const abnormal = await backend.ok('gate.day', { day: '2026-02-03', abnormalOnly: true })
    expect(abnormal.entries.rows.map((row: GateEntryView) => row.name)).toEqual(['美团'])
    expect((await backend.ok('gate.day', { day: '2026-02-04' })).entries.total).toBe(0)

    const file = await backend.ok('gate.export', { checkpointId: gate.id, day: '2026-02-03' })
    expect(file.fileName).toBe('出入登记表-东门-20260203.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('出入登记表')
    expect(String(sheet?.getCell('A1').value)).toBe('幸福里社区出入登记表')
    expect(String(sheet?.getCell('A3').value)).toMatch(/^仅限疫情防控工作使用 导出人：本机 时间：/)
    expect(sheet?.getCell('E5').value).toBe('曾小明')
    expect(sheet?.getCell('F5').value).toBe('138****5678')
    expect(sheet?.getCell('I7').value).toBe(38.2)
    expect(sheet?.rowCount).toBe(7)
  })
})

describe('the gate role', () => {
  it('may register and look people up at the gate, and nothing more', async () => {
    const { gate, resident } = await arrange()
    const admin = await setupAdmin(backend)
    await backend.callAs(admin, 'accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    const { token } = await loginNewAccount(backend, 'gate1', 'Gate#2026ab')
    const hits = (await backend.callAs(token, 'gate.search', { q: 'zxm' })) as Envelope<unknown[]>
    expect(hits.ok && JSON.stringify(hits.data)).not.toContain('110101')
    const saved = await backend.callAs(token, 'gate.register', gateEntry(gate.id, { who: 'resident', residentId: resident.id }))
    expect(saved).toMatchObject({ ok: true, data: { registeredBy: '李值守（gate1）' } })
    for (const method of ['residents.list', 'residents.get', 'gate.day', 'gate.export', 'households.list', 'passes.issue']) {
      expect(failure(await backend.callAs(token, method, {}))?.code, method).toBe('FORBIDDEN')
    }
  })
})

describe('the fever threshold', () => {
  it('follows the office setting shared with the daily health checks', async () => {
    const { gate } = await arrange()
    await backend.ok('settings.update', { temperatureThreshold: 37.0 })
    const refused = await backend.call('gate.register', gateEntry(gate.id, { temperature: 37.1 }))
    expect(failure(refused)).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('达到 37℃') })
    await backend.ok('settings.update', { temperatureThreshold: 37.5 })
    expect((await backend.ok('gate.register', gateEntry(gate.id, { temperature: 37.4 }))).abnormal).toBe(false)
  })
})
