import type { VolunteerView, VolunteersApi } from '../../../shared/contract'
import { maskPhone } from '../../../shared/domain/mask'
import type { VolunteerInput } from '../../../shared/schemas/volunteers'
import { VOLUNTEER_KIND_LABELS } from '../../../shared/schemas/volunteers'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { requireVolunteer } from './volunteers.service'
import type { Db } from '../kit/db'
import type { VolunteerRecord } from './volunteers.repo'
import { runExport } from '../excel/export/engine'
import { assertFresh, laterThan } from '../kit/stale'
import { volunteersExport } from './volunteers.export'
import { gridExists, hoursOfMonth, insertVolunteer, listVolunteerRows, liveResident, updateVolunteer, volunteerOfResident } from './volunteers.repo'

export const toVolunteerView = (r: VolunteerRecord): VolunteerView => ({
  id: r.id,
  residentId: r.residentId,
  name: r.name,
  phone: maskPhone(r.phone),
  sex: r.sex,
  kind: r.kind,
  politics: r.politics,
  skills: JSON.parse(r.skills) as string[],
  building: r.building,
  gridId: r.gridId,
  gridName: r.gridName,
  availability: r.availability,
  canLead: r.canLead === 1,
  status: r.status,
  startDate: r.startDate,
  notes: r.notes,
  updatedAt: r.updatedAt
})

/** The links a volunteer refers to must exist, and a resident is on the roster once. */
function checkLinks(db: Db, v: VolunteerInput, selfId: number | null): void {
  if (v.residentId !== null) {
    if (!liveResident(db, v.residentId))
      throw new AppError('NOT_FOUND', '找不到这位居民，可能已被删除。', { issues: [{ path: 'residentId', message: '居民不存在' }] })
    const other = volunteerOfResident(db, v.residentId)
    if (other && other.id !== selfId)
      throw new AppError('CONFLICT', '这位居民已经在志愿者名单中。', { issues: [{ path: 'residentId', message: '已是志愿者' }], id: other.id })
  }
  if (v.gridId !== null && !gridExists(db, v.gridId))
    throw new AppError('NOT_FOUND', '找不到这个网格。', { issues: [{ path: 'gridId', message: '网格不存在' }] })
}

export const volunteersHandlers = {
  'volunteers.list': (args, ctx) => listVolunteerRows(ctx.store, args).map(toVolunteerView),

  'volunteers.get': (args, ctx) => toVolunteerView(requireVolunteer(ctx.store, args.id)),

  'volunteers.create': (args, ctx) => {
    checkLinks(ctx.store, args, null)
    const name = args.residentId === null ? args.name : (liveResident(ctx.store, args.residentId)?.name ?? '')
    const id = ctx.write({ summary: `登记志愿者 ${name}（${VOLUNTEER_KIND_LABELS[args.kind]}）`, record: (newId: number) => `volunteer:${newId}` }, (tx) =>
      insertVolunteer(tx, args, ctx.now().toISOString())
    )
    return toVolunteerView(requireVolunteer(ctx.store, id))
  },

  'volunteers.update': (args, ctx) => {
    const before = requireVolunteer(ctx.store, args.id)
    checkLinks(ctx.store, args, args.id)
    // Forms show the phone masked and send it back empty: empty keeps the stored number.
    const input = args.phone === '' && before.residentId === null ? { ...args, phone: before.phone } : args
    ctx.write(
      { summary: `修改志愿者 ${before.name}`, record: `volunteer:${args.id}`, detail: { before: { ...before, phone: maskPhone(before.phone) } } },
      (tx) => {
        assertFresh(before.updatedAt, args.expectedUpdatedAt, '这位志愿者的信息')
        updateVolunteer(tx, args.id, input, laterThan(ctx.now().toISOString(), before.updatedAt))
      }
    )
    return toVolunteerView(requireVolunteer(ctx.store, args.id))
  },

  'volunteers.hours': (args, ctx) =>
    hoursOfMonth(ctx.store, args.month).map((r) => ({ ...r, shifts: Number(r.shifts), absences: Number(r.absences), minutes: Number(r.minutes) })),

  'volunteers.export': (args, ctx) => runExport(ctx, volunteersExport, args)
} satisfies Handlers<VolunteersApi>
