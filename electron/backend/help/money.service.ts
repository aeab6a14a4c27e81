import type { HelpBalances, HelpMoneyState } from '../../../shared/contract'
import { fenText, yuanToFen } from '../../../shared/domain/help'
import { HELP_STATUS_LABELS, PAY_METHOD_LABELS } from '../../../shared/schemas/help'
import type { HelpMoney } from '../../../shared/schemas/help'
import { AppError } from '../../../shared/errors'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import type { Tx } from '../store/store'
import type { HelpRecord } from './help.repo'
import { insertStep } from './help.repo'
import { liveHelp } from './help.service'
import type { BalanceRow } from './money.repo'
import { balancesByHousehold, balancesByVolunteer, insertMoney, moneyOf } from './money.repo'

/** A request's 代购 money: every entry, and what is still owed to the volunteer, in fen. */
export function moneyState(db: Db, requestId: number): HelpMoneyState {
  const entries = moneyOf(db, requestId)
  const advancedFen = entries.reduce((sum, e) => sum + (e.kind === 'advance' ? e.amountFen : 0), 0)
  const repaidFen = entries.reduce((sum, e) => sum + (e.kind === 'repay' ? e.amountFen : 0), 0)
  return { entries, advancedFen, repaidFen, outstandingFen: advancedFen - repaidFen }
}

const ADVANCE_FROM: readonly HelpRecord['status'][] = ['assigned', 'in_progress', 'done']

/**
 * Records money advanced by the request's volunteer (only once someone is on it, and not on a
 * request that was never carried out) or paid back to them (never more than is owed), with a step
 * in the request's history; the ledger is never edited, a mistake is corrected by a new entry.
 */
export function recordMoney(tx: Tx, session: Session, args: HelpMoney, now: Date): { request: HelpRecord; text: string } {
  const request = liveHelp(tx, session, args.id)
  const amountFen = yuanToFen(args.yuan)
  const at = now.toISOString()
  if (args.kind === 'advance') {
    if (request.volunteerId === null) {
      throw new AppError('RULE_VIOLATION', '这条求助还没有分配志愿者，不能记垫付。', { issues: [{ path: 'yuan', message: '未分配志愿者' }] })
    }
    if (!ADVANCE_FROM.includes(request.status)) {
      throw new AppError('RULE_VIOLATION', `求助${HELP_STATUS_LABELS[request.status]}，不能再记垫付。`, { issues: [{ path: 'yuan', message: '求助已结束' }] })
    }
  } else {
    const owed = moneyState(tx, request.id).outstandingFen
    if (amountFen > owed) {
      throw new AppError('RULE_VIOLATION', `还款 ${fenText(amountFen)} 元超过尚欠的 ${fenText(owed)} 元，请核对。`, {
        issues: [{ path: 'yuan', message: `尚欠 ${fenText(owed)} 元` }]
      })
    }
  }
  const receiptNo = args.kind === 'advance' ? args.receiptNo : ''
  const method = args.kind === 'repay' ? args.method : ''
  insertMoney(tx, { requestId: request.id, kind: args.kind, amountFen, method, receiptNo, note: args.note, actor: session.actor, at })
  const text =
    args.kind === 'advance'
      ? `垫付 ${fenText(amountFen)} 元${receiptNo ? `（小票 ${receiptNo}）` : ''}`
      : `还款 ${fenText(amountFen)} 元（${PAY_METHOD_LABELS[args.kind === 'repay' ? args.method : 'cash']}）`
  insertStep(tx, {
    requestId: request.id,
    action: 'money',
    from: request.status,
    to: request.status,
    volunteerId: null,
    note: [text, args.note].filter(Boolean).join('：'),
    actor: session.actor,
    at
  })
  return { request, text }
}

const line = (r: BalanceRow) => ({
  name: r.name,
  advancedFen: Number(r.advancedFen),
  repaidFen: Number(r.repaidFen),
  outstandingFen: Number(r.advancedFen) - Number(r.repaidFen)
})

/** Outstanding by volunteer and by household over the requests the caller may see; both add up to the same total. */
export function balances(db: Db, session: Session): HelpBalances {
  const scope = scopeSql('q.grid_id', session.gridScope)
  const byVolunteer = balancesByVolunteer(db, scope).map((r) => ({ volunteerId: r.key, ...line(r) }))
  const byHousehold = balancesByHousehold(db, scope).map((r) => ({ householdId: r.key, address: r.address, ...line(r) }))
  const total = byVolunteer.reduce(
    (sum, r) => ({
      advancedFen: sum.advancedFen + r.advancedFen,
      repaidFen: sum.repaidFen + r.repaidFen,
      outstandingFen: sum.outstandingFen + r.outstandingFen
    }),
    { advancedFen: 0, repaidFen: 0, outstandingFen: 0 }
  )
  return { byVolunteer, byHousehold, total }
}
