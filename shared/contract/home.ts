import { defineModule } from './types'

/** The home page: the office's overview. Its figures come from the domains it shows; it has no methods of its own. */
export type HomeApi = Record<never, never>

export const homeModule = defineModule<HomeApi>({
  name: 'home',
  methods: {},
  grants: { 'home.view': ['staff', 'grid_worker', 'readonly'] },
  pages: [{ path: '/', name: 'home', title: '首页', permission: 'home.view', group: 'daily' }]
})
