import { Box, Brush, FirstAidKit, Van, Delete, Document, Grid, Guide, HomeFilled, House, Setting, Stamp, Tickets, Upload, User, UserFilled } from '@element-plus/icons-vue'
import { Avatar, Calendar } from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { Permission } from '../../shared/contract'

export interface ModuleEntry {
  path: string
  name: string
  title: string
  icon: Component
  component: () => Promise<Component>
  /** Shown and routable only for roles with this permission (the backend enforces it anyway). */
  permission?: Permission
}

/** The sidebar grows one entry per domain, added when that module works end to end. */
export const MODULES: ModuleEntry[] = [
  { path: '/', name: 'home', title: '首页', icon: House, permission: 'home.view', component: () => import('./views/home/HomeView.vue') },
  {
    path: '/gate',
    name: 'gate',
    title: '卡口登记',
    icon: Stamp,
    permission: 'gate.use',
    component: () => import('./views/gate/GateView.vue')
  },
  {
    path: '/gate-day',
    name: 'gate-day',
    title: '出入记录',
    icon: Tickets,
    permission: 'gate.view',
    component: () => import('./views/gate/DayView.vue')
  },
  {
    path: '/returnees',
    name: 'returnees',
    title: '返程人员',
    icon: Van,
    permission: 'returnees.view',
    component: () => import('./views/returnees/ReturneesView.vue')
  },
  {
    path: '/monitoring',
    name: 'monitoring',
    title: '健康监测',
    icon: FirstAidKit,
    permission: 'returnees.view',
    component: () => import('./views/monitoring/MonitoringView.vue')
  },
  {
    path: '/volunteers',
    name: 'volunteers',
    title: '志愿者',
    icon: Avatar,
    permission: 'volunteers.view',
    component: () => import('./views/volunteers/ListView.vue')
  },
  {
    path: '/roster',
    name: 'roster',
    title: '排班',
    icon: Calendar,
    permission: 'volunteers.view',
    component: () => import('./views/roster/WeekView.vue')
  },
  {
    path: '/residents',
    name: 'residents',
    title: '居民',
    icon: UserFilled,
    permission: 'register.view',
    component: () => import('./views/residents/ListView.vue')
  },
  {
    path: '/households',
    name: 'households',
    title: '住户',
    icon: HomeFilled,
    permission: 'register.view',
    component: () => import('./views/households/ListView.vue')
  },
  {
    path: '/grids',
    name: 'grids',
    title: '网格',
    icon: Grid,
    permission: 'register.view',
    component: () => import('./views/grids/ListView.vue')
  },
  {
    path: '/recycle',
    name: 'recycle',
    title: '回收站',
    icon: Delete,
    permission: 'register.recycle',
    component: () => import('./views/recycle/ListView.vue')
  },
  {
    path: '/supplies',
    name: 'supplies',
    title: '物资',
    icon: Box,
    permission: 'supplies.view',
    component: () => import('./views/supplies/SuppliesView.vue')
  },
  {
    path: '/disinfection',
    name: 'disinfection',
    title: '消杀',
    icon: Brush,
    permission: 'supplies.view',
    component: () => import('./views/disinfection/DisinfectionView.vue')
  },
  {
    path: '/checkpoints',
    name: 'checkpoints',
    title: '卡口与出入证',
    icon: Guide,
    permission: 'checkpoints.manage',
    component: () => import('./views/checkpoints/ListView.vue')
  },
  {
    path: '/import',
    name: 'import',
    title: '导入',
    icon: Upload,
    permission: 'data.import',
    component: () => import('./views/excel/ImportView.vue')
  },
  {
    path: '/accounts',
    name: 'accounts',
    title: '账号',
    icon: User,
    permission: 'accounts.manage',
    component: () => import('./views/accounts/ListView.vue')
  },
  {
    path: '/audit',
    name: 'audit',
    title: '操作日志',
    icon: Document,
    permission: 'audit.view',
    component: () => import('./views/audit/ListView.vue')
  },
  {
    path: '/settings',
    name: 'settings',
    title: '设置',
    icon: Setting,
    permission: 'settings.manage',
    component: () => import('./views/settings/SettingsView.vue')
  }
]

/** Pages opened from a list (not in the sidebar); the sidebar entry of `parent` stays lit. */
export const DETAIL_PAGES: (Omit<ModuleEntry, 'icon'> & { parent: string })[] = [
  { path: '/residents/:id(\\d+)', name: 'resident', title: '居民详情', parent: '/residents', permission: 'register.view', component: () => import('./views/residents/DetailView.vue') },
  { path: '/households/:id(\\d+)', name: 'household', title: '住户详情', parent: '/households', permission: 'register.view', component: () => import('./views/households/DetailView.vue') },
  { path: '/grids/:id(\\d+)', name: 'grid', title: '网格详情', parent: '/grids', permission: 'register.view', component: () => import('./views/grids/DetailView.vue') },
  { path: '/monitoring/sheet', name: 'monitoring-sheet', title: '每日健康监测表', parent: '/monitoring', permission: 'returnees.view', component: () => import('./print/DailySheetPrint.vue') },
  { path: '/roster/print', name: 'roster-print', title: '打印排班表', parent: '/roster', permission: 'volunteers.view', component: () => import('./views/roster/PrintView.vue') },
  { path: '/disinfection/day-sheet', name: 'disinfection-day-sheet', title: '消杀日工作单', parent: '/disinfection', permission: 'supplies.view', component: () => import('./views/disinfection/DaySheetPrint.vue') }
]

/**
 * The sidebar's sections, so a clerk finds a module by what kind of work it is. A module not
 * listed here appears under 其他 until someone places it.
 */
export const MENU_GROUPS: { title: string; paths: string[] }[] = [
  { title: '日常工作', paths: ['/', '/gate', '/gate-day', '/returnees', '/monitoring', '/excel', '/volunteers', '/roster'] },
  { title: '人员台账', paths: ['/residents', '/households', '/grids'] },
  { title: '物资消杀', paths: ['/supplies', '/disinfection'] },
  { title: '系统管理', paths: ['/checkpoints', '/accounts', '/audit', '/recycle', '/settings'] }
]
