import { createRouter, createWebHashHistory } from 'vue-router'
import MainLayout from './layouts/MainLayout.vue'
import { MODULES } from './modules'

// Hash history: the same URLs work under app:// (Electron) and http:// (browser mode).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    {
      path: '/',
      component: MainLayout,
      children: MODULES.map((module) => ({
        path: module.path === '/' ? '' : module.path.slice(1),
        name: module.name,
        component: module.component,
        meta: { title: module.title }
      }))
    },
    { path: '/:pathMatch(.*)*', redirect: '/' }
  ]
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · 守望` : '守望 · 社区防控台账'
})
