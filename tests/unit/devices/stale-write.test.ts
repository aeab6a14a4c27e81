import { afterEach, describe, expect, it } from 'vitest'
import type { ResidentDetail } from '../../../shared/contract'
import { ADMIN } from '../support/backend'
import { arrangeHousehold } from '../gate/gate-support'
import { dataOf, lanBackend, newDeviceToken, pairDevice } from './devices-support'
import type { LanTestBackend } from './devices-support'

let backend: LanTestBackend
afterEach(async () => {
  await backend?.close()
})

const edit = (resident: ResidentDetail, changes: Partial<{ name: string; notes: string }>) => ({
  id: resident.id,
  name: changes.name ?? resident.name,
  idType: resident.idType,
  sex: resident.sex,
  tags: resident.tags,
  personType: resident.personType,
  relation: resident.relation,
  notes: changes.notes ?? resident.notes
})

describe('a stale write (issue 24)', () => {
  it('refuses a save of a resident another device changed since the form opened it, and keeps their change', async () => {
    backend = await lanBackend()
    const { resident } = await arrangeHousehold(backend)
    const tablet = newDeviceToken()
    await pairDevice(backend, tablet, '东门平板')
    const onTablet = dataOf<{ sessionToken: string }>(
      await backend.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password }, tablet)
    ).sessionToken

    // Both open the same resident at the same version.
    const opened = dataOf<ResidentDetail>(await backend.callAs(backend.admin, 'residents.get', { id: resident.id }))
    const first = await backend.callAs(
      onTablet,
      'residents.update',
      { ...edit(opened, { notes: '平板：独居老人' }), expectedUpdatedAt: opened.updatedAt },
      tablet
    )
    expect(first.ok).toBe(true)
    const saved = dataOf<ResidentDetail>(first)
    // Saved in the same millisecond of the fixed clock, and still a new version.
    expect(saved.updatedAt).not.toBe(opened.updatedAt)

    const stale = await backend.callAs(backend.admin, 'residents.update', { ...edit(opened, { notes: '办公室：已搬走' }), expectedUpdatedAt: opened.updatedAt })
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: '这位居民的信息刚被别人（另一台电脑或平板）修改过，您看到的不是最新内容。请点“重新载入”，看过最新内容后再修改。',
        details: { stale: true, currentUpdatedAt: saved.updatedAt }
      }
    })
    const now = dataOf<ResidentDetail>(await backend.callAs(backend.admin, 'residents.get', { id: resident.id }))
    expect(now.notes).toBe('平板：独居老人')

    // Reloaded, the office saves on top of the tablet's change.
    const again = await backend.callAs(backend.admin, 'residents.update', {
      ...edit(now, { notes: '平板：独居老人；办公室：已回访' }),
      expectedUpdatedAt: now.updatedAt
    })
    expect(dataOf<ResidentDetail>(again).notes).toBe('平板：独居老人；办公室：已回访')
    const audit = backend.store.all<{ actor: string }>("SELECT actor FROM audit_log WHERE method = 'residents.update' ORDER BY id")
    expect(audit.map((row) => row.actor)).toEqual(['王主任（admin） · 东门平板', '王主任（admin）'])
  })

  it('leaves callers that send no version as they were (imports, older forms)', async () => {
    backend = await lanBackend()
    const { resident } = await arrangeHousehold(backend)
    const opened = dataOf<ResidentDetail>(await backend.callAs(backend.admin, 'residents.get', { id: resident.id }))
    dataOf(await backend.callAs(backend.admin, 'residents.update', edit(opened, { notes: '一' })))
    expect(dataOf<ResidentDetail>(await backend.callAs(backend.admin, 'residents.update', edit(opened, { notes: '二' }))).notes).toBe('二')
  })
})
