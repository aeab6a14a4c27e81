import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../electron/backend/context'
import type { DailySheet } from '../../../shared/contract'
import type { Role } from '../../../shared/domain/roles'
import { ROLE_PERMISSIONS } from '../../../shared/modules'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

function as(role: Role, actor: string, gridScope: Session['gridScope'] = 'all'): Session {
  return { accountId: 9, actor, permissions: new Set(ROLE_PERMISSIONS[role]), gridScope }
}

/** The sheet as the session gets it, through dispatch; fails the test on a refusal. */
async function sheetFor(args: { day: string; worker?: string }, session: Session): Promise<DailySheet> {
  const envelope = await b.call('monitoring.sheet', args, session)
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.data as DailySheet
}

const phonesOn = (sheet: DailySheet) => sheet.groups.flatMap((g) => g.rows.map((r) => [r.name, r.phone]))
const sheetAudits = () =>
  b.store.all<{ actor: string; summary: string; detail: string }>("SELECT actor, summary, detail FROM audit_log WHERE method = 'monitoring.sheet'")

describe('每日健康监测表: phones by role (monitoring.sheet through dispatch)', () => {
  it('gives a grid worker the whole phones of their own grid and writes the print to 操作日志', async () => {
    b = await testBackend()
    const { east, zhang, li, wang } = await community(b)
    for (const r of [zhang, li, wang]) await b.ok('returnees.register', trip(r.id))
    const sheet = await sheetFor({ day: '2026-02-04' }, as('grid_worker', '网格员甲', [east.id]))
    expect(sheet.full).toBe(true)
    // Only their grid, with the numbers they ring.
    expect(phonesOn(sheet)).toEqual([
      ['张三', '13812345678'],
      ['李四', '13712345678']
    ])
    const audits = sheetAudits()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actor: '网格员甲', summary: '打印每日健康监测表 2026-02-04（完整电话，2 人）' })
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({ day: '2026-02-04', residentIds: [zhang.id, li.id] })
  })

  it('names the worker in the log when the sheet is one worker’s', async () => {
    b = await testBackend()
    const { wang } = await community(b)
    await b.ok('returnees.register', trip(wang.id))
    const sheet = await sheetFor({ day: '2026-02-04', worker: '网格员乙' }, as('staff', '工作人员'))
    expect(phonesOn(sheet)).toEqual([['王五', '13612345678']])
    expect(sheetAudits().map((a) => a.summary)).toEqual(['打印每日健康监测表 2026-02-04（网格员乙）（完整电话，1 人）'])
  })

  it('gives a role that may not reveal numbers the masked sheet and logs nothing', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    for (const r of [zhang, li, wang]) await b.ok('returnees.register', trip(r.id))
    const before = b.count('audit_log')
    const sheet = await sheetFor({ day: '2026-02-04' }, as('readonly', '只读甲'))
    expect(sheet.full).toBe(false)
    expect(phonesOn(sheet)).toEqual([
      ['张三', '138****5678'],
      ['李四', '137****5678'],
      ['王五', '136****5678']
    ])
    expect(JSON.stringify(sheet)).not.toMatch(/1[3-9]\d{9}/)
    expect(b.count('audit_log')).toBe(before)
  })

  it('an empty sheet reveals nothing and logs nothing, even for a role that may reveal', async () => {
    b = await testBackend()
    await community(b)
    const before = b.count('audit_log')
    expect(await b.call('monitoring.sheet', { day: '2026-02-04' }, as('staff', '工作人员'))).toMatchObject({ ok: true, data: { full: false, groups: [] } })
    expect(b.count('audit_log')).toBe(before)
  })
})
