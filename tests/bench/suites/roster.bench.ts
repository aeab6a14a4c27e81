import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBackend } from '../../../electron/backend/backend'
import type { RosterInput, RulePerson, RuleTemplate } from '../../../shared/domain/roster-rules'
import { autoFill } from '../../../shared/domain/roster-autofill'
import { checkRoster } from '../../../shared/domain/roster-rules'
import { ms, percentile, record, sample } from '../report'

const GROUP = '自动排班 (6 卡口 x 3 班 x 7 天，150 人)'
const TARGET_MS = 1000

/** A week as an office would have it: three shifts a checkpoint, nights need 3 with a lead. */
function week(): RosterInput {
  const templates: RuleTemplate[] = []
  for (let cp = 1; cp <= 6; cp++) {
    const base = { checkpointId: cp, checkpointName: `卡口${cp}` }
    templates.push({ ...base, id: cp * 10 + 1, name: '早班', startMinute: 420, endMinute: 900, minStaff: 2, leadRequired: false })
    templates.push({ ...base, id: cp * 10 + 2, name: '中班', startMinute: 900, endMinute: 1380, minStaff: 2, leadRequired: false })
    templates.push({ ...base, id: cp * 10 + 3, name: '夜班', startMinute: 1380, endMinute: 420, minStaff: 3, leadRequired: true })
  }
  const people: RulePerson[] = []
  for (let i = 1; i <= 150; i++) {
    const availability = Array.from({ length: 21 }, (_, k) => ((i * 7 + k * 3) % 5 === 0 ? '0' : '1')).join('')
    people.push({ id: i, name: `志愿者${i}`, status: i % 17 === 0 ? 'paused' : 'active', availability, canLead: i % 4 === 0 })
  }
  return { templates, people, placements: [], settings: { weeklyHourCap: 48, minRestHours: 8 } }
}

export async function rosterBench(): Promise<void> {
  const input = week()
  const result = autoFill(input, 1)
  const samples = await sample(30, (i) => autoFill(input, i + 2))
  const check = await sample(30, () => checkRoster({ ...input, placements: result.added }))
  const p95 = percentile(samples, 95)
  record({
    group: GROUP,
    name: '自动排班（纯规则）p50 / p95',
    value: `${ms(percentile(samples, 50))} / ${ms(p95)}`,
    baseline: `${ms(percentile(check, 50))} / ${ms(percentile(check, 95))}（仅校验一周）`,
    note: `${p95 < TARGET_MS ? '达标' : '超标'}（目标 < ${TARGET_MS} ms）；排入 ${result.added.length} 人次，未排满 ${result.unfilled.length} 处`
  })

  // Through dispatch: read the week, fill, write 294 rows and their journal record, read it back.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-roster-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', store: { idleSnapshotMs: 0 } })
  try {
    const ok = async (method: Parameters<typeof backend.call>[0], args: unknown) => {
      const envelope = await backend.call(method, args as never)
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
      return envelope.data
    }
    for (let cp = 1; cp <= 6; cp++) {
      const c = (await ok('checkpoints.create', { name: `卡口${cp}`, place: '', kind: 'both', hours: '24小时' })) as { id: number }
      for (const t of input.templates.filter((x) => x.checkpointId === cp)) {
        const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
        await ok('shifts.create', {
          checkpointId: c.id,
          name: t.name,
          start: hh(t.startMinute),
          end: hh(t.endMinute),
          minStaff: t.minStaff,
          leadRequired: t.leadRequired
        })
      }
    }
    for (const p of input.people) {
      await ok('volunteers.create', {
        residentId: null,
        name: p.name,
        phone: '',
        sex: null,
        kind: 'resident',
        politics: 'masses',
        skills: [],
        building: '',
        gridId: null,
        availability: p.availability,
        canLead: p.canLead,
        status: p.status,
        startDate: null,
        notes: ''
      })
    }
    const started = performance.now()
    const report = (await ok('roster.autoFill', { week: '2026-02-02', seed: 1 })) as { added: number }
    record({ group: GROUP, name: 'roster.autoFill 经 dispatch（含写入与日志）', value: ms(performance.now() - started), note: `写入 ${report.added} 人次` })
  } finally {
    await backend.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
