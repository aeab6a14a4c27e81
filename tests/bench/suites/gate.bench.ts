import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import initSqlJs from 'sql.js'
import { createBackend } from '../../../electron/backend/backend'
import { DATABASE_FILE } from '../../../electron/backend/store/store'
import { writeSnapshotAtomically } from '../../../electron/backend/store/snapshot'
import { ms, percentile, record, sample } from '../report'

const GROUP = '卡口登记'
const STORED = 1_000_000
const CHECKPOINTS = 6

const visitor = (checkpointId: number, i: number) => ({
  checkpointId,
  direction: i % 2 === 0 ? 'in' : 'out',
  who: 'visitor',
  residentId: null,
  name: `访客${i}`,
  phone: '',
  reason: '探亲',
  plate: '',
  temperature: 36 + (i % 10) / 10,
  action: 'pass',
  passNumber: ''
})

/** 10,000 entries one by one through dispatch: what a busy gate asks of the journal. */
async function registerOneByOne(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-gate-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench' })
  const gate = await backend.call('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
  if (!gate.ok) throw new Error(gate.error.message)
  const id = (gate.data as { id: number }).id
  const samples = await sample(10_000, async (i) => {
    const envelope = await backend.call('gate.register', visitor(id, i))
    if (!envelope.ok) throw new Error(envelope.error.message)
  })
  record({ group: GROUP, name: '逐条登记 1 万人次（经 dispatch，含落盘）p50 / p99', value: `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))}` })
  await backend.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

/** A year of entries at six gates (1M rows), then the day view of one gate on one day. */
async function dayViewAtScale(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-gate1m-'))
  const setup = await createBackend({ dataDir: dir, appVersion: 'bench' })
  for (let cp = 1; cp <= CHECKPOINTS; cp++) await setup.call('checkpoints.create', { name: `卡口${cp}`, place: '', kind: 'both', hours: '' })
  await setup.close()
  const SQL = await initSqlJs()
  const file = path.join(dir, DATABASE_FILE)
  const db = new SQL.Database(fs.readFileSync(file))
  db.exec('BEGIN')
  const insert = db.prepare(
    `INSERT INTO gate_entries (checkpoint_id, at, day, direction, who, name, phone, reason, plate, temperature_tenths, abnormal, action, warning, registered_by)
     VALUES (?, ?, ?, ?, ?, ?, '', '探亲', '', ?, ?, ?, '', '志愿者')`
  )
  const start = Date.UTC(2025, 0, 1)
  for (let i = 0; i < STORED; i++) {
    const when = new Date(start + Math.floor((i / STORED) * 365 * 86_400_000))
    const fever = i % 997 === 0
    insert.run([
      (i % CHECKPOINTS) + 1,
      when.toISOString(),
      when.toISOString().slice(0, 10),
      i % 2 ? 'in' : 'out',
      ['resident', 'visitor', 'vehicle', 'delivery'][i % 4] ?? 'visitor',
      `人员${i}`,
      fever ? 381 : 362 + (i % 8),
      fever ? 1 : 0,
      fever ? 'turn_back' : 'pass'
    ])
  }
  insert.free()
  db.exec('COMMIT')
  writeSnapshotAtomically(file, db.export())
  db.close()

  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', store: { idleSnapshotMs: 0 } })
  const days = Array.from({ length: 50 }, (_, k) => new Date(start + (k * 7 + 3) * 86_400_000).toISOString().slice(0, 10))
  const view = await sample(200, async (i) => {
    const day = days[Math.abs(i) % days.length] ?? '2025-06-01'
    const envelope = await backend.call('gate.day', { day, checkpointId: (Math.abs(i) % CHECKPOINTS) + 1, pageSize: 50 })
    if (!envelope.ok) throw new Error(envelope.error.message)
  })
  const all = await sample(100, async (i) => {
    const envelope = await backend.call('gate.day', { day: days[Math.abs(i) % days.length] ?? '2025-06-01', pageSize: 50 })
    if (!envelope.ok) throw new Error(envelope.error.message)
  })
  const p95 = percentile(view, 95)
  record({
    group: GROUP,
    name: `单卡口日视图（库中 ${STORED.toLocaleString('en')} 条）p50 / p95`,
    value: `${ms(percentile(view, 50))} / ${ms(p95)}`,
    note: `${p95 < 20 ? '达标' : '超标'}（目标 p95 < 20 ms）；全部卡口 ${ms(percentile(all, 50))} / ${ms(percentile(all, 95))}`
  })
  await backend.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

export async function gateBench(): Promise<void> {
  console.error('gate: registration acknowledgement, the day view at 1M entries')
  await registerOneByOne()
  await dayViewAtScale()
}
