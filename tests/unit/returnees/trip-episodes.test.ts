import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import { fixedClock, tempDir } from '../support/temp'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, monitoringCounts, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('each trip shows the episode started for it', () => {
  it('a person with two trips: the list, the file and the export pair each trip with its own episode, or none', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const first = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-05' }))
    await b.ok('monitoring.setStatus', { episodeId: first.episode?.id ?? 0, status: 'released', date: '2026-01-19', reason: '' })
    const second = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-02', episode: null }))
    expect(second.episode).toBeNull()

    const rows = (await b.ok('returnees.list', {})).rows
    expect(rows.map((r) => [r.returnDate, r.episode?.status ?? null])).toEqual([
      ['2026-02-02', null],
      ['2026-01-05', 'released']
    ])
    const file = await b.ok('returnees.get', { residentId: zhang.id })
    expect(file.trips.map((t) => t.episode?.id ?? null)).toEqual([null, first.episode?.id])

    const exported = await b.ok('excel.exportList', { list: 'returnees', filter: {} })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(exported.bytes) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    // Oldest return first; columns 观察类型 (O) and 观察状态 (P).
    expect([sheet?.getCell('J5').value, sheet?.getCell('O5').value, sheet?.getCell('P5').value]).toEqual([
      new Date('2026-01-05T00:00:00Z'),
      '居家观察',
      '已解除'
    ])
    expect([sheet?.getCell('J6').value, sheet?.getCell('O6').value, sheet?.getCell('P6').value]).toEqual([new Date('2026-02-02T00:00:00Z'), null, null])

    // Started from the monitoring page without naming a trip, it belongs to the trip it follows.
    const started = await b.ok('monitoring.start', { residentId: zhang.id, tripId: null, kind: 'home_isolation', startDate: '2026-02-02' })
    expect(started.tripId).toBe(second.id)
    expect((await b.ok('returnees.list', {})).rows.map((r) => r.episode?.kind ?? null)).toEqual(['home_isolation', 'home_observation'])
  })

  it('refuses a trip that is not the person’s', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    const theirs = await b.ok('returnees.register', trip(li.id, { episode: null }))
    const counts = monitoringCounts(b)
    const envelope = await b.call('monitoring.start', { residentId: zhang.id, tripId: theirs.id, kind: 'home_observation' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(monitoringCounts(b)).toEqual(counts)
  })

  it('bulk 开始观察: the selected trips start together from their return dates, one audit row; a conflict starts none', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    const a = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-01', episode: null }))
    const c = await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-02', episode: null }))
    const w = await b.ok('returnees.register', trip(wang.id, { returnDate: '2026-02-02' }))
    const counts = monitoringCounts(b)
    const refused = await b.call('returnees.startObservation', { tripIds: [a.id, c.id, w.id], kind: 'home_observation' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '王五 2026-02-02 的返程已经开始过观察，请取消勾选后再试。' } })
    expect(monitoringCounts(b)).toEqual(counts)

    expect(await b.ok('returnees.startObservation', { tripIds: [a.id, c.id], kind: 'health_monitoring' })).toEqual({ started: 2 })
    const rows = (await b.ok('returnees.list', {})).rows
    expect(rows.map((r) => [r.name, r.episode?.kind, r.episode?.endDate])).toEqual([
      ['王五', 'home_observation', '2026-02-16'],
      ['李四', 'health_monitoring', '2026-02-16'],
      ['张三', 'health_monitoring', '2026-02-15']
    ])
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'returnees.startObservation'")
    expect(audit).toEqual([{ summary: '批量开始健康监测 2 人：张三、李四' }])
    const none = await b.call('returnees.startObservation', { tripIds: [], kind: 'home_observation' })
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_ARGS', message: expect.stringContaining('请先勾选要开始观察的人员') } })
  })

  it('0012 links the episodes of older data to their trips by start date, and leaves one before any trip unlinked', async () => {
    const dir = tempDir()
    const clock = fixedClock()
    const version = MIGRATIONS.findIndex((m) => m.name === 'trip_void')
    const old = await Store.open({ dir, migrations: MIGRATIONS.slice(0, version), now: clock.now, idleSnapshotMs: 0 })
    const at = clock.now().toISOString()
    old.transaction((tx) => {
      const rid = tx.run(
        `INSERT INTO residents (sort_key, name, name_initials, name_pinyin, id_type, phones, person_type, created_at, updated_at)
         VALUES ('1-0101', '张三', 'zs', 'zhangsan', 'mainland', '[]', 'registered', ?, ?)`,
        [at, at]
      ).lastInsertRowid
      for (const day of ['2026-01-05', '2026-02-02']) {
        tx.run(
          `INSERT INTO returnee_trips (resident_id, origin_province, return_date, transport, registered_on, registered_by, created_at, updated_at)
           VALUES (?, '湖北省', ?, 'train', ?, '本机', ?, ?)`,
          [rid, day, day, at, at]
        )
      }
      for (const start of ['2025-12-01', '2026-01-05', '2026-01-20', '2026-02-03']) {
        tx.run(
          `INSERT INTO observation_episodes (resident_id, kind, start_date, days, end_date, status, created_at, updated_at)
           VALUES (?, 'home_observation', ?, 14, ?, 'released', ?, ?)`,
          [rid, start, start, at, at]
        )
      }
    })
    old.close()
    const upgraded = await Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0 })
    expect(upgraded.all('SELECT start_date AS startDate, trip_id AS tripId FROM observation_episodes ORDER BY id')).toEqual([
      { startDate: '2025-12-01', tripId: null },
      { startDate: '2026-01-05', tripId: 1 },
      { startDate: '2026-01-20', tripId: 1 },
      { startDate: '2026-02-03', tripId: 2 }
    ])
    expect(upgraded.all("SELECT status FROM returnee_trips WHERE status = 'active'")).toHaveLength(2)
    upgraded.close()
  })
})
