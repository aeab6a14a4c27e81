import type { DevicesApi } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { notFound } from '../kit/errors'
import { findDevice, insertDevice, listDevices, renameDevice, revokeDevice } from './devices.repo'
import { deviceView, pairStatusOf } from './devices.service'
import { disableLan, enableLan, lanStatus } from './lan.service'

const codeGone = () =>
  new AppError('NOT_FOUND', '没有这个配对码，可能已经过期。请让设备刷新页面重新申请。', { issues: [{ path: 'code', message: '没有这个配对码' }] })

export const devicesHandlers = {
  'devices.pairStart': (args, ctx) => {
    const caller = ctx.device
    if (caller && (caller.state === 'unpaired' || caller.state === 'pending')) {
      const fresh = caller.state === 'unpaired'
      ctx.devices.request(caller.tokenHash, args.label ?? '', ctx.now())
      // The office's 设置 → 局域网访问 lists the new code without a reload.
      if (fresh) ctx.emit({ type: 'changed', method: 'devices.pairStart', domains: ['devices'] })
      return pairStatusOf({ ...caller, state: 'pending' }, ctx.devices, ctx.now())
    }
    return pairStatusOf(caller, ctx.devices, ctx.now())
  },
  'devices.pairStatus': (_args, ctx) => pairStatusOf(ctx.device, ctx.devices, ctx.now()),
  'devices.list': (_args, ctx) => ({
    devices: listDevices(ctx.store).map((row) => deviceView(row, ctx.devices)),
    pending: ctx.devices.pending(ctx.now()).map((r) => ({ code: r.code, label: r.label, requestedAt: r.requestedAt.toISOString() }))
  }),
  'devices.approve': (args, ctx) => {
    const request = ctx.devices.byCode(args.code, ctx.now())
    if (!request) throw codeGone()
    const id = ctx.write<number>({ summary: `批准局域网设备“${args.name}”（配对码 ${args.code}）`, record: (newId) => `device:${newId}` }, (tx) =>
      insertDevice(tx, args.name, request.tokenHash, ctx.now().toISOString(), ctx.session.actor)
    )
    ctx.devices.forget(request.tokenHash)
    const row = findDevice(ctx.store, id)
    if (!row) throw notFound('设备', id)
    return deviceView(row, ctx.devices)
  },
  'devices.refuse': (args, ctx) => {
    const request = ctx.devices.byCode(args.code, ctx.now())
    if (!request) throw codeGone()
    ctx.write({ summary: `拒绝局域网设备的配对申请（配对码 ${args.code}）` }, () => undefined)
    ctx.devices.refuse(request.tokenHash)
    return { refused: true as const }
  },
  'devices.rename': (args, ctx) => {
    const row = findDevice(ctx.store, args.id)
    if (!row) throw notFound('设备', args.id)
    ctx.write({ summary: `局域网设备“${row.name}”改名为“${args.name}”`, record: `device:${row.id}` }, (tx) => renameDevice(tx, row.id, args.name))
    return deviceView(findDevice(ctx.store, row.id) ?? row, ctx.devices)
  },
  'devices.revoke': (args, ctx) => {
    const row = findDevice(ctx.store, args.id)
    if (!row) throw notFound('设备', args.id)
    if (row.revoked_at === null) {
      ctx.write({ summary: `停用局域网设备“${row.name}”`, record: `device:${row.id}` }, (tx) =>
        revokeDevice(tx, row.id, ctx.now().toISOString(), ctx.session.actor)
      )
    }
    // Whoever is logged in on it is out at once, not at their session's idle end.
    ctx.sessions.revokeDevice(row.id)
    return deviceView(findDevice(ctx.store, row.id) ?? row, ctx.devices)
  },
  'lan.status': (_args, ctx) => lanStatus(ctx.devices),
  'lan.enable': async (args, ctx) => {
    await enableLan(ctx.devices, args.address, args.port, ctx.now())
    const status = lanStatus(ctx.devices)
    ctx.write(
      { summary: `开启局域网访问：${status.url ?? ''}`, detail: { address: args.address, port: args.port, fingerprint: status.fingerprint } },
      () => undefined
    )
    return status
  },
  'lan.disable': (_args, ctx) => {
    disableLan(ctx.devices)
    ctx.write({ summary: '关闭局域网访问' }, () => undefined)
    return lanStatus(ctx.devices)
  }
} satisfies Handlers<DevicesApi>
