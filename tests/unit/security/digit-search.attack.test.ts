import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIGIT_SEARCH_BURST, DIGIT_SEARCH_LIMIT } from '../../../electron/backend/security/digit-search-guard'
import { computeCheckChar } from '../../../shared/domain'
import type { Envelope } from '../../../shared/errors'
import { grid, household, resident } from '../register/fixtures'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import type { Caller } from '../support/roles'

/**
 * Attack: extend a known suffix. The 卡口值守 account of the issue rebuilt a full phone from its
 * masked form in 21 searches (try each next digit in front of the known tail) and a full ID in
 * about 11,000, with nothing in the audit trail. Through dispatch, as the attacking roles.
 */
const idOf = (yyyymmdd: string, seq: string) => `110101${yyyymmdd}${seq}${computeCheckChar(`110101${yyyymmdd}${seq}`)}`
const TARGET_ID = idOf('19800101', '123')
const TARGET_PHONE = '13800001111'
const LANDLINE = '0371-65559876'

let b: TestBackend
let adminToken = ''
let readonly: Caller
let gate: Caller
let gridWorker: Caller

beforeAll(async () => {
  b = await testBackend('file')
  adminToken = await setupAdmin(b)
  const east = await b.ok('grids.create', grid('东区'))
  await b.ok('grids.assignBuildings', { gridId: east.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
  const h = await b.ok('households.create', household('幸福里小区', '1栋', '101'))
  await b.ok('residents.create', resident({ name: '张东', idNumber: TARGET_ID, phones: [TARGET_PHONE], householdId: h.id, relation: 'head' }))
  await b.ok(
    'residents.create',
    resident({ name: '王座机', idType: 'passport', idNumber: 'E12349876', sex: 'M', phones: [LANDLINE], householdId: h.id, relation: 'spouse' })
  )
  readonly = await loginAs(b, adminToken, 'duzhe', 'readonly')
  gate = await loginAs(b, adminToken, 'kakou', 'gate')
  gridWorker = await loginAs(b, adminToken, 'wangge', 'grid_worker', [east.id])
}, 60_000)
afterAll(async () => {
  await b?.close()
})

type Search = (q: string) => Promise<Envelope<unknown>>
const searches = (): [string, Search][] => [
  ['只读 residents.list', (q) => readonly.call('residents.list', { q })],
  ['只读 households.list', (q) => readonly.call('households.list', { q })],
  ['卡口值守 gate.search', (q) => gate.call('gate.search', { q })]
]
const names = (envelope: Envelope<unknown>): string[] => {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`)
  const data = envelope.data as { rows?: { name?: string; address?: string }[] } | { name: string }[]
  const rows = Array.isArray(data) ? data : (data.rows ?? [])
  return rows.map((r) => ('name' in r && r.name ? r.name : 'address' in r ? String(r.address) : ''))
}
const auditOf = (summary: string) =>
  b.store.all<{ method: string; actor: string; summary: string; detail: string }>(
    'SELECT method, actor, summary, detail FROM audit_log WHERE summary LIKE ? ORDER BY id',
    [`${summary}%`]
  )

describe('attack: extending a known suffix of an ID or phone', () => {
  it('refuses every longer tail and whole numbers from roles that cannot reveal, whatever the digits', async () => {
    const idTail = TARGET_ID.slice(-4)
    const phoneTail = TARGET_PHONE.slice(-4)
    const tries: string[] = []
    for (let d = 0; d < 10; d++) tries.push(`${d}${idTail}`, `${d}${phoneTail}`)
    for (let dd = 0; dd < 100; dd++) tries.push(`${String(dd).padStart(2, '0')}${idTail}`)
    tries.push(TARGET_ID, TARGET_ID.slice(-15), TARGET_ID.slice(-5).replace(/.$/, 'X'), TARGET_PHONE, TARGET_PHONE.slice(-7), '12X')
    for (const [who, search] of searches()) {
      for (const q of tries) {
        const answer = await search(q)
        expect(answer.ok, `${who} ${q}`).toBe(false)
        if (!answer.ok) {
          expect(answer.error.code).toBe('BAD_ARGS')
          expect(answer.error.message).toMatch(/请输入手机号后4位或身份证号后4位/)
        }
      }
    }
    // Refused shapes tell nothing and cost nothing: the same account's last-4 search still works.
    expect(names(await gate.call('gate.search', { q: phoneTail }))).toEqual(['张东'])
  })

  it('replays the issue: rebuilding 138****1111 digit by digit gets nowhere', async () => {
    let known = TARGET_PHONE.slice(-4)
    for (let position = 0; position < 7; position++) {
      let found: string | null = null
      for (let d = 0; d < 10 && found === null; d++) {
        const answer = await gate.call('gate.search', { q: `${d}${known}` })
        if (answer.ok && names(answer).includes('张东')) found = `${d}${known}`
      }
      if (found === null) break
      known = found
    }
    expect(known).toBe(TARGET_PHONE.slice(-4))
  })

  it('does not match the last 4 of a landline or a foreign document for them: those masks show only 2', async () => {
    expect(names(await readonly.call('residents.list', { q: '9876' }))).toEqual([])
    expect(names(await gate.call('gate.search', { q: '9876' }))).toEqual([])
    // A role that may reveal finds both by the same 4 digits.
    expect(names(await gridWorker.call('residents.list', { q: '9876' }))).toEqual(['王座机'])
  })

  it('never reads digits mixed with a name as a number', async () => {
    expect(names(await readonly.call('residents.list', { q: `张${TARGET_PHONE.slice(-4)}` }))).toEqual([])
    expect(names(await readonly.call('residents.list', { q: '101' }))).toEqual(['张东', '王座机'])
  })

  it('lets roles that may reveal use the last 6 of an ID and whole numbers, and nothing longer than a tail', async () => {
    for (const q of [TARGET_ID.slice(-6), TARGET_ID, TARGET_PHONE, TARGET_ID.slice(0, 6) + TARGET_ID.slice(8, 17)]) {
      expect(names(await gridWorker.call('residents.list', { q })), q).toEqual(['张东'])
    }
    for (const q of [TARGET_ID.slice(-5), TARGET_ID.slice(-7), TARGET_PHONE.slice(-8)]) {
      const answer = await gridWorker.call('residents.list', { q })
      expect(answer.ok ? '' : answer.error.message, q).toMatch(/后4位、身份证号后4位或后6位/)
    }
  })
})

describe('attack: many last-4 searches (mapping the register)', () => {
  it('paces a gate account: the limit, then refused with a Chinese message; name searches go on; a burst is in 操作日志', async () => {
    const account = await loginAs(b, adminToken, 'kakou2', 'gate')
    const rows = () => auditOf('短时间内多次按号码后4位查找居民').filter((r) => r.actor === 'kakou2测试（kakou2）')
    let accepted = 0
    let refused: Envelope<unknown> | null = null
    // The issue's 11,000 searches: they stop at the limit.
    for (let i = 0; i < 11_000 && refused === null; i++) {
      const answer = await account.call('gate.search', { q: String(i % 10_000).padStart(4, '0') })
      if (answer.ok) accepted++
      else refused = answer
    }
    expect(accepted).toBe(DIGIT_SEARCH_LIMIT.limit)
    expect(refused?.ok ? '' : refused?.error.code).toBe('TOO_MANY_ATTEMPTS')
    expect(refused?.ok ? '' : refused?.error.message).toMatch(/过于频繁，请 10 分钟后再试；也可以按姓名或拼音首字母查找/)
    expect(names(await account.call('gate.search', { q: '张东' }))).toEqual(['张东'])
    // One row when the burst began (the 10th search in the window), the count when it goes quiet.
    expect(rows()).toHaveLength(1)
    expect(rows()[0]).toMatchObject({ method: 'gate.search' })
    expect(JSON.parse(rows()[0]?.detail ?? '{}')).toMatchObject({ inWindow: DIGIT_SEARCH_BURST, refused: false })
    b.security.flush()
    expect(rows()).toHaveLength(2)
    expect(rows()[1]?.summary).toMatch(new RegExp(`连续 ${DIGIT_SEARCH_LIMIT.limit - DIGIT_SEARCH_BURST + 2} 次`))
    // The window slides: ten minutes on, the account may search again.
    b.clock.advance(DIGIT_SEARCH_LIMIT.windowMs)
    expect((await account.call('gate.search', { q: '1111' })).ok).toBe(true)
  })

  it('counts an account across lists: 只读 residents and households share one pace', async () => {
    const account = await loginAs(b, adminToken, 'duzhe2', 'readonly')
    for (let i = 0; i < DIGIT_SEARCH_LIMIT.limit; i++) {
      expect((await account.call(i % 2 ? 'residents.list' : 'households.list', { q: '1111' })).ok).toBe(true)
    }
    const over = await account.call('households.list', { q: '1111' })
    expect(over.ok ? '' : over.error.code).toBe('TOO_MANY_ATTEMPTS')
  })

  it('paces the last-6 ID searches of a role that may reveal (digits 13-14 are the day of birth), not its last-4 or whole numbers', async () => {
    const east = (await b.ok('grids.list', {})).find((g) => g.name === '东区')
    const account = await loginAs(b, adminToken, 'wangge2', 'grid_worker', [east?.id ?? 0])
    for (let i = 0; i < 40; i++) expect((await account.call('residents.list', { q: TARGET_PHONE.slice(-4) })).ok).toBe(true)
    for (let i = 0; i < DIGIT_SEARCH_LIMIT.limit; i++) expect((await account.call('residents.list', { q: TARGET_ID.slice(-6) })).ok).toBe(true)
    const over = await account.call('residents.list', { q: TARGET_ID.slice(-6) })
    expect(over.ok ? '' : over.error.code).toBe('TOO_MANY_ATTEMPTS')
    expect((await account.call('residents.list', { q: TARGET_ID })).ok).toBe(true)
    expect(auditOf('短时间内多次按身份证号后6位查找居民').some((r) => r.actor === 'wangge2测试（wangge2）')).toBe(true)
  })
})
