import type { RetentionApi } from '../../../shared/contract/retention'
import type { Handlers } from '../context'
import { endResponse } from './retention-end'
import { assertAdminPassword, certificateOf, describePeriods, loadPeriods, previewOf, purge, savePeriods, stateOf } from './retention.service'

export const retentionHandlers = {
  'retention.get': (_args, ctx) => stateOf(ctx.store),
  'retention.configure': (args, ctx) => {
    const before = loadPeriods(ctx.store)
    ctx.write({ summary: `修改数据保留期限：${describePeriods(before)} → ${describePeriods(args.periods)}`, detail: { before, after: args.periods } }, (tx) =>
      savePeriods(tx, args.periods, ctx.now().toISOString(), ctx.session.actor)
    )
    return stateOf(ctx.store)
  },
  'retention.preview': (_args, ctx) => previewOf(ctx.store, ctx.now()),
  'retention.purge': (args, ctx) => {
    assertAdminPassword(ctx, args.adminPassword)
    return purge(ctx, { reason: args.reason, everything: false, archiveFile: null })
  },
  'retention.end': (args, ctx) => endResponse(ctx, args),
  'retention.certificate': (args, ctx) => certificateOf(ctx.store, args.auditId)
} satisfies Handlers<RetentionApi>
