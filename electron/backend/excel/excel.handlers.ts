import type { ExcelApi } from '../../../shared/contract/excel'
import type { Handlers } from '../context'
import { exportList } from './export.service'
import { checkImport, commitImport, previewFile, rejectedFile, reshape } from './import.service'
import { mappings, removeMapping, saveNamedMapping } from './mappings.service'
import { discard } from './staging'
import { fillTemplate, inspectTemplate, registerTemplate, removeTemplate, templates } from './templates.service'

export const excelHandlers = {
  'excel.preview': (args, ctx) => previewFile(args, ctx),
  'excel.reshape': (args, ctx) => reshape(args, ctx),
  'excel.check': (args, ctx) => checkImport(args, ctx),
  'excel.commit': (args, ctx) => commitImport(args, ctx),
  'excel.rejected': (args, ctx) => rejectedFile(args.stagingId, ctx),
  'excel.discard': (args, ctx) => ({ discarded: discard(args.stagingId, ctx.session.accountId) }),
  'excel.mappings': (args, ctx) => mappings(ctx.store, args.target),
  'excel.saveMapping': (args, ctx) => saveNamedMapping(args, ctx),
  'excel.deleteMapping': (args, ctx) => removeMapping(args.id, ctx),
  'excel.exportList': (args, ctx) => exportList(args, ctx, null),
  'excel.exportListFull': ({ reason, ...args }, ctx) => exportList(args, ctx, { reason }),
  'excel.templates': (_args, ctx) => templates(ctx.store),
  'excel.inspectTemplate': (args) => inspectTemplate(args),
  'excel.registerTemplate': (args, ctx) => registerTemplate(args, ctx),
  'excel.deleteTemplate': (args, ctx) => removeTemplate(args.id, ctx),
  'excel.fillTemplate': (args, ctx) => fillTemplate(args, ctx, null),
  'excel.fillTemplateFull': ({ reason, ...args }, ctx) => fillTemplate(args, ctx, { reason })
} satisfies Handlers<ExcelApi>
