/** Vocabulary of volunteers (志愿者): codes stored, zh-CN labels shown. */

export const VOLUNTEER_KINDS = ['resident', 'teacher', 'medical', 'cadre', 'social_worker', 'property', 'police'] as const
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number]
export const VOLUNTEER_KIND_LABELS: Record<VolunteerKind, string> = {
  resident: '居民志愿者',
  teacher: '教师',
  medical: '医务人员',
  cadre: '下沉干部',
  social_worker: '社工',
  property: '物业',
  police: '民警'
}
export const POLITICS = ['party', 'league', 'masses'] as const
export type Politics = (typeof POLITICS)[number]
export const POLITICS_LABELS: Record<Politics, string> = { party: '党员', league: '团员', masses: '群众' }
export const VOLUNTEER_STATUSES = ['active', 'paused', 'left'] as const
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number]
export const VOLUNTEER_STATUS_LABELS: Record<VolunteerStatus, string> = { active: '在岗', paused: '暂停', left: '退出' }
export const SKILL_SUGGESTIONS = ['医疗', '心理疏导', '教学辅导', '驾驶', '信息录入', '外语', '维修'] as const
