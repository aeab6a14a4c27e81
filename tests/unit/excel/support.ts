import ExcelJS from 'exceljs'
import { createSessionResolver } from '../../../electron/backend/auth/auth.service'
import { SessionManager } from '../../../electron/backend/auth/sessions'
import { LoginGuard } from '../../../electron/backend/auth/login-guard'
import { SecurityLog } from '../../../electron/backend/security/security-log'
import type { Backend } from '../../../electron/backend/backend'
import { LOCAL_SESSION } from '../../../electron/backend/context'
import { createDispatch } from '../../../electron/backend/dispatch'
import { handlers } from '../../../electron/backend/handlers'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import excelSql from '../../../electron/backend/store/migrations/0006_excel.sql?raw'
import { Store } from '../../../electron/backend/store/store'
import type { BackendEvent, Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'

/**
 * testBackend() with the excel tables even before migration 0006 is in the shared list
 * (it is appended there once 0004-0005 have landed; test databases are throwaway).
 */
export async function excelBackend(): Promise<TestBackend & { events: BackendEvent[] }> {
  const dir = tempDir()
  const clock = fixedClock()
  const migrations = MIGRATIONS.some((m) => m.name === 'excel') ? MIGRATIONS : [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'excel', sql: excelSql }]
  const store = await Store.open({ dir, migrations, now: clock.now, idleSnapshotMs: 0 })
  const events: BackendEvent[] = []
  const sessions = new SessionManager()
  const security = new SecurityLog(store, clock.now)
  const guard = new LoginGuard({ now: () => clock.now().getTime(), sleep: clock.sleep })
  const { dispatch, drain } = createDispatch({
    store,
    handlers,
    now: clock.now,
    appVersion: '9.9.9',
    emit: (e) => events.push(e),
    sessions,
    security,
    guard,
    resolveSession: createSessionResolver(store, sessions, clock.now)
  })
  const backend: Backend = {
    store,
    sessions,
    security,
    guard,
    call: (method, args, session = LOCAL_SESSION) => dispatch(method, args, { session }),
    callAs: (token, method, args) => dispatch(method, args, { token }),
    onEvent: () => () => undefined,
    close: async () => {
      await drain()
      security.close()
      store.close()
    }
  }
  return {
    ...backend,
    dir,
    clock,
    events,
    async ok<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      const envelope = (await backend.call(method, args)) as Envelope<MethodResult<M>>
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.data
    },
    count(table: string) {
      return Number(store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n)
    }
  }
}

export interface SheetSpec {
  name: string
  rows: unknown[][]
  merges?: string[]
  hidden?: boolean
  /** Column letters whose cells are text ('@'). */
  textColumns?: string[]
}

/** Builds a workbook in code, the way clerks' files look. */
export async function workbook(...sheets: SheetSpec[]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook()
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {})
    s.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== undefined && value !== null) ws.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue
      })
    })
    for (const m of s.merges ?? []) ws.mergeCells(m)
  }
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

export async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return wb
}
