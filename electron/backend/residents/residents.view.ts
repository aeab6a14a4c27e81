import type { ResidentDetail, ResidentRow } from '../../../shared/contract/residents'
import { ageOn, localIsoDate, maskBirth, maskId, maskPhone } from '../../../shared/domain'
import { KEY_GROUPS } from '../../../shared/schemas/register'
import type { KeyGroup } from '../../../shared/schemas/register'
import type { ResidentRecord } from './residents.repo'

export function phonesOf(record: { phones: string }): string[] {
  const parsed: unknown = JSON.parse(record.phones)
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : []
}

function tagsOf(record: ResidentRecord): KeyGroup[] {
  const stored = new Set((record.tags ?? '').split(','))
  return KEY_GROUPS.filter((tag) => stored.has(tag))
}

/** What lists show: the ID and the first phone masked, never in full; the birth year, not the date. */
export function toResidentRow(record: ResidentRecord, today: Date): ResidentRow {
  const phones = phonesOf(record)
  const birth = maskBirth(record.birthDate, today)
  return {
    id: record.id,
    name: record.name,
    sex: record.sex,
    birthYear: birth.birthYear,
    age: birth.age,
    birthText: birth.text,
    idType: record.idType,
    idMasked: maskId(record.idNumber),
    phoneMasked: maskPhone(phones[0]),
    householdId: record.householdId,
    address: record.address ?? '',
    relation: record.relation,
    personType: record.personType,
    tags: tagsOf(record),
    gridId: record.gridId,
    gridName: record.gridName ?? ''
  }
}

export function toResidentDetail(record: ResidentRecord, today: Date): ResidentDetail {
  return {
    ...toResidentRow(record, today),
    phonesMasked: phonesOf(record).map((p) => maskPhone(p)),
    notes: record.notes,
    householderName: record.householderName ?? '',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt
  }
}

/** The audit log keeps who changed what, with numbers masked like every other display. */
export function auditView(record: ResidentRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    idType: record.idType,
    idMasked: maskId(record.idNumber),
    phones: phonesOf(record).map((p) => maskPhone(p)),
    personType: record.personType,
    relation: record.relation,
    householdId: record.householdId,
    tags: record.tags ?? ''
  }
}

/** What a reveal shows beside the full numbers: the birth date and the age in completed years. */
export function revealedBirth(birthDate: string | null, today: Date): { birthDate: string | null; age: number | null } {
  const age = birthDate ? ageOn(birthDate, localIsoDate(today)) : Number.NaN
  return { birthDate, age: Number.isNaN(age) ? null : age }
}

export function labelOf(record: { name: string; idNumber: string | null }): string {
  return record.idNumber ? `${record.name}（${maskId(record.idNumber)}）` : record.name
}
