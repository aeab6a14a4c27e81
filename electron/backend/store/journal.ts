import fs from 'node:fs'
import zlib from 'node:zlib'

/**
 * The append-only journal: one framed record per committed mutation.
 * Frame = u32 LE payload length | u32 LE crc32(payload) | payload (UTF-8 JSON).
 * A record is durable once append() returns (fdatasync). A torn or corrupt tail
 * (power cut mid-write) fails its length or crc check and is ignored on open.
 */

export type SqlValue = string | number | null | Uint8Array
export type Statement = [sql: string, params: SqlValue[]]

export interface JournalRecord {
  seq: number
  stmts: Statement[]
}

const HEADER_BYTES = 8
/** A record larger than this is certainly a torn length field, not data. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024

function encodeValue(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') }
  return value
}

function decodeValue(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$b' in value) {
    const encoded = (value as { $b: unknown }).$b
    if (typeof encoded === 'string') return new Uint8Array(Buffer.from(encoded, 'base64'))
  }
  return value
}

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record, encodeValue), 'utf8')
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
  while (offset + HEADER_BYTES <= buf.length) {
    const length = buf.readUInt32LE(offset)
    const crc = buf.readUInt32LE(offset + 4)
    const end = offset + HEADER_BYTES + length
    if (length === 0 || length > MAX_RECORD_BYTES || end > buf.length) break
    const payload = buf.subarray(offset + HEADER_BYTES, end)
    if (zlib.crc32(payload) !== crc) break
    let record: JournalRecord
    try {
      record = JSON.parse(payload.toString('utf8'), decodeValue) as JournalRecord
    } catch {
      break
    }
    if (!Number.isInteger(record.seq) || !Array.isArray(record.stmts)) break
    records.push(record)
    offset = end
  }
  return { records, validBytes: offset, tornBytes: buf.length - offset }
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

  append(record: JournalRecord): void {
    const frame = encodeRecord(record)
    try {
      fs.writeSync(this.fd, frame)
      fs.fdatasyncSync(this.fd)
    } catch (error) {
      // A partly written frame must not stay: later records would sit behind a torn one.
      try {
        fs.ftruncateSync(this.fd, this.bytes)
      } catch {
        /* the open-time torn-tail check still protects the records before it */
      }
      throw error
    }
    this.bytes += frame.length
    this.count += 1
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
