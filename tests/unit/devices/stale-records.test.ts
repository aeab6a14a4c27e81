import { afterEach, describe, expect, it } from 'vitest'
import type { Method, MethodArgs } from '../../../shared/contract'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import { arrangeHousehold } from '../gate/gate-support'
import { trip } from '../returnees/helpers'
import { item } from '../supplies/helpers'
import { shop } from '../units/helpers'
import { ADMIN } from '../support/backend'
import { dataOf, lanBackend, newDeviceToken, pairDevice } from './devices-support'
import type { LanTestBackend } from './devices-support'

let backend: LanTestBackend
afterEach(async () => {
  await backend?.close()
})

interface Versioned {
  updatedAt: string
}

/** The office PC's window and a paired gate tablet, both logged in as the administrator. */
async function officeAndTablet() {
  backend = await lanBackend()
  const tablet = newDeviceToken()
  await pairDevice(backend, tablet, '东门平板')
  const session = dataOf<{ sessionToken: string }>(
    await backend.callAs(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password }, tablet)
  ).sessionToken
  return {
    office: <M extends Method>(method: M, args: MethodArgs<M>) => backend.callAs(backend.admin, method, args),
    tablet: <M extends Method>(method: M, args: MethodArgs<M>) => backend.callAs(session, method, args, tablet)
  }
}

/**
 * Both devices open the record at one version; the tablet saves first; the office's save of what it
 * opened is refused with the clear message and loses nothing; reloaded, the office saves.
 */
async function expectStaleRefused(
  opened: Versioned,
  save: (who: 'office' | 'tablet', note: string, expectedUpdatedAt: string) => Promise<unknown>,
  reread: () => Promise<Versioned & { note: string }>,
  what: string
) {
  const first = (await save('tablet', '平板改的', opened.updatedAt)) as { ok: boolean }
  expect(first.ok).toBe(true)
  const afterTablet = await reread()
  expect(afterTablet.updatedAt).not.toBe(opened.updatedAt) // the same millisecond of the fixed clock, still a new version
  expect(await save('office', '办公室改的', opened.updatedAt)).toMatchObject({
    ok: false,
    error: {
      code: 'CONFLICT',
      message: `${what}刚被别人（另一台电脑或平板）修改过，您看到的不是最新内容。请点“重新载入”，看过最新内容后再修改。`,
      details: { stale: true, currentUpdatedAt: afterTablet.updatedAt }
    }
  })
  expect((await reread()).note).toBe('平板改的')
  expect(await save('office', '办公室看过后改的', afterTablet.updatedAt)).toMatchObject({ ok: true })
  expect((await reread()).note).toBe('办公室看过后改的')
}

describe('stale writes beyond residents (issue 24)', () => {
  it('a household (住户) changed on the tablet is not overwritten by the office’s older form', async () => {
    const devices = await officeAndTablet()
    const { household } = await arrangeHousehold(backend)
    const opened = dataOf<MethodArgs<'households.update'> & Versioned>(await devices.office('households.get', { id: household.id }))
    const reread = async () => {
      const h = dataOf<{ notes: string; updatedAt: string }>(await devices.office('households.get', { id: household.id }))
      return { note: h.notes, updatedAt: h.updatedAt }
    }
    const args = {
      id: household.id,
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned' as const,
      householderId: null
    }
    await expectStaleRefused(
      opened,
      (who, notes, expectedUpdatedAt) => devices[who]('households.update', { ...args, notes, expectedUpdatedAt }),
      reread,
      '这户的信息'
    )
  })

  it('a volunteer (志愿者)', async () => {
    const devices = await officeAndTablet()
    const created = dataOf<{ id: number } & Versioned>(await devices.office('volunteers.create', { ...EMPTY_VOLUNTEER, name: '丁志愿', phone: '13712345678' }))
    const reread = async () => {
      const v = dataOf<{ notes: string; updatedAt: string }>(await devices.office('volunteers.get', { id: created.id }))
      return { note: v.notes, updatedAt: v.updatedAt }
    }
    await expectStaleRefused(
      created,
      (who, notes, expectedUpdatedAt) =>
        devices[who]('volunteers.update', { ...EMPTY_VOLUNTEER, id: created.id, name: '丁志愿', phone: '', notes, expectedUpdatedAt }),
      reread,
      '这位志愿者的信息'
    )
  })

  it('a returnee registration (返程登记)', async () => {
    const devices = await officeAndTablet()
    const { resident } = await arrangeHousehold(backend)
    const { episode: _episode, residentId: _r, ...fields } = trip(resident.id, { returnDate: '2026-02-01' })
    const created = dataOf<{ id: number } & Versioned>(await devices.office('returnees.register', trip(resident.id, { returnDate: '2026-02-01' })))
    const reread = async () => {
      const file = dataOf<{ trips: { id: number; notes: string; updatedAt: string }[] }>(await devices.office('returnees.get', { residentId: resident.id }))
      const t = file.trips.find((x) => x.id === created.id)
      return { note: t?.notes ?? '', updatedAt: t?.updatedAt ?? '' }
    }
    await expectStaleRefused(
      created,
      (who, notes, expectedUpdatedAt) => devices[who]('returnees.updateTrip', { ...fields, id: created.id, notes, expectedUpdatedAt }),
      reread,
      '这条返程登记'
    )
  })

  it('a supplies item (物资)', async () => {
    const devices = await officeAndTablet()
    const created = dataOf<{ id: number } & Versioned>(await devices.office('supplies.saveItem', item()))
    const reread = async () => {
      const items = dataOf<{ id: number; notes: string; updatedAt: string }[]>(await devices.office('supplies.items', {}))
      const found = items.find((x) => x.id === created.id)
      return { note: found?.notes ?? '', updatedAt: found?.updatedAt ?? '' }
    }
    await expectStaleRefused(
      created,
      (who, notes, expectedUpdatedAt) => devices[who]('supplies.saveItem', { ...item(), id: created.id, notes, expectedUpdatedAt }),
      reread,
      '这种物资的信息'
    )
  })

  it('a shop (商铺单位)', async () => {
    const devices = await officeAndTablet()
    await arrangeHousehold(backend)
    const created = dataOf<{ id: number } & Versioned>(await devices.office('units.create', shop()))
    const reread = async () => {
      const u = dataOf<{ notes: string; updatedAt: string }>(await devices.office('units.get', { id: created.id }))
      return { note: u.notes, updatedAt: u.updatedAt }
    }
    await expectStaleRefused(
      created,
      (who, notes, expectedUpdatedAt) => devices[who]('units.update', { ...shop(), id: created.id, managerPhone: '', notes, expectedUpdatedAt }),
      reread,
      '这个单位的信息'
    )
  })

  it('a form that sends no version (imports, older callers) saves as before', async () => {
    const devices = await officeAndTablet()
    const created = dataOf<{ id: number }>(await devices.office('supplies.saveItem', item()))
    expect(await devices.tablet('supplies.saveItem', { ...item(), id: created.id, notes: '一' })).toMatchObject({ ok: true })
    expect(await devices.office('supplies.saveItem', { ...item(), id: created.id, notes: '二' })).toMatchObject({ ok: true })
  })
})
