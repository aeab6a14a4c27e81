/**
 * 自动排班: fills the empty places of a week with the rules of roster-rules.ts, so every place it
 * gives is one the backend and the week view would accept.
 */
import type { Conflict, RosterInput, RuleCode, RulePerson, RulePlacement, RuleSettings, RuleTemplate } from './roster-rules'
import { WEEK_DAYS, checkRoster, indexTemplates, isAvailable, personProblems, shiftDuration, shiftInterval, shiftPeriod, toBooked } from './roster-rules'
import type { Booked } from './roster-rules'

export interface Unfilled {
  dayIndex: number
  templateId: number
  missing: number
  leadMissing: boolean
  reason: string
}

export interface AutoFillResult {
  added: RulePlacement[]
  /** Places left empty because their shift had already begun (options.notBefore). */
  skippedPast: number
  unfilled: Unfilled[]
  /** Every conflict of the filled week, from checkRoster. */
  conflicts: Conflict[]
}

/** mulberry32: a small seeded generator, so the same week and seed fill the same way. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface PersonState {
  person: RulePerson
  booked: Booked[]
  minutes: number
  nights: number
}

const REASON_WORDS: Partial<Record<RuleCode, string>> = {
  overlap: '同一时间已在别处值班',
  rest: '与相邻班次之间休息不足',
  hours_cap: '本周工时将超过上限',
  availability: '不在可值班时间',
  not_lead: '不能带班'
}

function explain(tally: Map<RuleCode, number>, considered: number, leadOnly: boolean, settings: RuleSettings): string {
  if (considered === 0) return leadOnly ? '没有登记为可带班的在岗志愿者' : '没有在岗的志愿者'
  const available = considered - (tally.get('availability') ?? 0)
  if (available <= 0) return `没有在这个时段可值班的${leadOnly ? '带班人' : '志愿者'}`
  const parts = (['overlap', 'rest', 'hours_cap'] as const)
    .filter((rule) => (tally.get(rule) ?? 0) > 0)
    .map(
      (rule) =>
        `${tally.get(rule)} 人${rule === 'rest' ? `休息不足 ${settings.minRestHours} 小时` : rule === 'hours_cap' ? `本周将超过 ${settings.weeklyHourCap} 小时` : REASON_WORDS[rule]}`
    )
  return `可值班的 ${available} 人${leadOnly ? '（可带班）' : ''}都不能再排：${parts.join('，')}`
}

interface Slot {
  t: RuleTemplate
  dayIndex: number
  night: boolean
}

function pickCandidate(
  active: readonly PersonState[],
  slot: Slot,
  leadOnly: boolean,
  occupied: ReadonlySet<string>,
  settings: RuleSettings,
  rand: () => number
): { best: PersonState | null; reason: string } {
  const tally = new Map<RuleCode, number>()
  let considered = 0
  let best: PersonState | null = null
  let bestScore = Infinity
  for (const s of active) {
    if (leadOnly && !s.person.canLead) continue
    if (occupied.has(`${slot.dayIndex}:${slot.t.id}:${s.person.id}`)) continue
    considered += 1
    const problems = personProblems(s.person, slot.t, slot.dayIndex, s.booked, settings, s.minutes)
    if (problems.length > 0) {
      const first = problems.find((c) => c.rule === 'availability') ?? problems[0]
      if (first) tally.set(first.rule, (tally.get(first.rule) ?? 0) + 1)
      continue
    }
    // Hours spread evenly; nights weigh more on a night; a lead is kept for where one is needed.
    const score = s.minutes / 60 + (slot.night ? s.nights * 12 : 0) + (!leadOnly && s.person.canLead ? 2 : 0) + rand()
    if (score < bestScore) {
      bestScore = score
      best = s
    }
  }
  return { best, reason: best ? '' : explain(tally, considered, leadOnly, settings) }
}

/**
 * Fills the empty places of a week, keeping every existing placement. Greedy, hardest slots
 * first (night shifts, then the fewest available people), each place given to the person
 * with the fewest hours (and, for a night, the fewest nights), ties broken by the seed.
 * Every candidate is checked with personProblems, and the result is checked again with
 * checkRoster; a place that cannot be filled is reported with why.
 */
export interface AutoFillOptions {
  /** Minute of the week (0 = Monday 00:00) before which a shift that starts is left alone:
   *  a past day is a record of what happened, not a plan to fill. -Infinity fills them too. */
  notBefore?: number
}

export function autoFill(input: RosterInput, seed = 1, options: AutoFillOptions = {}): AutoFillResult {
  const notBefore = options.notBefore ?? -Infinity
  let skippedPast = 0
  const rand = seededRandom(seed)
  const templates = indexTemplates(input.templates)
  const states = new Map<number, PersonState>()
  for (const person of input.people) states.set(person.id, { person, booked: [], minutes: 0, nights: 0 })
  const book = (p: RulePlacement, inWeek: boolean) => {
    const t = templates.get(p.templateId)
    const s = states.get(p.volunteerId)
    if (!t || !s) return
    s.booked.push(toBooked(p, t, inWeek))
    if (inWeek) {
      s.minutes += shiftDuration(t)
      if (shiftPeriod(t) === 'night') s.nights += 1
    }
  }
  for (const p of input.context ?? []) book(p, false)
  for (const p of input.placements) book(p, true)

  const active = [...states.values()].filter((s) => s.person.status === 'active')
  const occupied = new Set(input.placements.map((p) => `${p.dayIndex}:${p.templateId}:${p.volunteerId}`))
  const slots: (Slot & { staff: number; need: number; needLead: boolean; supply: number; tie: number })[] = []
  for (let dayIndex = 0; dayIndex < WEEK_DAYS; dayIndex++) {
    for (const t of input.templates) {
      const here = input.placements.filter((p) => p.dayIndex === dayIndex && p.templateId === t.id)
      const needLead = t.leadRequired && !here.some((p) => p.isLead)
      const staff = Math.max(t.minStaff - here.length, 0)
      const need = Math.max(staff, needLead ? 1 : 0)
      if (need === 0) continue
      if (shiftInterval(t, dayIndex).start < notBefore) {
        skippedPast += 1
        continue
      }
      const supply = active.filter((s) => isAvailable(s.person, t, dayIndex)).length
      slots.push({ t, dayIndex, staff, need, needLead, night: shiftPeriod(t) === 'night', supply, tie: rand() })
    }
  }
  slots.sort((a, b) => Number(b.night) - Number(a.night) || a.supply - b.supply || a.tie - b.tie)

  const added: RulePlacement[] = []
  const unfilled: Unfilled[] = []
  for (const slot of slots) {
    let filled = 0
    let leadMissing = false
    let reason = ''
    for (let i = 0; i < slot.need; i++) {
      const leadOnly = i === 0 && slot.needLead && !leadMissing
      const pick = pickCandidate(active, slot, leadOnly, occupied, input.settings, rand)
      if (!pick.best) {
        reason ||= pick.reason
        if (!leadOnly) break
        leadMissing = true
        // No lead to be had: the place still needs a person when the minimum asks for one.
        if (slot.staff > 0) i -= 1
        continue
      }
      const placement = { dayIndex: slot.dayIndex, templateId: slot.t.id, volunteerId: pick.best.person.id, isLead: leadOnly }
      added.push(placement)
      occupied.add(`${slot.dayIndex}:${slot.t.id}:${pick.best.person.id}`)
      book(placement, true)
      filled += 1
    }
    const missing = Math.max(0, slot.staff - filled)
    if (missing > 0 || leadMissing) unfilled.push({ dayIndex: slot.dayIndex, templateId: slot.t.id, missing, leadMissing, reason })
  }

  // The same rule code checks the result; a person conflict on an added place would be a bug.
  const all = [...input.placements, ...added]
  const conflicts = checkRoster({ ...input, placements: all })
  const bad = conflicts.filter(
    (c) =>
      c.volunteerId !== null &&
      added.some((p) => p.volunteerId === c.volunteerId && c.cells.some((cell) => cell.dayIndex === p.dayIndex && cell.templateId === p.templateId))
  )
  if (bad.length > 0) throw new Error(`auto-fill broke a rule: ${bad[0]?.message}`)
  unfilled.sort((a, b) => a.dayIndex - b.dayIndex || a.templateId - b.templateId)
  return { added, skippedPast, unfilled, conflicts }
}
