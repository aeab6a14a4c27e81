import type { Tx } from '../store/store'
import type { RecycleApi } from '../../../shared/contract/recycle'
import type { Handlers } from '../context'
import { listRecycle, purgeItem, restoreItem } from './recycle.service'

export const recycleHandlers = {
  'recycle.list': (args, ctx) => listRecycle(ctx.store, ctx.session, args),
  'recycle.restore': (args, ctx) => {
    const { restored } = ctx.write(
      { record: `${args.kind}:${args.id}`, summary: (r) => `从回收站恢复${r.label}`, detail: (r: { restored: number }) => ({ ...args, restored: r.restored }) },
      (tx: Tx) => restoreItem(tx, ctx.session, args)
    )
    return { kind: args.kind, id: args.id, restored }
  },
  'recycle.purge': (args, ctx) => {
    const { purged } = ctx.write(
      { record: `${args.kind}:${args.id}`, summary: (r) => `彻底删除${r.label}`, detail: (r: { purged: number }) => ({ ...args, purged: r.purged }) },
      (tx: Tx) => purgeItem(tx, ctx.session, args)
    )
    return { kind: args.kind, id: args.id, purged }
  }
} satisfies Handlers<RecycleApi>
