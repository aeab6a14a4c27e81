import {
  Avatar,
  Bell,
  Box,
  Brush,
  Calendar,
  DataAnalysis,
  Delete,
  Document,
  FirstAidKit,
  Grid,
  Guide,
  Service,
  Shop,
  HomeFilled,
  House,
  Setting,
  FolderChecked,
  Stamp,
  Phone,
  Tickets,
  Upload,
  User,
  UserFilled,
  Van
} from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { MenuGroup, PageSpec, Permission } from '../../shared/contract'
import { MENU_GROUPS as GROUP_TITLES } from '../../shared/contract/types'
import { DOMAIN_MODULES } from '../../shared/modules'

/**
 * The component of every page the domains declare, by page name. A page declared in a domain's
 * description without its component here, or the other way round, fails
 * tests/unit/renderer/modules.test.ts.
 */
const PAGE_COMPONENTS: Record<string, () => Promise<Component>> = {
  home: () => import('./views/home/HomeView.vue'),
  gate: () => import('./views/gate/GateView.vue'),
  'gate-day': () => import('./views/gate/DayView.vue'),
  returnees: () => import('./views/returnees/ReturneesView.vue'),
  monitoring: () => import('./views/monitoring/MonitoringView.vue'),
  help: () => import('./views/help/HelpView.vue'),
  'help-tasks': () => import('./views/help/TaskListPrint.vue'),
  care: () => import('./views/care/CareView.vue'),
  'care-print': () => import('./views/care/CarePrint.vue'),
  units: () => import('./views/units/UnitsView.vue'),
  unit: () => import('./views/units/UnitView.vue'),
  'unit-pledge': () => import('./views/units/PledgePrint.vue'),
  notices: () => import('./views/notices/NoticesView.vue'),
  notice: () => import('./views/notices/NoticeView.vue'),
  'notice-print': () => import('./views/notices/NoticePrint.vue'),
  'notice-checklist': () => import('./views/notices/ChecklistPrint.vue'),
  'monitoring-sheet': () => import('./print/DailySheetPrint.vue'),
  report: () => import('./views/report/ReportView.vue'),
  'report-print': () => import('./views/report/ReportPrint.vue'),
  import: () => import('./views/excel/ImportView.vue'),
  volunteers: () => import('./views/volunteers/ListView.vue'),
  roster: () => import('./views/roster/WeekView.vue'),
  'roster-print': () => import('./views/roster/PrintView.vue'),
  residents: () => import('./views/residents/ListView.vue'),
  resident: () => import('./views/residents/DetailView.vue'),
  households: () => import('./views/households/ListView.vue'),
  household: () => import('./views/households/DetailView.vue'),
  grids: () => import('./views/grids/ListView.vue'),
  grid: () => import('./views/grids/DetailView.vue'),
  supplies: () => import('./views/supplies/SuppliesView.vue'),
  disinfection: () => import('./views/disinfection/DisinfectionView.vue'),
  'disinfection-day-sheet': () => import('./views/disinfection/DaySheetPrint.vue'),
  checkpoints: () => import('./views/checkpoints/ListView.vue'),
  accounts: () => import('./views/accounts/ListView.vue'),
  audit: () => import('./views/audit/ListView.vue'),
  recycle: () => import('./views/recycle/ListView.vue'),
  settings: () => import('./views/settings/SettingsView.vue'),
  backup: () => import('./views/backup/BackupView.vue'),
  retention: () => import('./views/retention/RetentionView.vue'),
  'retention-certificate': () => import('./views/retention/CertificatePrint.vue'),
  lan: () => import('./views/devices/LanView.vue')
}

/** The sidebar icon of every page that has a sidebar entry. */
const SIDEBAR_ICONS: Record<string, Component> = {
  home: House,
  gate: Stamp,
  'gate-day': Tickets,
  returnees: Van,
  monitoring: FirstAidKit,
  help: Service,
  care: Phone,
  units: Shop,
  notices: Bell,
  report: DataAnalysis,
  import: Upload,
  volunteers: Avatar,
  roster: Calendar,
  residents: UserFilled,
  households: HomeFilled,
  grids: Grid,
  supplies: Box,
  disinfection: Brush,
  checkpoints: Guide,
  accounts: User,
  audit: Document,
  recycle: Delete,
  settings: Setting,
  backup: FolderChecked
}

export interface ModuleEntry {
  path: string
  name: string
  title: string
  icon: Component
  component: () => Promise<Component>
  /** Shown and routable only for roles with this permission (the backend enforces it anyway). */
  permission: Permission
  group: MenuGroup
}

export type DetailEntry = Omit<ModuleEntry, 'icon' | 'group'> & { parent: string }

const PAGES: readonly PageSpec[] = DOMAIN_MODULES.flatMap((module) => module.pages)

function componentOf(page: PageSpec): () => Promise<Component> {
  const component = PAGE_COMPONENTS[page.name]
  if (!component) throw new Error(`page ${page.name} has no component`)
  return component
}

/** The sidebar's pages, in the order of shared/modules.ts. */
export const MODULES: ModuleEntry[] = PAGES.flatMap((page) =>
  page.group
    ? [
        {
          path: page.path,
          name: page.name,
          title: page.title,
          permission: page.permission,
          group: page.group,
          icon: SIDEBAR_ICONS[page.name] ?? Document,
          component: componentOf(page)
        }
      ]
    : []
)

/** Pages opened from a list (not in the sidebar); the sidebar entry of `parent` stays lit. */
export const DETAIL_PAGES: DetailEntry[] = PAGES.flatMap((page) =>
  page.parent ? [{ path: page.path, name: page.name, title: page.title, permission: page.permission, parent: page.parent, component: componentOf(page) }] : []
)

/** The sidebar's sections, so a clerk finds a module by what kind of work it is. */
export const MENU_GROUPS: { group: MenuGroup; title: string }[] = (Object.keys(GROUP_TITLES) as MenuGroup[]).map((group) => ({
  group,
  title: GROUP_TITLES[group]
}))

/** For the agreement test: the page names that have a component, and those with a sidebar icon. */
export const PAGE_NAMES_WITH_COMPONENTS: readonly string[] = Object.keys(PAGE_COMPONENTS)
export const PAGE_NAMES_WITH_ICONS: readonly string[] = Object.keys(SIDEBAR_ICONS)
