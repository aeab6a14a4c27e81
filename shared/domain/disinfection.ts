/** Vocabulary of disinfection (消杀): codes stored, zh-CN labels shown. */

export const PLACE_KINDS = ['corridor', 'elevator', 'fitness', 'garbage', 'rental', 'shop', 'toilet', 'other'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  corridor: '楼道',
  elevator: '电梯',
  fitness: '健身器材',
  garbage: '垃圾站',
  rental: '出租屋',
  shop: '沿街商铺',
  toilet: '公厕',
  other: '其他'
}

export const SCHEDULES = ['per_day', 'every_days'] as const
export type Schedule = (typeof SCHEDULES)[number]

export const DISINFECT_METHODS = ['spray', 'wipe', 'fumigate'] as const
export type DisinfectMethod = (typeof DISINFECT_METHODS)[number]
export const DISINFECT_METHOD_LABELS: Record<DisinfectMethod, string> = { spray: '喷洒', wipe: '擦拭', fumigate: '熏蒸' }
