import type { FormItemRule } from 'element-plus'
import type { MethodArgs, ResidentDetail } from '../../../../shared/contract'
import { validateIdDocument } from '../../../../shared/domain'
import { sexLabel } from '../../../../shared/domain/person'
import type { IdDocType } from '../../../../shared/domain'
import { residentIssues, residentShape } from '../../../../shared/schemas/residents'
import type { KeyGroup, PersonType, Relation } from '../../../../shared/schemas/register'
import { rulesFromShape } from '../../forms/zod-rules'

export interface ResidentForm {
  name: string
  idType: IdDocType
  idNumber: string
  sex: 'M' | 'F' | null
  birthDate: string | null
  phone1: string
  phone2: string
  tags: KeyGroup[]
  personType: PersonType
  relation: Relation | null
  notes: string
}

export function emptyForm(): ResidentForm {
  return {
    name: '',
    idType: 'mainland',
    idNumber: '',
    sex: null,
    birthDate: null,
    phone1: '',
    phone2: '',
    tags: [],
    personType: 'registered',
    relation: null,
    notes: ''
  }
}

export function formOf(r: ResidentDetail): ResidentForm {
  // Numbers are masked in the detail, and the birth date shown as its year (it would complete the
  // masked ID); editing keeps the stored ones unless retyped (see FormDrawer's keepStored).
  return {
    ...emptyForm(),
    name: r.name,
    idType: r.idType,
    sex: r.sex,
    birthDate: null,
    tags: [...r.tags],
    personType: r.personType,
    relation: r.relation,
    notes: r.notes
  }
}

export function toArgs(form: ResidentForm): Omit<MethodArgs<'residents.create'>, 'householdId'> {
  return {
    name: form.name,
    idType: form.idType,
    idNumber: form.idNumber.trim(),
    sex: form.sex,
    birthDate: form.birthDate || null,
    phones: [form.phone1, form.phone2].map((p) => p.trim()).filter(Boolean),
    tags: form.tags,
    personType: form.personType,
    relation: form.relation,
    notes: form.notes
  }
}

/** What the ID number tells, shown under the field while typing. */
export function idHint(form: ResidentForm): string {
  if (form.idType !== 'mainland' || form.idNumber.trim().length < 15) return ''
  const doc = validateIdDocument('mainland', form.idNumber, new Date())
  if (!doc.ok || !doc.birthDate || !doc.sex) return ''
  const converted = doc.convertedFrom15 ? `，15位旧号已转为 ${doc.number}` : ''
  return `已识别：${sexLabel(doc.sex)}，出生于 ${doc.birthDate}${converted}`
}

/**
 * Where an argument path is shown. The phones are sent as a list of the filled boxes, so the
 * second box is phones.0 while the first is empty: decided from the form at the moment asked,
 * never once at setup (a 备用电话 typed before the 联系电话 was checked as the wrong phone).
 */
export function phonePath(form: ResidentForm, key: 'phone1' | 'phone2'): string {
  return key === 'phone2' && form.phone1.trim() ? 'phones.1' : 'phones.0'
}

const FIELDS = new Set(['name', 'idNumber', 'sex', 'birthDate', 'relation', 'notes'])

/** The form field that shows a backend issue's path, or null (then a message says it). */
export function fieldOfPath(form: ResidentForm, path: string): string | null {
  if (path === 'phones.1') return 'phone2'
  if (path === 'phones.0') return form.phone1.trim() ? 'phone1' : 'phone2'
  return FIELDS.has(path) ? path : null
}

/** The same rules as the backend (shared/schemas/residents), checked field by field on blur. */
export function residentRules(form: ResidentForm): Record<string, FormItemRule[]> {
  const issueRule = (path: () => string): FormItemRule[] => [
    {
      trigger: 'blur',
      validator: (_rule, _value, done: (error?: Error) => void) => {
        const at = path()
        const issue = residentIssues({ ...toArgs(form) }, new Date()).find((i) => i.path === at)
        done(issue ? new Error(issue.message) : undefined)
      }
    }
  ]
  return {
    ...rulesFromShape({ name: residentShape.name, notes: residentShape.notes }),
    idNumber: issueRule(() => 'idNumber'),
    sex: issueRule(() => 'sex'),
    birthDate: issueRule(() => 'birthDate'),
    phone1: issueRule(() => phonePath(form, 'phone1')),
    phone2: issueRule(() => phonePath(form, 'phone2'))
  }
}
