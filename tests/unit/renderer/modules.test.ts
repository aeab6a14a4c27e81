import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../../shared/contract/types'
import { DOMAIN_MODULES, moduleProblems } from '../../../shared/modules'
import { DETAIL_PAGES, MENU_GROUPS, MODULES, PAGE_NAMES_WITH_COMPONENTS, PAGE_NAMES_WITH_ICONS } from '../../../renderer/src/modules'

/**
 * The domains' descriptions (shared/modules.ts) and the renderer's pages agree: every declared
 * page has its component, every sidebar page its icon and section, every detail page a lit
 * parent, and nothing is left over on either side.
 */
describe('domain modules and the renderer agree', () => {
  it('has no problem', () => {
    expect(moduleProblems(DOMAIN_MODULES, PERMISSIONS, PAGE_NAMES_WITH_COMPONENTS, PAGE_NAMES_WITH_ICONS)).toEqual([])
  })

  it('fails on a sidebar entry whose route is elsewhere (the old /excel beside /import)', () => {
    const renamed = DOMAIN_MODULES.map((module) =>
      module.name === 'excel' ? { ...module, pages: module.pages.map((page) => ({ ...page, path: '/excel', name: 'excel' })) } : module
    )
    expect(moduleProblems(renamed, PERMISSIONS, PAGE_NAMES_WITH_COMPONENTS, PAGE_NAMES_WITH_ICONS)).toEqual([
      'page excel (/excel) has no component',
      'sidebar page excel has no icon',
      'component import belongs to no declared page',
      'icon import belongs to no declared page'
    ])
  })

  it('fails on a page whose permission its domain does not use, and a detail page without a sidebar parent', () => {
    const broken = DOMAIN_MODULES.map((module) =>
      module.name === 'roster'
        ? { ...module, pages: module.pages.map((page) => (page.parent ? { ...page, parent: '/nowhere' } : { ...page, permission: 'audit.view' as const })) }
        : module
    )
    expect(moduleProblems(broken, PERMISSIONS, PAGE_NAMES_WITH_COMPONENTS, PAGE_NAMES_WITH_ICONS)).toEqual([
      'page roster asks for audit.view, which roster neither uses nor grants',
      'page roster-print lights /nowhere, which is no sidebar page'
    ])
  })

  it('builds the sidebar and the routes from the declared pages, 导入 with the daily work', () => {
    const daily = MODULES.filter((module) => module.group === 'daily').map((module) => module.path)
    expect(daily).toEqual([
      '/',
      '/gate',
      '/gate-day',
      '/returnees',
      '/monitoring',
      '/help',
      '/care',
      '/notices',
      '/report',
      '/import',
      '/volunteers',
      '/roster'
    ])
    expect(MENU_GROUPS.map((group) => group.title)).toEqual(['日常工作', '人员台账', '物资消杀', '系统管理'])
    for (const group of MENU_GROUPS) expect(MODULES.some((module) => module.group === group.group)).toBe(true)
    for (const detail of DETAIL_PAGES) expect(MODULES.map((module) => module.path)).toContain(detail.parent)
  })
})
