import { afterEach, describe, expect, it } from 'vitest'
import { maskId } from '../../../shared/domain/mask'
import type { ErrorBody } from '../../../shared/errors'
import { makeId, resident } from '../register/fixtures'
import { community, trip } from '../returnees/helpers'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const errorOf = (envelope: { ok: boolean; error?: ErrorBody }) => (envelope.ok ? null : (envelope.error ?? null))

/** 东区's grid worker, logged in; 王五 lives in 西区. */
async function arrange() {
  b = await testBackend()
  const admin = await setupAdmin(b)
  const people = await community(b)
  const worker = await loginAs(b, admin, 'dongwg', 'grid_worker', [people.east.id])
  return { ...people, worker }
}

describe('attack: a grid worker names other grids’ residents as trip companions', () => {
  it('is refused exactly as an id that does not exist, and learns no name', async () => {
    const { zhang, wang, worker } = await arrange()
    const before = b.count('returnee_trips')
    const answers = []
    for (const residentId of [wang.id, 99_999]) {
      const envelope = await worker.call('returnees.register', trip(zhang.id, { companions: [{ residentId, name: '同行人' }] }))
      answers.push(errorOf(envelope))
    }
    expect(answers[0]).toEqual(answers[1])
    expect(answers[0]).toMatchObject({ code: 'NOT_FOUND', details: { issues: [{ path: 'companions.0' }] } })
    expect(JSON.stringify(answers[0])).not.toContain('王五')
    expect(b.count('returnee_trips')).toBe(before)

    // The same through a change of a trip.
    const own = await worker.ok('returnees.register', trip(zhang.id, { companions: [{ residentId: null, name: '朋友' }] }))
    const { residentId: _r, episode: _e, ...fields } = trip(zhang.id)
    const update = await worker.call('returnees.updateTrip', { id: own.id, ...fields, companions: [{ residentId: wang.id, name: '同行人' }] })
    expect(errorOf(update)).toEqual(answers[0])
    expect((await worker.ok('returnees.get', { residentId: zhang.id })).trips.flatMap((t) => t.companions.map((c) => c.name))).toEqual(['朋友'])
  })

  it('may still name people of their own grid (the name is taken from the register)', async () => {
    const { zhang, li, worker } = await arrange()
    const saved = await worker.ok('returnees.register', trip(zhang.id, { companions: [{ residentId: li.id, name: '随便写' }] }))
    expect(saved.companions).toEqual([{ residentId: li.id, name: '李四' }])
  })
})

describe('attack: a grid worker probes where an ID number is registered', () => {
  it('an ID registered outside their grids is a conflict like any other, naming no grid and no person', async () => {
    const { wang, worker } = await arrange()
    const wangId = makeId('19900909', '147')
    const expected = {
      code: 'CONFLICT',
      message: `证件号码 ${maskId(wangId)} 已登记，请联系社区工作人员核对。`,
      details: { issues: [{ path: 'idNumber', message: '该证件号码已登记' }] }
    }
    const other = errorOf(await worker.call('residents.create', resident({ name: '冒名', idNumber: wangId })))
    expect(other).toEqual(expected)
    // In the recycle bin, or in no grid at all: the same answer.
    await b.ok('residents.delete', { id: wang.id, reason: '搬走' })
    expect(errorOf(await worker.call('residents.create', resident({ name: '冒名', idNumber: wangId })))).toEqual(expected)
    const loose = makeId('19700101', '159')
    await b.ok('residents.create', resident({ name: '无住址', idNumber: loose }))
    const none = errorOf(await worker.call('residents.create', resident({ name: '冒名', idNumber: loose })))
    expect(none).toEqual({ ...expected, message: `证件号码 ${maskId(loose)} 已登记，请联系社区工作人员核对。` })
    for (const error of [other, none]) expect(JSON.stringify(error)).not.toMatch(/网格|王五|无住址/)
  })
})
