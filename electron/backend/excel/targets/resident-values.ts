import type { IdDocType, Sex } from '../../../../shared/domain'
import { normalizeText } from '../../../../shared/domain'
import type { KeyGroup, PersonType, Relation } from '../../../../shared/schemas/register'
import { KEY_GROUP_LABELS, PERSON_TYPE_LABELS, RELATION_LABELS } from '../../../../shared/schemas/register'

/** The words spreadsheets use for each stored code, besides the app's own labels. */
function lookup<T extends string>(labels: Record<T, string>, extra: Record<string, T>): (text: string) => T | null {
  const map = new Map<string, T>()
  const key = (text: string) => normalizeText(text).replace(/\s+/g, '')
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    map.set(key(label), code)
    for (const part of key(label).split(/[/()]/)) if (part.length >= 2) map.set(part, code)
  }
  for (const [word, code] of Object.entries(extra)) map.set(key(word), code)
  return (text) => map.get(key(text)) ?? null
}

export const sexOf = lookup<Sex>({ M: '男', F: '女' }, { 男性: 'M', 女性: 'F', M: 'M', F: 'F', m: 'M', f: 'F' })

export const relationOf = lookup<Relation>(RELATION_LABELS, {
  本人: 'head',
  户主本人: 'head',
  妻: 'spouse',
  妻子: 'spouse',
  夫: 'spouse',
  丈夫: 'spouse',
  夫妻: 'spouse',
  子: 'child',
  女: 'child',
  儿子: 'child',
  女儿: 'child',
  长子: 'child',
  长女: 'child',
  次子: 'child',
  次女: 'child',
  父亲: 'parent',
  母亲: 'parent',
  父: 'parent',
  母: 'parent',
  祖父: 'grandparent',
  祖母: 'grandparent',
  外祖父: 'grandparent',
  外祖母: 'grandparent',
  孙子: 'grandchild',
  孙女: 'grandchild',
  外孙: 'grandchild',
  外孙女: 'grandchild',
  兄: 'sibling',
  弟: 'sibling',
  姐: 'sibling',
  妹: 'sibling',
  哥哥: 'sibling',
  弟弟: 'sibling',
  姐姐: 'sibling',
  妹妹: 'sibling',
  儿媳: 'in_law',
  女婿: 'in_law',
  亲属: 'relative',
  租户: 'other',
  非亲属: 'other',
  其他: 'other'
})

export const personTypeOf = lookup<PersonType>(PERSON_TYPE_LABELS, {
  户籍人口: 'registered',
  常住人口: 'resident',
  流动人口: 'floating',
  外来人口: 'floating',
  暂住: 'floating',
  租住: 'tenant',
  租房: 'tenant'
})

const keyGroupOf = lookup<KeyGroup>(KEY_GROUP_LABELS, {
  高龄老人: 'over80',
  '80岁以上': 'over80',
  空巢老人: 'alone_elderly',
  独居: 'alone_elderly',
  慢病: 'chronic',
  孕妇: 'maternal',
  产妇: 'maternal',
  残疾人: 'disabled',
  低保: 'hardship',
  低保户: 'hardship',
  困难户: 'hardship',
  特困: 'hardship'
})

/** '独居老人、慢性病' -> tags; words that name no group come back as unknown. */
export function tagsOf(text: string): { tags: KeyGroup[]; unknown: string[] } {
  const tags: KeyGroup[] = []
  const unknown: string[] = []
  for (const word of normalizeText(text)
    .split(/[,，、;；/\s]+/)
    .filter(Boolean)) {
    if (word === '无' || word === '否') continue
    const tag = keyGroupOf(word)
    if (tag && !tags.includes(tag)) tags.push(tag)
    else if (!tag) unknown.push(word)
  }
  return { tags, unknown }
}

export function idTypeOf(text: string): IdDocType | null {
  const t = normalizeText(text).replace(/\s+/g, '')
  if (t === '') return null
  if (/身份证|居民身份/.test(t)) return 'mainland'
  if (/护照/.test(t)) return 'passport'
  if (/港|澳|台|回乡|通行证|居住证/.test(t)) return 'hkmo_tw'
  return 'other'
}
