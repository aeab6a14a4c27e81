import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { AppError } from '../../../shared/errors'
import { isSealed, SEAL_HEAD_BYTES, SEAL_OVERHEAD, SEAL_TAG_BYTES, sealer, unsealer, wrongKey } from './cipher'
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
  /**
   * The same bytes at the start of a buffer `room` bytes longer, for sql.js to open with headroom
   * (image is a view on it): read or decrypted straight into it, never copied again.
   */
  withRoom: Uint8Array
  /** Of the bytes on disk (sealed or not). */
  crc: number
  /** Written before the folder was encrypted (read with a key: the store seals it at once). */
  plain: boolean
}

// Parts small enough to come from memory the allocator just freed: touching fresh pages costs more
// than reading or decrypting them (measured: 300 MB decrypted in 64 KB parts 0.6 s, in one part 5.3 s).
const PART_BYTES = 256 * 1024

function readAt(fd: number, target: Uint8Array, position: number, length: number): number {
  let done = 0
  while (done < length) {
    const read = fs.readSync(fd, target, done, length - done, position + done)
    if (read === 0) break
    done += read
  }
  return done
}

/**
 * The snapshot's image. With a data key a sealed file is unsealed (another key: STORE_KEY_WRONG);
 * a plain one is still read, marked plain. Without a key a sealed file is refused: it is never
 * mistaken for a damaged or an empty database. The image is read, or decrypted part by part,
 * straight into a buffer with `room(length)` bytes behind it (sql.js opens it with headroom): a
 * sealed 300 MB file costs its decryption and no whole-size copy more than a plain one.
 */
export function readSnapshot(file: string, key: DataKey | null = null, room: (length: number) => number = () => 0): SnapshotImage | null {
  if (!fs.existsSync(file)) return null
  const fd = fs.openSync(file, 'r')
  let read: { withRoom: Uint8Array | null; length: number; crc: number; sealed: boolean }
  try {
    const size = fs.fstatSync(fd).size
    const head = new Uint8Array(Math.min(size, SEAL_OVERHEAD))
    readAt(fd, head, 0, head.length)
    const sealed = isSealed(head)
    if (sealed && !key) {
      throw new AppError('STORE_KEY_WRONG', `数据文件 ${file} 已加密，需要登录后用账户的密钥打开。程序没有改动任何文件。`, { file })
    }
    read = sealed ? readSealed(fd, size, key as DataKey, room) : readPlain(fd, size, room)
  } finally {
    fs.closeSync(fd)
  }
  if (!read.withRoom) {
    checkCrc(file, read.crc) // a changed file says so before a wrong key is suspected
    throw wrongKey(file)
  }
  const image = read.withRoom.subarray(0, read.length)
  assertWholeImage(image, file)
  checkCrc(file, read.crc)
  return { image, withRoom: read.withRoom, crc: read.crc, plain: !read.sealed }
}

function readPlain(fd: number, size: number, room: (length: number) => number) {
  const withRoom = new Uint8Array(size + room(size))
  const length = readAt(fd, withRoom, 0, size)
  return { withRoom, length, crc: zlib.crc32(withRoom.subarray(0, length)), sealed: false }
}

function readSealed(fd: number, size: number, key: DataKey, room: (length: number) => number) {
  const head = new Uint8Array(SEAL_HEAD_BYTES)
  const tag = new Uint8Array(SEAL_TAG_BYTES)
  readAt(fd, head, 0, head.length)
  readAt(fd, tag, size - tag.length, tag.length)
  const length = size - SEAL_OVERHEAD
  const withRoom = new Uint8Array(length + room(length))
  const open = unsealer(head, tag, key, 'snapshot')
  const part = new Uint8Array(PART_BYTES)
  let crc = zlib.crc32(head)
  let written = 0
  for (let at = head.length; at < size - tag.length; at += PART_BYTES) {
    const n = readAt(fd, part, at, Math.min(PART_BYTES, size - tag.length - at))
    const body = part.subarray(0, n)
    crc = zlib.crc32(body, crc)
    const plain = open.update(body)
    withRoom.set(plain, written)
    written += plain.length
  }
  crc = zlib.crc32(tag, crc)
  return { withRoom: open.final() ? withRoom : null, length, crc, sealed: true }
}

/** Before the key is at hand (a locked start): the snapshot's bytes against its checksum file. */
export function assertSnapshotWhole(file: string): void {
  if (fs.existsSync(file)) checkCrc(file, zlib.crc32(fs.readFileSync(file)))
}

/** The on-disk bytes against the checksum file: damage refuses the open (STORE_SNAPSHOT_DAMAGED). */
function checkCrc(file: string, crc: number): number {
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
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE)
  let crc = 0
  const write = (bytes: Uint8Array) => {
    let done = 0
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done)
    crc = zlib.crc32(bytes, crc)
  }
  try {
    if (key) {
      // Sealed part by part straight to the file: no whole-size ciphertext in memory.
      const sealing = sealer(key, 'snapshot')
      write(sealing.head)
      for (let at = 0; at < image.length; at += PART_BYTES) write(sealing.update(image.subarray(at, Math.min(image.length, at + PART_BYTES))))
      write(sealing.finish())
    } else write(image)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
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
