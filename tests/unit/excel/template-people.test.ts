import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import type { ExportedFile, ReportDay } from '../../../shared/contract'
import type { ReportSettings } from '../../../shared/schemas/report'
import type { Envelope } from '../../../shared/errors'
import { testBackend, setupAdmin } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'
import { readBack } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function as<T>(token: string, method: string, args: unknown): Promise<T> {
  const envelope = (await b.callAs(token, method, args)) as Envelope<T>
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.data
}

describe('填报人 and 联系电话: one source for the filled templates and the daily report', () => {
  it("a filled template's 填报人 is the exporter's 姓名 (not the login name) and its 联系电话 is 设置's", async () => {
    b = await testBackend()
    const token = await setupAdmin(b)
    await as(token, 'settings.update', { contactPhone: '0371-65551234' })
    const file = await as<ExportedFile>(token, 'excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })
    const ws = (await readBack(file.bytes)).worksheets[0]
    const people = String(ws?.getCell('A3').value)
    expect(people).toMatch(/^填报人：王主任\s+联系电话：0371-65551234$/)
    expect(people).not.toContain('admin')
    expect(String(ws?.getCell('A2').value)).toContain('填报单位：幸福里社区')
  })

  it("the report shows 设置's phone, and a phone typed on the report page is 设置's phone (audited)", async () => {
    b = await testBackend()
    const token = await setupAdmin(b)
    await as(token, 'settings.update', { contactPhone: '0371-65551234' })
    // Nothing remembered yet: the report is signed by whoever looks at it, by 姓名.
    const day = await as<ReportDay>(token, 'report.day', {})
    expect(day.header).toMatchObject({ unit: '幸福里社区', reporter: '王主任', phone: '0371-65551234' })
    expect((await as<ReportSettings>(token, 'report.settings', {})).phone).toBe('0371-65551234')

    const saved = await as<ReportSettings>(token, 'report.saveSettings', {
      reporter: '李文书',
      phone: '0371-60000000',
      reviewer: '王书记',
      keyProvinces: [],
      notObservedDays: 14
    })
    expect(saved).toMatchObject({ reporter: '李文书', phone: '0371-60000000' })
    expect((await as<{ contactPhone: string }>(token, 'settings.get', {})).contactPhone).toBe('0371-60000000')
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'report.saveSettings'")
    expect(audit?.summary).toBe('保存报表设置；修改设置 联系电话：“0371-65551234” → “0371-60000000”')

    // 设置 changed later: the report follows; so does the next filled template.
    await as(token, 'settings.update', { contactPhone: '0371-61111111' })
    expect((await as<ReportDay>(token, 'report.day', {})).header).toMatchObject({ reporter: '李文书', phone: '0371-61111111' })
    const ws = (await readBack((await as<ExportedFile>(token, 'excel.fillTemplate', { templateId: 'builtin:residents-roster', filter: {} })).bytes))
      .worksheets[0]
    expect(String(ws?.getCell('A3').value)).toContain('联系电话：0371-61111111')
  })

  it("报送 with a new phone keeps it as 设置's phone; the report as sent keeps the phone it was sent with", async () => {
    b = await testBackend()
    const token = await setupAdmin(b)
    const day = await as<ReportDay>(token, 'report.day', {})
    const sent = await as<{ header: { phone: string } }>(token, 'report.submit', {
      day: day.day,
      reporter: '王主任',
      phone: '13800001111',
      reviewer: '',
      note: '',
      digest: day.digest
    })
    expect(sent.header.phone).toBe('13800001111')
    expect((await as<{ contactPhone: string }>(token, 'settings.get', {})).contactPhone).toBe('13800001111')
  })
})

describe('migration one_contact_phone', () => {
  const clock = fixedClock()
  const BEFORE = MIGRATIONS.findIndex((m) => m.name === 'one_contact_phone')
  const open = (dir: string, upTo: number) => Store.open({ dir, migrations: MIGRATIONS.slice(0, upTo), now: clock.now, idleSnapshotMs: 0 })

  it.each([
    ["设置 has no phone: the report's moves there", null, '0371-65559999'],
    ['设置 has one: it stays', '0371-65551234', '0371-65551234']
  ])('%s', async (_case, inSettings, expected) => {
    const dir = tempDir()
    const old = await open(dir, BEFORE)
    old.transaction((tx) => {
      tx.run("UPDATE report_settings SET phone = '0371-65559999', reporter = '李文书' WHERE id = 1")
      if (inSettings) tx.run("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('contactPhone', ?, 'x', 'y')", [JSON.stringify(inSettings)])
    })
    old.close()
    const store = await open(dir, MIGRATIONS.length)
    try {
      expect(store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'contactPhone'")?.value).toBe(JSON.stringify(expected))
      expect(store.get('SELECT phone, reporter FROM report_settings')).toEqual({ phone: '', reporter: '李文书' })
    } finally {
      store.close()
    }
  })
})
