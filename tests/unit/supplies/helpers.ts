import type { MethodArgs } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import type { TestBackend } from '../support/backend'

export function item(overrides: Partial<MethodArgs<'supplies.saveItem'>> = {}): MethodArgs<'supplies.saveItem'> {
  return { name: '一次性医用口罩', category: 'protective', spec: '17.5×9.5cm', unit: '个', warningLevel: 100, hasBatches: false, notes: '', ...overrides }
}

export const receipt = (itemId: number, quantity: number, extra: Partial<MethodArgs<'supplies.receive'>> = {}): MethodArgs<'supplies.receive'> => ({
  itemId,
  quantity,
  source: 'allocated',
  counterpartName: '幸福街道办事处',
  note: '',
  ...extra
})

export const issue = (itemId: number, quantity: number, extra: Partial<MethodArgs<'supplies.issue'>> = {}): MethodArgs<'supplies.issue'> => ({
  itemId,
  quantity,
  counterpartKind: 'volunteer',
  counterpartName: '张志愿',
  receiver: '张志愿',
  note: '',
  ...extra
})

/** Rows of every supplies table and the audit log, to prove a refused call wrote nothing. */
export function suppliesCounts(b: TestBackend): Record<string, number> {
  const tables = [
    'supply_items',
    'supply_batches',
    'supply_ledger',
    'supply_month_totals',
    'supply_campaigns',
    'supply_campaign_receipts',
    'disinfection_places',
    'disinfection_logs',
    'audit_log'
  ]
  return Object.fromEntries(tables.map((t) => [t, b.count(t)]))
}

export async function fail(b: TestBackend, method: string, args: unknown): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const envelope = (await b.call(method, args)) as Envelope<unknown>
  if (envelope.ok) throw new Error(`${method} should have failed`)
  return envelope.error as { code: string; message: string; details?: Record<string, unknown> }
}

/** The ledger's own invariants, checked straight against the tables. */
export function ledgerProblems(b: TestBackend): string[] {
  const problems: string[] = []
  const items = b.store.all<{ id: number; stock: number }>('SELECT id, stock FROM supply_items')
  for (const it of items) {
    const lines = b.store.all<{ id: number; quantity: number; balance_before: number; balance_after: number }>(
      'SELECT id, quantity, balance_before, balance_after FROM supply_ledger WHERE item_id = ? ORDER BY id',
      [it.id]
    )
    let running = 0
    for (const line of lines) {
      if (line.balance_before !== running) problems.push(`item ${it.id} line ${line.id}: before ${line.balance_before} != ${running}`)
      if (line.balance_after !== line.balance_before + line.quantity) problems.push(`line ${line.id}: after != before + qty`)
      if (line.balance_after < 0) problems.push(`line ${line.id}: negative`)
      running = line.balance_after
    }
    const sum = lines.reduce((s, l) => s + l.quantity, 0)
    if (sum !== it.stock) problems.push(`item ${it.id}: stock ${it.stock} != sum ${sum}`)
  }
  const batchDiff = b.store.all<{ id: number }>(
    'SELECT b.id FROM supply_batches b WHERE b.stock != (SELECT COALESCE(SUM(quantity), 0) FROM supply_ledger l WHERE l.batch_id = b.id) OR b.stock < 0'
  )
  for (const d of batchDiff) problems.push(`batch ${d.id}: stock != sum of its lines`)
  const monthDiff = b.store.all<{ item_id: number; month: string }>(
    `SELECT t.item_id, t.month FROM supply_month_totals t
     LEFT JOIN (SELECT item_id, substr(day, 1, 7) AS month,
          SUM(CASE WHEN kind = 'in' THEN quantity ELSE 0 END) AS i, SUM(CASE WHEN kind = 'out' THEN quantity ELSE 0 END) AS o,
          SUM(CASE WHEN kind = 'count' THEN quantity ELSE 0 END) AS c, SUM(CASE WHEN kind = 'loss' THEN quantity ELSE 0 END) AS l, COUNT(*) AS n
        FROM supply_ledger GROUP BY item_id, substr(day, 1, 7)) s ON s.item_id = t.item_id AND s.month = t.month
     WHERE s.n IS NULL OR t.qty_in != s.i OR t.qty_out != s.o OR t.qty_count != s.c OR t.qty_loss != s.l OR t.lines != s.n`
  )
  for (const d of monthDiff) problems.push(`month totals ${d.item_id} ${d.month} differ from the ledger`)
  return problems
}
