import { afterEach, describe, expect, it } from 'vitest'
import { methods } from '../../../shared/contract'
import type { Method } from '../../../shared/contract'
import { ROLE_PERMISSIONS } from '../../../shared/modules'
import { computeCheckChar } from '../../../shared/domain/id-card'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import type { GateRegister } from '../../../shared/schemas/gate'
import { PASS_GUESS_LIMIT } from '../../../electron/backend/gate/pass-guard'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import type { Caller } from '../support/roles'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

const ID = (first17: string) => first17 + computeCheckChar(first17)
/** Anything finer than the building: the unit, the room, as stored or as people write it. */
const FINER_THAN_BUILDING = /501|502|2单元|单元|室/

async function arrange(): Promise<{ gate: Caller; clerk: Caller; checkpointId: number; residentIds: number[] }> {
  backend = await testBackend()
  const admin = await setupAdmin(backend)
  const clerk = await loginAs(backend, admin, 'clerk1', 'staff')
  const checkpoint = await clerk.ok('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
  const residentIds: number[] = []
  for (const [room, people] of [
    [
      '501',
      [
        ['曾小明', '11010119800101123', '13812345678'],
        ['曾小红', '11010119820202224', '13812340000']
      ]
    ],
    ['502', [['单田芳', '11010119750505234', '13900002222']]]
  ] as const) {
    const household = await clerk.ok('households.create', {
      address: { compound: '幸福里小区', building: '5栋', unit: '2单元', room },
      tenure: 'owned',
      notes: ''
    })
    for (const [name, first17, phone] of people) {
      const r = await clerk.ok('residents.create', {
        name,
        idType: 'mainland',
        idNumber: ID(first17),
        sex: null,
        birthDate: null,
        phones: [phone],
        tags: [],
        personType: 'registered',
        relation: null,
        notes: '',
        householdId: household.id
      })
      residentIds.push(r.id)
    }
    await clerk.ok('passes.issue', { householdId: household.id, everyDays: 2 })
  }
  // Today's duty at the checkpoint: the other thing the gate screen shows.
  const shift = await clerk.ok('shifts.create', { checkpointId: checkpoint.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
  const volunteer = await clerk.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '志愿者甲', phone: '13900000001', building: '5栋 2单元 501' })
  await clerk.ok('roster.place', { week: '2026-02-02', day: '2026-02-03', templateId: shift.id, volunteerId: volunteer.id, isLead: false })
  const gate = await loginAs(backend, admin, 'gate1', 'gate')
  return { gate, clerk, checkpointId: checkpoint.id, residentIds }
}

const entry = (checkpointId: number, extra: Partial<GateRegister>): GateRegister => ({
  checkpointId,
  direction: 'in',
  who: 'resident',
  residentId: null,
  name: '',
  phone: '',
  reason: '',
  plate: '',
  temperature: 36.5,
  action: 'pass',
  passNumber: '',
  ...extra
})

/** The answer's data, asserted to be a success, as the JSON a host would send. */
async function answer(caller: Caller, method: string, args: unknown): Promise<string> {
  const envelope = await caller.call(method, args)
  expect(envelope.ok, `${method}: ${envelope.ok ? '' : envelope.error.message}`).toBe(true)
  return JSON.stringify(envelope.ok ? envelope.data : null)
}

describe('attack: the gate role reads addresses', () => {
  it('covers every method the gate role may call', () => {
    const allowed = new Set<string>(ROLE_PERMISSIONS.gate)
    const reachable = (Object.keys(methods) as Method[]).filter((m) => allowed.has(methods[m].permission) || methods[m].permission === 'public')
    // auth.* and system.ping answer about the caller's own login and the program, never about residents;
    // devices.pairStart / pairStatus only about the calling device's own pairing (a code, a name, the fingerprint).
    const aboutResidents = reachable.filter((m) => !m.startsWith('auth.') && m !== 'system.ping' && m !== 'devices.pairStart' && m !== 'devices.pairStatus')
    // backup.restoreAtSetup is public for a fresh install only: refused once any account exists.
    // help.createAtGate registers a need met at the gate and answers only the new request's id.
    expect(aboutResidents.sort()).toEqual([
      'backup.restoreAtSetup',
      'checkpoints.list',
      'gate.checkPass',
      'gate.correct',
      'gate.hospital',
      'gate.recent',
      'gate.register',
      'gate.search',
      'help.createAtGate',
      'roster.today',
      'settings.get'
    ])
  })

  it('no gate answer holds a unit or a room: search, register, recent, pass checks, duty, checkpoints, settings', async () => {
    const { gate, checkpointId, residentIds } = await arrange()
    const answers: string[] = []
    for (const q of ['曾', 'zxm', '5678', '2222']) answers.push(await answer(gate, 'gate.search', { q }))
    // Nor can the search tell who lives behind a door: addresses are not searched at the gate.
    for (const q of ['501', '0501', '5栋2单元501', '2单元', '幸福里小区5栋']) expect(await answer(gate, 'gate.search', { q }), q).toBe('[]')
    const hits = JSON.parse(answers[0] ?? '[]') as unknown[]
    expect(hits).toEqual([
      { id: residentIds[0], name: '曾小明', building: '幸福里小区 5栋', phone: '138****5678' },
      { id: residentIds[1], name: '曾小红', building: '幸福里小区 5栋', phone: '138****0000' }
    ])
    const registered = await answer(gate, 'gate.register', entry(checkpointId, { residentId: residentIds[0] ?? 0, direction: 'out', passNumber: '0001' }))
    expect(JSON.parse(registered)).toMatchObject({ name: '曾小明', reason: '幸福里小区 5栋', phone: '138****5678', passNumber: '0001', warning: '' })
    answers.push(registered)
    answers.push(await answer(gate, 'gate.register', entry(checkpointId, { residentId: residentIds[1] ?? 0, direction: 'out', passNumber: '0001' })))
    // A 更正 answers with the gate's view of the entry, and so does the recent list with its 已更正 note.
    const correctedId = (JSON.parse(registered) as { id: number }).id
    const corrected = await answer(gate, 'gate.correct', {
      entryId: correctedId,
      checkpointId,
      direction: 'in',
      who: 'resident',
      name: '',
      phone: '',
      reason: '',
      plate: '',
      temperature: 36.6,
      action: 'pass',
      note: '按错了方向'
    })
    expect(JSON.parse(corrected)).toMatchObject({ direction: 'in', reason: '幸福里小区 5栋', corrected: true })
    answers.push(corrected)
    answers.push(await answer(gate, 'gate.recent', { checkpointId }))
    // Sequential pass numbers: each answers the building and the rule, not the members or the door.
    for (const number of ['0001', '0002']) answers.push(await answer(gate, 'gate.checkPass', { number, checkpointId }))
    expect(JSON.parse(answers.at(-2) ?? '{}')).toEqual({
      number: '0001',
      building: '幸福里小区 5栋',
      everyDays: 2,
      rule: '每 2 天 1 人次',
      revoked: false,
      wentOut: true,
      nextAllowed: '2026-02-05',
      warning: '该户出入证规定每 2 天 1 人次外出，本周期内已有人外出，2026-02-05 起可再外出'
    })
    expect(JSON.parse(answers.at(-1) ?? '{}')).toMatchObject({
      number: '0002',
      building: '幸福里小区 5栋',
      wentOut: false,
      nextAllowed: '2026-02-03',
      warning: ''
    })
    answers.push(await answer(gate, 'roster.today', { checkpointId }))
    answers.push(await answer(gate, 'checkpoints.list', {}))
    answers.push(await answer(gate, 'settings.get', {}))

    for (const text of answers) {
      expect(text).not.toMatch(FINER_THAN_BUILDING)
      expect(text).not.toContain('110101') // no ID number, whole or in part
      expect(text).not.toMatch(/1[3-9]\d{9}/) // no full phone
    }
    // The second member went out on the same pass: the warning names nobody.
    expect(answers.join('')).not.toContain('曾小红 已于')
  })

  it('the office still reads the address of a resident’s entry in the day view (gate.view)', async () => {
    const { gate, clerk, checkpointId, residentIds } = await arrange()
    await answer(gate, 'gate.register', entry(checkpointId, { residentId: residentIds[2] ?? 0 }))
    const day = await clerk.ok('gate.day', { day: '2026-02-03' })
    expect(day.entries.rows[0]).toMatchObject({ name: '单田芳', reason: '幸福里小区 5栋 2单元 502' })
    const stored = backend.store.get<{ reason: string }>('SELECT reason FROM gate_entries')
    expect(stored?.reason).toBe('') // the address is read from the register, not copied into the entry
  })
})

describe('attack: the gate role walks through pass numbers', () => {
  it('unknown numbers are throttled per account and audited; a held account is refused real numbers too, until the window passes', async () => {
    const { gate, clerk, checkpointId } = await arrange()
    for (let i = 0; i < PASS_GUESS_LIMIT.limit; i++) {
      const guess = await gate.call('gate.checkPass', { number: `9${String(i).padStart(3, '0')}`, checkpointId })
      expect(guess.ok ? null : guess.error.code).toBe('NOT_FOUND')
      backend.clock.advance(1_000)
    }
    const held = await gate.call('gate.checkPass', { number: '0001', checkpointId })
    expect(held.ok ? null : held.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringContaining('分钟后再查验') })
    // Typing a pass with an entry is the same look-up, held the same way.
    const viaEntry = await gate.call('gate.register', entry(checkpointId, { who: 'visitor', name: '访客', passNumber: '0001' }))
    expect(viaEntry.ok ? null : viaEntry.error.code).toBe('TOO_MANY_ATTEMPTS')
    // Another account is not held by this one's guesses.
    expect((await clerk.call('gate.checkPass', { number: '0001', checkpointId })).ok).toBe(true)

    const audit = backend.store.all<{ actor: string; method: string; summary: string }>(
      "SELECT actor, method, summary FROM audit_log WHERE method = 'gate.checkPass'"
    )
    expect(audit).toEqual([
      { actor: 'gate1测试（gate1）', method: 'gate.checkPass', summary: '查验出入证：输入的证号不存在' },
      { actor: 'gate1测试（gate1）', method: 'gate.checkPass', summary: '查验出入证：不存在的证号输入过多，已暂停该账号查验' }
    ])
    backend.security.flush()
    const counted = backend.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'gate.checkPass' ORDER BY id")
    expect(counted.map((r) => r.summary)).toContainEqual(
      expect.stringMatching(new RegExp(`^查验出入证：输入的证号不存在（连续 ${PASS_GUESS_LIMIT.limit} 次，[\\d:]+ 至 [\\d:]+）$`))
    )

    backend.clock.advance(PASS_GUESS_LIMIT.windowMs)
    expect(await answer(gate, 'gate.checkPass', { number: '0001', checkpointId })).not.toMatch(FINER_THAN_BUILDING)
  })
})
