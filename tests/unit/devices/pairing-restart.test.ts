import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import type { PairStatus } from '../../../shared/contract'
import { ADMIN, setupAdmin } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'
import { dataOf, newDeviceToken } from './devices-support'

const open: Backend[] = []
afterEach(async () => {
  for (const b of open.splice(0)) await b.close()
})

/** The office PC's backend on a data folder; a second call is the same PC after a restart. */
async function officePc(dir: string, clock: ReturnType<typeof fixedClock>): Promise<Backend> {
  const backend = await createBackend({ dataDir: dir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })
  open.push(backend)
  return backend
}

async function restart(backend: Backend, dir: string, clock: ReturnType<typeof fixedClock>): Promise<{ backend: Backend; admin: string }> {
  await backend.close()
  open.splice(open.indexOf(backend), 1)
  const again = await officePc(dir, clock)
  const admin = dataOf<{ sessionToken: string }>(await again.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).sessionToken
  return { backend: again, admin }
}

describe('pairing requests over a restart of the office PC (issue 24)', () => {
  it('a tablet keeps its code: after the restart the administrator still sees it and approves it', async () => {
    const dir = tempDir('shouwang-pair-')
    const clock = fixedClock()
    const first = await officePc(dir, clock)
    await setupAdmin(first)
    const tablet = newDeviceToken()
    const asked = dataOf<PairStatus>(await first.callAs(null, 'devices.pairStart', { label: 'iPad' }, tablet))
    // Only the token's hash is written down, never the token.
    expect(fs.readFileSync(path.join(dir, 'lan', 'pairing.json'), 'utf8')).not.toContain(tablet)

    clock.advance(10 * 60_000)
    const { backend, admin } = await restart(first, dir, clock)
    const listed = dataOf<{ pending: { code: string; label: string }[] }>(await backend.callAs(admin, 'devices.list', {}))
    expect(listed.pending).toEqual([expect.objectContaining({ code: asked.code, label: 'iPad' })])
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, tablet))).toMatchObject({ status: 'pending', code: asked.code })
    dataOf(await backend.callAs(admin, 'devices.approve', { code: asked.code ?? '', name: '东门平板' }))
    expect(dataOf<PairStatus>(await backend.callAs(null, 'devices.pairStatus', {}, tablet))).toMatchObject({ status: 'approved', name: '东门平板' })
    // Answered, the request is gone from the file too.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lan', 'pairing.json'), 'utf8'))).toEqual([])
  })

  it('a refusal holds over the restart, and a code older than 30 minutes is gone after it', async () => {
    const dir = tempDir('shouwang-pair-')
    const clock = fixedClock()
    const first = await officePc(dir, clock)
    const admin = await setupAdmin(first)
    const refused = newDeviceToken()
    const late = newDeviceToken()
    const code = dataOf<PairStatus>(await first.callAs(null, 'devices.pairStart', { label: '陌生手机' }, refused)).code ?? ''
    dataOf(await first.callAs(admin, 'devices.refuse', { code }))
    dataOf(await first.callAs(null, 'devices.pairStart', { label: '平板' }, late))

    let again = await restart(first, dir, clock)
    expect(dataOf<PairStatus>(await again.backend.callAs(null, 'devices.pairStatus', {}, refused)).status).toBe('refused')

    clock.advance(31 * 60_000)
    again = await restart(again.backend, dir, clock)
    expect(dataOf<{ pending: unknown[] }>(await again.backend.callAs(again.admin, 'devices.list', {})).pending).toEqual([])
    expect(dataOf<PairStatus>(await again.backend.callAs(null, 'devices.pairStatus', {}, late)).status).toBe('unpaired')
  })

  it('a damaged pairing file is ignored: the devices ask again, nothing else is affected', async () => {
    const dir = tempDir('shouwang-pair-')
    const clock = fixedClock()
    const first = await officePc(dir, clock)
    await setupAdmin(first)
    dataOf(await first.callAs(null, 'devices.pairStart', { label: 'iPad' }, newDeviceToken()))
    fs.writeFileSync(path.join(dir, 'lan', 'pairing.json'), '[{"code":"12"}, 7, {not json')
    const { backend, admin } = await restart(first, dir, clock)
    expect(dataOf<{ pending: unknown[] }>(await backend.callAs(admin, 'devices.list', {})).pending).toEqual([])
  })
})
