import { House, Setting } from '@element-plus/icons-vue'
import type { Component } from 'vue'

export interface ModuleEntry {
  path: string
  name: string
  title: string
  icon: Component
  component: () => Promise<Component>
}

/** The sidebar grows one entry per domain, added when that module works end to end. */
export const MODULES: ModuleEntry[] = [
  { path: '/', name: 'home', title: '首页', icon: House, component: () => import('./views/home/HomeView.vue') },
  {
    path: '/settings',
    name: 'settings',
    title: '设置',
    icon: Setting,
    component: () => import('./views/settings/SettingsView.vue')
  }
]
