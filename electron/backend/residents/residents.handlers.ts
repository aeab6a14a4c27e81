import type { ResidentRecord } from './residents.repo'
import type { Tx } from '../store/store'
import type { ResidentsApi } from '../../../shared/contract/residents'
import type { Ctx, Handlers } from '../context'
import { phonesOf, auditView, labelOf, revealedBirth, toResidentDetail } from './residents.view'
import { fullNumbers } from './residents.repo'
import { listResidents } from './residents.search'
import { guardDigitSearch } from '../security/digit-search-guard'
import { createResident, deleteResidentRecord, liveResident, moveHandover, moveResidentRecord, updateResidentRecord } from './residents.service'
import type { MoveDone } from './residents.service'
import { createHousehold } from '../register/household-write'
import { formatAddress } from '../../../shared/schemas/register'

function detail(ctx: Ctx, id: number) {
  return toResidentDetail(liveResident(ctx.store, ctx.session, id), ctx.now())
}

export const residentsHandlers = {
  'residents.list': (args, ctx) => {
    guardDigitSearch(ctx, 'residents.list', args.q)
    return listResidents(ctx.store, ctx.session, args, ctx.now())
  },
  'residents.get': (args, ctx) => detail(ctx, args.id),
  'residents.create': (args, ctx) => {
    const { newHousehold, ...person } = args
    const at = ctx.now().toISOString()
    const created = ctx.write(
      {
        record: (r: ResidentRecord) => `resident:${r.id}`,
        summary: (record) => `登记居民 ${labelOf(record)}${newHousehold ? `，新建住户 ${formatAddress(newHousehold.address)}` : ''}`,
        detail: (record: ResidentRecord) => ({ after: auditView(record), ...(newHousehold ? { newHousehold } : {}) })
      },
      // The household typed in the same form is made in the same turn: a refused person leaves no empty household.
      (tx: Tx) => {
        const householdId = newHousehold ? createHousehold(tx, ctx.session, newHousehold, at) : person.householdId
        return liveResident(tx, ctx.session, createResident(tx, ctx.session, { ...person, householdId }, ctx.now(), at))
      }
    )
    return detail(ctx, created.id)
  },
  'residents.update': (args, ctx) => {
    const { id, expectedUpdatedAt, ...fields } = args
    let after: Record<string, unknown> = {}
    ctx.write(
      {
        record: `resident:${id}`,
        summary: (before) => `修改居民 ${labelOf(before)}`,
        detail: (before: ResidentRecord) => ({ before: auditView(before), after })
      },
      (tx: Tx) => {
        const before = updateResidentRecord(tx, ctx.session, id, fields, ctx.now(), ctx.now().toISOString(), expectedUpdatedAt)
        after = auditView(liveResident(tx, ctx.session, id))
        return before
      }
    )
    return detail(ctx, id)
  },
  'residents.delete': (args, ctx) => {
    ctx.write(
      {
        record: `resident:${args.id}`,
        summary: (before) => `删除居民 ${labelOf(before)}（移入回收站），原因：${args.reason}`,
        detail: (before: ResidentRecord) => ({ before: auditView(before), reason: args.reason })
      },
      (tx: Tx) => deleteResidentRecord(tx, ctx.session, args.id, args.reason, ctx.now().toISOString())
    )
    return { id: args.id }
  },
  'residents.move': (args, ctx) => {
    ctx.write(
      {
        record: `resident:${args.id}`,
        summary: ({ before, to, handover }) => `迁移居民 ${before.name}：${before.address ?? '无住户'} → ${to?.address ?? '无住户'}${handover}`,
        detail: ({ before, to }: MoveDone) => ({
          id: args.id,
          from: before.householdId,
          to: to?.id ?? null,
          relation: args.relation,
          ...(args.worker === undefined ? {} : { worker: args.worker })
        })
      },
      (tx: Tx) => moveResidentRecord(tx, ctx.session, args, ctx.now().toISOString())
    )
    return detail(ctx, args.id)
  },
  'residents.moveHandover': (args, ctx) => moveHandover(ctx.store, ctx.session, args),
  'residents.reveal': (args, ctx) => {
    const resident = liveResident(ctx.store, ctx.session, args.id)
    return ctx.write({ record: `resident:${args.id}`, summary: `查看居民 ${resident.name} 的完整证件号码和电话`, detail: { id: args.id } }, (tx: Tx) => {
      const numbers = fullNumbers(tx, args.id)
      return { id: args.id, idNumber: numbers?.idNumber ?? '', phones: numbers ? phonesOf(numbers) : [], ...revealedBirth(resident.birthDate, ctx.now()) }
    })
  }
} satisfies Handlers<ResidentsApi>
