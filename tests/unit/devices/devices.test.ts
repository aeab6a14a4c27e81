import fs from 'node:fs'
import path from 'node:path'
import { X509Certificate } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DevicesList, LanStatus, PairStatus } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { fingerprintOf } from '../../../electron/backend/devices/tls-cert'
import { loginNewAccount, ADMIN } from '../support/backend'
import { gateEntry } from '../gate/gate-support'
import { dataOf, lanBackend, newDeviceToken, pairDevice } from './devices-support'
import type { LanTestBackend } from './devices-support'

let backend: LanTestBackend
afterEach(async () => {
  await backend?.close()
})

const errorOf = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
const auditRows = () => backend.store.all<{ actor: string; method: string; summary: string }>('SELECT actor, method, summary FROM audit_log ORDER BY id')

async function loginOn(device: string, username: string, password: string): Promise<string> {
  return dataOf<{ sessionToken: string }>(await backend.callAs(null, 'auth.login', { username, password }, device)).sessionToken
}

describe('pairing a LAN device', () => {
  it('gives a new device a 6-digit code, lists it for the administrator, and lets it in once approved', async () => {
    backend = await lanBackend()
    const tablet = newDeviceToken()
    const before = errorOf(await backend.callAs(null, 'auth.status', {}, tablet))
    expect(before).toMatchObject({ code: 'UNAUTHORIZED', message: '这台设备还没有获准连接，请先在办公室电脑上批准配对。' })
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, tablet)).status).toBe('unpaired')

    const asked = dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStart', { label: 'iPad' }, tablet))
    expect(asked).toMatchObject({ status: 'pending', name: null })
    expect(asked.code).toMatch(/^\d{6}$/)
    // Asking again (a reload) keeps the code the office may already be reading.
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStart', {}, tablet)).code).toBe(asked.code)
    const listed = dataOf<DevicesList>(await backend.callAs(backend.admin, 'devices.list', {}))
    expect(listed).toEqual({ devices: [], pending: [{ code: asked.code, label: 'iPad', requestedAt: '2026-02-03T08:00:00.000Z' }] })

    const approved = dataOf<{ id: number; name: string }>(await backend.callAs(backend.admin, 'devices.approve', { code: asked.code, name: '东门平板' }))
    expect(approved).toMatchObject({ name: '东门平板', approvedBy: '王主任（admin）', revokedAt: null })
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, tablet))).toMatchObject({ status: 'approved', name: '东门平板' })
    expect(dataOf(await backend.callAs(null, 'auth.status', {}, tablet))).toMatchObject({ setupRequired: false })
    // Only a hash of the token is kept.
    const stored = JSON.stringify(backend.store.all('SELECT * FROM devices'))
    expect(stored).not.toContain(tablet)
    const after = dataOf<DevicesList>(await backend.callAs(backend.admin, 'devices.list', {}))
    expect(after.pending).toEqual([])
    expect(after.devices[0]).toMatchObject({ name: '东门平板', lastSeenAt: '2026-02-03T08:00:00.000Z' })
    expect(auditRows().at(-1)).toMatchObject({ method: 'devices.approve', summary: `批准局域网设备“东门平板”（配对码 ${asked.code}）` })
  })

  it('records the device with each action, and keeps a session to the device it was made on', async () => {
    backend = await lanBackend()
    const tablet = newDeviceToken()
    await pairDevice(backend, tablet, '东门平板')
    const session = await loginOn(tablet, ADMIN.username, ADMIN.password)
    const gate = dataOf<{ id: number }>(await backend.callAs(session, 'checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' }, tablet))
    expect(gate.id).toBeGreaterThan(0)
    expect(auditRows().slice(-2)).toMatchObject([
      { method: 'auth.login', actor: '王主任（admin） · 东门平板' },
      { method: 'checkpoints.create', actor: '王主任（admin） · 东门平板' }
    ])
    // The tablet's session is no session in the office window, nor on another device, and the reverse.
    expect(errorOf(await backend.callAs(session, 'auth.whoami', {}))?.code).toBe('UNAUTHORIZED')
    const other = newDeviceToken()
    await pairDevice(backend, other, '二号电脑')
    expect(errorOf(await backend.callAs(session, 'auth.whoami', {}, other))?.code).toBe('UNAUTHORIZED')
    expect(errorOf(await backend.callAs(backend.admin, 'auth.whoami', {}, tablet))?.code).toBe('UNAUTHORIZED')
  })

  it('refuses a device the administrator refused, and an unknown or expired code', async () => {
    backend = await lanBackend()
    const stranger = newDeviceToken()
    const { code } = dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStart', {}, stranger))
    expect(dataOf(await backend.callAs(backend.admin, 'devices.refuse', { code: code ?? '' }))).toEqual({ refused: true })
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, stranger)).status).toBe('refused')
    expect(errorOf(await backend.callAs(null, 'auth.login', { username: 'admin', password: ADMIN.password }, stranger))?.code).toBe('UNAUTHORIZED')
    expect(dataOf<DevicesList>(await backend.callAs(backend.admin, 'devices.list', {})).pending).toEqual([])
    expect(errorOf(await backend.callAs(backend.admin, 'devices.approve', { code: code ?? '', name: '某设备' }))?.code).toBe('NOT_FOUND')

    const late = newDeviceToken()
    const asked = dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStart', {}, late))
    backend.clock.advance(31 * 60_000)
    const admin = dataOf<{ sessionToken: string }>(
      await backend.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })
    ).sessionToken
    expect(errorOf(await backend.callAs(admin, 'devices.approve', { code: asked.code ?? '', name: '迟到平板' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: '没有这个配对码，可能已经过期。请让设备刷新页面重新申请。'
    })
    expect(errorOf(await backend.callAs(admin, 'devices.approve', { code: '12345', name: 'x' }))?.code).toBe('BAD_ARGS')
    expect(backend.store.all('SELECT id FROM devices')).toEqual([])
  })

  it('revoking ends the device token and every session on it at once; other devices carry on', async () => {
    backend = await lanBackend()
    const tablet = newDeviceToken()
    const desk = newDeviceToken()
    const tabletId = await pairDevice(backend, tablet, '东门平板')
    await pairDevice(backend, desk, '二号电脑')
    const onTablet = await loginOn(tablet, ADMIN.username, ADMIN.password)
    const onDesk = await loginOn(desk, ADMIN.username, ADMIN.password)

    const revoked = dataOf<{ revokedAt: string | null }>(await backend.callAs(backend.admin, 'devices.revoke', { id: tabletId }))
    expect(revoked.revokedAt).toBe(backend.clock.now().toISOString())
    expect(errorOf(await backend.callAs(onTablet, 'auth.whoami', {}, tablet))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: '这台设备已被管理员停用，不能再使用守望。如需恢复，请联系办公室重新配对。'
    })
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, tablet)).status).toBe('revoked')
    // The session is gone too, not only the door: bringing it from elsewhere finds nothing.
    expect(backend.sessions.resolve(onTablet, backend.clock.now(), 60_000, tabletId)).toBeNull()
    expect(dataOf(await backend.callAs(onDesk, 'auth.whoami', {}, desk))).toMatchObject({ username: 'admin' })
    expect(auditRows().at(-1)).toMatchObject({ method: 'devices.revoke', summary: '停用局域网设备“东门平板”' })
  })

  it('lets two devices register gate entries side by side, each recorded with its device', async () => {
    backend = await lanBackend()
    const gate = dataOf<{ id: number }>(await backend.callAs(backend.admin, 'checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' }))
    dataOf(await backend.callAs(backend.admin, 'accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' }))
    const { password } = await loginNewAccount(backend, 'gate1', 'Gate#2026ab')
    const east = newDeviceToken()
    const west = newDeviceToken()
    await pairDevice(backend, east, '东门平板')
    await pairDevice(backend, west, '西门平板')
    const sessions = [await loginOn(east, 'gate1', password), await loginOn(west, 'gate1', password)]
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        backend.callAs(sessions[i % 2] ?? '', 'gate.register', gateEntry(gate.id, { name: `访客${i}` }), i % 2 ? west : east)
      )
    )
    expect(results.filter((r) => !r.ok)).toEqual([])
    expect(backend.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM gate_entries')?.n).toBe(20)
    const actors = auditRows()
      .filter((r) => r.method === 'gate.register')
      .map((r) => r.actor)
    expect(actors.filter((a) => a === '李值守（gate1） · 东门平板')).toHaveLength(10)
    expect(actors.filter((a) => a === '李值守（gate1） · 西门平板')).toHaveLength(10)
  })

  it('keeps 设置 → 局域网访问 to the administrator', async () => {
    backend = await lanBackend()
    dataOf(await backend.callAs(backend.admin, 'accounts.create', { username: 'clerk', displayName: '张文员', role: 'staff', password: 'Desk#2026ab' }))
    const { token } = await loginNewAccount(backend, 'clerk', 'Desk#2026ab')
    for (const method of ['devices.list', 'lan.status', 'lan.disable']) {
      expect(errorOf(await backend.callAs(token, method, {}))?.code, method).toBe('FORBIDDEN')
    }
    expect(errorOf(await backend.callAs(token, 'devices.revoke', { id: 1 }))?.code).toBe('FORBIDDEN')
  })
})

describe('turning LAN access on', () => {
  it('makes a certificate for the chosen card once, keeps its key private, and shows its fingerprint', async () => {
    backend = await lanBackend()
    const off = dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.status', {}))
    expect(off).toMatchObject({ enabled: false, url: null, fingerprint: null, interfaces: [{ name: 'lo', address: '127.0.0.1' }] })
    const wrong = errorOf(await backend.callAs(backend.admin, 'lan.enable', { address: '10.9.9.9', port: 8443 }))
    expect(wrong).toMatchObject({ code: 'BAD_ARGS', message: '这个地址不是本机的网卡地址，请从列表中选择。' })
    expect(errorOf(await backend.callAs(backend.admin, 'lan.enable', { address: '127.0.0.1', port: 80 }))?.code).toBe('BAD_ARGS')

    const on = dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.enable', { address: '127.0.0.1', port: 18443 }))
    expect(on).toMatchObject({ enabled: true, address: '127.0.0.1', port: 18443, url: 'https://127.0.0.1:18443/' })
    const certPem = fs.readFileSync(path.join(backend.dir, 'lan', 'cert.pem'), 'utf8')
    expect(on.fingerprint).toBe(fingerprintOf(certPem))
    expect(on.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/)
    expect(new X509Certificate(certPem).subjectAltName).toContain('IP Address:127.0.0.1')
    if (process.platform !== 'win32') expect(fs.statSync(path.join(backend.dir, 'lan', 'key.pem')).mode & 0o777).toBe(0o600)

    const off2 = dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.disable', {}))
    expect(off2).toMatchObject({ enabled: false, url: null, fingerprint: on.fingerprint })
    // On again: the same certificate, so paired tablets see the fingerprint they checked.
    const again = dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.enable', { address: '127.0.0.1', port: 18443 }))
    expect(again.fingerprint).toBe(on.fingerprint)
    expect(
      auditRows()
        .filter((r) => r.method.startsWith('lan.'))
        .map((r) => r.summary)
    ).toEqual(['开启局域网访问：https://127.0.0.1:18443/', '关闭局域网访问', '开启局域网访问：https://127.0.0.1:18443/'])
  })
})
