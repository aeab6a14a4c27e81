import { afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview, MethodArgs } from '../../../shared/contract'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { workbook } from '../excel/support'
import { household, makeId, resident } from '../register/fixtures'
import { community, trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { gateEntry } from './helpers'
import { expectedFigures, readRaw } from './reconcile.helpers'
import { rng } from '../support/rng'

const SEEDS = [3, 18, 2026]
const STEPS = 110
const HOUR = 3_600_000
const PROVINCES = [
  { province: '湖北省', city: '武汉市', district: '江岸区' },
  { province: '北京市', city: '北京市', district: '朝阳区' },
  { province: '广东省', city: '广州市', district: '天河区' }
]
const KINDS = ['home_observation', 'home_isolation', 'central_isolation', 'health_monitoring'] as const
const KIND_WORDS = ['居家观察', '居家隔离', '集中隔离', '健康监测', '']
const IMPORT_HEADER = ['姓名', '身份证号', '来源地', '返程日期', '交通方式', '是否居家观察', '观察类型']
const VISITORS = [
  ['访客甲', '13900001111'],
  ['访客乙', '13900002222'],
  ['访客甲', '13900003333']
] as const

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('reconciliation: every figure equals a recomputation from the raw records', () => {
  it.each(SEEDS)('seed %i: trips, 作废, episodes, closings, checks, gate entries, 更正, moves and Excel imports over a week', async (seed) => {
    b = await testBackend()
    const random = rng(seed)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
    const { zhang, li, wang } = await community(b)
    const h = await b.ok('households.create', household('幸福里小区', '1栋', '102'))
    const people = [zhang.id, li.id, wang.id]
    // Who an import row names: the register's name and ID number (an import finds people by them).
    const named = [
      { name: '张三', idNumber: makeId('19800101', '123') },
      { name: '李四', idNumber: makeId('19850505', '135') },
      { name: '王五', idNumber: makeId('19900909', '147') }
    ]
    for (let i = 0; i < 5; i++) {
      const idNumber = makeId('19700101', String(200 + i))
      const r = await b.ok('residents.create', resident({ name: `居民${i}`, idNumber, householdId: h.id, phones: [] }))
      people.push(r.id)
      named.push({ name: `居民${i}`, idNumber })
    }
    // 1栋 is 东区's, 9栋 西区's, 1栋 102 东区's again: a move may change a person's grid, their worker, or nothing.
    const households = b.store.all<{ id: number }>('SELECT id FROM households ORDER BY id').map((r) => r.id)
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    const start = localIsoDate(b.clock.now())
    const trips: number[] = []
    const entries: { id: number; who: 'resident' | 'visitor' | 'delivery' }[] = []
    let imported = 0
    const today = () => localIsoDate(b.clock.now())
    const openEpisodes = () => b.store.all<{ id: number }>(`SELECT id FROM observation_episodes WHERE status = 'observing'`).map((r) => r.id)
    const fever = () => (random() < 0.35 ? 37.3 + Math.floor(random() * 15) / 10 : 36.0 + Math.floor(random() * 12) / 10)
    const ops: (() => Promise<unknown>)[] = [
      // Refusals (the same return day twice, an open episode already there) are part of the game: they change nothing.
      async () => {
        const args = trip(pick(people), {
          returnDate: addDays(today(), -Math.floor(random() * 20)),
          origin: pick(PROVINCES),
          episode: random() < 0.5 ? null : { kind: pick(KINDS) }
        })
        const r = await b.call('returnees.register', args)
        if (r.ok) trips.push((r.data as { id: number }).id)
      },
      async () => {
        if (trips.length) await b.call('returnees.voidTrip', { id: pick(trips), reason: '录错了' })
      },
      () => b.call('monitoring.start', { residentId: pick(people), tripId: null, kind: pick(KINDS) }),
      async () => {
        const open = openEpisodes()
        if (open.length) await b.call('monitoring.setStatus', { episodeId: pick(open), status: pick(['released', 'hospital', 'lost'] as const), reason: '' })
      },
      async () => {
        const open = openEpisodes()
        if (!open.length) return
        const t = fever()
        const unreachable = random() < 0.15
        const args: MethodArgs<'monitoring.check'> = {
          episodeId: pick(open),
          morning: unreachable ? null : t,
          evening: null,
          symptoms: [],
          outcome: unreachable ? 'unreachable' : t >= 37.3 ? 'abnormal' : 'normal',
          note: ''
        }
        await b.call('monitoring.check', args)
      },
      async () => {
        const t = fever()
        const action = t >= 37.3 ? pick(['turn_back', 'observe', 'hospital'] as const) : 'pass'
        const direction = pick(['in', 'out'] as const)
        const args =
          random() < 0.5
            ? gateEntry(gate.id, { who: 'resident', residentId: pick(people), name: '', temperature: t, action, direction })
            : (() => {
                const [name, phone] = pick(VISITORS)
                return gateEntry(gate.id, { who: pick(['visitor', 'delivery'] as const), name, phone, temperature: t, action, direction })
              })()
        const r = await b.call('gate.register', args)
        if (r.ok) entries.push({ id: (r.data as { id: number }).id, who: args.who as 'resident' | 'visitor' | 'delivery' })
      },
      // 送医 confirmed at the gate closes the resident's observation as 转送医院 (when there is one).
      async () => {
        if (entries.length) await b.call('gate.hospital', { entryId: pick(entries).id })
      },
      async () => {
        if (!entries.length) return
        const t = fever()
        const entry = pick(entries)
        const [name, phone] = entry.who === 'resident' ? ['', ''] : pick(VISITORS)
        await b.call('gate.correct', {
          entryId: entry.id,
          direction: pick(['in', 'out'] as const),
          who: entry.who,
          name,
          phone,
          reason: '',
          plate: '',
          temperature: t,
          action: t >= 37.3 ? pick(['turn_back', 'observe', 'hospital'] as const) : 'pass',
          note: '登记错了'
        })
      },
      // A move to another household (maybe another grid, the open observation handed over) or out of any household.
      () => b.call('residents.move', { id: pick(people), householdId: random() < 0.2 ? null : pick(households), relation: null }),
      // The street office's list through the Excel engine: 1-3 rows, some starting an observation, checked and committed whole.
      async () => {
        const rows = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const who = pick(named)
          const origin = pick(PROVINCES)
          const observe = random() < 0.5
          return [
            who.name,
            who.idNumber,
            `${origin.province}${origin.city}`,
            addDays(today(), -Math.floor(random() * 20)),
            '火车',
            observe ? '是' : '否',
            observe ? pick(KIND_WORDS) : ''
          ]
        })
        const bytes = await workbook({ name: '返程人员', rows: [IMPORT_HEADER, ...rows] })
        const preview = await b.call('excel.preview', { target: 'returnees', fileName: '返程人员.xlsx', bytes })
        if (!preview.ok) return
        const p = preview.data as ImportPreview
        const args: MethodArgs<'excel.commit'> = {
          stagingId: p.stagingId,
          sheet: p.sheet,
          headerStart: p.headerStart,
          headerEnd: p.headerEnd,
          mapping: p.columns.map((c) => c.field),
          onExisting: 'fillEmpty'
        }
        const before = b.count('returnee_trips')
        if ((await b.call('excel.commit', args)).ok) imported += b.count('returnee_trips') - before
      },
      async () => b.clock.advance((4 + Math.floor(random() * 16)) * HOUR)
    ]
    for (let step = 0; step < STEPS; step++) await pick(ops)()

    const raw = readRaw(b)
    expect(raw.trips.length + raw.episodes.length + raw.entries.length).toBeGreaterThan(20)
    // The new operations did happen: people changed household, and imported files wrote trips.
    expect(b.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE method = 'residents.move'")?.n).toBeGreaterThan(0)
    expect(imported).toBeGreaterThan(0)
    let compared = 0
    const reports = new Map<string, Map<string, number>>()
    for (let day = addDays(start, -20); day <= addDays(today(), 1); day = addDays(day, 1)) {
      const report = await b.ok('report.day', { day })
      const got = new Map(report.sections.flatMap((s) => s.lines).map((l) => [l.key, l.value]))
      reports.set(day, got)
      const want = expectedFigures(raw, day, 14)
      for (const [key, value] of want) {
        expect(got.get(key) ?? 0, `${day} ${key} (seed ${seed})`).toBe(value)
        compared++
      }
      // The report has no province the records do not give.
      for (const [key, value] of got) if (key.startsWith('returnees.province.')) expect(want.get(key) ?? 0, `${day} ${key}`).toBe(value)
    }
    expect(compared).toBeGreaterThan(500)

    // The trend charts draw the same figures: each series' point is that day's report figure.
    const trend = await b.ok('report.trend', { days: 30, day: today() })
    const sum = (got: Map<string, number>, prefix: string) => [...got].filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v, 0)
    const figureOf = (key: string, got: Map<string, number>): number => {
      if (key.startsWith('observing.')) return got.get(`observation.kind.${key.slice('observing.'.length)}`) ?? 0
      if (key.startsWith('stock.')) return got.get(`supplies.usable.${key.slice('stock.'.length)}`) ?? 0
      const single: Record<string, string> = {
        new: 'observation.newToday',
        released: 'observation.releasedToday',
        abnormal: 'observation.abnormal',
        disinfected: 'disinfection.done',
        disinfectOverdue: 'disinfection.overdue'
      }
      if (key === 'gateIn') return sum(got, 'gate.in.')
      if (key === 'gateOut') return sum(got, 'gate.out.')
      return got.get(single[key] ?? key) ?? Number.NaN
    }
    let points = 0
    trend.days.forEach((day, i) => {
      const got = reports.get(day)
      if (!got) return
      for (const s of trend.series) {
        expect(s.values[i], `trend ${s.key} ${day} (seed ${seed})`).toBe(figureOf(s.key, got))
        points++
      }
    })
    expect(points).toBeGreaterThan(100)
  })
})
