import { randomBytes } from 'node:crypto'
import { createBackend } from '../../../electron/backend/backend'
import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { setupAdmin } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'

export interface LanTestBackend extends TestBackend {
  admin: string
}

/** A real backend whose only "network card" is loopback, so the LAN listener binds where tests can reach it. */
export async function lanBackend(): Promise<LanTestBackend> {
  const dir = tempDir('shouwang-lan-')
  const clock = fixedClock()
  const backend = await createBackend({
    dataDir: dir,
    appVersion: '9.9.9',
    now: clock.now,
    sleep: clock.sleep,
    store: { idleSnapshotMs: 0 },
    networkInterfaces: () => [{ name: 'lo', address: '127.0.0.1' }]
  })
  return {
    ...backend,
    dir,
    clock,
    admin: await setupAdmin(backend),
    async ok<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      return dataOf<MethodResult<M>>(await backend.call(method, args))
    },
    count: (table) => Number(backend.store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n)
  }
}

export const newDeviceToken = () => randomBytes(32).toString('base64url')

export function dataOf<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as T
}

/** A device asks, the administrator approves it under name: the device's token now opens the door. */
export async function pairDevice(backend: LanTestBackend, token: string, name: string): Promise<number> {
  const { code } = dataOf<{ code: string }>(await backend.callAs(null, 'devices.pairStart', { label: 'Android 平板' }, token))
  return dataOf<{ id: number }>(await backend.callAs(backend.admin, 'devices.approve', { code, name })).id
}
