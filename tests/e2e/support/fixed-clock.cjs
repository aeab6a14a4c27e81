/**
 * Preloaded (node --require) into the e2e server and, through execArgv, its backend worker when
 * a spec asks startApp for a date: the process's clock starts at SHOUWANG_E2E_NOW and runs on
 * from there, so "today" and "now" are the spec's (a Saturday, say) on any day the suite runs.
 * Test support only; the app itself never reads this variable.
 */
const start = Date.parse(process.env.SHOUWANG_E2E_NOW ?? '')
if (Number.isFinite(start)) {
  const RealDate = Date
  const offset = start - RealDate.now()
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...args)
    }
    static now() {
      return RealDate.now() + offset
    }
  }
  globalThis.Date = ShiftedDate
}
