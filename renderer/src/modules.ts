import { Document, House, Setting, User } from '@element-plus/icons-vue'
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
  { path: '/', name: 'home', title: '首页', icon: House, component: () => import('./views/home/HomeView.vue') },
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
