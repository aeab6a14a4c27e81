import fs from 'node:fs'
import type { Backend } from '../../../electron/backend/backend'
import type { Session } from '../../../electron/backend/context'
import { unitSearchText } from '../../../electron/backend/units/units.repo'
import { UNIT_KINDS, UNIT_STATUSES } from '../../../shared/domain/units'
import { benchBackend, timedPage } from '../page-timing'
import { ms, record } from '../report'

const UNITS = 5_000
const WORKERS = 50_000
const GRIDS = 8
const SAMPLES = 200
const TODAY = '2026-02-03'
const NOW = new Date('2026-02-03T08:00:00.000Z')
const LIMIT_MS = 20
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴']
const INITIALS = ['z', 'w', 'l', 'z', 'l', 'c', 'y', 'h', 'z', 'w']

/** Deterministic PRNG (mulberry32): every run seeds the same community. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = prng(20260222)
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

/**
 * A large business district: 5,000 units over 8 grids, 50,000 workers (each a person record of
 * their own, as outsiders are), today's check-ins for a tenth of them. Written straight into the
 * tables in one transaction: the bench measures reading them.
 */
function seed(backend: Backend): void {
  const at = NOW.toISOString()
  backend.store.transaction((tx) => {
    for (let g = 1; g <= GRIDS; g++) tx.run('INSERT INTO grids (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [g, `第${g}网格`, at, at])
    for (let u = 1; u <= UNITS; u++) {
      const name = `商铺${u}号店`
      const address = `建设路 ${u} 号`
      tx.run(
        `INSERT INTO units (id, kind, name, door, address, grid_id, manager_name, manager_phone, status, notes, search_text, created_day, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 'bench', ?)`,
        [
          u,
          UNIT_KINDS[u % UNIT_KINDS.length] ?? 'other',
          name,
          address,
          address,
          (u % GRIDS) + 1,
          `老板${u}`,
          `139${String(u).padStart(8, '0')}`,
          UNIT_STATUSES[u % UNIT_STATUSES.length] ?? 'open',
          unitSearchText(name, address, `老板${u}`),
          TODAY,
          at,
          at
        ]
      )
    }
    for (let w = 1; w <= WORKERS; w++) {
      const s = w % SURNAMES.length
      const phone = `137${String(w).padStart(8, '0')}`
      tx.run(
        `INSERT INTO residents (id, grid_id, name, name_initials, name_pinyin, id_type, phones, person_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'mainland', ?, 'floating', ?, ?)`,
        [w, (w % GRIDS) + 1, `${SURNAMES[s]}员工${w}`, `${INITIALS[s]}yg`, `${INITIALS[s]}yuangong`, JSON.stringify([phone]), at, at]
      )
      tx.run('INSERT INTO resident_phones (resident_id, position, phone, digits_rev) VALUES (?, 0, ?, ?)', [w, phone, Array.from(phone).reverse().join('')])
      const unit = ((w - 1) % UNITS) + 1
      tx.run(
        "INSERT INTO unit_workers (id, unit_id, resident_id, role, from_elsewhere, joined_day, created_at, created_by) VALUES (?, ?, ?, '店员', 1, ?, ?, 'bench')",
        [w, unit, w, TODAY, at]
      )
      if (w % 10 === 0) {
        const am = int(360, 375)
        tx.run(
          "INSERT INTO unit_checks (worker_id, unit_id, day, am_tenths, abnormal, threshold_tenths, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, 373, 'bench', ?)",
          [w, unit, TODAY, am, am >= 373 ? 1 : 0, at]
        )
      }
    }
  })
}

const timed = (backend: Backend, group: string, name: string, method: string, args: (i: number) => unknown, baseline: () => void, session?: Session) =>
  timedPage(backend, { group, name, method, args, baseline, session, samples: SAMPLES, limitMs: LIMIT_MS })

export async function unitsBench(): Promise<void> {
  const backend = await benchBackend('units', NOW)
  const started = performance.now()
  seed(backend)
  const group = '商铺单位 (5,000 个单位, 5 万名从业人员)'
  record({
    group,
    name: '生成并写入（一个事务）',
    value: ms(performance.now() - started),
    note: `${UNITS.toLocaleString('en')} 个单位，${WORKERS.toLocaleString('en')} 人`
  })
  const bareUnits = () => backend.store.all('SELECT * FROM units ORDER BY id DESC LIMIT 20')
  const bareWorkers = () => backend.store.all('SELECT * FROM unit_workers ORDER BY id DESC LIMIT 20')
  const worker: Session = { accountId: 5, actor: '网格员3', permissions: 'all', gridScope: [3] }
  await timed(backend, group, '单位台账 翻页', 'units.list', (i) => ({ page: (i % 50) + 1 }), bareUnits)
  await timed(
    backend,
    group,
    '单位台账 按类别+状态',
    'units.list',
    (i) => ({ kind: UNIT_KINDS[i % UNIT_KINDS.length], status: UNIT_STATUSES[i % UNIT_STATUSES.length] }),
    bareUnits
  )
  await timed(backend, group, '单位台账 查找名称', 'units.list', (i) => ({ q: `商铺${(i % UNITS) + 1}号` }), bareUnits)
  await timed(backend, group, '单位台账 网格员（限本网格）', 'units.list', (i) => ({ page: (i % 5) + 1 }), bareUnits, worker)
  await timed(backend, group, '从业人员查找 姓名开头', 'units.workers', (i) => ({ q: `${SURNAMES[i % SURNAMES.length]}员工${(i % 900) + 100}` }), bareWorkers)
  await timed(backend, group, '从业人员查找 拼音首字母', 'units.workers', (i) => ({ q: `${INITIALS[i % INITIALS.length]}yg` }), bareWorkers)
  await timed(backend, group, '从业人员查找 电话后4位', 'units.workers', (i) => ({ q: String(1000 + (i % 9000)) }), bareWorkers)
  await timed(backend, group, '单位详情', 'units.get', (i) => ({ id: (i % UNITS) + 1 }), bareUnits)
  const dir = backend.store.dataDir
  backend.store.close({ snapshot: false })
  fs.rmSync(dir, { recursive: true, force: true })
}
