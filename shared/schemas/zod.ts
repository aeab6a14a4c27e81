import { z } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'
import { cleanLine, cleanMultiline } from '../domain/text'

// One place configures zod for the whole app, so every validation message a clerk can
// see (backend envelopes and form hints alike) is Chinese. Only this locale is bundled.
z.config(zhCN())

/**
 * Every free-text string field starts here: bidi controls, zero-width and control characters
 * are removed (shared/domain/text.ts) before trim, min and max see the value, so a name made
 * of invisible characters is empty and a form shows the same hint the backend answers with.
 * Not for passwords, ids or formats checked by a regex.
 */
export function cleanString(params?: { message?: string }, options: { multiline?: boolean } = {}) {
  return z.string(params).overwrite(options.multiline ? cleanMultiline : cleanLine)
}

export { z }
