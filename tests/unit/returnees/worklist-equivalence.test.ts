import { afterEach, describe, expect, it } from 'vitest'
import { worklistCount, worklistPage } from '../../../electron/backend/monitoring/worklist.repo'
import type { WorklistFilter } from '../../../electron/backend/monitoring/worklist.repo'
import { scopeSql } from '../../../electron/backend/kit/scope'
import { addDays } from '../../../shared/domain/dates'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const TODAY = '2026-02-03'
const OPEN_ON = `e.end_date >= ? AND e.start_date <= ? AND (e.status = 'observing' OR e.status_date > ?)`

/**
 * The worklist queries as they were before 0009 and 0010: one WHERE over every episode with a LEFT
 * JOIN on the day's check, and the order read live from residents (not the copy on the episode).
 */
function reference(store: TestBackend['store'], f: WorklistFilter, uncheckedOnly: boolean): { ids: number[]; count: number } {
  const parts: string[] = []
  const params: (string | number)[] = []
  const latest = `(SELECT x.abnormal FROM daily_checks x WHERE x.episode_id = e.id AND x.day <= ? AND x.outcome != 'unreachable' ORDER BY x.day DESC LIMIT 1) = 1`
  if (f.list === 'due' || f.list === 'missed') {
    parts.push(OPEN_ON)
    params.push(f.day, f.day, f.day)
  } else if (f.list === 'abnormal') {
    parts.push(f.day === f.today ? `e.status = 'observing' AND e.abnormal = 1` : `${OPEN_ON} AND ${latest}`)
    if (f.day !== f.today) params.push(f.day, f.day, f.day, f.day)
  } else {
    parts.push(`(e.end_date = ? OR (e.status = 'observing' AND e.end_date < ?))`)
    params.push(f.day, f.day)
  }
  if (f.list === 'missed') parts.push(`e.status = 'observing'`)
  if (f.gridId !== undefined) {
    parts.push('e.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.worker !== undefined) {
    parts.push('e.worker = ?')
    params.push(f.worker)
  }
  parts.push(f.scope.sql)
  params.push(...(f.scope.params as number[]))
  const condition = f.list === 'missed' ? `AND (c.id IS NULL OR c.outcome = 'unreachable')` : uncheckedOnly ? 'AND c.id IS NULL' : ''
  const from = `FROM observation_episodes e LEFT JOIN daily_checks c ON c.episode_id = e.id AND c.day = ? JOIN residents r ON r.id = e.resident_id
    WHERE ${parts.join(' AND ')} ${condition}`
  const ids = store.all<{ id: number }>(`SELECT e.id ${from} ORDER BY e.grid_id, e.worker, r.sort_key, r.id`, [f.day, ...params]).map((row) => row.id)
  const count = Number(store.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, [f.day, ...params])?.n)
  return { ids, count }
}

describe('worklists after 0009 and 0010 (two arms in index order, sort_key copied onto the episode)', () => {
  it('return the same rows, order and counts as the joined queries, also after people move', async () => {
    b = await testBackend()
    const at = new Date().toISOString()
    let seedState = 7
    const rnd = () => {
      seedState = (seedState * 1103515245 + 12345) % 2147483648
      return seedState / 2147483648
    }
    b.store.transaction((tx) => {
      for (let g = 1; g <= 3; g++) {
        tx.run('INSERT INTO grids (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [g, `第${g}网格`, at, at])
        tx.run('INSERT INTO compounds (id, name, sort_key) VALUES (?, ?, ?)', [g, `小区${g}`, `小区${g}`])
        tx.run('INSERT INTO buildings (id, compound_id, name, sort_key, grid_id) VALUES (?, ?, ?, ?, ?)', [g, g, '1栋', '1栋', g])
      }
      for (let i = 0; i < 120; i++) {
        const grid = (i % 3) + 1
        const hid = tx.run(
          `INSERT INTO households (building_id, grid_id, unit, room, address, search_text, address_key, tenure, created_at, updated_at)
           VALUES (?, ?, '', ?, ?, ?, ?, 'owned', ?, ?)`,
          [grid, grid, String(i), `小区${grid} 1栋 ${i}`, `小区${grid}1栋${i}`, `${grid}-${i}`, at, at]
        ).lastInsertRowid
        const rid = tx.run(
          `INSERT INTO residents (household_id, grid_id, sort_key, name, name_initials, name_pinyin, id_type, id_number, phones, person_type, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'xx', 'xx', 'mainland', NULL, '[]', 'registered', ?, ?)`,
          [hid, grid, `${grid}-${String(Math.floor(rnd() * 50)).padStart(3, '0')}`, `居民${i}`, at, at]
        ).lastInsertRowid
        const start = addDays(TODAY, -Math.floor(rnd() * 20))
        const end = addDays(start, 14)
        const status = rnd() < 0.7 ? 'observing' : ((['released', 'hospital', 'lost'] as const)[Math.floor(rnd() * 3)] ?? 'released')
        const statusDate = status === 'observing' ? null : addDays(start, Math.floor(rnd() * 16))
        const worker = rnd() < 0.5 ? `网格员${grid}` : `网格员${grid}乙`
        const eid = tx.run(
          `INSERT INTO observation_episodes (resident_id, grid_id, worker, kind, start_date, days, end_date, status, status_date, created_at, updated_at)
           VALUES (?, ?, ?, 'home_observation', ?, 14, ?, ?, ?, ?, ?)`,
          [rid, grid, worker, start, end, status, statusDate, at, at]
        ).lastInsertRowid
        for (let d = start; d <= TODAY; d = addDays(d, 1)) {
          const r = rnd()
          if (r < 0.3) continue
          const outcome = r < 0.45 ? 'unreachable' : r < 0.5 ? 'abnormal' : 'normal'
          tx.run(`INSERT INTO daily_checks (episode_id, day, outcome, abnormal, threshold_tenths, checked_by, checked_at) VALUES (?, ?, ?, ?, 373, 't', ?)`, [
            eid,
            d,
            outcome,
            outcome === 'abnormal' ? 1 : 0,
            at
          ])
        }
      }
    })

    // What saveCheck's refreshFlag keeps on every episode: the red flag and the latest check day.
    b.store.transaction((tx) => {
      tx.run(`UPDATE observation_episodes SET
        abnormal = COALESCE((SELECT abnormal FROM daily_checks WHERE episode_id = observation_episodes.id AND outcome != 'unreachable' ORDER BY day DESC LIMIT 1), 0),
        last_check_day = (SELECT MAX(day) FROM daily_checks WHERE episode_id = observation_episodes.id)`)
    })

    let compared = 0
    const compareAll = () => {
      for (const list of ['due', 'missed', 'abnormal', 'ending'] as const) {
        for (let back = 0; back < 8; back++) {
          for (const scope of ['all', [2], [1, 3]] as const) {
            for (const [gridId, worker] of [
              [undefined, undefined],
              [3, undefined],
              [undefined, '网格员1乙']
            ] as const) {
              for (const uncheckedOnly of [false, true]) {
                const f: WorklistFilter = { list, day: addDays(TODAY, -back), today: TODAY, gridId, worker, scope: scopeSql('e.grid_id', scope) }
                const want = reference(b.store, f, uncheckedOnly)
                const rows = worklistPage(b.store, f, uncheckedOnly, 1000, 0)
                expect(rows.map((r) => r.id)).toEqual(want.ids)
                expect(worklistPage(b.store, f, uncheckedOnly, 7, 5).map((r) => r.id)).toEqual(want.ids.slice(5, 12))
                expect(worklistCount(b.store, f, uncheckedOnly)).toBe(want.count)
                if (want.count > 0) compared++
              }
            }
          }
        }
      }
    }
    compareAll()
    // Addresses change under open episodes (moves, household edits, the recycle bin): the order
    // copied onto each episode must follow, whichever statement changed the resident.
    b.store.transaction((tx) => {
      tx.run(`UPDATE residents SET sort_key = '0-' || (200 - id) WHERE id % 4 = 0`)
      tx.run(`UPDATE residents SET sort_key = '' WHERE id % 7 = 0`)
    })
    compareAll()
    expect(compared).toBeGreaterThan(400)
  })
})
