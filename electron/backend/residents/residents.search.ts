import type { ResidentRow } from '../../../shared/contract/residents'
import { compactCode, localIsoDate, normalizeText, splitIsoDate } from '../../../shared/domain'
import type { Page } from '../../../shared/schemas/register'
import type { ResidentsListArgs } from '../../../shared/schemas/residents'
import type { Session } from '../context'
import { mentionsCompound, scopeSql } from '../register/register.repo'
import type { Db } from '../register/register.repo'
import { pageOf } from '../register/register.rules'
import { findResidentPage } from './residents-query.repo'
import type { ResidentFilter, SearchHits } from './residents-query.repo'
import { toResidentRow } from './residents.view'

const reverse = (s: string) => Array.from(s).reverse().join('')

/**
 * Reads the one search box: digits are the tail of an ID or phone (4 or more; exactly 4
 * may also be a room number) or part of an address (fewer); Latin letters are pinyin, initials or full; anything else is the
 * start of a name or part of an address.
 */
export function classifySearch(raw: string | undefined): SearchHits | undefined {
  const text = normalizeText(raw)
  if (text === '') return undefined
  const code = compactCode(text).replace(/×/g, 'X')
  if (/^\d+X?$/.test(code)) {
    if (code.length >= 4 || code.endsWith('X')) {
      const phone = !code.endsWith('X')
      return { kind: 'digits', reversed: reverse(code), phone, contains: phone && code.length === 4 ? code : null }
    }
    return { kind: 'address', contains: code }
  }
  const letters = text.replace(/\s+/g, '').toLowerCase()
  if (/^[a-z]+$/.test(letters)) return { kind: 'pinyin', prefix: letters }
  const compact = text.replace(/\s+/g, '')
  return { kind: 'text', prefix: compact, contains: compact }
}

/** "Born on or before" for an age of at least n: text order of 'YYYY-MM-DD' is date order. */
export function birthBound(today: Date, years: number): string {
  const parts = splitIsoDate(localIsoDate(today))
  if (!parts) throw new Error('bad clock')
  return `${String(parts.y - years).padStart(4, '0')}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`
}

const ADDRESS_WORDS = /\d|栋|单元|号楼|室|幢/

/**
 * A name search scans no addresses unless the text could be one (a digit, 栋/单元, or a
 * compound's name): the address match is a scan of every household, the name an index range.
 */
export function searchFor(db: Db, raw: string | undefined): SearchHits | undefined {
  const hits = classifySearch(raw)
  if (hits?.kind !== 'text' || hits.contains === null) return hits
  return ADDRESS_WORDS.test(hits.contains) || mentionsCompound(db, hits.contains) ? hits : { ...hits, contains: null }
}

export function residentFilter(db: Db, args: Omit<ResidentsListArgs, 'page' | 'pageSize'>, session: Session, today: Date): ResidentFilter {
  return {
    hits: searchFor(db, args.q),
    gridId: args.gridId,
    householdId: args.householdId,
    compound: args.compound || undefined,
    building: args.building || undefined,
    personType: args.personType,
    keyGroup: args.keyGroup,
    bornOnOrBefore: args.ageMin !== undefined ? birthBound(today, args.ageMin) : undefined,
    bornAfter: args.ageMax !== undefined ? birthBound(today, args.ageMax + 1) : undefined,
    scope: scopeSql('r.grid_id', session.gridScope)
  }
}

export function listResidents(db: Db, session: Session, args: ResidentsListArgs, today: Date): Page<ResidentRow> {
  const { page, pageSize, offset } = pageOf(args)
  const { records, total } = findResidentPage(db, residentFilter(db, args, session, today), pageSize, offset)
  return { rows: records.map((r) => toResidentRow(r, today)), total, page, pageSize }
}
