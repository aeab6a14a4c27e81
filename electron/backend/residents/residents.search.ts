import type { ResidentRow } from '../../../shared/contract/residents'
import { birthYearsForAges, compactCode, normalizeText, readDigitSearch } from '../../../shared/domain'
import type { DigitQuery, DigitReach } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Page } from '../../../shared/schemas/common'
import type { ResidentsListArgs } from '../../../shared/schemas/residents'
import type { Session } from '../context'
import { digitReach } from '../security/digit-search-guard'
import { mentionsCompound } from '../register/register.repo'
import { scopeSql } from '../kit/scope'
import type { Db } from '../kit/db'
import { pageOf } from '../kit/paging'
import { findResidentPage } from './residents-query.repo'
import type { ResidentFilter, SearchHits } from './residents-query.repo'
import { toResidentRow } from './residents.view'

const reverse = (s: string) => Array.from(s).reverse().join('')

/** A digit query the shared rule accepted, as index lookups on the reversed numbers. */
function digitHits(query: DigitQuery, reach: DigitReach): SearchHits {
  const masked = reach === 'masked'
  const tail = (digits: string) => ({ reversed: reverse(digits), exact: false, masked })
  switch (query.kind) {
    case 'tail4': {
      const plain = /^\d{4}$/.test(query.digits)
      // A room number ("1202") is typed the same way as the tail of a phone.
      return { kind: 'digits', id: tail(query.digits), phone: plain ? tail(query.digits) : null, contains: plain ? query.digits : null }
    }
    case 'idTail6':
      return { kind: 'digits', id: tail(query.digits), phone: null, contains: null }
    case 'wholeId':
      return { kind: 'digits', id: { reversed: reverse(query.id18), exact: true, masked }, phone: null, contains: null }
    case 'wholeMobile':
      return { kind: 'digits', id: null, phone: { reversed: reverse(query.phone), exact: true, masked }, contains: null }
  }
}

/**
 * Reads the one search box: digits are the tail or the whole of an ID or phone, in the shapes
 * shared/domain/digit-search.ts accepts for the caller (any other length is refused with a
 * message), or part of an address (1-3 digits); Latin letters are pinyin, initials or full;
 * anything else, digits mixed in included, is the start of a name or part of an address and
 * never touches a number.
 */
export function classifySearch(raw: string | undefined, reach: DigitReach): SearchHits | undefined {
  const text = normalizeText(raw)
  if (text === '') return undefined
  const code = compactCode(text).replace(/×/g, 'X')
  const digits = readDigitSearch(code, reach)
  if (digits && !digits.ok) throw new AppError('BAD_ARGS', digits.message, { issues: [{ path: 'q', message: digits.message }] })
  if (digits) return digitHits(digits.query, reach)
  if (/^\d+$/.test(code)) return { kind: 'address', contains: code }
  const letters = text.replace(/\s+/g, '').toLowerCase()
  if (/^[a-z]+$/.test(letters)) return { kind: 'pinyin', prefix: letters }
  const compact = text.replace(/\s+/g, '')
  return { kind: 'text', prefix: compact, contains: compact }
}

/**
 * Age filters count by birth year, as masked views show the age (shared/domain/mask.ts): a
 * filter in completed years would tell, on the day a boundary is crossed, whether the birthday
 * has passed, and so the month and day that masked views hide.
 */
export function birthYearBounds(today: Date, ageMin: number | undefined, ageMax: number | undefined): { bornOnOrBefore?: string; bornAfter?: string } {
  const years = birthYearsForAges(today, ageMin, ageMax)
  const endOf = (year: number) => `${String(Math.max(0, year)).padStart(4, '0')}-12-31`
  return {
    ...(years.to !== undefined ? { bornOnOrBefore: endOf(years.to) } : {}),
    ...(years.from !== undefined ? { bornAfter: endOf(years.from - 1) } : {})
  }
}

const ADDRESS_WORDS = /\d|栋|单元|号楼|室|幢/

/**
 * A name search scans no addresses unless the text could be one (a digit, 栋/单元, or a
 * compound's name): the address match is a scan of every household, the name an index range.
 */
export function searchFor(db: Db, raw: string | undefined, reach: DigitReach): SearchHits | undefined {
  const hits = classifySearch(raw, reach)
  if (hits?.kind !== 'text' || hits.contains === null) return hits
  return ADDRESS_WORDS.test(hits.contains) || mentionsCompound(db, hits.contains) ? hits : { ...hits, contains: null }
}

/** reach: whose digits the search box may test; the caller's own unless a look-up says otherwise (the gate's). */
export function residentFilter(
  db: Db,
  args: Omit<ResidentsListArgs, 'page' | 'pageSize'>,
  session: Session,
  today: Date,
  reach: DigitReach = digitReach(session)
): ResidentFilter {
  const born = birthYearBounds(today, args.ageMin, args.ageMax)
  return {
    hits: searchFor(db, args.q, reach),
    gridId: args.gridId,
    householdId: args.householdId,
    compound: args.compound || undefined,
    building: args.building || undefined,
    personType: args.personType,
    keyGroup: args.keyGroup,
    bornOnOrBefore: born.bornOnOrBefore,
    bornAfter: born.bornAfter,
    scope: scopeSql('r.grid_id', session.gridScope)
  }
}

export function listResidents(db: Db, session: Session, args: ResidentsListArgs, today: Date): Page<ResidentRow> {
  const { page, pageSize, offset } = pageOf(args)
  const { records, total } = findResidentPage(db, residentFilter(db, args, session, today), pageSize, offset)
  return { rows: records.map((r) => toResidentRow(r, today)), total, page, pageSize }
}
