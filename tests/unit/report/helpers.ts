import type { ReportDay } from '../../../shared/contract'
import type { GateRegister } from '../../../shared/schemas/gate'

/** A figure of the report by its key; throws when the report has no such figure, so a typo fails. */
export function figure(report: Pick<ReportDay, 'sections'>, key: string): number {
  for (const section of report.sections) {
    const found = section.lines.find((l) => l.key === key)
    if (found) return found.value
  }
  throw new Error(`no figure ${key}`)
}

export const gateEntry = (checkpointId: number, extra: Partial<GateRegister> = {}): GateRegister => ({
  checkpointId,
  direction: 'in',
  who: 'visitor',
  residentId: null,
  name: '访客甲',
  phone: '',
  reason: '探亲',
  plate: '',
  temperature: 36.5,
  action: 'pass',
  passNumber: '',
  ...extra
})
