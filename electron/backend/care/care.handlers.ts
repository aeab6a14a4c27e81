import type { CareApi } from '../../../shared/contract'
import { CARE_FREQUENCY_LABELS } from '../../../shared/domain/care'
import { localIsoDate } from '../../../shared/domain/dates'
import { KEY_GROUP_LABELS } from '../../../shared/domain/register'
import type { Ctx, Handlers } from '../context'
import { pageOf } from '../kit/paging'
import { scopeSql } from '../kit/scope'
import { liveResident } from '../residents/residents.service'
import { activeVolunteers } from '../volunteers/volunteers.service'
import { contactOf, contactsOfPlan, gridWorkerAccounts, lastContactsBefore, planFilter, planOfResident, plansPage } from './care.repo'
import { bulkCreate, changePlan, contactSummary, createPlan, livePlan, logContact } from './care.service'
import type { ContactDone } from './care.service'
import { printList } from './care.print'
import { keyGroupLabels, toContactView, toPlanRow } from './care.view'
import { careAlerts, worklist } from './care.worklist'

const FAR = '9999-12-31'
const todayOf = (ctx: Ctx) => localIsoDate(ctx.now())

function planRow(ctx: Ctx, id: number) {
  const plan = livePlan(ctx.store, ctx.session, id)
  return toPlanRow(plan, lastContactsBefore(ctx.store, [plan.id], FAR)[0])
}

export const careHandlers = {
  'care.plans': (args, ctx) => {
    const { page, pageSize, offset } = pageOf(args)
    const found = plansPage(ctx.store, planFilter(args, scopeSql('p.grid_id', ctx.session.gridScope)), pageSize, offset)
    const last = new Map(
      lastContactsBefore(
        ctx.store,
        found.rows.map((p) => p.id),
        FAR
      ).map((c) => [c.planId, c])
    )
    return { rows: found.rows.map((p) => toPlanRow(p, last.get(p.id))), total: found.total, page, pageSize }
  },

  'care.ofResident': (args, ctx) => {
    const resident = liveResident(ctx.store, ctx.session, args.residentId)
    const plan = planOfResident(ctx.store, resident.id)
    const contacts = plan ? contactsOfPlan(ctx.store, plan.id, 20) : []
    return { keyGroups: keyGroupLabels(resident.tags), plan: plan ? toPlanRow(plan, contacts[0]) : null, contacts: contacts.map(toContactView) }
  },

  'care.create': (args, ctx) => {
    const made = ctx.write(
      {
        summary: (m: { id: number; name: string }) => `新建关爱计划：${m.name}，${CARE_FREQUENCY_LABELS[args.frequency]}`,
        record: (m: { id: number }) => `care:${m.id}`
      },
      (tx) => createPlan(tx, ctx.session, args, ctx.now())
    )
    return planRow(ctx, made.id)
  },

  'care.update': (args, ctx) => {
    ctx.write(
      {
        summary: (p: { name: string }) => `修改关爱计划：${p.name}，${CARE_FREQUENCY_LABELS[args.frequency]}${args.active ? '' : '（暂停）'}`,
        record: `care:${args.id}`
      },
      (tx) => changePlan(tx, ctx.session, args, ctx.now())
    )
    return planRow(ctx, args.id)
  },

  'care.bulkCreate': (args, ctx) =>
    ctx.write(
      {
        summary: (r: { created: number }) => `批量新建关爱计划：${KEY_GROUP_LABELS[args.keyGroup]} ${r.created} 人，${CARE_FREQUENCY_LABELS[args.frequency]}`,
        detail: { gridId: args.gridId, keyGroup: args.keyGroup }
      },
      (tx) => bulkCreate(tx, ctx.session, args, ctx.now())
    ),

  'care.worklist': (args, ctx) => worklist(ctx.store, ctx.session, args, todayOf(ctx)),

  'care.contact': (args, ctx) => {
    const done = ctx.write({ summary: (d: ContactDone) => contactSummary(d, args), record: `care:${args.planId}` }, (tx) =>
      logContact(tx, ctx.session, args, ctx.now())
    )
    const contact = contactOf(ctx.store, args.planId, args.day)
    if (!contact) throw new Error('a contact just written is there')
    return { contact: toContactView(contact), helpRequestId: done.helpRequestId }
  },

  'care.workers': (_args, ctx) => ({
    accounts: gridWorkerAccounts(ctx.store, scopeSql('ag.grid_id', ctx.session.gridScope)),
    volunteers: activeVolunteers(ctx.store).map((v) => ({ id: v.id, name: v.name }))
  }),

  'care.alerts': (_args, ctx) => careAlerts(ctx.store, ctx.session, todayOf(ctx)),

  'care.printList': (args, ctx) => printList(ctx, args, todayOf(ctx))
} satisfies Handlers<CareApi>
