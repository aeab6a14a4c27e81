import { createRouter, createWebHashHistory } from 'vue-router'
import type { Permission } from '../../shared/contract'
import MainLayout from './layouts/MainLayout.vue'
import { DETAIL_PAGES, MODULES } from './modules'
import { messageOf } from './api'
import { useAuthStore } from './stores/auth'
import { onLan, usePairingStore } from './stores/pairing'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    permission?: Permission
  }
}

// Hash history: the same URLs work under app:// (Electron) and http:// (browser mode).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/setup', name: 'setup', component: () => import('./views/auth/SetupView.vue'), meta: { title: '首次设置' } },
    { path: '/login', name: 'login', component: () => import('./views/auth/LoginView.vue'), meta: { title: '登录' } },
    { path: '/recover', name: 'recover', component: () => import('./views/auth/RecoverView.vue'), meta: { title: '用恢复码重设密码' } },
    { path: '/password', name: 'password', component: () => import('./views/auth/SetPasswordView.vue'), meta: { title: '设置新密码' } },
    { path: '/unavailable', name: 'unavailable', component: () => import('./views/auth/UnavailableView.vue'), meta: { title: '无法连接' } },
    { path: '/pair', name: 'pair', component: () => import('./views/devices/PairView.vue'), meta: { title: '设备配对' } },
    {
      path: '/',
      component: MainLayout,
      children: [...MODULES, ...DETAIL_PAGES].map((module) => ({
        path: module.path === '/' ? '' : module.path.slice(1),
        name: module.name,
        component: module.component,
        meta: { title: module.title, permission: module.permission }
      }))
    },
    { path: '/:pathMatch(.*)*', redirect: '/' }
  ]
})

/** First start -> setup; no session -> login; a password to replace -> 设置新密码; a page the role may not use -> home. */
router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (to.name === 'unavailable') return true
  if (auth.dataGone) return { name: 'unavailable' }
  // A LAN device: nothing but 设备配对 until the office approves it.
  if (onLan) {
    const pairing = usePairingStore()
    try {
      if (!pairing.approved) await pairing.check()
    } catch (error) {
      // E.g. the office PC has restarted and nobody has logged in there yet: say so, and 重试 later.
      auth.startupError = messageOf(error)
      return { name: 'unavailable' }
    }
    if (!pairing.approved) return to.name === 'pair' ? true : { name: 'pair' }
  }
  if (to.name === 'pair') return { path: '/' }
  try {
    await auth.ensureReady()
  } catch {
    // No backend or a refused launch token: say so on a page of its own, never a blank screen.
    return { name: 'unavailable' }
  }
  if (auth.status?.setupRequired) return to.name === 'setup' ? true : { name: 'setup' }
  if (to.name === 'setup') return { path: '/' }
  if (!auth.loggedIn) {
    if (to.name === 'login' || to.name === 'recover') return true
    return { name: 'login', query: to.path === '/' ? {} : { redirect: to.fullPath } }
  }
  // A new or reset account sets its own password before anything else (the backend refuses the rest too).
  if (auth.mustChangePassword) return to.name === 'password' ? true : { name: 'password' }
  if (to.name === 'login' || to.name === 'recover' || to.name === 'password') return { path: '/' }
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    // The first page this role may use (the gate role lands on the gate screen, not a home page).
    const first = MODULES.find((module) => auth.can(module.permission))
    return first && first.path !== to.path ? { path: first.path } : false
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 守望` : '守望 · 社区防控台账'
})
