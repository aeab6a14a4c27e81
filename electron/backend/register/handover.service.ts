import { AppError } from '../../../shared/errors'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'
import type { OpenEpisode } from './handover.repo'
import { gridNameOf, openEpisodesOf, reassignEpisode, staffNamesOf, strayEpisodesAmong, strayEpisodesInBuilding } from './handover.repo'

/**
 * A person under observation who moves to another grid is the new grid's worker's to check from
 * then on (their episode's grid follows them, 0015). Who that worker is: the new grid's only grid
 * worker without asking (its leader when it has no worker); among several the clerk chooses, or
 * keeps the old one; never a silent pick.
 */
export interface HandoverPlan {
  residentId: number
  name: string
  /** Open episodes (one, normally); empty when the person is not under observation. */
  episodes: OpenEpisode[]
  fromGridName: string
  toGridName: string
  gridChanges: boolean
  /** Who may take over: the new grid's workers, or its leader when it has none. */
  candidates: string[]
  /** The one candidate, taken without asking; null when the clerk must choose or nobody is there. */
  automatic: string | null
}

export function handoverPlan(db: Db, person: { id: number; name: string; gridId: number | null }, toGridId: number | null): HandoverPlan {
  const gridChanges = person.gridId !== toGridId
  const episodes = gridChanges ? openEpisodesOf(db, person.id) : []
  const staff = toGridId === null ? { workers: [], leader: null } : staffNamesOf(db, toGridId)
  const candidates = staff.workers.length > 0 ? staff.workers : staff.leader === null ? [] : [staff.leader]
  return {
    residentId: person.id,
    name: person.name,
    episodes,
    fromGridName: gridNameOf(db, person.gridId),
    toGridName: gridNameOf(db, toGridId),
    gridChanges,
    candidates,
    automatic: candidates.length === 1 ? (candidates[0] ?? null) : null
  }
}

/**
 * Decides who is responsible after the move (choice: the clerk's, typed in the move dialog) and
 * writes it with the episode's history row. Returns the sentence the move's audit row carries,
 * '' when the move leaves the observation alone.
 */
export function handOver(tx: Tx, plan: HandoverPlan, choice: string | undefined, actor: string, at: string): string {
  const [first] = plan.episodes
  if (!first) return ''
  const current = first.worker
  const picked = choice ? choice : plan.automatic
  if (picked === null) {
    if (plan.candidates.length > 1) {
      throw new AppError('RULE_VIOLATION', `${plan.name} 正在居家观察，${plan.toGridName}有 ${plan.candidates.length} 位网格员，请选择由谁接手。`, {
        candidates: plan.candidates,
        issues: [{ path: 'worker', message: '请选择接手的网格员' }]
      })
    }
    // Nobody to hand over to (a grid without staff, or no household at all): said, not hidden.
    return `；居家观察仍由${current || '（无）'}负责（${plan.toGridName || '迁入处'}没有网格员）`
  }
  if (picked !== current && !plan.candidates.includes(picked)) {
    throw new AppError('BAD_ARGS', `“${picked}”不是${plan.toGridName}的网格员，请从列表中选择。`, {
      candidates: plan.candidates,
      issues: [{ path: 'worker', message: '请选择新网格的网格员' }]
    })
  }
  if (picked === current) return `；居家观察仍由${current || '（无）'}负责`
  const reason = `迁入${plan.toGridName}`
  for (const episode of plan.episodes) reassignEpisode(tx, { id: episode.id, from: episode.worker, to: picked, actor, at, reason })
  return `；居家观察改由${picked}负责（原${current || '（无）'}）`
}

/** What a change of grid made of the open observations it moved: who took over, how many kept their worker. */
export interface HandoverOutcome {
  reassigned: string[]
  kept: number
}

/**
 * Episodes whose grid changed under them (a building handed over, a merge): each goes to its new
 * grid's only worker (its leader when it has none), as a move would. With several there is no
 * dialog to ask in: the worker stays and handoverSentence says how many to change.
 */
function handOverStrays(
  tx: Tx,
  strays: { id: number; worker: string; gridId: number }[],
  actor: string,
  at: string,
  reason: (gridName: string) => string
): HandoverOutcome {
  const reassigned: string[] = []
  let kept = 0
  for (const episode of strays) {
    const staff = staffNamesOf(tx, episode.gridId)
    const candidates = staff.workers.length > 0 ? staff.workers : staff.leader === null ? [] : [staff.leader]
    const [only] = candidates
    if (candidates.length !== 1 || only === undefined) {
      kept++
      continue
    }
    reassignEpisode(tx, { id: episode.id, from: episode.worker, to: only, actor, at, reason: reason(gridNameOf(tx, episode.gridId)) })
    if (!reassigned.includes(only)) reassigned.push(only)
  }
  return { reassigned, kept }
}

/** A building handed to another grid moves its people's records there by itself (0015); their workers follow here. */
export function handOverBuilding(tx: Tx, buildingId: number, actor: string, at: string): HandoverOutcome {
  return handOverStrays(tx, strayEpisodesInBuilding(tx, buildingId), actor, at, (grid) => `楼栋划入${grid}`)
}

/**
 * 合并楼栋: the open episodes read before the merge (openEpisodesInBuildings) whose grid the merge
 * changed are handed over like a building's; one whose grid stayed keeps its worker whoever it is.
 */
export function handOverMerged(tx: Tx, before: { id: number; gridId: number | null }[], actor: string, at: string): HandoverOutcome {
  const was = new Map(before.map((e) => [e.id, e.gridId]))
  const strays = strayEpisodesAmong(tx, [...was.keys()]).filter((e) => was.get(e.id) !== e.gridId)
  return handOverStrays(tx, strays, actor, at, (grid) => `楼栋合并，划入${grid}`)
}

/** The words the audit row and the clerk's message add: '' when no observation changed hands. */
export function handoverSentence(outcome: HandoverOutcome): string {
  return [
    outcome.reassigned.length > 0 ? `；居家观察改由${outcome.reassigned.join('、')}负责` : '',
    outcome.kept > 0 ? `；${outcome.kept} 人的居家观察仍由原网格员负责，请在健康监测中更换` : ''
  ].join('')
}
