import type { HouseholdRecord } from '../register/household-record.repo'
import type { Tx } from '../store/store'
import type { HouseholdsApi } from '../../../shared/contract/households'
import { formatAddress } from '../../../shared/schemas/register'
import type { Handlers } from '../context'
import { guardDigitSearch } from '../security/digit-search-guard'
import {
  addressOptions,
  createHousehold,
  deleteHouseholdRecord,
  householdDetail,
  listHouseholds,
  mergeHouseholds,
  updateHouseholdRecord
} from './households.service'

export const householdsHandlers = {
  'households.list': (args, ctx) => {
    guardDigitSearch(ctx, 'households.list', args.q)
    return listHouseholds(ctx.store, ctx.session, args)
  },
  'households.get': (args, ctx) => householdDetail(ctx.store, ctx.session, args.id, ctx.now()),
  'households.addressOptions': (_args, ctx) => addressOptions(ctx.store),
  'households.create': (args, ctx) => {
    const id = ctx.write(
      { record: (newId: number) => `household:${newId}`, summary: `新建住户 ${formatAddress(args.address)}`, detail: { after: args } },
      (tx: Tx) => createHousehold(tx, ctx.session, args, ctx.now().toISOString())
    )
    return householdDetail(ctx.store, ctx.session, id, ctx.now())
  },
  'households.update': (args, ctx) => {
    const { id, expectedUpdatedAt, ...update } = args
    ctx.write(
      {
        record: `household:${id}`,
        summary: (before) => `修改住户 ${before.address}`,
        detail: (before: HouseholdRecord) => ({
          before: { address: before.address, tenure: before.tenure, householderId: before.householderId },
          after: update
        })
      },
      (tx: Tx) => updateHouseholdRecord(tx, ctx.session, id, update, ctx.now().toISOString(), expectedUpdatedAt)
    )
    return householdDetail(ctx.store, ctx.session, id, ctx.now())
  },
  'households.delete': (args, ctx) => {
    const { members } = ctx.write(
      {
        record: `household:${args.id}`,
        summary: ({ before, members }) => `删除住户 ${before.address}（连同 ${members} 名成员移入回收站），原因：${args.reason}`,
        detail: ({ before, members }: { before: HouseholdRecord; members: number }) => ({
          id: before.id,
          address: before.address,
          members,
          reason: args.reason
        })
      },
      (tx: Tx) => deleteHouseholdRecord(tx, ctx.session, args.id, args.reason, ctx.now().toISOString())
    )
    return { id: args.id, members }
  },
  'households.merge': (args, ctx) => {
    ctx.write(
      {
        record: `household:${args.targetId}`,
        summary: ({ source, target }) => `合并住户：${source.address} 并入 ${target.address}`,
        detail: ({ source, target }: { source: HouseholdRecord; target: HouseholdRecord }) => ({
          sourceId: source.id,
          targetId: target.id,
          members: source.memberCount
        })
      },
      (tx: Tx) => mergeHouseholds(tx, ctx.session, args.sourceId, args.targetId, ctx.now().toISOString())
    )
    return householdDetail(ctx.store, ctx.session, args.targetId, ctx.now())
  }
} satisfies Handlers<HouseholdsApi>
