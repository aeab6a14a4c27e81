import type { GateAction, GateDirection, GateWho } from '../domain/gate'
import type { GateCorrect, GateDayArgs, GateRegister } from '../schemas/gate'
import {
  gateCorrectArgs,
  gateDayArgs,
  gateEntryIdArgs,
  gateExportArgs,
  gateFeversArgs,
  gateRecentArgs,
  gateRegisterArgs,
  gateSearchArgs,
  passCheckArgs
} from '../schemas/gate'
import type { ExportedFile, Page } from './audit'
import { defineModule, type MethodTable } from './types'

/** What the gate screen may know of a resident: name, building and a masked phone; no ID number, no room. */
export interface GateResidentHit {
  id: number
  name: string
  /** '幸福里小区 3栋' */
  building: string
  phone: string
}

export interface GateEntryView {
  id: number
  at: string
  day: string
  checkpointId: number
  checkpointName: string
  direction: GateDirection
  who: GateWho
  name: string
  /** Masked. */
  phone: string
  /**
   * A visitor's reason as typed. For a resident: the building at the gate (gate.register,
   * gate.recent), the household's address in the office's day view and export (gate.view).
   */
  reason: string
  plate: string
  /** ℃, one decimal. */
  temperature: number
  abnormal: boolean
  action: GateAction
  passNumber: string
  /** A pass rule broken, an unusual plate: kept with the entry. */
  warning: string
  registeredBy: string
  /** 更正 made: the values above are the corrected ones. */
  corrected: boolean
  /** '已更正：体温 38.1℃ → 36.1℃；原因：录错（李值守）'; '' when not corrected. */
  correction: string
}

/** A resident's gate fever recorded as the day's check of their open observation episode. */
export interface GateEntryHealth {
  episodeId: number
  /** '居家观察'. */
  kind: string
  /** Still observing: 送医 may close it as 转送医院. */
  open: boolean
}

export interface GateRegistered extends GateEntryView {
  /** Set for a fever of a resident under observation (what the gate needs to offer 转送医院). */
  health: GateEntryHealth | null
}

/** A fever of a registered resident found at a gate: a health event of that person (issue 16). */
export interface GateFever {
  id: number
  at: string
  day: string
  checkpointName: string
  residentId: number
  name: string
  address: string
  gridName: string
  temperature: number
  action: GateAction
  /** Written into the day's check of their observation episode. */
  episodeId: number | null
  corrected: boolean
}

export interface GateDirectionCounts {
  in: number
  out: number
}

export interface GateDay {
  day: string
  counts: { total: GateDirectionCounts; byWho: Record<GateWho, GateDirectionCounts>; abnormal: number }
  entries: Page<GateEntryView>
}

/**
 * What the gate needs to decide on a pass, and nothing more: the household's building (not the
 * unit or room), the rule, and whether the household has used it within the rule's window.
 * Who lives there and who went out are not the gate's business.
 */
export interface PassCheck {
  number: string
  /** '幸福里小区 3栋'. */
  building: string
  /** One person out every everyDays days. */
  everyDays: number
  /** '每 2 天 1 人次'. */
  rule: string
  revoked: boolean
  /** Someone of the household went out on this pass within the rule's window. */
  wentOut: boolean
  /** The first day the rule lets someone out again (YYYY-MM-DD); today when it does now. */
  nextAllowed: string
  /** Set when the pass is revoked or letting one more person out breaks its rule. */
  warning: string
}

export type GateApi = {
  'gate.search': (args: { q: string }) => Promise<GateResidentHit[]>
  'gate.register': (args: GateRegister) => Promise<GateRegistered>
  'gate.correct': (args: GateCorrect) => Promise<GateEntryView>
  'gate.hospital': (args: { entryId: number }) => Promise<{ name: string }>
  'gate.fevers': (args: { day?: string | undefined; residentId?: number | undefined }) => Promise<GateFever[]>
  'gate.recent': (args: { checkpointId: number }) => Promise<GateEntryView[]>
  'gate.checkPass': (args: { number: string; checkpointId: number }) => Promise<PassCheck>
  'gate.day': (args: GateDayArgs) => Promise<GateDay>
  'gate.export': (args: { checkpointId?: number; day: string }) => Promise<ExportedFile>
}

export const gateMethods = {
  'gate.search': { args: gateSearchArgs, kind: 'query', permission: 'gate.use', title: '卡口查找居民' },
  'gate.register': { args: gateRegisterArgs, kind: 'mutation', permission: 'gate.use', title: '出入登记' },
  'gate.correct': { args: gateCorrectArgs, kind: 'mutation', permission: 'gate.use', title: '更正出入登记' },
  'gate.hospital': { args: gateEntryIdArgs, kind: 'mutation', permission: 'gate.use', title: '送医居民转送医院' },
  'gate.fevers': { args: gateFeversArgs, kind: 'query', permission: 'returnees.view', title: '查看卡口发现的体温异常' },
  'gate.recent': { args: gateRecentArgs, kind: 'query', permission: 'gate.use', title: '查看本卡口今日登记' },
  'gate.checkPass': { args: passCheckArgs, kind: 'query', permission: 'gate.use', title: '查验出入证' },
  'gate.day': { args: gateDayArgs, kind: 'query', permission: 'gate.view', title: '查看出入记录' },
  'gate.export': { args: gateExportArgs, kind: 'export', permission: 'gate.view', title: '导出出入登记表' }
} satisfies MethodTable<GateApi>

export const gateModule = defineModule<GateApi>({
  name: 'gate',
  methods: gateMethods,
  grants: { 'gate.use': ['staff', 'gate'], 'gate.view': ['staff', 'readonly'] },
  pages: [
    { path: '/gate', name: 'gate', title: '卡口登记', permission: 'gate.use', group: 'daily' },
    { path: '/gate-day', name: 'gate-day', title: '出入记录', permission: 'gate.view', group: 'daily' }
  ]
})
