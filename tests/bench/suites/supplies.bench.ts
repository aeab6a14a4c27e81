import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import initSqlJs from 'sql.js'
import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import { writeSnapshotAtomically } from '../../../electron/backend/store/snapshot'
import { DATABASE_FILE } from '../../../electron/backend/store/store'
import type { MethodArgs, MethodResult } from '../../../shared/contract'
import type { Method } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { ms, percentile, record, sample } from '../report'

const LINES = 200_000
const ITEMS = 60
const MONTHS = 24
const SAMPLES = 300
const TARGET_MS = 20
const GROUP = '物资台账 (20万行)'

/** mulberry32, so every run books the same ledger. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Two years of an office's ledger: 200,000 lines over 60 items, written straight into the
 * snapshot with sql.js (booking them one by one through the journal would only time the seeding).
 * Balances chain per item exactly as the service writes them, and the month totals are
 * derived from the lines, so the queries below see what a long-used office would have.
 */
async function seededDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-supplies-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench' })
  await backend.close()
  const SQL = await initSqlJs()
  const file = path.join(dir, DATABASE_FILE)
  const db = new SQL.Database(fs.readFileSync(file))
  const random = prng(8)
  const at = '2025-01-01T00:00:00.000Z'
  db.exec('BEGIN')
  const categories = ['protective', 'disinfectant', 'testing', 'living', 'medicine']
  const item = db.prepare(
    "INSERT INTO supply_items (name, category, spec, unit, warning_level, has_batches, stock, notes, created_at, updated_at) VALUES (?, ?, '', '个', 100, 0, 0, '', ?, ?)"
  )
  for (let i = 0; i < ITEMS; i++) item.run([`物资${i + 1}`, categories[i % 5] ?? 'protective', at, at])
  item.free()
  const line = db.prepare(
    `INSERT INTO supply_ledger (ref_no, item_id, batch_id, kind, quantity, balance_before, balance_after, at, day, actor, counterpart_kind, counterpart_name, receiver)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, '工作人员', ?, ?, ?)`
  )
  const stock = new Array<number>(ITEMS + 1).fill(0)
  const perDay = new Map<string, number>()
  for (let n = 0; n < LINES; n++) {
    // Lines in time order: n spreads evenly over 24 months from 2025-01.
    const monthIndex = Math.floor((n * MONTHS) / LINES)
    const year = 2025 + Math.floor(monthIndex / 12)
    const month = String((monthIndex % 12) + 1).padStart(2, '0')
    const day = `${year}-${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
    const itemId = 1 + Math.floor(random() * ITEMS)
    const before = stock[itemId] ?? 0
    const roll = random()
    let kind = 'out'
    let quantity = -Math.min(before, 1 + Math.floor(random() * 50))
    if (before < 50 || roll < 0.3) {
      kind = 'in'
      quantity = 100 + Math.floor(random() * 900)
    } else if (roll < 0.33) {
      kind = 'count'
      quantity = Math.floor(random() * 7) - 3
    } else if (roll < 0.35) {
      kind = 'loss'
      quantity = -Math.min(before, 1 + Math.floor(random() * 5))
    }
    stock[itemId] = before + quantity
    const prefix = { in: 'RK', out: 'CK', count: 'PD', loss: 'BS' }[kind]
    const key = `${prefix}${day.replaceAll('-', '')}`
    const seq = (perDay.get(key) ?? 0) + 1
    perDay.set(key, seq)
    const counterpart = kind === 'out' ? ['checkpoint', `卡口${1 + (n % 6)}`, `值守${n % 40}`] : [null, kind === 'in' ? '街道下拨' : '', '']
    line.run([`${key}-${String(seq).padStart(4, '0')}`, itemId, kind, quantity, before, before + quantity, `${day}T02:00:00.000Z`, day, ...counterpart])
  }
  line.free()
  db.exec(`INSERT INTO supply_month_totals (item_id, month, qty_in, qty_out, qty_count, qty_loss, lines)
    SELECT item_id, substr(day, 1, 7),
      SUM(CASE WHEN kind = 'in' THEN quantity ELSE 0 END), SUM(CASE WHEN kind = 'out' THEN quantity ELSE 0 END),
      SUM(CASE WHEN kind = 'count' THEN quantity ELSE 0 END), SUM(CASE WHEN kind = 'loss' THEN quantity ELSE 0 END), COUNT(*)
    FROM supply_ledger GROUP BY item_id, substr(day, 1, 7)`)
  db.exec('UPDATE supply_items SET stock = (SELECT COALESCE(SUM(quantity), 0) FROM supply_ledger l WHERE l.item_id = supply_items.id)')
  db.exec('COMMIT')
  writeSnapshotAtomically(file, db.export())
  db.close()
  return dir
}

async function call<M extends Method>(backend: Backend, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const envelope = (await backend.call(method, args)) as Envelope<MethodResult<M>>
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.data
}

function report(name: string, samples: number[], baseline?: number[], note = ''): void {
  const p95 = percentile(samples, 95)
  const verdict = p95 < TARGET_MS ? `达标（p95 < ${TARGET_MS} ms）` : `未达标（目标 p95 < ${TARGET_MS} ms）`
  record({
    group: GROUP,
    name: `${name} p50 / p95`,
    value: `${ms(percentile(samples, 50))} / ${ms(p95)}`,
    baseline: baseline ? `${ms(percentile(baseline, 50))} / ${ms(percentile(baseline, 95))}` : undefined,
    note: [verdict, note].filter(Boolean).join('；')
  })
}

export async function suppliesBench(): Promise<void> {
  let started = performance.now()
  const dir = await seededDir()
  record({ group: GROUP, name: '生成 20 万行台账（sql.js 直写快照）', value: ms(performance.now() - started), note: `${ITEMS} 种物资，${MONTHS} 个月` })
  started = performance.now()
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', store: { idleSnapshotMs: 0 } })
  record({ group: GROUP, name: '打开数据文件夹', value: ms(performance.now() - started) })
  try {
    // The summary must balance to the unit against the stock kept with every line.
    const items = await call(backend, 'supplies.items', {})
    const last = await call(backend, 'supplies.monthly', { month: '2026-12' })
    for (const row of last.rows) {
      const held = items.find((it) => it.id === row.itemId)?.stock
      if (row.closing !== held) throw new Error(`${row.name}: 期末 ${row.closing} ≠ 库存 ${held}`)
    }
    const lines = Number(backend.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM supply_ledger')?.n)

    const stock = await sample(SAMPLES, () => call(backend, 'supplies.items', {}))
    report('当前库存 supplies.items', stock, undefined, `${items.length} 种物资，含最近有效期`)

    const months = Array.from({ length: MONTHS }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)
    const monthly = await sample(SAMPLES, (i) => call(backend, 'supplies.monthly', { month: months[Math.abs(i) % MONTHS] ?? '2026-06' }))
    // Baseline: the same summary summed from the ledger lines themselves, without the month totals.
    const naive = await sample(
      30,
      (i) => {
        const month = months[Math.abs(i) % MONTHS] ?? '2026-06'
        return backend.store.all(
          `SELECT item_id,
           SUM(CASE WHEN day < ? THEN quantity ELSE 0 END) AS opening,
           SUM(CASE WHEN day >= ? AND kind = 'in' THEN quantity ELSE 0 END) AS qty_in,
           SUM(CASE WHEN day >= ? AND kind = 'out' THEN quantity ELSE 0 END) AS qty_out
         FROM supply_ledger WHERE day < ? GROUP BY item_id`,
          [`${month}-01`, `${month}-01`, `${month}-01`, `${month}-32`]
        )
      },
      3
    )
    report('月度汇总 supplies.monthly', monthly, naive, '基线：不用月度汇总表、直接对台账行求和')

    const history = await sample(100, (i) => call(backend, 'supplies.ledger', { itemId: 1 + (Math.abs(i) % ITEMS), page: 1, pageSize: 50 }))
    report('单品明细第一页 supplies.ledger', history)

    const gate = await call(backend, 'checkpoints.create', { name: '东门卡口', place: '', kind: 'both', hours: '' })
    const issue = await sample(
      100,
      (i) =>
        call(backend, 'supplies.issue', {
          itemId: 1 + (Math.abs(i) % ITEMS),
          quantity: 1,
          counterpartKind: 'checkpoint',
          checkpointId: gate.id,
          counterpartName: '',
          receiver: '李卡口',
          note: ''
        }),
      5
    )
    report('出库一笔（含写盘）supplies.issue', issue)

    started = performance.now()
    const file = await call(backend, 'supplies.exportMonthly', { month: '2026-06' })
    record({
      group: GROUP,
      name: '导出一个月物资台账 Excel',
      value: ms(performance.now() - started),
      note: `${(file.bytes.byteLength / 1024).toFixed(0)} KB，约 ${Math.round(lines / MONTHS).toLocaleString('en')} 行明细`
    })
  } finally {
    await backend.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
