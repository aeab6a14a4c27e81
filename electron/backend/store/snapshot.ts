import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { AppError } from '../../../shared/errors'
import { isSealed, seal, unseal, wrongKey } from './cipher'
import type { DataKey } from './cipher'
import { PRIVATE_FILE } from './private-files'

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

/**
 * The checksum file beside the snapshot: the crc32 of the image last written and of the one before
 * it. It is written before the image is renamed into place, so after a crash at any point the image
 * on disk matches one of the two; an image that matches neither was changed after it was written.
 */
export const CHECKSUM_SUFFIX = '.sum'

interface SnapshotSums {
  current: number
  previous: number | null
}

function readSums(file: string): SnapshotSums | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file + CHECKSUM_SUFFIX, 'utf8')) as Partial<SnapshotSums>
    if (typeof parsed.current !== 'number') return null
    return { current: parsed.current, previous: typeof parsed.previous === 'number' ? parsed.previous : null }
  } catch {
    return null // none yet (a folder from before checksums): the next snapshot writes it
  }
}

export interface SnapshotImage {
  image: Uint8Array
  /** Of the bytes on disk (sealed or not). */
  crc: number
  /** Written before the folder was encrypted (read with a key: the store seals it at once). */
  plain: boolean
}

/**
 * The snapshot's image. With a data key a sealed file is unsealed (another key: STORE_KEY_WRONG);
 * a plain one is still read, marked plain. Without a key a sealed file is refused: it is never
 * mistaken for a damaged or an empty database.
 */
export function readSnapshot(file: string, key: DataKey | null = null): SnapshotImage | null {
  if (!fs.existsSync(file)) return null
  const onDisk = fs.readFileSync(file)
  const sealed = isSealed(onDisk)
  if (sealed && !key) {
    throw new AppError('STORE_KEY_WRONG', `数据文件 ${file} 已加密，需要登录后用账户的密钥打开。程序没有改动任何文件。`, { file })
  }
  const opened = sealed && key ? unseal(onDisk, key, 'snapshot') : onDisk
  if (!opened) {
    checkSums(file, onDisk) // a changed file says so before a wrong key is suspected
    throw wrongKey(file)
  }
  const buf = opened
  assertWholeImage(buf, file)
  const crc = checkSums(file, onDisk)
  return { image: buf, crc, plain: !sealed }
}

/** Before the key is at hand (a locked start): the snapshot's bytes against its checksum file. */
export function assertSnapshotWhole(file: string): void {
  if (fs.existsSync(file)) checkSums(file, fs.readFileSync(file))
}

/** The on-disk bytes against the checksum file: damage refuses the open (STORE_SNAPSHOT_DAMAGED). */
function checkSums(file: string, onDisk: Buffer): number {
  const crc = zlib.crc32(onDisk)
  const sums = readSums(file)
  if (sums && crc !== sums.current && crc !== sums.previous) {
    throw new AppError(
      'STORE_SNAPSHOT_DAMAGED',
      `数据文件 ${file} 的内容与最后一次保存时不一致（校验和不符），可能是磁盘损坏。程序已停止，没有改动任何文件。请从备份恢复。`,
      { file }
    )
  }
  return crc
}

/**
 * Write to a temp file, fsync, record its checksum, rename over the old one, fsync the folder:
 * never a half file. Returns the new image's checksum (the caller passes it back as previousCrc).
 */
export function writeSnapshotAtomically(file: string, image: Uint8Array, previousCrc: number | null = null, key: DataKey | null = null): number {
  const bytes = key ? seal(image, key, 'snapshot') : image
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE)
  try {
    fs.writeSync(fd, bytes)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  const crc = zlib.crc32(bytes)
  writeFileAtomically(file + CHECKSUM_SUFFIX, JSON.stringify({ current: crc, previous: previousCrc }))
  fs.renameSync(temp, file)
  syncDirectory(path.dirname(file))
  return crc
}

/** Small files (checksums, markers): temp, fsync, rename. */
export function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE)
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
}

export function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; its rename is already durable enough.
  if (process.platform === 'win32') return
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
