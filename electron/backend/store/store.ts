import fs from 'node:fs'
import path from 'node:path'
import type { Database, SqlJsStatic, Statement as SqlStatement } from 'sql.js'
import { AppError } from '../../../shared/errors'
import { Journal } from './journal'
import type { JournalRecord, SqlValue, Statement } from './journal'
import { acquireLock } from './lock'
import { migrate, schemaVersion } from './migrate'
import type { Migration } from './migrate'
import { assertWholeImage, readSnapshot, writeFileAtomically, writeSnapshotAtomically } from './snapshot'
import type { DataKey } from './cipher'
import { PRIVATE_DIR, keepPrivate } from './private-files'
import { sealKeptCopies } from './seal-in-place'
import { loadSqlJs } from './sql-engine'
import { registerSqlFunctions } from './sql-functions'

export type { SqlValue } from './journal'
export type Row = Record<string, SqlValue>

export const DATABASE_FILE = 'shouwang.db'
export const JOURNAL_FILE = 'shouwang.journal'
export const LOCK_FILE = 'shouwang.lock'
/** A transaction with more statements than this is journaled in parts as it runs. */
const STATEMENTS_PER_PART = 2000

export interface StoreOptions {
  dir: string
  migrations: readonly Migration[]
  now?: () => Date
  /** Snapshot when the journal passes either limit. */
  journalMaxRecords?: number
  journalMaxBytes?: number
  /** Snapshot after this long without a write (0 disables the timer). */
  idleSnapshotMs?: number
  /**
   * Open a damaged journal by skipping the damaged stretch and keeping every later intact record
   * (the clerk chose it after STORE_JOURNAL_DAMAGED). The original is kept beside it.
   */
  salvageJournal?: boolean
  /**
   * A file outside the data folder that remembers a database lived in it (the hosts pass one):
   * a folder found empty where the marker says data lived is refused (STORE_MISSING) unless
   * startFresh says the clerk chose to set up again.
   */
  markerFile?: string | null
  startFresh?: boolean
  /**
   * The data key (issue 20): the snapshot and every journal record are sealed with it. A folder
   * written before encryption is sealed in place at this open (see sealInPlace).
   */
  dataKey?: DataKey | null
  /**
   * The folder's lock, already taken by the caller (a locked start holds it until a login opens the
   * store): its release. A failed open leaves it held by the caller.
   */
  heldLock?: (() => void) | null
}

/** Why a snapshot was written: ordinary saving, or the whole data replaced (a restore). */
export type SnapshotReason = 'saved' | 'replaced'

/** What the open had to do that someone must be told about (written to the audit log by the backend). */
export interface StoreOpenNotice {
  kind: 'journal-salvaged'
  damagedBytes: number
  /** Transactions lost with the damage, and later ones that could not be applied without them. */
  lostSeqs: number[]
  skippedSeqs: number[]
  keptAs: string
}

/** Statements a transaction may run; every write is recorded for the journal. */
export interface Tx {
  /** lastInsertRowid is set for INSERT / REPLACE statements, 0 for others. */
  run(sql: string, params?: SqlValue[]): { changes: number; lastInsertRowid: number }
  all<T = Row>(sql: string, params?: SqlValue[]): T[]
  get<T = Row>(sql: string, params?: SqlValue[]): T | undefined
}

const INSERT = /^\s*(INSERT|REPLACE)\b/i

/**
 * sql.js keeps the database file in an emscripten in-memory file that grows by 1/8 at a time,
 * copying the whole file at each step: a 40 MB import paid about 1.5 s of copies at COMMIT.
 * The image is opened with zeroed room behind it instead. SQLite takes the page count from the
 * file's header, so the room is not part of the database (export() copies the header's pages
 * only) and new pages are written into it without growing the file. sql.js copies the array it
 * is given, so the room costs its size in memory and copy time: a little at open, more on
 * request before a bulk write (Store.reserve).
 */
function withHeadroom(image: Uint8Array, room: number): Uint8Array {
  const file = new Uint8Array(image.length + room)
  file.set(image)
  return file
}
const ROOM_AT_OPEN_MIN_BYTES = 4 * 1024 * 1024
const roomAtOpen = (length: number) => Math.max(ROOM_AT_OPEN_MIN_BYTES, Math.ceil(length / 8))

/** Settings of a connection (not stored in the file): applied at open and after a reopen. */
function configure(db: Database): void {
  db.exec('PRAGMA foreign_keys = ON')
  // The database lives in memory (durability is the journal's job): SQLite's rollback journal
  // and page cache need not go through the emscripten file layer, which costs seconds on bulk writes.
  db.exec('PRAGMA journal_mode = MEMORY')
  db.exec('PRAGMA temp_store = MEMORY')
  db.exec('PRAGMA cache_size = -65536')
  registerSqlFunctions(db)
}

/** A database file with one page, so a new data folder opens with headroom like an old one. */
function emptyImage(SQL: SqlJsStatic): Uint8Array {
  const db = new SQL.Database()
  try {
    db.exec('PRAGMA user_version = 0') // writes page 1: the file is a database from now on
    return db.export()
  } finally {
    db.close()
  }
}

// Reads are not journaled, so a write must never slip through the read path.
const READ_ONLY = /^\s*(SELECT|WITH)\b/i
const WRITE_WORD = /\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i
function assertReadOnly(sql: string): void {
  if (!READ_ONLY.test(sql) || (/^\s*WITH\b/i.test(sql) && WRITE_WORD.test(sql))) {
    throw new Error(`read query expected, got: ${sql.slice(0, 60)}`)
  }
}

/**
 * The database: sql.js in memory, made durable by a snapshot file plus an append-only
 * journal. Writes happen only inside transaction(); each committed transaction appends
 * one journal record and fdatasyncs before returning. Statements must be deterministic
 * (times and ids come in as parameters) because opening replays them.
 */
type StoreSettings = Required<Pick<StoreOptions, 'dir' | 'now' | 'journalMaxRecords' | 'journalMaxBytes' | 'idleSnapshotMs' | 'dataKey'>>

export class Store {
  readonly databaseFile: string
  readonly journalFile: string
  private readonly statements = new Map<string, SqlStatement>()
  private inTransaction = false
  private lastSeq: number
  private idleTimer: NodeJS.Timeout | null = null
  private closed = false
  /** Set when the data folder vanished under us: every later call answers with it. */
  private failure: AppError | null = null

  private constructor(
    private readonly engine: SqlJsStatic,
    private db: Database,
    /** Length of the in-memory file the database was opened in: its pages plus the room behind them. */
    private fileBytes: number,
    private readonly journal: Journal,
    private readonly releaseLock: () => void,
    private readonly options: StoreSettings,
    lastSeq: number,
    private imageCrc: number | null,
    /** Set when the open salvaged a damaged journal. */
    readonly openNotice: StoreOpenNotice | null
  ) {
    this.databaseFile = path.join(options.dir, DATABASE_FILE)
    this.journalFile = journal.path
    this.lastSeq = lastSeq
  }

  static async open(options: StoreOptions): Promise<Store> {
    const settings: StoreSettings = {
      dir: options.dir,
      now: options.now ?? (() => new Date()),
      journalMaxRecords: options.journalMaxRecords ?? 5000,
      journalMaxBytes: options.journalMaxBytes ?? 32 * 1024 * 1024,
      idleSnapshotMs: options.idleSnapshotMs ?? 30_000,
      dataKey: options.dataKey ?? null
    }
    const databaseFile = path.join(settings.dir, DATABASE_FILE)
    const journalFile = path.join(settings.dir, JOURNAL_FILE)
    if (options.markerFile && !options.startFresh) assertNotVanished(options.markerFile, settings.dir, [databaseFile, journalFile])
    fs.mkdirSync(settings.dir, { recursive: true, mode: PRIVATE_DIR })
    keepPrivate(settings.dir)
    const release = options.heldLock ?? (await acquireLock(path.join(settings.dir, LOCK_FILE), settings.now()))
    try {
      const SQL = await loadSqlJs()
      const snapshot = readSnapshot(databaseFile, settings.dataKey, roomAtOpen)
      const image = snapshot?.image ?? null
      const opened = image ?? emptyImage(SQL)
      const db = new SQL.Database(snapshot?.withRoom ?? withHeadroom(opened, roomAtOpen(opened.length)))
      configure(db)
      db.exec(`CREATE TABLE IF NOT EXISTS _store_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq INTEGER NOT NULL
      )`)
      db.exec('INSERT OR IGNORE INTO _store_state (id, last_seq) VALUES (1, 0)')
      const snapshotSeq = Number(db.exec('SELECT last_seq FROM _store_state')[0]?.values[0]?.[0] ?? 0)

      let opening: ReturnType<typeof Journal.open>
      try {
        opening = Journal.open(journalFile, { salvage: options.salvageJournal === true, key: settings.dataKey })
      } catch (error) {
        db.close()
        throw error
      }
      const { journal, records, salvaged, plainUpTo } = opening
      try {
        // Plain records belong only to a folder not sealed yet, or to the moment between sealing its
        // snapshot and emptying its journal (then the snapshot already holds them). Anywhere else
        // they would be records nobody with the key wrote.
        if (settings.dataKey && plainUpTo > 0 && snapshot && !snapshot.plain && plainUpTo > snapshotSeq) {
          throw new AppError(
            'STORE_JOURNAL_DAMAGED',
            `操作日志 ${journalFile} 中有未加密的记录出现在加密之后，可能被人改动过。程序已停止，没有改动任何文件。请从备份恢复。`,
            {
              file: journalFile
            }
          )
        }
        if (!image && records.length > 0) {
          throw new AppError(
            'STORE_CORRUPT',
            `找不到数据文件 ${DATABASE_FILE}，但操作日志中还有 ${records.length} 条记录。为避免丢失数据，程序已停止。请从备份恢复 ${DATABASE_FILE}。`,
            { file: databaseFile }
          )
        }
        const replayed = replay(db, records, snapshotSeq, journalFile, salvaged !== null)
        const applied = migrate(db, options.migrations, settings.now())
        const notice: StoreOpenNotice | null = salvaged && {
          kind: 'journal-salvaged',
          damagedBytes: salvaged.damage.reduce((sum, d) => sum + d.bytes, 0),
          lostSeqs: salvaged.damage.flatMap((d) => (d.lostSeq === null ? [] : [d.lostSeq])),
          skippedSeqs: replayed.skipped,
          keptAs: salvaged.keptAs
        }
        const store = new Store(SQL, db, opened.length + roomAtOpen(opened.length), journal, release, settings, replayed.lastSeq, snapshot?.crc ?? null, notice)
        // A salvaged journal still holds the damaged stretch: the snapshot empties it.
        // Sealing in place: the sealed snapshot replaces the plain one in one rename, then the plain
        // journal is emptied; a crash between the two leaves plain records the snapshot already holds.
        const sealInPlace = settings.dataKey !== null && ((snapshot?.plain ?? false) || plainUpTo > 0)
        if (applied > 0 || !image || salvaged || sealInPlace) store.snapshot()
        if (sealInPlace) sealKeptCopies(settings.dir, settings.dataKey as DataKey)
        if (options.markerFile) writeMarker(options.markerFile, settings.dir, settings.now())
        return store
      } catch (error) {
        journal.close()
        db.close()
        throw error
      }
    } catch (error) {
      if (!options.heldLock) release()
      throw error
    }
  }

  /** Goes up with every committed write: equal numbers mean the data is as it was. */
  get version(): number {
    return this.lastSeq
  }

  /** Read-only query outside a transaction. */
  all<T = Row>(sql: string, params: SqlValue[] = []): T[] {
    this.assertOpen()
    return this.query<T>(sql, params)
  }

  get<T = Row>(sql: string, params: SqlValue[] = []): T | undefined {
    return this.all<T>(sql, params)[0]
  }

  /**
   * Runs fn atomically: either every statement it ran is committed and journaled (and
   * on disk when this returns), or none is. fn must be synchronous.
   */
  transaction<T>(fn: (tx: Tx) => T): T {
    this.assertOpen()
    if (this.inTransaction) throw new Error('transactions do not nest')
    let recorded: Statement[] = []
    let parts = 0
    const seq = this.lastSeq + 1
    const tx: Tx = {
      run: (sql, params = []) => {
        this.execute(sql, params)
        // Asking SQLite for the new rowid costs a statement; only inserts have one worth asking for.
        const result = { changes: this.db.getRowsModified(), lastInsertRowid: INSERT.test(sql) ? this.lastInsertRowid() : 0 }
        recorded.push(result.lastInsertRowid > 0 && result.changes === 1 ? [sql, params, result.lastInsertRowid] : [sql, params])
        if (recorded.length >= STATEMENTS_PER_PART) {
          this.appendPartOrFail({ seq, stmts: recorded })
          recorded = []
          parts += 1
        }
        return result
      },
      all: <R = Row>(sql: string, params: SqlValue[] = []) => this.query<R>(sql, params),
      get: <R = Row>(sql: string, params: SqlValue[] = []) => this.query<R>(sql, params)[0]
    }
    this.inTransaction = true
    this.db.exec('BEGIN')
    try {
      const result = fn(tx)
      if (recorded.length > 0 || parts > 0) {
        const seqStatement: Statement = ['UPDATE _store_state SET last_seq = ? WHERE id = 1', [seq]]
        this.execute(seqStatement[0], seqStatement[1])
        recorded.push(seqStatement)
        this.appendOrFail({ seq, stmts: recorded })
        this.lastSeq = seq
      }
      this.db.exec('COMMIT')
      if (this.lastSeq === seq) this.afterCommit()
      return result
    } catch (error) {
      this.db.exec('ROLLBACK')
      if (parts > 0) this.journal.discardParts()
      throw error
    } finally {
      this.inTransaction = false
    }
  }

  /**
   * Before a bulk write of about `bytes`: when the room behind the database is short by more than
   * a quarter of the database, reopens the image with enough room. Growing instead would copy the
   * whole file at every 1/8 step, about eight times the added size; a reopen copies it twice.
   */
  reserve(bytes: number): void {
    this.assertOpen()
    if (this.inTransaction) throw new Error('reserve before the transaction, not inside it')
    const used = this.databaseBytes()
    if (bytes - (this.fileBytes - used) <= used / 4) return
    const image = this.db.export()
    const room = Math.max(bytes, roomAtOpen(image.length))
    const db = new this.engine.Database(withHeadroom(image, room))
    configure(db)
    for (const statement of this.statements.values()) statement.free()
    this.statements.clear()
    this.db.close()
    this.db = db
    this.fileBytes = image.length + room
  }

  /**
   * For a purge (数据保留): runs fn with SQLite's secure_delete on, so the pages the deletes free
   * are zeroed instead of keeping the deleted values. A connection setting, never journaled.
   */
  withSecureDelete<T>(fn: () => T): T {
    this.assertOpen()
    this.db.exec('PRAGMA secure_delete = ON')
    try {
      return fn()
    } finally {
      this.db.exec('PRAGMA secure_delete = OFF')
    }
  }

  /**
   * After a purge: VACUUM rebuilds the file without free pages or the old copies of rows, the
   * image is reopened with room behind it (as reserve does), and a snapshot replaces the file and
   * empties the journal, whose earlier records still held the deleted values. VACUUM changes no
   * record, so a crash before the snapshot replays the journal onto the old file: same data.
   */
  compact(): void {
    this.assertOpen()
    if (this.inTransaction) throw new Error('cannot compact inside a transaction')
    this.db.exec('VACUUM')
    const image = this.db.export()
    const db = new this.engine.Database(withHeadroom(image, roomAtOpen(image.length)))
    configure(db)
    for (const statement of this.statements.values()) statement.free()
    this.statements.clear()
    this.db.close()
    this.db = db
    this.fileBytes = image.length + roomAtOpen(image.length)
    this.snapshot()
  }

  /**
   * Encrypts an open plain store in place: the snapshot is written sealed (one rename), then the
   * plain journal is emptied and every later record is sealed; copies kept aside are sealed too. A
   * crash between the two leaves plain records the sealed snapshot already holds (Store.open
   * accepts exactly those). The key file holding this key must be durable before this is called.
   */
  sealWith(key: DataKey): void {
    this.assertOpen()
    if (this.inTransaction) throw new Error('cannot seal inside a transaction')
    if (this.options.dataKey) throw new Error('the store is already sealed')
    this.options.dataKey = key
    this.journal.useKey(key)
    this.snapshot()
    sealKeptCopies(this.options.dir, key)
  }

  /**
   * Export the database, write it atomically, then empty the journal; then tell who listens
   * ('replaced': the data was replaced on purpose, by a restore).
   */
  snapshot(reason: SnapshotReason = 'saved'): void {
    this.assertOpen()
    if (this.inTransaction) throw new Error('cannot snapshot inside a transaction')
    this.clearIdleTimer()
    this.guardFolder(() => this.journal.assertInPlace())
    this.imageCrc = writeSnapshotAtomically(this.databaseFile, this.db.export(), this.imageCrc, this.options.dataKey)
    this.journal.reset()
    for (const listener of this.snapshotListeners) {
      try {
        listener(reason)
      } catch (error) {
        // The snapshot is written; a listener's failure (the audit anchor on a full disk) is retried at the next one.
        console.error('[store] after-snapshot listener failed:', error)
      }
    }
  }

  private readonly snapshotListeners = new Set<(reason: SnapshotReason) => void>()

  /** Runs fn after every snapshot is written (the audit anchor follows the saved data). */
  onSnapshot(fn: (reason: SnapshotReason) => void): () => void {
    this.snapshotListeners.add(fn)
    return () => this.snapshotListeners.delete(fn)
  }

  /** The data folder. */
  get dataDir(): string {
    return this.options.dir
  }

  /**
   * The database as it is now, between two transactions: a consistent point for a backup, taken
   * without stopping work (the worker is single-threaded, so no write is half-done while this runs).
   */
  exportImage(): Uint8Array {
    this.assertOpen()
    if (this.inTransaction) throw new Error('cannot export inside a transaction')
    return this.db.export()
  }

  /**
   * Replaces every record with a backup's image (a restore): the image is migrated if older, made
   * the snapshot (atomically) and the journal emptied. Its sequence number is raised to ours first,
   * so a crash before the journal is emptied never replays today's records onto the restored data.
   */
  replaceWith(image: Uint8Array, migrations: readonly Migration[]): void {
    this.assertOpen()
    if (this.inTransaction) throw new Error('cannot restore inside a transaction')
    assertWholeImage(image, 'backup')
    const db = new this.engine.Database(withHeadroom(image, roomAtOpen(image.length)))
    try {
      configure(db)
      db.exec('CREATE TABLE IF NOT EXISTS _store_state (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)')
      db.exec('INSERT OR IGNORE INTO _store_state (id, last_seq) VALUES (1, 0)')
      db.run('UPDATE _store_state SET last_seq = ? WHERE id = 1', [this.lastSeq])
      migrate(db, migrations, this.options.now())
    } catch (error) {
      db.close()
      throw error
    }
    for (const statement of this.statements.values()) statement.free()
    this.statements.clear()
    this.db.close()
    this.db = db
    this.fileBytes = image.length + roomAtOpen(image.length)
    this.snapshot('replaced')
  }

  /** Rows per user table, for a backup's header and the restore dialog. */
  tableCounts(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const name of this.tableNames()) {
      if (name === 'schema_migrations') continue
      counts[name] = Number(this.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`)[0]?.n ?? 0)
    }
    return counts
  }

  info() {
    const stat = fs.existsSync(this.databaseFile) ? fs.statSync(this.databaseFile) : null
    return {
      dataDir: this.options.dir,
      databaseFile: this.databaseFile,
      databaseBytes: stat?.size ?? 0,
      lastSnapshotAt: stat ? stat.mtime.toISOString() : null,
      journalFile: this.journalFile,
      journalRecords: this.journal.size.records,
      journalBytes: this.journal.size.bytes,
      schemaVersion: schemaVersion(this.db)
    }
  }

  /** Names of the user tables (store bookkeeping excluded). */
  tableNames(): string[] {
    return this.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
    ).map((row) => row.name)
  }

  close(options: { snapshot?: boolean } = {}): void {
    if (this.closed) return
    this.clearIdleTimer()
    try {
      if ((options.snapshot ?? true) && this.journal.size.records > 0 && !this.failure) this.snapshot()
    } finally {
      this.closed = true
      for (const statement of this.statements.values()) statement.free()
      this.statements.clear()
      this.journal.close()
      this.db.close()
      this.releaseLock()
    }
  }

  private appendPartOrFail(record: JournalRecord): void {
    this.guardFolder(() => this.journal.appendPart(record))
  }

  private appendOrFail(record: JournalRecord): void {
    this.guardFolder(() => this.journal.append(record))
  }

  /** Runs a write to the folder; a vanished folder stops the store for good (until restart). */
  private guardFolder(write: () => void): void {
    try {
      write()
    } catch (error) {
      const failure = writeFailure(error)
      if (failure.code === 'STORE_FOLDER_GONE') this.failure = failure
      throw failure
    }
  }

  private afterCommit(): void {
    const { records, bytes } = this.journal.size
    if (records >= this.options.journalMaxRecords || bytes >= this.options.journalMaxBytes) {
      // After the caller has its answer: the snapshot costs a full export.
      setImmediate(() => this.snapshotQuietly())
      return
    }
    if (this.options.idleSnapshotMs > 0) {
      this.clearIdleTimer()
      this.idleTimer = setTimeout(() => this.snapshotQuietly(), this.options.idleSnapshotMs)
      this.idleTimer.unref()
    }
  }

  private snapshotQuietly(): void {
    if (this.closed || this.inTransaction || this.journal.size.records === 0) return
    try {
      this.snapshot()
    } catch (error) {
      // The journal still holds every record, so nothing is lost; try again next time.
      console.error('[store] snapshot failed:', error)
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private prepared(sql: string): SqlStatement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  private execute(sql: string, params: SqlValue[]): void {
    const statement = this.prepared(sql)
    try {
      statement.bind(params)
      while (statement.step()) {
        /* writes with RETURNING still finish here */
      }
    } finally {
      statement.reset()
    }
  }

  private query<T>(sql: string, params: SqlValue[] = []): T[] {
    assertReadOnly(sql)
    const statement = this.prepared(sql)
    const rows: T[] = []
    try {
      statement.bind(params)
      // getAsObject() asks SQLite for every column's name on every row; once per query is enough.
      let names: string[] | null = null
      while (statement.step()) {
        names ??= statement.getColumnNames()
        const values = statement.get()
        const row: Record<string, unknown> = {}
        for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i]
        rows.push(row as T)
      }
    } finally {
      statement.reset()
    }
    return rows
  }

  private databaseBytes(): number {
    const [count, size] = this.db.exec('PRAGMA page_count; PRAGMA page_size').map((result) => Number(result.values[0]?.[0] ?? 0))
    return (count ?? 0) * (size ?? 0)
  }

  private lastInsertRowid(): number {
    const statement = this.prepared('SELECT last_insert_rowid()')
    try {
      statement.step()
      return Number(statement.get()[0])
    } finally {
      statement.reset()
    }
  }

  private assertOpen(): void {
    if (this.failure) throw this.failure
    if (this.closed) throw new AppError('BACKEND_UNAVAILABLE', '数据库已关闭。')
  }
}

function writeFailure(error: unknown): AppError {
  if (error instanceof AppError) return error // the folder vanished: its own message
  return new AppError('STORE_WRITE_FAILED', '无法写入数据文件（磁盘已满或没有写入权限），本次操作没有保存。', { cause: String(error) })
}

/**
 * Re-applies journal records newer than the snapshot; a gap or a failing record refuses the open.
 * When salvaging, a gap is the damage the clerk chose to skip, and a record that fails without
 * the lost one is skipped too (and reported).
 */
function replay(db: Database, records: JournalRecord[], snapshotSeq: number, file: string, salvage: boolean): { lastSeq: number; skipped: number[] } {
  // The same few statements repeat thousands of times: prepare each once.
  const prepared = new Map<string, SqlStatement>()
  try {
    return replayRecords(db, records, snapshotSeq, file, prepared, salvage)
  } finally {
    for (const statement of prepared.values()) statement.free()
  }
}

function replayRecords(
  db: Database,
  records: JournalRecord[],
  snapshotSeq: number,
  file: string,
  prepared: Map<string, SqlStatement>,
  salvage: boolean
): { lastSeq: number; skipped: number[] } {
  let lastSeq = snapshotSeq
  const skipped: number[] = []
  for (const record of records) {
    if (record.seq <= lastSeq) continue // already in the snapshot (crash between rename and truncate)
    if (record.seq !== lastSeq + 1 && !salvage) {
      throw new AppError('STORE_CORRUPT', `操作日志不连续（缺少第 ${lastSeq + 1} 条），程序没有改动数据文件。请从备份恢复。`, {
        file
      })
    }
    try {
      db.exec('BEGIN')
      for (const [sql, params, rowid] of record.stmts) {
        let statement = prepared.get(sql)
        if (!statement) {
          statement = db.prepare(sql)
          prepared.set(sql, statement)
        }
        statement.run(params)
        if (salvage && rowid !== undefined) giveRowItsId(db, sql, rowid)
      }
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      if (salvage) {
        skipped.push(record.seq)
        continue
      }
      throw new AppError('STORE_CORRUPT', `操作日志第 ${record.seq} 条无法重放，程序没有改动数据文件。请从备份恢复。`, {
        file,
        cause: String(error)
      })
    }
    lastSeq = record.seq
  }
  if (salvage && records.length > 0) {
    // Later writes count on from here: the skipped numbers are never reused.
    const highest = records.reduce((max, record) => Math.max(max, record.seq), lastSeq)
    if (highest !== lastSeq) db.run('UPDATE _store_state SET last_seq = ? WHERE id = 1', [highest])
    lastSeq = highest
  }
  return { lastSeq, skipped }
}

const INSERT_TABLE = /^\s*(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO\s+"?(\w+)"?/i

/**
 * After damage was skipped, an insert may get a lower rowid than it got when it was written (the
 * lost record's rows are missing): later records name rows by those ids, so the row is given its
 * recorded id back. An id already taken means the records disagree: the record is refused.
 */
function giveRowItsId(db: Database, sql: string, rowid: number): void {
  const got = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0] ?? 0)
  if (got === rowid) return
  const table = INSERT_TABLE.exec(sql)?.[1]
  if (!table) throw new Error(`cannot restore the rowid of: ${sql.slice(0, 60)}`)
  db.run(`UPDATE "${table}" SET rowid = ? WHERE rowid = ?`, [rowid, got])
}

interface DataMarker {
  dataDir: string
  since: string
}

/** A folder found empty where the marker says a database lived: never silently a new, empty one. */
function assertNotVanished(markerFile: string, dir: string, files: string[]): void {
  if (!fs.existsSync(markerFile) || files.some((file) => fs.existsSync(file))) return
  let since = ''
  try {
    since = (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Partial<DataMarker>).since ?? ''
  } catch {
    /* an unreadable marker still says data lived here */
  }
  const when = since ? `（自 ${new Date(since).toLocaleDateString('zh-CN')} 起）` : ''
  throw new AppError(
    'STORE_MISSING',
    `数据文件夹 ${dir} 中原有守望的数据${when}，现在找不到了（可能被删除、移动或换了磁盘）。程序没有新建空数据。` +
      '请先找回该文件夹或从备份恢复；确认要重新开始时，才选择“新建空数据”。',
    { dir, markerFile }
  )
}

function writeMarker(markerFile: string, dir: string, now: Date): void {
  try {
    if (fs.existsSync(markerFile)) return
    writeFileAtomically(markerFile, JSON.stringify({ dataDir: dir, since: now.toISOString() } satisfies DataMarker))
  } catch (error) {
    console.error('[store] could not write the data marker:', error)
  }
}
