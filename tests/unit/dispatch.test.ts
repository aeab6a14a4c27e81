import { afterEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../electron/backend/audit/audit.service'
import type { AllHandlers } from '../../electron/backend/context'
import { SessionManager } from '../../electron/backend/auth/sessions'
import { createDispatch } from '../../electron/backend/dispatch'
import { handlers } from '../../electron/backend/handlers'
import type { BackendEvent } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { testBackend } from './support/backend'
import type { TestBackend } from './support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

describe('dispatch', () => {
  it('answers system.ping and system.info through the envelope', async () => {
    backend = await testBackend()
    expect(await backend.call('system.ping', {})).toEqual({
      ok: true,
      data: { pong: true, time: '2026-02-03T08:00:00.000Z', appVersion: '9.9.9' }
    })
    const info = await backend.ok('system.info', {})
    expect(info.dataDir).toBe(backend.dir)
    expect(info.schemaVersion).toBeGreaterThanOrEqual(3)
    expect(info.tables).toEqual(
      expect.arrayContaining([
        { name: 'audit_log', label: '操作日志', rows: 0 },
        { name: 'schema_migrations', label: '数据结构版本', rows: info.schemaVersion },
        { name: 'settings', label: '设置项', rows: 0 },
        { name: 'accounts', label: '账号', rows: 0 }
      ])
    )
    // Every table the home page lists has a Chinese name for the clerk.
    expect(info.tables.filter((table) => !table.label)).toEqual([])
  })

  it.each(['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'system', '', 'system.ping '])('refuses the unknown method %j', async (method) => {
    backend = await testBackend()
    const envelope = await backend.call(method, {})
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    if (!envelope.ok) expect(envelope.error.message).toContain('没有这个功能')
  })

  it.each([
    ['a number', { communityName: 5 }],
    ['an unknown key', { communityName: 'x', evil: true }],
    ['nothing to save', {}],
    ['null', null],
    ['an array', ['x']],
    ['a string', 'communityName'],
    ['too long', { communityName: '社'.repeat(41) }]
  ])('refuses bad arguments (%s) with a Chinese message and writes nothing', async (_label, args) => {
    backend = await testBackend()
    const envelope = await backend.call('settings.update', args)
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('BAD_ARGS')
    expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(envelope.error.details?.issues?.length).toBeGreaterThan(0)
    expect(backend.count('settings')).toBe(0)
    expect(backend.count('audit_log')).toBe(0)
    expect(backend.store.info().journalRecords).toBe(0)
  })

  it('names the field and the limit for a too-long value', async () => {
    backend = await testBackend()
    const envelope = await backend.call('settings.update', { communityName: '社'.repeat(41) })
    expect(envelope).toMatchObject({ ok: false, error: { message: '填写的内容有误（communityName）：社区名称不能超过 40 个字' } })
  })

  it('writes a mutation and its audit row in one journaled transaction', async () => {
    backend = await testBackend()
    const saved = await backend.ok('settings.update', { communityName: ' 幸福里社区 ', contactPhone: '0371-65551234' })
    expect(saved).toEqual({ communityName: '幸福里社区', streetName: '', contactPhone: '0371-65551234', idleLockMinutes: 10 })
    expect(await backend.ok('settings.get', {})).toEqual(saved)
    const audit = backend.store.all<{ actor: string; method: string; summary: string; at: string }>('SELECT actor, method, summary, at FROM audit_log')
    expect(audit).toEqual([
      {
        actor: '本机',
        method: 'settings.update',
        summary: '修改设置 社区名称：“” → “幸福里社区”；联系电话：“” → “0371-65551234”',
        at: '2026-02-03T08:00:00.000Z'
      }
    ])
    expect(backend.store.info().journalRecords).toBe(1)
  })

  it('runs mutations one at a time in arrival order', async () => {
    backend = await testBackend()
    const calls = Array.from({ length: 25 }, (_, i) => backend.call('settings.update', { communityName: `社区${i}` }))
    const results = await Promise.all(calls)
    expect(results.every((r) => r.ok)).toBe(true)
    const summaries = backend.store.all<{ summary: string }>('SELECT summary FROM audit_log ORDER BY id').map((row) => row.summary.replace(/.*→ “(.*)”/, '$1'))
    expect(summaries).toEqual(Array.from({ length: 25 }, (_, i) => `社区${i}`))
    expect((await backend.ok('settings.get', {})).communityName).toBe('社区24')
  })

  it('chains audit rows by hash so an edited entry is detected', async () => {
    backend = await testBackend()
    for (const name of ['甲', '乙', '丙']) await backend.ok('settings.update', { communityName: name })
    expect(verifyAuditChain(backend.store)).toEqual({ ok: true, rows: 3, anchored: false })
    backend.store.transaction((tx) => tx.run("UPDATE audit_log SET actor = '别人' WHERE id = 2"))
    expect(verifyAuditChain(backend.store)).toEqual({ ok: false, rows: 3, brokenAt: 2, reason: 'changed' })
  })

  it('emits a changed event after a mutation and none after a query', async () => {
    backend = await testBackend()
    const events: BackendEvent[] = []
    backend.onEvent((event) => events.push(event))
    await backend.ok('settings.get', {})
    await backend.ok('settings.update', { streetName: '城关街道' })
    expect(events).toEqual([{ type: 'changed', method: 'settings.update', domains: ['settings'] }])
  })

  it('refuses a caller without the permission (FORBIDDEN) and writes nothing', async () => {
    backend = await testBackend()
    const envelope = await backend.call('settings.update', { communityName: 'x' }, { accountId: 7, actor: '访客', permissions: new Set(), gridScope: [] })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有“修改设置”的权限。' } })
    expect(backend.count('audit_log')).toBe(0)
    const pinged = await backend.call('system.ping', {}, { accountId: 7, actor: '访客', permissions: new Set(), gridScope: [] })
    expect(pinged.ok).toBe(true)
  })
})

describe('dispatch failure handling', () => {
  async function withHandlers(override: Partial<AllHandlers>) {
    backend = await testBackend()
    const logged: unknown[] = []
    const { dispatch } = createDispatch({
      store: backend.store,
      handlers: { ...handlers, ...override },
      now: backend.clock.now,
      appVersion: 't',
      emit: () => {},
      sessions: new SessionManager(),
      security: backend.security,
      resolveSession: () => {
        throw new AppError('UNAUTHORIZED', '请先登录。')
      },
      logError: (error) => logged.push(error)
    })
    const session = { session: { accountId: null, actor: 't', permissions: 'all' as const, gridScope: 'all' as const } }
    return { dispatch, logged, session }
  }

  it('turns an unexpected error into INTERNAL with a generic Chinese message, logs it, keeps nothing', async () => {
    const { dispatch, logged, session } = await withHandlers({
      'settings.update': (_args, ctx) =>
        ctx.write({ summary: 'x' }, (tx) => {
          tx.run("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('communityName', '\"半截\"', 't', 't')")
          throw new TypeError('secret internals')
        })
    })
    const envelope = await dispatch('settings.update', { communityName: 'x' }, session)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    if (!envelope.ok) expect(envelope.error.message).not.toContain('secret')
    expect(logged).toHaveLength(1)
    expect(backend.count('settings')).toBe(0)
    expect(backend.count('audit_log')).toBe(0)
  })

  it('passes an AppError through as is and rolls back the half-done write', async () => {
    const { dispatch, session } = await withHandlers({
      'settings.update': (_args, ctx) =>
        ctx.write({ summary: 'x' }, (tx) => {
          tx.run("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('streetName', '\"x\"', 't', 't')")
          throw new AppError('RULE_VIOLATION', '不允许这样修改')
        })
    })
    const envelope = await dispatch('settings.update', { communityName: 'x' }, session)
    expect(envelope).toEqual({ ok: false, error: { code: 'RULE_VIOLATION', message: '不允许这样修改' } })
    expect(backend.count('settings')).toBe(0)
  })

  it('does not let a query write', async () => {
    const { dispatch, logged, session } = await withHandlers({
      'settings.get': (_args, ctx) => {
        ctx.write({ summary: 'sneaky' }, (tx) => tx.run('DELETE FROM settings'))
        return { communityName: '', streetName: '', contactPhone: '', idleLockMinutes: 10 }
      }
    })
    const envelope = await dispatch('settings.get', {}, session)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(String(logged[0])).toContain('is a query and may not write')
  })

  it('keeps serving after a failed mutation', async () => {
    const { dispatch, session } = await withHandlers({
      'settings.update': () => {
        throw new Error('boom')
      }
    })
    const results = await Promise.all([dispatch('settings.update', { communityName: 'x' }, session), dispatch('system.ping', {}, session)])
    expect(results.map((r) => r.ok)).toEqual([false, true])
  })
})
