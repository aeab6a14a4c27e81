import type { z } from 'zod'
import type { Role } from '../domain/roles'

/**
 * What a caller must be allowed to do to call a method. Declared with every method,
 * so a method without a permission does not build; roles map to permissions (accounts issue).
 */
export const PERMISSIONS = [
  /** No login needed (ping, login itself, the first-start setup). */
  'public',
  /** Any logged-in account. */
  'session',
  'system.view',
  'settings.manage',
  'accounts.manage',
  'audit.view',
  /** Grids, households, residents: read (scoped to the session's grids for grid workers). */
  'register.view',
  'register.edit',
  /** See one resident's full ID number / phone (audited). */
  'register.reveal',
  /** The recycle bin: restore or purge soft-deleted records. */
  'register.recycle',
  /** Supply stock, the ledger, household distribution, disinfection log: read / change. */
  'supplies.view',
  'supplies.edit',
  /** Returnees, observation episodes and daily checks (scoped to grids for grid workers). */
  'returnees.view',
  'returnees.edit',
  /** Excel: import through the wizard; export lists and reports (masked); export with full numbers (audited, with a reason). */
  'data.import',
  'data.export',
  'data.exportFull',
  /** The home page with the office's overview (everyone but the gate role, who lands on the gate screen). */
  'home.view',
  /** Register entries at a gate: the gate screen, its resident look-up (name, building, masked phone only), pass checks. */
  'gate.use',
  /** The day view of entries per checkpoint, passes list, the 出入登记表 export. */
  'gate.view',
  /** Set up checkpoints, issue and revoke passes. */
  'checkpoints.manage',
  /** Volunteers, service hours, shift templates and the weekly roster: read / change. */
  'volunteers.view',
  'volunteers.edit',
  /** The 每日疫情防控报表 of the whole community: view and print / submit (报送, 更正) and its settings. */
  'report.view',
  'report.submit',
  /** Residents' help requests (居民求助): read / register and handle (scoped to grids for grid workers); a request met at the gate. */
  'help.view',
  'help.edit',
  'help.gate',
  /** Shops, workplaces and their workers (单位 / 从业人员): read / change (scoped to grids); approve a 复工. */
  'units.view',
  'units.edit',
  'units.approve',
  /** 通知公告: read (grid workers: their grids' part of the door-to-door checklist) / publish / record posts and mark households. */
  'notices.view',
  'notices.edit',
  'notices.mark'
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * Mutations run one at a time and write an audit row; queries run freely. An export changes no
 * records but is audited: it runs like a query and dispatch writes its audit row (who, which
 * source, the filters, the row count, masked or full) once the file is made.
 */
export type MethodKind = 'query' | 'mutation' | 'export'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = (args: any) => Promise<unknown>

export type ArgsOf<F> = F extends (args: infer A) => Promise<unknown> ? A : never
export type ResultOf<F> = F extends (args: never) => Promise<infer R> ? R : never

export interface MethodSpec<A> {
  /** Validates the raw argument object at the boundary; its output is what the handler gets. */
  args: z.ZodType<A>
  kind: MethodKind
  permission: Permission
  /** Chinese name of the action, used in the audit log and progress messages. */
  title: string
  /**
   * A mutation that first waits its turn in a throttle of its own (login, password checks):
   * dispatch runs it outside the one mutation queue, so its waiting never holds up anyone
   * else's writes, and it writes only through ctx.serial, which takes a turn in that queue.
   */
  paced?: true
  /**
   * The community's structure (new grids, which buildings a grid holds): refused by dispatch to
   * grid-scoped sessions even with the permission, and hidden from them in the renderer.
   */
  wholeCommunity?: true
}

export type MethodTable<Api> = {
  [M in keyof Api]: MethodSpec<ArgsOf<Api[M]>>
}

export type BackendEvent =
  { type: 'progress'; jobId: string; done: number; total: number; label: string } | { type: 'changed'; method: string; domains: string[] }

/** The sidebar's sections, in the order a clerk reads them; a page names the one it sits in. */
export const MENU_GROUPS = {
  daily: '日常工作',
  register: '人员台账',
  supplies: '物资消杀',
  system: '系统管理'
} as const
export type MenuGroup = keyof typeof MENU_GROUPS

/**
 * A page of the app, as data: where it is, what it is called, who may open it, and either its
 * sidebar section (a module page) or the sidebar entry it lights (a detail or print page). The
 * renderer gives each page its component by name; a test checks that both agree.
 */
export interface PageSpec {
  path: string
  name: string
  title: string
  /** Shown and routable only for roles with this permission (the backend enforces it anyway). */
  permission: Permission
  group?: MenuGroup
  parent?: string
}

/**
 * One domain, described once: its slice of the contract, the name its change events carry,
 * the permissions it introduces with the roles granted them (the administrator has every
 * permission), and its pages. shared/modules.ts lists every domain; the contract's method
 * table, the roles' permissions, the change events and the renderer's routes and sidebar are
 * all derived from that list.
 */
export interface DomainModule<A> {
  name: string
  methods: MethodTable<A>
  grants: Partial<Record<Permission, readonly Role[]>>
  pages: readonly PageSpec[]
}

/** Keeps the contract slice's type on the module, so the whole Api can be derived from the list. */
export function defineModule<A>(module: DomainModule<A>): DomainModule<A> {
  return module
}
