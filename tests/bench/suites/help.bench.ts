import fs from 'node:fs'
import type { Backend } from '../../../electron/backend/backend'
import type { Session } from '../../../electron/backend/context'
import { helpReport } from '../../../electron/backend/help/help.report'
import { addDays } from '../../../shared/domain/dates'
import { HELP_TYPES, HELP_URGENCIES, isOpenStatus } from '../../../shared/domain/help'
import { benchBackend, timedPage } from '../page-timing'
import { careBench } from './care.bench'
import { ms, percentile, record, sample } from '../report'

const REQUESTS = 20_000
const HOUSEHOLDS = 5_000
const VOLUNTEERS = 200
const GRIDS = 8
const SAMPLES = 200
const TODAY = '2026-02-03'
const NOW = new Date('2026-02-03T08:00:00.000Z')
const LIMIT_MS = 20
const CONTENTS = [
  '帮忙买菜：青菜、鸡蛋、挂面',
  '降压药吃完了，请代配一盒',
  '想找人聊聊天，心里闷',
  '楼道垃圾没人清运',
  '问一下出入证怎么办',
  '胰岛素快用完了'
] as const

/** Deterministic PRNG (mulberry32): every run seeds the same office. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = prng(20260221)
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T

/**
 * A year of 居民求助 in a large community: 5,000 households with a person each, 200 volunteers,
 * 20,000 requests (the last fortnight's partly open, some past their wanted-by), key-group tags.
 * Written straight into the tables in one transaction: the bench measures reading them.
 */
function seed(backend: Backend): void {
  const at = NOW.toISOString()
  backend.store.transaction((tx) => {
    for (let g = 1; g <= GRIDS; g++) {
      tx.run('INSERT INTO grids (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [g, `第${g}网格`, at, at])
      tx.run('INSERT INTO compounds (id, name, sort_key) VALUES (?, ?, ?)', [g, `小区${g}`, `小区${g}`])
      tx.run('INSERT INTO buildings (id, compound_id, name, sort_key, grid_id) VALUES (?, ?, ?, ?, ?)', [g, g, '1栋', '1栋', g])
    }
    for (let i = 1; i <= HOUSEHOLDS; i++) {
      const grid = (i % GRIDS) + 1
      tx.run(
        `INSERT INTO households (id, building_id, grid_id, unit, room, address, search_text, address_key, tenure, created_at, updated_at)
         VALUES (?, ?, ?, '', ?, ?, ?, ?, 'owned', ?, ?)`,
        [i, grid, grid, String(i), `小区${grid} 1栋 ${i}`, `小区${grid}1栋${i}`, `${grid}-${String(i).padStart(8, '0')}`, at, at]
      )
      tx.run(
        `INSERT INTO residents (id, household_id, grid_id, sort_key, name, name_initials, name_pinyin, id_type, id_number, phones, person_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'xx', 'xx', 'mainland', NULL, ?, 'registered', ?, ?)`,
        [i, i, grid, `${grid}-${String(i).padStart(8, '0')}`, `居民${i}`, JSON.stringify([`138${String(i).padStart(8, '0')}`]), at, at]
      )
      tx.run('UPDATE households SET householder_id = ? WHERE id = ?', [i, i])
      if (i % 4 === 0) tx.run("INSERT INTO resident_tags (resident_id, tag) VALUES (?, 'alone_elderly')", [i])
    }
    for (let v = 1; v <= VOLUNTEERS; v++) {
      tx.run(
        `INSERT INTO volunteers (id, name, phone, kind, politics, skills, building, grid_id, availability, status, created_at, updated_at)
         VALUES (?, ?, '', 'resident', 'masses', '[]', '', ?, ?, 'active', ?, ?)`,
        [v, `志愿者${v}`, (v % GRIDS) + 1, '1'.repeat(21), at, at]
      )
    }
    for (let r = 1; r <= REQUESTS; r++) {
      const hid = int(1, HOUSEHOLDS)
      const day = addDays(TODAY, -Math.floor(((REQUESTS - r) / REQUESTS) * 365))
      // The last fortnight's requests are partly still open; older ones are closed one way or another.
      const status =
        r > REQUESTS - 800 ? pick(['open', 'assigned', 'in_progress', 'done'] as const) : pick(['done', 'done', 'done', 'failed', 'cancelled'] as const)
      const urgency = pick(HELP_URGENCIES)
      const open = isOpenStatus(status)
      tx.run(
        `INSERT INTO help_requests (household_id, resident_id, grid_id, channel, type, urgency, urgency_rank, content, wanted_by, status, is_open,
           volunteer_id, created_day, closed_day, created_at, created_by, updated_at)
         VALUES (?, ?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
        [
          hid,
          hid,
          (hid % GRIDS) + 1,
          pick(HELP_TYPES),
          urgency,
          HELP_URGENCIES.indexOf(urgency),
          `${pick(CONTENTS)}（${r}）`,
          random() < 0.5 ? `${addDays(day, int(0, 2))} 18:00` : null,
          status,
          open ? 1 : 0,
          status === 'open' ? null : int(1, VOLUNTEERS),
          day,
          open ? null : addDays(day, 1),
          `${day}T02:00:00.000Z`,
          at
        ]
      )
    }
  })
}

const timed = (backend: Backend, group: string, name: string, method: string, args: (i: number) => unknown, baseline: () => void, session?: Session) =>
  timedPage(backend, { group, name, method, args, baseline, session, samples: SAMPLES, limitMs: LIMIT_MS })

export async function helpBench(): Promise<void> {
  const backend = await benchBackend('help', NOW)
  const started = performance.now()
  seed(backend)
  const group = '居民求助 (2 万件求助, 5,000 户)'
  record({ group, name: '生成并写入（一个事务）', value: ms(performance.now() - started), note: `${REQUESTS.toLocaleString('en')} 件求助` })
  const bare = () => backend.store.all('SELECT * FROM help_requests ORDER BY id DESC LIMIT 20')
  const worker: Session = { accountId: 5, actor: '网格员3', permissions: 'all', gridScope: [3] }
  await timed(backend, group, '求助台账 未办结 第1页', 'help.list', (i) => ({ openOnly: true, page: (i % 5) + 1 }), bare)
  await timed(backend, group, '求助台账 全部 翻页', 'help.list', (i) => ({ page: (i % 50) + 1 }), bare)
  await timed(
    backend,
    group,
    '求助台账 按类型+日期',
    'help.list',
    (i) => ({ type: HELP_TYPES[i % HELP_TYPES.length], from: addDays(TODAY, -30), to: TODAY }),
    bare
  )
  await timed(backend, group, '求助台账 查找姓名', 'help.list', (i) => ({ q: `居民${(i % HOUSEHOLDS) + 1}` }), bare)
  await timed(backend, group, '求助台账 查找内容', 'help.list', (i) => ({ q: i % 2 === 0 ? '胰岛素' : `（${(i * 97) % REQUESTS}）` }), bare)
  await timed(backend, group, '求助台账 查找地址', 'help.list', (i) => ({ q: `1栋 ${(i % HOUSEHOLDS) + 1}` }), bare)
  await timed(backend, group, '求助台账 网格员（限本网格）', 'help.list', (i) => ({ openOnly: true, page: (i % 3) + 1 }), bare, worker)
  // The report's 居民求助 lines alone (the whole report is the report suite's).
  const section = await sample(SAMPLES, (i) => helpReport.section(backend.store, addDays(TODAY, -(Math.abs(i) % 30))))
  record({
    group,
    name: '每日报表 居民求助各项 p50 / p95',
    value: `${ms(percentile(section, 50))} / ${ms(percentile(section, 95))}`,
    note: percentile(section, 95) < LIMIT_MS ? `目标 p95 < ${LIMIT_MS} ms：达标` : `目标 p95 < ${LIMIT_MS} ms：未达标`
  })
  await careBench(backend, { today: TODAY, at: NOW.toISOString(), volunteers: VOLUNTEERS, samples: SAMPLES, limitMs: LIMIT_MS })
  const dir = backend.store.dataDir
  backend.store.close({ snapshot: false })
  fs.rmSync(dir, { recursive: true, force: true })
}
