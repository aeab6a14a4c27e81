import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import type { Method, MethodArgs } from '../../../shared/contract'
import { computeCheckChar, ymdToIso } from '../../../shared/domain'
import type { Caller } from '../support/roles'

/**
 * The twins of the masked-view attacks: a target and people who share everything an attacker could
 * see and differ only in the hidden digits (see masked-views.attack.test.ts for the method).
 */
export const REGION = '110101'
const SEQ = '234'
export const NAME = '张丽'
export const idOf = (yyyymmdd: string) => `${REGION}${yyyymmdd}${SEQ}${computeCheckChar(`${REGION}${yyyymmdd}${SEQ}`)}`
export const TARGET = { date: '19750505', phone: '13812345678' }

/** Other 1975 birth dates giving the same check digit, chosen so each of M, M, D, D differs from the target's in some twin. */
function twinDates(): string[] {
  const check = idOf(TARGET.date).slice(-1)
  const same: string[] = []
  for (let day = new Date(Date.UTC(1975, 0, 1)); day.getUTCFullYear() === 1975; day = new Date(day.getTime() + 86_400_000)) {
    const d = ymdToIso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()).replaceAll('-', '')
    if (d !== TARGET.date && idOf(d).slice(-1) === check) same.push(d)
  }
  const chosen: string[] = []
  for (let pos = 4; pos < 8; pos++) {
    if (chosen.some((d) => d[pos] !== TARGET.date[pos])) continue
    const pick = same.find((d) => d[pos] !== TARGET.date[pos] && !chosen.includes(d))
    if (pick) chosen.push(pick)
  }
  return chosen
}
export const TWINS = twinDates().map((date, i) => ({ date, phone: `138${['0000', '9999', '5050', '7070'][i]}5678` }))
export const PEOPLE = [TARGET, ...TWINS]

/** Positions (0-based) where the values are not all the same. */
export function unknownPositions(values: string[]): number[] {
  const first = values[0] ?? ''
  return [...first].flatMap((_, i) => (values.some((v) => v[i] !== first[i]) ? [i] : []))
}

/** A view with record ids removed (the attacker knows which record is the target; ids say nothing about digits). */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds)
  if (value instanceof Date) return value.toISOString()
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/^id$|Ids?$/.test(k))
        .map(([k, v]) => [k, withoutIds(v)])
    )
  }
  return value
}

/** The rows of a workbook or CSV that are about one of the people (named NAME), without the 序号 column. */
export async function fileRows(bytes: Uint8Array, fileName: string): Promise<string[]> {
  if (fileName.endsWith('.csv')) {
    return new TextDecoder()
      .decode(bytes)
      .split('\r\n')
      .filter((line) => line.startsWith(`${NAME},`))
  }
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const rows: string[] = []
  for (const ws of book.worksheets) {
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1)
      const named = values.indexOf(NAME)
      if (named < 0) return
      // A template's 序号 (1, 2, 3 ...) sits before the name: it counts rows, not people's digits.
      rows.push(JSON.stringify(withoutIds(values.filter((_, i) => !(i < named && typeof values[i] === 'number')))))
    })
  }
  return rows
}

/** Asserts the target and every twin look the same in these views (one view of each person). */
export function expectIndistinguishable(label: string, perPerson: unknown[]): void {
  expect(perPerson, label).toHaveLength(PEOPLE.length)
  const shown = perPerson.map((v) => JSON.stringify(withoutIds(v)))
  expect(new Set(shown).size, `${label}: the target differs from a twin in ${shown[0]}`).toBe(1)
}

export async function perPerson<M extends Method>(caller: Caller, method: M, argsOf: (i: number) => MethodArgs<M>): Promise<unknown[]> {
  const out: unknown[] = []
  for (let i = 0; i < PEOPLE.length; i++) out.push(await caller.ok(method, argsOf(i)))
  return out
}
