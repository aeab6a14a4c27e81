import type { Db, SqlPart } from '../kit/db'
import type { Row, Tx } from '../store/store'

export interface MoneyRecord {
  id: number
  kind: 'advance' | 'repay'
  amountFen: number
  method: '' | 'cash' | 'wechat'
  receiptNo: string
  note: string
  actor: string
  at: string
}

export function moneyOf(db: Db, requestId: number): MoneyRecord[] {
  return db.all<MoneyRecord & Row>(
    `SELECT id, kind, amount_fen AS amountFen, method, receipt_no AS receiptNo, note, actor, at FROM help_money WHERE request_id = ? ORDER BY id`,
    [requestId]
  )
}

export function insertMoney(tx: Tx, w: Omit<MoneyRecord, 'id'> & { requestId: number }): void {
  tx.run('INSERT INTO help_money (request_id, kind, amount_fen, method, receipt_no, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    w.requestId,
    w.kind,
    w.amountFen,
    w.method,
    w.receiptNo,
    w.note,
    w.actor,
    w.at
  ])
}

export interface BalanceRow {
  key: number | null
  name: string
  advancedFen: number
  repaidFen: number
}

const SUMS = `SUM(CASE WHEN m.kind = 'advance' THEN m.amount_fen ELSE 0 END) AS advancedFen,
              SUM(CASE WHEN m.kind = 'repay' THEN m.amount_fen ELSE 0 END) AS repaidFen`

/** Advanced and paid back per volunteer (the request's), over the requests the caller may see. */
export function balancesByVolunteer(db: Db, scope: SqlPart): BalanceRow[] {
  return db.all<BalanceRow & Row>(
    `SELECT q.volunteer_id AS key, COALESCE(CASE WHEN v.resident_id IS NULL THEN v.name ELSE vr.name END, '') AS name, ${SUMS}
       FROM help_money m JOIN help_requests q ON q.id = m.request_id
       LEFT JOIN volunteers v ON v.id = q.volunteer_id LEFT JOIN residents vr ON vr.id = v.resident_id
      WHERE ${scope.sql} GROUP BY q.volunteer_id ORDER BY name, key`,
    scope.params
  )
}

/** The same per household (a caller without one: per request, by the caller's name). */
export function balancesByHousehold(db: Db, scope: SqlPart): (BalanceRow & { address: string })[] {
  return db.all<BalanceRow & { address: string } & Row>(
    `SELECT q.household_id AS key, COALESCE(h.address, q.caller_address) AS address,
        COALESCE(hr.name, NULLIF(q.caller_name, ''), '') AS name, ${SUMS}
       FROM help_money m JOIN help_requests q ON q.id = m.request_id
       LEFT JOIN households h ON h.id = q.household_id LEFT JOIN residents hr ON hr.id = COALESCE(q.resident_id, h.householder_id)
      WHERE ${scope.sql} GROUP BY COALESCE('h' || q.household_id, 'q' || q.id) ORDER BY address, key`,
    scope.params
  )
}

/** Advanced and repaid fen of each of a page of requests, in one query (the 登记表's money columns). */
export function moneyTotals(db: Db, requestIds: readonly number[]): Map<number, { advancedFen: number; repaidFen: number }> {
  if (requestIds.length === 0) return new Map()
  const rows = db.all<{ requestId: number; advancedFen: number; repaidFen: number } & Row>(
    `SELECT request_id AS requestId, SUM(CASE WHEN kind = 'advance' THEN amount_fen ELSE 0 END) AS advancedFen,
        SUM(CASE WHEN kind = 'repay' THEN amount_fen ELSE 0 END) AS repaidFen
       FROM help_money WHERE request_id IN (${requestIds.map(() => '?').join(', ')}) GROUP BY request_id`,
    [...requestIds]
  )
  return new Map(rows.map((r) => [r.requestId, { advancedFen: Number(r.advancedFen), repaidFen: Number(r.repaidFen) }]))
}
