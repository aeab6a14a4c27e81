import type { Backend } from '../../../electron/backend/backend'
import type { Session } from '../../../electron/backend/context'
import { CARE_FREQUENCIES, CARE_OUTCOMES, isCareDue } from '../../../shared/domain/care'
import { addDays } from '../../../shared/domain/dates'
import { timedPage } from '../page-timing'
import { record, ms } from '../report'

const PLANS = 5_000
const DAYS_OF_CONTACTS = 14

/**
 * 重点人群关爱 on the help suite's office (5,000 people, one a household, 200 volunteers, 8 grids):
 * a plan for each of them (every key group, every frequency, a volunteer each) and a fortnight of
 * contacts, nine in ten of those due made, by the same due rule the app uses. Written straight into
 * the tables in one transaction: the bench measures reading them.
 */
function seedCare(backend: Backend, today: string, at: string, volunteers: number): void {
  let n = 0
  const rnd = () => (n = (n * 1103515245 + 12345) % 2147483648) / 2147483648
  backend.store.transaction((tx) => {
    tx.run("INSERT OR IGNORE INTO resident_tags (resident_id, tag) SELECT id, 'over80' FROM residents WHERE id NOT IN (SELECT resident_id FROM resident_tags)")
    for (let r = 1; r <= PLANS; r++) {
      const frequency = CARE_FREQUENCIES[r % CARE_FREQUENCIES.length] ?? 'daily_call'
      const anchorDay = addDays(today, -30 - (r % 7))
      tx.run(
        `INSERT INTO care_plans (id, resident_id, frequency, anchor_day, account_id, volunteer_id, notes, active, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, NULL, ?, '', ?, ?, 'bench', ?)`,
        [r, r, frequency, anchorDay, (r % volunteers) + 1, r % 50 === 0 ? 0 : 1, at, at]
      )
      for (let d = DAYS_OF_CONTACTS; d >= 0; d--) {
        const day = addDays(today, -d)
        if (!isCareDue({ frequency, anchorDay, active: r % 50 !== 0 }, day) || rnd() < 0.1 || (d === 0 && rnd() < 0.5)) continue
        const roll = rnd()
        const outcome = CARE_OUTCOMES[roll < 0.9 ? 0 : roll < 0.97 ? 1 : 2] ?? 'normal'
        tx.run("INSERT INTO care_contacts (plan_id, day, method, outcome, note, actor, at) VALUES (?, ?, 'phone', ?, '', 'bench', ?)", [r, day, outcome, at])
      }
    }
  })
}

export async function careBench(backend: Backend, o: { today: string; at: string; volunteers: number; samples: number; limitMs: number }): Promise<void> {
  const group = '重点人群关爱 (5,000 个关爱计划)'
  const started = performance.now()
  seedCare(backend, o.today, o.at, o.volunteers)
  const contacts = Number(backend.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM care_contacts')?.n)
  record({
    group,
    name: '生成并写入（一个事务）',
    value: ms(performance.now() - started),
    note: `${PLANS.toLocaleString('en')} 个计划，${contacts.toLocaleString('en')} 次联系`
  })
  const bare = () => backend.store.all('SELECT * FROM care_plans ORDER BY id LIMIT 20')
  const worker: Session = { accountId: 5, actor: '网格员3', permissions: 'all', gridScope: [3] }
  const timed = (name: string, method: string, args: (i: number) => unknown, session?: Session) =>
    timedPage(backend, { group, name, method, args, baseline: bare, session, samples: o.samples, limitMs: o.limitMs })
  await timed('今日关爱 待联系 翻页', 'care.worklist', (i) => ({ list: 'due', page: (i % 5) + 1 }))
  await timed('今日关爱 已联系', 'care.worklist', (i) => ({ list: 'done', page: (i % 5) + 1 }))
  await timed('今日关爱 昨日未联系', 'care.worklist', () => ({ list: 'missed' }))
  await timed('今日关爱 过去某天', 'care.worklist', (i) => ({ day: addDays(o.today, -(i % DAYS_OF_CONTACTS)) }))
  await timed('今日关爱 按负责人+人群', 'care.worklist', (i) => ({ volunteerId: (i % o.volunteers) + 1, keyGroup: 'over80' }))
  await timed('今日关爱 网格员（限本网格）', 'care.worklist', () => ({}), worker)
  await timed('关爱对象 翻页', 'care.plans', (i) => ({ page: (i % 50) + 1 }))
  await timed('首页 关爱待跟进', 'care.alerts', () => ({}))
}
