/** Vocabulary of the community register (网格 / 住户 / 居民): codes stored, zh-CN labels shown. */

export const PERSON_TYPES = ['registered', 'resident', 'floating', 'tenant', 'separated'] as const
export type PersonType = (typeof PERSON_TYPES)[number]
export const PERSON_TYPE_LABELS: Record<PersonType, string> = {
  registered: '户籍',
  resident: '常住',
  floating: '流动',
  tenant: '租户',
  separated: '人户分离'
}

export const KEY_GROUPS = ['alone_elderly', 'over80', 'chronic', 'maternal', 'disabled', 'hardship', 'left_behind', 'other'] as const
export type KeyGroup = (typeof KEY_GROUPS)[number]
export const KEY_GROUP_LABELS: Record<KeyGroup, string> = {
  alone_elderly: '独居老人',
  over80: '高龄',
  chronic: '慢性病',
  maternal: '孕产妇',
  disabled: '残疾',
  hardship: '低保/困难',
  left_behind: '留守儿童',
  other: '其他'
}

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'in_law', 'relative', 'other'] as const
export type Relation = (typeof RELATIONS)[number]
export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '（外）祖父母',
  grandchild: '（外）孙子女',
  sibling: '兄弟姐妹',
  in_law: '儿媳/女婿',
  relative: '其他亲属',
  other: '非亲属'
}

export const TENURES = ['owned', 'rented', 'other'] as const
export type Tenure = (typeof TENURES)[number]
export const TENURE_LABELS: Record<Tenure, string> = { owned: '自有住房', rented: '租住', other: '其他' }
