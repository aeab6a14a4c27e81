import fs from 'node:fs'
import zlib from 'node:zlib'

/**
 * The append-only journal: one framed record per committed mutation.
 * Frame = u32 LE payload length | u32 LE crc32(payload) | payload (UTF-8 JSON, see WireRecord).
 * A record is durable once append() returns (fdatasync). A torn or corrupt tail
 * (power cut mid-write) fails its length or crc check and is ignored on open.
 */

export type SqlValue = string | number | null | Uint8Array
export type Statement = [sql: string, params: SqlValue[]]

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
  stmts: [sql: number | string, params: SqlValue[]][]
  more?: true
}

function toWire(record: JournalRecord): WireRecord {
  const texts: string[] = []
  const index = new Map<string, number>()
  const stmts: WireRecord['stmts'] = new Array(record.stmts.length)
  for (let i = 0; i < record.stmts.length; i++) {
    const [sql, params] = record.stmts[i] as Statement
    let at = index.get(sql)
    if (at === undefined) {
      at = texts.length
      texts.push(sql)
      index.set(sql, at)
    }
    stmts[i] = [at, params]
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
    const [ref, params] = wire.stmts[i] ?? []
    const sql = typeof ref === 'number' ? texts?.[ref] : ref
    if (typeof sql !== 'string' || !Array.isArray(params)) return null
    stmts[i] = [sql, params]
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

export function encodeRecord(record: JournalRecord): Buffer {
  // A replacer costs a call per value: only records that carry blobs pay for it.
  const wire = toWire(record)
  const payload = Buffer.from(hasBlob(record) ? JSON.stringify(wire, encodeValue) : JSON.stringify(wire), 'utf8')
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  frame.writeUInt32LE(payload.length, 0)
  frame.writeUInt32LE(zlib.crc32(payload), 4)
  payload.copy(frame, HEADER_BYTES)
  return frame
}

export interface JournalReadResult {
  records: JournalRecord[]
  /** Bytes up to the end of the last intact record. */
  validBytes: number
  /** Bytes after that: a torn tail to be cut off. */
  tornBytes: number
}

export function decodeJournal(buf: Buffer): JournalReadResult {
  const records: JournalRecord[] = []
  let offset = 0
  // End of the last complete transaction, and the parts of the one being read.
  let committedEnd = 0
  let pending: JournalRecord | null = null
  while (offset + HEADER_BYTES <= buf.length) {
    const length = buf.readUInt32LE(offset)
    const crc = buf.readUInt32LE(offset + 4)
    const end = offset + HEADER_BYTES + length
    if (length === 0 || length > MAX_RECORD_BYTES || end > buf.length) break
    const payload = buf.subarray(offset + HEADER_BYTES, end)
    if (zlib.crc32(payload) !== crc) break
    let record: JournalRecord | null
    try {
      record = fromWire(JSON.parse(payload.toString('utf8'), decodeValue))
    } catch {
      break
    }
    if (!record) break
    if (pending && pending.seq !== record.seq) break // parts of one transaction never interleave
    const whole: JournalRecord = pending ? { seq: record.seq, stmts: pending.stmts.concat(record.stmts) } : { seq: record.seq, stmts: record.stmts }
    offset = end
    if (record.more) {
      pending = whole
      continue
    }
    pending = null
    records.push(whole)
    committedEnd = offset
  }
  return { records, validBytes: committedEnd, tornBytes: buf.length - committedEnd }
}

export class Journal {
  private fd: number
  private bytes: number
  private count: number

  private constructor(
    readonly path: string,
    fd: number,
    bytes: number,
    count: number
  ) {
    this.fd = fd
    this.bytes = bytes
    this.count = count
  }

  /** Reads the journal, cuts a torn tail (keeping a copy beside it), and opens it for appending. */
  static open(path: string): { journal: Journal; records: JournalRecord[]; tornBytes: number } {
    const buf = fs.existsSync(path) ? fs.readFileSync(path) : Buffer.alloc(0)
    const { records, validBytes, tornBytes } = decodeJournal(buf)
    if (tornBytes > 0) {
      fs.writeFileSync(`${path}.torn-${Date.now()}`, buf.subarray(validBytes))
      fs.truncateSync(path, validBytes)
    }
    const fd = fs.openSync(path, 'a')
    fs.fdatasyncSync(fd)
    return { journal: new Journal(path, fd, validBytes, records.length), records, tornBytes }
  }

  /** Bytes written for the transaction in progress (its parts), not yet committed. */
  private partBytes = 0

  /** Writes a part of a large transaction; durable only once append() writes its last frame. */
  appendPart(record: JournalRecord): void {
    const frame = encodeRecord({ ...record, more: true })
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
    const frame = encodeRecord(record)
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
