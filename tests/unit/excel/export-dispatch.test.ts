import { afterEach, describe, expect, it } from 'vitest'
import type { AllHandlers, Session } from '../../../electron/backend/context'
import { LOCAL_SESSION } from '../../../electron/backend/context'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { dispatchWithHandlers } from '../support/dispatch'

/**
 * Exports are a method kind of their own: they change no records, so they run like queries and
 * never wait in (or hold up) the mutation queue; dispatch writes their one audit row.
 */
let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

async function withHandlers(override: Partial<AllHandlers>) {
  backend = await testBackend()
  return dispatchWithHandlers(backend, override)
}

const local: { session: Session } = { session: LOCAL_SESSION }
const FILE = { fileName: 'x.xlsx', bytes: new Uint8Array([1]) }
const NOTE = {
  summary: '导出测试 1 条',
  detail: { source: 'test', filter: {}, rows: 1, format: 'xlsx' as const, full: false, reason: null, fileBase: 't.xlsx', fileName: 't.xlsx' }
}

describe('the export kind in dispatch', () => {
  it('runs while a mutation is still waiting in the queue, and writes its audit row itself', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const { dispatch } = await withHandlers({
      'settings.update': async () => {
        await held
        return null as never
      },
      'gate.export': (_args, ctx) => {
        ctx.exported(NOTE)
        return FILE
      }
    })
    const pending = dispatch('settings.update', { streetName: '城关街道' }, local)
    const before = backend.count('audit_log')
    expect(await dispatch('gate.export', { day: '2026-02-03' }, local)).toMatchObject({ ok: true })
    expect(backend.store.all<{ method: string; summary: string }>('SELECT method, summary FROM audit_log WHERE id > ?', [before])).toEqual([
      { method: 'gate.export', summary: '导出测试 1 条' }
    ])
    release()
    await pending
  })

  it('may not change records, and fails rather than leave an export unrecorded', async () => {
    const { dispatch, logged } = await withHandlers({
      'gate.export': (_args, ctx) => {
        ctx.write({ summary: '不该写入' }, () => undefined)
        return FILE
      },
      'roster.export': () => FILE
    })
    const before = backend.count('audit_log')
    expect(await dispatch('gate.export', { day: '2026-02-03' }, local)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await dispatch('roster.export', { week: '2026-02-03' }, local)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(logged.map(String)).toEqual([expect.stringContaining('is an export and may not write'), expect.stringContaining('is an export but reported none')])
    expect(backend.count('audit_log')).toBe(before)
  })
})
