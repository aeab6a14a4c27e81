import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import type { Session } from '../../../electron/backend/context'
import { addDays } from '../../../shared/domain/dates'
import { EPISODE_KINDS } from '../../../shared/schemas/monitoring'
import { ms, percentile, record, sample } from '../report'

const OPEN_EPISODES = 5_000
const CHECKS = 200_000
const GRIDS = 8
const SAMPLES = 200
const TODAY = '2026-02-03'
const NOW = new Date('2026-02-03T08:00:00.000Z')
const LIMIT_MS = 20

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
const random = prng(20260203)
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

/**
 * 5,000 people under observation now (started 0-13 days ago, most checked every day so far),
 * plus released episodes of earlier months, until the file holds 200,000 daily checks.
 * Written straight into the tables in one transaction: the bench measures reading them.
 */
function seed(backend: Backend): { checks: number; episodes: number } {
  const at = NOW.toISOString()
  let checks = 0
  let episodes = 0
  backend.store.transaction((tx) => {
    for (let g = 1; g <= GRIDS; g++) {
      tx.run('INSERT INTO grids (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [g, `第${g}网格`, at, at])
      tx.run("INSERT INTO grid_staff (grid_id, role, position, name) VALUES (?, 'worker', 0, ?)", [g, `网格员${g}`])
      tx.run('INSERT INTO compounds (id, name, sort_key) VALUES (?, ?, ?)', [g, `小区${g}`, `小区${g}`])
      tx.run('INSERT INTO buildings (id, compound_id, name, sort_key, grid_id) VALUES (?, ?, ?, ?, ?)', [g, g, '1栋', '1栋', g])
    }
    const person = (i: number): number => {
      const grid = (i % GRIDS) + 1
      const hid = tx.run(
        `INSERT INTO households (building_id, grid_id, unit, room, address, search_text, address_key, tenure, created_at, updated_at)
         VALUES (?, ?, '', ?, ?, ?, ?, 'owned', ?, ?)`,
        [grid, grid, String(i), `小区${grid} 1栋 ${i}`, `小区${grid}1栋${i}`, `${grid}-${String(i).padStart(8, '0')}`, at, at]
      ).lastInsertRowid
      const rid = tx.run(
        `INSERT INTO residents (household_id, grid_id, sort_key, name, name_initials, name_pinyin, id_type, id_number, phones, person_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'xx', 'xx', 'mainland', NULL, ?, 'registered', ?, ?)`,
        [hid, grid, `${grid}-${String(i).padStart(8, '0')}`, `居民${i}`, JSON.stringify([`138${String(i).padStart(8, '0')}`]), at, at]
      ).lastInsertRowid
      return rid
    }
    const episode = (rid: number, grid: number, start: string, open: boolean): number => {
      const kind = EPISODE_KINDS[int(0, 3)] ?? 'home_observation'
      const tid = tx.run(
        `INSERT INTO returnee_trips (resident_id, origin_province, origin_city, return_date, transport, registered_on, registered_by, created_at, updated_at)
         VALUES (?, '湖北省', '武汉市', ?, 'train', ?, 'bench', ?, ?)`,
        [rid, start, start, at, at]
      ).lastInsertRowid
      const end = addDays(start, 14)
      episodes++
      return tx.run(
        `INSERT INTO observation_episodes (resident_id, trip_id, grid_id, worker, kind, start_date, days, end_date, status, status_date, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 14, ?, ?, ?, ?, ?)`,
        [rid, tid, grid, `网格员${grid}`, kind, start, end, open ? 'observing' : 'released', open ? null : end, at, at]
      ).lastInsertRowid
    }
    const check = (eid: number, day: string, fever: boolean) => {
      checks++
      tx.run(
        `INSERT INTO daily_checks (episode_id, day, morning_tenths, evening_tenths, outcome, abnormal, threshold_tenths, checked_by, checked_at)
         VALUES (?, ?, ?, ?, ?, ?, 373, 'bench', ?)`,
        [eid, day, fever ? 381 : 365, 366, fever ? 'abnormal' : 'normal', fever ? 1 : 0, at]
      )
    }
    let i = 0
    for (; i < OPEN_EPISODES; i++) {
      const rid = person(i)
      const grid = (i % GRIDS) + 1
      const start = addDays(TODAY, -int(0, 13))
      const eid = episode(rid, grid, start, true)
      // Most were reached every day until yesterday; about half already today; a few ran a fever.
      for (let d = start; d < TODAY; d = addDays(d, 1)) if (random() < 0.95) check(eid, d, random() < 0.01)
      if (random() < 0.5) check(eid, TODAY, random() < 0.02)
      tx.run(
        `UPDATE observation_episodes SET abnormal = COALESCE((SELECT abnormal FROM daily_checks WHERE episode_id = ? ORDER BY day DESC LIMIT 1), 0),
           last_check_day = (SELECT MAX(day) FROM daily_checks WHERE episode_id = ?) WHERE id = ?`,
        [eid, eid, eid]
      )
    }
    while (checks < CHECKS) {
      const rid = person(i++)
      const start = addDays(TODAY, -int(30, 700))
      const eid = episode(rid, ((i - 1) % GRIDS) + 1, start, false)
      for (let d = 0; d < 14 && checks < CHECKS; d++) check(eid, addDays(start, d), false)
    }
  })
  return { checks, episodes }
}

async function timed(backend: Backend, group: string, name: string, method: string, args: (i: number) => unknown, session?: Session): Promise<void> {
  const samples = await sample(SAMPLES, async (i) => {
    const envelope = await backend.call(method, args(Math.abs(i)), session)
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  })
  const p95 = percentile(samples, 95)
  record({
    group,
    name: `${name} p50 / p95`,
    value: `${ms(percentile(samples, 50))} / ${ms(p95)}`,
    note: p95 < LIMIT_MS ? `目标 p95 < ${LIMIT_MS} ms：达标` : `目标 p95 < ${LIMIT_MS} ms：未达标`
  })
}

export async function returneesBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-returnees-'))
  const backend = await createBackend({
    dataDir: dir,
    appVersion: 'bench',
    now: () => NOW,
    store: { idleSnapshotMs: 0, journalMaxRecords: 1e9, journalMaxBytes: 1e12 }
  })
  const started = performance.now()
  const seeded = seed(backend)
  const group = '健康监测 (5,000 人在观察, 20 万条体温)'
  record({
    group,
    name: '生成并写入（一个事务）',
    value: ms(performance.now() - started),
    note: `${seeded.episodes.toLocaleString('en')} 段观察，${seeded.checks.toLocaleString('en')} 条体温`
  })
  const worker: Session = { accountId: 5, actor: '网格员3', permissions: 'all', gridScope: [3] }
  await timed(backend, group, '待测温名单 第1页', 'monitoring.worklist', (i) => ({ list: 'due', page: (i % 5) + 1, pageSize: 50 }))
  await timed(backend, group, '待测温名单 按网格员', 'monitoring.worklist', (i) => ({ list: 'due', worker: `网格员${(i % GRIDS) + 1}` }))
  await timed(backend, group, '异常名单', 'monitoring.worklist', () => ({ list: 'abnormal' }))
  await timed(backend, group, '今日期满名单', 'monitoring.worklist', () => ({ list: 'ending' }))
  await timed(backend, group, '昨日漏测名单', 'monitoring.worklist', () => ({ list: 'missed' }))
  await timed(backend, group, '过去某天的待测温名单', 'monitoring.worklist', (i) => ({ list: 'due', day: addDays(TODAY, -(i % 10) - 1) }))
  await timed(backend, group, '首页今日统计（全社区）', 'monitoring.today', () => ({}))
  await timed(backend, group, '首页今日统计（网格员，限本网格）', 'monitoring.today', () => ({}), worker)
  await timed(backend, group, '返程人员列表 第1页', 'returnees.list', (i) => ({ page: (i % 5) + 1 }))
  const sheet = await sample(20, async () => backend.call('monitoring.sheet', { worker: '网格员1' }))
  record({
    group,
    name: '每日健康监测表（一位网格员，约 625 人） p50 / p95',
    value: `${ms(percentile(sheet, 50))} / ${ms(percentile(sheet, 95))}`,
    note: '打印用，一天几次'
  })
  backend.store.close({ snapshot: false })
  fs.rmSync(dir, { recursive: true, force: true })
}
