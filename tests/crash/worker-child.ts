/**
 * What the crash children that drive the built backend worker share: the worker started from the
 * app's bundle (out/main, as the hosts run it: the sources' SQL files need the bundler), the
 * administrator set up on a new folder or logged in on an existing one, calls that throw on refusal,
 * and a registered resident's arguments.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WORKER_BUNDLE, startBackendWorker, workerDataFrom } from '../../electron/backend/worker-client'
import { computeCheckChar } from '../../shared/domain'

export const ADMIN = { username: 'admin', password: 'Shouwang#2026' }

export type Ok = (method: string, args: unknown) => Promise<Record<string, unknown>>

export async function adminOnBuiltWorker(dataDir: string): Promise<{ ok: Ok }> {
  const bundleDir = fileURLToPath(new URL('../../out/main', import.meta.url))
  const backend = await startBackendWorker(path.join(bundleDir, WORKER_BUNDLE), workerDataFrom(bundleDir, dataDir, 'crash', null))
  let token: string | null = null
  const ok: Ok = async (method, args) => {
    const envelope = await backend.call(method, args, token)
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
    return envelope.data as Record<string, unknown>
  }
  const status = await backend.call('auth.status', {}, null)
  const needsSetup = status.ok && (status.data as { setupRequired: boolean }).setupRequired
  const session = await ok(needsSetup ? 'auth.setup' : 'auth.login', needsSetup ? { communityName: '幸福里社区', displayName: '王主任', ...ADMIN } : ADMIN)
  token = String(session.sessionToken)
  return { ok }
}

/** residents.create's arguments for a registered resident with a valid ID number made from its first 17 digits. */
export function residentArgs(name: string, first17: string) {
  return {
    name,
    idType: 'mainland',
    idNumber: first17 + computeCheckChar(first17),
    sex: null,
    birthDate: null,
    phones: ['13812345678'],
    tags: [],
    personType: 'registered',
    relation: null,
    notes: '',
    householdId: null
  }
}
