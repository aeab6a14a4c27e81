import { GATE_ACTIONS, GATE_ACTION_LABELS, GATE_DIRECTIONS, GATE_DIRECTION_LABELS, GATE_WHO, GATE_WHO_LABELS } from '../../../../shared/domain/gate'
import type { GateAction, GateDirection, GateWho } from '../../../../shared/domain/gate'

/** One option of a KeyChoice (the gate's keyboard choice). */
export interface KeyOption<V extends string> {
  value: V
  label: string
  disabled?: boolean
  /** Shown in red when chosen (留观, 送医). */
  danger?: boolean
}

/** The typed fields of an entry, between the category and the temperature. */
export type GateField = 'lookup' | 'pass' | 'name' | 'phone' | 'reason' | 'plate'

/**
 * Each category's fields in a fixed order (issue 17): a volunteer learns one sequence of Tabs per
 * category and it never moves. A pass is a household's, so only residents have the 出入证 box.
 */
export const GATE_FIELD_ORDER: Record<GateWho, GateField[]> = {
  resident: ['lookup', 'pass'],
  visitor: ['name', 'phone', 'reason'],
  vehicle: ['plate', 'name', 'phone', 'reason'],
  delivery: ['name', 'phone', 'plate', 'reason']
}

export const GATE_FIELD_LABELS: Record<GateField, string> = {
  lookup: '居民',
  pass: '出入证',
  name: '姓名',
  phone: '电话',
  reason: '事由',
  plate: '车牌'
}

/** '姓名 → 电话 → 事由 → 体温 → 处置', shown under the category so the order can be learnt. */
export function fieldOrderText(who: GateWho): string {
  return [...GATE_FIELD_ORDER[who].map((f) => GATE_FIELD_LABELS[f]), '体温', '处置'].join(' → ')
}

export const directionOptions: KeyOption<GateDirection>[] = GATE_DIRECTIONS.map((d) => ({ value: d, label: GATE_DIRECTION_LABELS[d] }))
export const whoOptions: KeyOption<GateWho>[] = GATE_WHO.map((w) => ({ value: w, label: GATE_WHO_LABELS[w] }))

export function actionOptions(fever: boolean): KeyOption<GateAction>[] {
  return GATE_ACTIONS.map((a) => ({ value: a, label: GATE_ACTION_LABELS[a], disabled: fever && a === 'pass', danger: a === 'observe' || a === 'hospital' }))
}

/** What Enter will save, read back in large text: '进 · 居民 曾小明 · 36.5℃ · 放行'. */
export function readBack(e: { direction: GateDirection; who: GateWho; name: string; temperature: number | null; action: GateAction | '' }): string {
  return [
    GATE_DIRECTION_LABELS[e.direction],
    `${GATE_WHO_LABELS[e.who]} ${e.name || '（未填姓名）'}`,
    e.temperature === null ? '体温未填' : `${e.temperature.toFixed(1)}℃`,
    e.action === '' ? '未选处置' : GATE_ACTION_LABELS[e.action]
  ].join(' · ')
}
