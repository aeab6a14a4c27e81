import { afterEach, describe, expect, it } from 'vitest'
import { SecurityLog } from '../../../electron/backend/security/security-log'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend | null = null
afterEach(async () => {
  await backend?.close()
  backend = null
})

interface AuditLine {
  method: string
  summary: string
  detail: string | null
}
const auditRows = (b: TestBackend) => b.store.all<AuditLine>('SELECT method, summary, detail FROM audit_log ORDER BY id')

describe('SecurityLog', () => {
  it('writes the first event of a burst at once and one row with the count when it ends', async () => {
    backend = await testBackend()
    const log = new SecurityLog(backend.store, backend.clock.now, 0)
    const before = auditRows(backend).length
    const event = { method: 'auth.login', key: 'login:admin', actor: 'admin', summary: '登录失败：用户名或密码不正确' }
    for (let i = 0; i < 500; i++) log.record(event)
    expect(auditRows(backend).length).toBe(before + 1)
    expect(log.burstCount('login:admin')).toBe(500)
    log.flush()
    const rows = auditRows(backend).slice(before)
    expect(rows).toHaveLength(2)
    expect(rows[1]?.summary).toMatch(/连续 500 次/)
    expect(JSON.parse(rows[1]?.detail ?? '{}')).toMatchObject({ burst: { count: 500 } })
    // A lone event is not written twice.
    log.record({ ...event, key: 'login:other' })
    log.flush()
    expect(auditRows(backend).length).toBe(before + 3)
  })

  it('ends a burst after the quiet period by itself', async () => {
    backend = await testBackend()
    const log = new SecurityLog(backend.store, backend.clock.now, 20)
    const before = auditRows(backend).length
    log.record({ method: 'gate.checkPass', key: 'pass:1', actor: 'x', summary: '出入证号不存在' })
    log.record({ method: 'gate.checkPass', key: 'pass:1', actor: 'x', summary: '出入证号不存在' })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(log.burstCount('pass:1')).toBe(0)
    expect(
      auditRows(backend)
        .slice(before)
        .map((r) => r.summary)
    ).toEqual(['出入证号不存在', expect.stringMatching(/连续 2 次/)])
    log.close()
  })
})
