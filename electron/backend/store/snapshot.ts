import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/errors'

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Checks that a snapshot file is a whole SQLite image: the header's page size times
 * page count must equal the file length. A truncated copy (disk full, a bad USB stick)
 * is refused so that it is never loaded half-empty and then overwritten.
 */
export function assertWholeImage(buf: Uint8Array, file: string): void {
  const header = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 100))
  const corrupt = (why: string) =>
    new AppError('STORE_CORRUPT', `数据文件不完整或已损坏（${why}），程序没有改动它。请从备份恢复该文件，或联系技术人员。`, { file })
  if (buf.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) throw corrupt('不是有效的数据库文件')
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pageCount = header.readUInt32BE(28)
  if (pageSize < 512 || pageCount === 0) throw corrupt('文件头无效')
  if (buf.length !== pageSize * pageCount) {
    throw corrupt(`应有 ${pageSize * pageCount} 字节，实际 ${buf.length} 字节`)
  }
}

export function readSnapshot(file: string): Uint8Array | null {
  if (!fs.existsSync(file)) return null
  const buf = fs.readFileSync(file)
  assertWholeImage(buf, file)
  return buf
}

/** Write to a temp file, fsync, rename over the old one, fsync the folder: never a half file. */
export function writeSnapshotAtomically(file: string, image: Uint8Array): void {
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w')
  try {
    fs.writeSync(fd, image)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
  syncDirectory(path.dirname(file))
}

function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; its rename is already durable enough.
  if (process.platform === 'win32') return
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
