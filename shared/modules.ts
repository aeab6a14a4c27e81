import type { Permission } from './contract/types'
import { PERMISSIONS } from './contract/types'
import { accountsModule } from './contract/accounts'
import { auditModule } from './contract/audit'
import { backupModule } from './contract/backup'
import { authModule } from './contract/auth'
import { checkpointsModule } from './contract/checkpoints'
import { devicesModule } from './contract/devices'
import { disinfectionModule } from './contract/disinfection'
import { excelModule } from './contract/excel'
import { gateModule } from './contract/gate'
import { gridsModule } from './contract/grids'
import { homeModule } from './contract/home'
import { helpModule } from './contract/help'
import { careModule } from './contract/care'
import { unitsModule } from './contract/units'
import { householdsModule } from './contract/households'
import { monitoringModule } from './contract/monitoring'
import { noticesModule } from './contract/notices'
import { recycleModule } from './contract/recycle'
import { reportModule } from './contract/report'
import { residentsModule } from './contract/residents'
import { retentionModule } from './contract/retention'
import { returneesModule } from './contract/returnees'
import { rosterModule } from './contract/roster'
import { settingsModule } from './contract/settings'
import { suppliesModule } from './contract/supplies'
import { systemModule } from './contract/system'
import { volunteersModule } from './contract/volunteers'
import { ROLES } from './domain/roles'
import type { Role } from './domain/roles'

/**
 * Every domain of the app, one line each. The order is the sidebar's order within each of its
 * sections (home first: the first page a role may use is where it lands). The contract's method
 * table, the roles' permissions, the domain a change event names and the renderer's routes and
 * sidebar are derived from this list; a new domain is its folder and one line here.
 */
export const DOMAIN_MODULES = [
  homeModule,
  gateModule,
  returneesModule,
  monitoringModule,
  helpModule,
  careModule,
  noticesModule,
  reportModule,
  excelModule,
  volunteersModule,
  rosterModule,
  residentsModule,
  householdsModule,
  unitsModule,
  gridsModule,
  suppliesModule,
  disinfectionModule,
  checkpointsModule,
  accountsModule,
  auditModule,
  recycleModule,
  settingsModule,
  backupModule,
  retentionModule,
  devicesModule,
  authModule,
  systemModule
] as const

/** Everything but 'public' (no login needed): the administrator's. */
const EVERY_PERMISSION: readonly Permission[] = PERMISSIONS.filter((p) => p !== 'public')

/**
 * What each role may do, from the grants each domain declares (the administrator may do
 * everything). Enforced in dispatch from the permission each method declares; the grid
 * worker's grid scope is applied by the handlers on top of this.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(
  ROLES.map((role) => [
    role,
    role === 'admin'
      ? EVERY_PERMISSION
      : DOMAIN_MODULES.flatMap((module) =>
          Object.entries(module.grants).flatMap(([permission, roles]) => (roles?.includes(role) ? [permission as Permission] : []))
        )
  ])
) as Record<Role, readonly Permission[]>

/**
 * What must hold between the domains' descriptions and the pages the renderer can show: every
 * method in one domain only; every permission but 'public' granted by one domain; pages with
 * unique paths and names, a sidebar section or a parent that is a sidebar page, a permission the
 * domain's methods (or the home page) use; a component for every page and no component without
 * a page; an icon for every sidebar page. Returns the problems found, in Chinese-free English
 * for the developer.
 */
export function moduleProblems(
  modules: readonly DomainModuleLike[],
  permissions: readonly string[],
  components: readonly string[],
  icons: readonly string[]
): string[] {
  const problems: string[] = []
  const ownerOfMethod = new Map<string, string>()
  const ownerOfPermission = new Map<string, string>()
  const pages = modules.flatMap((module) => module.pages.map((page) => ({ module, page })))
  for (const module of modules) {
    for (const method of Object.keys(module.methods)) {
      const other = ownerOfMethod.get(method)
      if (other) problems.push(`method ${method} is declared by ${other} and ${module.name}`)
      ownerOfMethod.set(method, module.name)
    }
    for (const permission of Object.keys(module.grants)) {
      const other = ownerOfPermission.get(permission)
      if (other) problems.push(`permission ${permission} is granted by ${other} and ${module.name}`)
      if (!permissions.includes(permission)) problems.push(`${module.name} grants unknown permission ${permission}`)
      ownerOfPermission.set(permission, module.name)
    }
  }
  for (const permission of permissions) {
    if (permission !== 'public' && !ownerOfPermission.has(permission)) problems.push(`permission ${permission} is granted by no domain`)
  }
  const sidebarPaths = new Set(pages.filter(({ page }) => page.group).map(({ page }) => page.path))
  const seenPaths = new Set<string>()
  const seenNames = new Set<string>()
  for (const { module, page } of pages) {
    if (seenPaths.has(page.path)) problems.push(`page path ${page.path} appears twice`)
    if (seenNames.has(page.name)) problems.push(`page name ${page.name} appears twice`)
    seenPaths.add(page.path)
    seenNames.add(page.name)
    if (!page.group === !page.parent) problems.push(`page ${page.name} needs either a sidebar section or a parent`)
    if (page.parent && !sidebarPaths.has(page.parent)) problems.push(`page ${page.name} lights ${page.parent}, which is no sidebar page`)
    const used = Object.values(module.methods).some((spec) => spec.permission === page.permission)
    if (!used && !(page.permission in module.grants))
      problems.push(`page ${page.name} asks for ${page.permission}, which ${module.name} neither uses nor grants`)
    if (!components.includes(page.name)) problems.push(`page ${page.name} (${page.path}) has no component`)
    if (page.group && !icons.includes(page.name)) problems.push(`sidebar page ${page.name} has no icon`)
  }
  for (const name of components) if (!seenNames.has(name)) problems.push(`component ${name} belongs to no declared page`)
  for (const name of icons) if (!seenNames.has(name)) problems.push(`icon ${name} belongs to no declared page`)
  return problems
}

/** A domain description as the checks read it (any slice of the contract). */
export interface DomainModuleLike {
  name: string
  methods: Record<string, { permission: string }>
  grants: Partial<Record<string, readonly string[]>>
  pages: readonly { path: string; name: string; permission: string; group?: string; parent?: string }[]
}
