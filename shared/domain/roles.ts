export const ROLES = ['admin', 'staff', 'grid_worker', 'gate', 'readonly'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  staff: '工作人员',
  grid_worker: '网格员',
  gate: '卡口值守',
  readonly: '只读'
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: '全部功能，包括账号、设置、回收站和操作日志',
  staff: '全部台账的查看、录入、导入和导出',
  grid_worker: '只能查看和录入自己网格的住户、居民、返程人员、健康监测、居民求助、商铺单位和入户告知',
  gate: '只能使用卡口登记、查看本卡口当天的排班和登记卡口遇到的居民求助',
  readonly: '只能查看和打印，不能修改，看不到完整号码'
}

/** Roles whose records are limited to the grids assigned to the account. */
export function isGridScoped(role: Role): boolean {
  return role === 'grid_worker'
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
