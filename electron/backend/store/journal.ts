import fs from 'node:fs'
import nodePath from 'node:path'
import zlib from 'node:zlib'
import { AppError } from '../../../shared/errors'
import { SEALED_MARK, seal, unseal } from './cipher'
import type { DataKey } from './cipher'
import { PRIVATE_FILE } from './private-files'

/**
 * The append-only journal: one framed record per committed mutation.
 * Frame = u32 LE payload length | u32 LE crc32(payload) | payload (UTF-8 JSON, see WireRecord).
 * A record is durable once append() returns (fdatasync). A torn or corrupt tail
 * (power cut mid-write) fails its length or crc check and is ignored on open.
 */

export type SqlValue = string | number | null | Uint8Array
/**
 * A statement as run. An INSERT that added one row also records the rowid it got: replay after a
 * salvaged damage gives each row back its own id, so later records still point at the right rows.
 */
export type Statement = [sql: string, params: SqlValue[], rowid?: number]

export interface JournalRecord {
  seq: number
  stmts: Statement[]
  /**
   * Set on every frame of a large transaction but its last: the statements are written in
   * parts as they run (memory stays flat), and only the last frame, written and fdatasync'ed
   * at commit, makes the transaction count. Parts without their last frame are ignored.
   */
  more?: true
}

/**
 * A record as written: each distinct SQL text once, statements pointing at it by index. A bulk
 * import repeats the same few INSERTs thousands of times; their text was most of the bytes.
 * Records written before this form ([sql, params] pairs, no `sql` list) are still read.
 */
interface WireRecord {
  seq: number
  sql?: string[]
  stmts: [sql: number | string, params: SqlValue[], rowid?: number][]
  more?: true
}

function toWire(record: JournalRecord): WireRecord {
  const texts: string[] = []
  const index = new Map<string, number>()
  const stmts: WireRecord['stmts'] = new Array(record.stmts.length)
  for (let i = 0; i < record.stmts.length; i++) {
    const [sql, params, rowid] = record.stmts[i] as Statement
    let at = index.get(sql)
    if (at === undefined) {
      at = texts.length
      texts.push(sql)
      index.set(sql, at)
    }
    stmts[i] = rowid === undefined ? [at, params] : [at, params, rowid]
  }
  return record.more ? { seq: record.seq, sql: texts, stmts, more: true } : { seq: record.seq, sql: texts, stmts }
}

/** The record a frame holds, or null when it is not one (a frame that is not ours fails here, not later). */
function fromWire(value: unknown): JournalRecord | null {
  if (value === null || typeof value !== 'object') return null
  const wire = value as Partial<WireRecord>
  if (!Number.isInteger(wire.seq) || !Array.isArray(wire.stmts)) return null
  const texts = wire.sql
  if (texts !== undefined && !Array.isArray(texts)) return null
  const stmts: Statement[] = new Array(wire.stmts.length)
  for (let i = 0; i < wire.stmts.length; i++) {
    const [ref, params, rowid] = wire.stmts[i] ?? []
    const sql = typeof ref === 'number' ? texts?.[ref] : ref
    if (typeof sql !== 'string' || !Array.isArray(params)) return null
    stmts[i] = typeof rowid === 'number' ? [sql, params, rowid] : [sql, params]
  }
  return wire.more ? { seq: wire.seq as number, stmts, more: true } : { seq: wire.seq as number, stmts }
}

const HEADER_BYTES = 8
/** A record larger than this is certainly a torn length field, not data. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024

function encodeValue(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') }
  return value
}

function hasBlob(record: JournalRecord): boolean {
  for (const [, params] of record.stmts) for (const value of params) if (value instanceof Uint8Array) return true
  return false
}

function decodeValue(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$b' in value) {
    const encoded = (value as { $b: unknown }).$b
    if (typeof encoded === 'string') return new Uint8Array(Buffer.from(encoded, 'base64'))
  }
  return value
}

/** A frame; with a data key its payload is sealed (encryption at rest), one record at a time. */
export function encodeRecord(record: JournalRecord, key: DataKey | null = null): Buffer {
  // A replacer costs a call per value: only records that carry blobs pay for it.
  const wire = toWire(record)
  const json = Buffer.from(hasBlob(record) ? JSON.stringify(wire, encodeValue) : JSON.stringify(wire), 'utf8')
  const payload = key ? seal(json, key, 'journal') : json
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  frame.writeUInt32LE(payload.length, 0)
  frame.writeUInt32LE(zlib.crc32(payload), 4)
  payload.copy(frame, HEADER_BYTES)
  return frame
}

/** A stretch of the journal that holds no intact frame, with intact frames after it. */
export interface JournalDamage {
  /** Where the damaged stretch starts and how long it is. */
  offset: number
  bytes: number
  /** The transaction the damage took (its number), when the frames around it tell. */
  lostSeq: number | null
}

export interface JournalReadResult {
  records: JournalRecord[]
  /** Bytes up to the end of the last intact record. */
  validBytes: number
  /** Bytes after that: a torn tail to be cut off. */
  tornBytes: number
  /**
   * Damage: a frame that fails its checks where a power cut cannot explain it (intact frames after
   * it, or a whole frame whose bytes changed). Empty when the journal is whole or only torn.
   * Without `salvage` decoding stops at the first damage; with it the damaged stretch is skipped
   * and every later intact record kept.
   */
  damage: JournalDamage[]
  /**
   * Read with a data key: the highest sequence number held by a plain (unsealed) frame, 0 when none.
   * Plain frames are expected only from before the folder was encrypted; the store decides.
   */
  plainUpTo: number
}

interface Frame {
  record: JournalRecord
  end: number
  /** Written before the folder was encrypted: acceptable only while it is being encrypted. */
  plain: boolean
}

/** How frames are read: with the data key, sealed frames; plain ones are told apart, never trusted blindly. */
interface Reading {
  key: DataKey | null
  /** Without the key (a locked start): sealed frames count by their framing and checksum alone. */
  framesOnly?: { next: number }
}

/** A payload's record: sealed with the key, or plain JSON (older frames). Null when it is neither. */
function payloadRecord(payload: Buffer, reading: Reading): { record: JournalRecord; plain: boolean } | null {
  if (reading.framesOnly && payload.subarray(0, SEALED_MARK.length).equals(SEALED_MARK)) {
    return { record: { seq: ++reading.framesOnly.next, stmts: [] }, plain: false }
  }
  const sealed = reading.key ? unseal(payload, reading.key, 'journal') : null
  if (reading.key && payload.subarray(0, SEALED_MARK.length).equals(SEALED_MARK) && !sealed) return null
  try {
    const record = fromWire(JSON.parse((sealed ?? payload).toString('utf8'), decodeValue))
    return record ? { record, plain: sealed === null } : null
  } catch {
    return null
  }
}

/** The frame at offset, or null when the bytes there are not a whole, intact frame of ours. */
function frameAt(buf: Buffer, offset: number, reading: Reading): Frame | null {
  if (offset + HEADER_BYTES > buf.length) return null
  const length = buf.readUInt32LE(offset)
  const end = offset + HEADER_BYTES + length
  if (length === 0 || length > MAX_RECORD_BYTES || end > buf.length) return null
  const payload = buf.subarray(offset + HEADER_BYTES, end)
  if (zlib.crc32(payload) !== buf.readUInt32LE(offset + 4)) return null
  const decoded = payloadRecord(payload, reading)
  return decoded ? { ...decoded, end } : null
}

// Every plain payload starts with this (toWire writes seq first), every sealed one with SEALED_MARK:
// the way to find frames after damage.
const PAYLOAD_START = Buffer.from('{"seq":', 'utf8')

/** The next intact frame starting after `from`, found by its payload's first bytes. */
function nextFrameAfter(buf: Buffer, from: number, reading: Reading): { offset: number; frame: Frame } | null {
  const starts = reading.key || reading.framesOnly ? [SEALED_MARK, PAYLOAD_START] : [PAYLOAD_START]
  let best: { offset: number; frame: Frame } | null = null
  for (const start of starts) {
    let at = buf.indexOf(start, from + HEADER_BYTES)
    while (at >= 0 && (best === null || at - HEADER_BYTES < best.offset)) {
      const offset = at - HEADER_BYTES
      const frame = offset > from ? frameAt(buf, offset, reading) : null
      if (frame) {
        best = { offset, frame }
        break
      }
      at = buf.indexOf(start, at + 1)
    }
  }
  return best
}

/**
 * Whether the bytes from offset to the end can be the tail of a write cut by a power loss: fewer
 * bytes than the frame's length says (or than a header), or a whole-length frame whose last byte
 * is still zero (the file grew but the data never landed). A frame of full length that ends in
 * data yet fails its checksum was changed after it was written: damage, never a torn tail.
 */
function isTornTail(buf: Buffer, offset: number): boolean {
  if (offset + HEADER_BYTES > buf.length) return true
  const length = buf.readUInt32LE(offset)
  const end = offset + HEADER_BYTES + length
  if (length === 0) return buf.subarray(offset).every((byte) => byte === 0)
  if (end > buf.length || length > MAX_RECORD_BYTES) {
    // A flipped length field over an intact payload is not a torn write: the checksum still holds.
    const rest = buf.subarray(offset + HEADER_BYTES)
    return zlib.crc32(rest) !== buf.readUInt32LE(offset + 4)
  }
  return buf[end - 1] === 0
}

/** A whole frame whose length field alone was damaged: its payload runs to the end of the file. */
function frameWithBadLength(buf: Buffer, offset: number, reading: Reading): Frame | null {
  if (offset + HEADER_BYTES >= buf.length) return null
  const payload = buf.subarray(offset + HEADER_BYTES)
  if (zlib.crc32(payload) !== buf.readUInt32LE(offset + 4)) return null
  const decoded = payloadRecord(payload, reading)
  return decoded ? { ...decoded, end: buf.length } : null
}

export interface DecodeOptions {
  salvage?: boolean
  /** The data key: sealed frames are read with it; plain frames are still read and counted apart. */
  key?: DataKey | null
}

/**
 * Damage found before the key is at hand (a locked start): a bad frame with intact frames after it,
 * judged by framing and checksums alone, so the desktop start can still ask before anything opens.
 */
export function assertJournalFramesWhole(path: string): void {
  if (!fs.existsSync(path)) return
  const buf = fs.readFileSync(path)
  const result = decodeJournal(buf, { framesOnly: true })
  if (result.damage.length > 0) throw journalDamaged(path, result.damage, buf, null, true)
}

export function decodeJournal(buf: Buffer, options: DecodeOptions & { framesOnly?: boolean } = {}): JournalReadResult {
  const reading: Reading = { key: options.key ?? null, framesOnly: options.framesOnly ? { next: 0 } : undefined }
  let plainUpTo = 0
  const records: JournalRecord[] = []
  const damage: JournalDamage[] = []
  let offset = 0
  // End of the last complete transaction, and the parts of the one being read.
  let committedEnd = 0
  let pending: JournalRecord | null = null
  // After damage: frames of the transaction the damage hit are dropped with it.
  let skipSeq: number | null = null
  while (offset + HEADER_BYTES <= buf.length) {
    const frame = frameAt(buf, offset, reading)
    if (frame && pending && pending.seq !== frame.record.seq) {
      // Parts of one transaction never interleave: the end of the pending one is missing.
      damage.push({ offset, bytes: 0, lostSeq: pending.seq })
      if (!options.salvage) break
      pending = null
    }
    if (!frame) {
      const next = nextFrameAfter(buf, offset, reading)
      const lastSeq = records.at(-1)?.seq
      const lostSeq = pending?.seq ?? (lastSeq === undefined ? null : lastSeq + 1)
      if (!next) {
        if (isTornTail(buf, offset)) break
        const lengthOnly = pending ? null : frameWithBadLength(buf, offset, reading)
        damage.push({ offset, bytes: buf.length - offset, lostSeq: lengthOnly ? null : lostSeq })
        if (options.salvage && lengthOnly && !lengthOnly.record.more) {
          if (lengthOnly.plain && reading.key) plainUpTo = Math.max(plainUpTo, lengthOnly.record.seq)
          records.push(lengthOnly.record)
          committedEnd = buf.length
        }
        break
      }
      damage.push({ offset, bytes: next.offset - offset, lostSeq })
      if (!options.salvage) break
      pending = null
      skipSeq = lostSeq
      offset = next.offset
      continue
    }
    const { record, end } = frame
    if (frame.plain && reading.key) plainUpTo = Math.max(plainUpTo, record.seq)
    offset = end
    if (skipSeq !== null && record.seq === skipSeq) continue
    skipSeq = null
    const whole: JournalRecord = pending ? { seq: record.seq, stmts: pending.stmts.concat(record.stmts) } : { seq: record.seq, stmts: record.stmts }
    if (record.more) {
      pending = whole
      continue
    }
    pending = null
    records.push(whole)
    committedEnd = offset
  }
  if (damage.length > 0 && !options.salvage) return { records, validBytes: committedEnd, tornBytes: 0, damage, plainUpTo }
  return { records, validBytes: committedEnd, tornBytes: buf.length - committedEnd, damage, plainUpTo }
}

export interface JournalOpenResult {
  journal: Journal
  records: JournalRecord[]
  tornBytes: number
  /** Set when damage was skipped on request: what was skipped and where the original was kept. */
  salvaged: { damage: JournalDamage[]; keptAs: string } | null
  /** See JournalReadResult.plainUpTo. */
  plainUpTo: number
}

/** How many intact records follow the first damage: what a salvage would keep that a cut would lose. */
function journalDamaged(file: string, damage: JournalDamage[], buf: Buffer, key: DataKey | null, framesOnly = false): AppError {
  const kept = decodeJournal(buf, { salvage: true, key, framesOnly }).records.length - decodeJournal(buf, { key, framesOnly }).records.length
  const first = damage[0] as JournalDamage
  return new AppError(
    'STORE_JOURNAL_DAMAGED',
    `操作日志 ${file} 在第 ${first.offset} 字节处已损坏（不是断电造成的残缺），其后还有 ${kept} 条完好的记录。` +
      '为避免悄悄丢失数据，程序已停止，没有改动任何文件。可以选择：从最近的备份恢复；或跳过损坏的记录打开（其后完好的记录全部保留，原文件另存一份）。',
    { file, offset: first.offset, damagedBytes: damage.reduce((sum, d) => sum + d.bytes, 0), recordsAfter: kept }
  )
}

export class Journal {
  private fd: number
  private bytes: number
  private count: number

  private constructor(
    readonly path: string,
    fd: number,
    bytes: number,
    count: number,
    private key: DataKey | null
  ) {
    this.fd = fd
    this.bytes = bytes
    this.count = count
  }

  /**
   * Reads the journal, cuts a torn tail (keeping a copy beside it), and opens it for appending.
   * Damage (see decodeJournal) refuses the open with nothing changed, unless `salvage` is asked:
   * then the whole file is first kept beside it as .damaged-<time>, and the caller must snapshot
   * at once (the damaged stretch stays in the journal until the snapshot empties it).
   */
  static open(path: string, options: { salvage?: boolean; key?: DataKey | null } = {}): JournalOpenResult {
    const key = options.key ?? null
    const buf = fs.existsSync(path) ? fs.readFileSync(path) : Buffer.alloc(0)
    const { records, validBytes, tornBytes, damage, plainUpTo } = decodeJournal(buf, { salvage: options.salvage, key })
    // Copies kept aside hold records too: sealed like the journal when the folder is encrypted.
    const keepAside = (file: string, bytes: Buffer) => fs.writeFileSync(file, key ? seal(bytes, key, 'journal') : bytes, { mode: PRIVATE_FILE })
    if (damage.length > 0) {
      if (!options.salvage) throw journalDamaged(path, damage, buf, key)
      const keptAs = `${path}.damaged-${Date.now()}`
      keepAside(keptAs, buf)
      const fd = fs.openSync(path, 'a', PRIVATE_FILE)
      return { journal: new Journal(path, fd, buf.length, records.length, key), records, tornBytes: 0, salvaged: { damage, keptAs }, plainUpTo }
    }
    if (tornBytes > 0) {
      keepAside(`${path}.torn-${Date.now()}`, buf.subarray(validBytes))
      fs.truncateSync(path, validBytes)
    }
    const fd = fs.openSync(path, 'a', PRIVATE_FILE)
    fs.fdatasyncSync(fd)
    return { journal: new Journal(path, fd, validBytes, records.length, key), records, tornBytes, salvaged: null, plainUpTo }
  }

  /** From now on records are sealed (a plain store being encrypted in place; see Store.sealWith). */
  useKey(key: DataKey): void {
    this.key = key
  }

  /** Bytes written for the transaction in progress (its parts), not yet committed. */
  private partBytes = 0

  /**
   * Refuses to go on when the journal is no longer the file at its path: the data folder was
   * deleted (the open file's link count is 0), moved or replaced while the program ran. Writes
   * into an unlinked file would be acknowledged and then vanish with it.
   */
  assertInPlace(): void {
    let gone: string | null = null
    try {
      const open = fs.fstatSync(this.fd)
      if (open.nlink === 0) gone = '已被删除'
      else if (fs.statSync(this.path).ino !== open.ino) gone = '已被替换'
    } catch {
      gone = '已被删除或移动'
    }
    if (gone) {
      throw new AppError(
        'STORE_FOLDER_GONE',
        `数据文件夹${gone}（${nodePath.dirname(this.path)}），程序已停止保存，本次操作没有保存。请关闭程序，找回数据文件夹或从备份恢复后再打开。`,
        { file: this.path }
      )
    }
  }

  /** Writes a part of a large transaction; durable only once append() writes its last frame. */
  appendPart(record: JournalRecord): void {
    if (this.partBytes === 0) this.assertInPlace()
    const frame = encodeRecord({ ...record, more: true }, this.key)
    try {
      fs.writeSync(this.fd, frame)
    } catch (error) {
      this.discardParts()
      throw error
    }
    this.partBytes += frame.length
  }

  /** The last (or only) frame of a transaction: written and fdatasync'ed before returning. */
  append(record: JournalRecord): void {
    this.assertInPlace()
    const frame = encodeRecord(record, this.key)
    try {
      fs.writeSync(this.fd, frame)
      fs.fdatasyncSync(this.fd)
    } catch (error) {
      this.discardParts()
      throw error
    }
    this.bytes += this.partBytes + frame.length
    this.partBytes = 0
    this.count += 1
  }

  /**
   * Cuts off the parts of a transaction that rolled back (or a frame that failed half-way):
   * later records must never sit behind a torn or abandoned one.
   */
  discardParts(): void {
    this.partBytes = 0
    try {
      fs.ftruncateSync(this.fd, this.bytes)
    } catch {
      /* the open-time check still ignores parts without their last frame */
    }
  }

  /** Called only after a snapshot holding every record has been made durable. */
  reset(): void {
    fs.ftruncateSync(this.fd, 0)
    fs.fdatasyncSync(this.fd)
    this.bytes = 0
    this.count = 0
  }

  get size(): { records: number; bytes: number } {
    return { records: this.count, bytes: this.bytes }
  }

  close(): void {
    fs.closeSync(this.fd)
  }
}
