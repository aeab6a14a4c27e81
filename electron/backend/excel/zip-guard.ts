import zlib from 'node:zlib'
import { AppError } from '../../../shared/errors'

/** Limits for what an .xlsx may unpack to, checked before any library inflates it. */
export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** All parts together, as the central directory declares them. */
  maxTotalBytes: 400 * 1024 * 1024,
  maxEntryBytes: 300 * 1024 * 1024,
  /** Real spreadsheets compress 5-30x; a bomb compresses thousands of times. */
  maxRatio: 200,
  /** Small parts may compress better than maxRatio harmlessly. */
  ratioFloorBytes: 1024 * 1024
}

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function refuse(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('RULE_VIOLATION', message, details)
}

const NOT_XLSX = '文件已损坏或不是 Excel 工作簿（.xlsx），无法读取。'

/** Reads the central directory: names and declared sizes, without inflating anything. */
export function readCentralDirectory(buf: Buffer): ZipEntry[] {
  const searchFrom = Math.max(0, buf.length - 22 - 0xffff)
  let eocd = -1
  for (let i = buf.length - 22; i >= searchFrom; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw refuse(NOT_XLSX)
  const count = buf.readUInt16LE(eocd + 10)
  const dirSize = buf.readUInt32LE(eocd + 12)
  const dirOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || dirOffset === 0xffffffff) throw refuse('工作簿过大（ZIP64 格式），请拆分后再导入。')
  if (count > ZIP_LIMITS.maxEntries) throw refuse('工作簿内部文件过多，疑似异常文件，已拒绝。', { entries: count })
  if (dirOffset + dirSize > buf.length) throw refuse(NOT_XLSX)
  const entries: ZipEntry[] = []
  let p = dirOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw refuse(NOT_XLSX)
    const flags = buf.readUInt16LE(p + 8)
    if (flags & 0x1) throw refuse('工作簿设置了密码，无法读取。请在 Excel 中取消密码并另存为 .xlsx 后再导入。')
    const nameLength = buf.readUInt16LE(p + 28)
    const extraLength = buf.readUInt16LE(p + 30)
    const commentLength = buf.readUInt16LE(p + 32)
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42)
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function ratioTooHigh(e: ZipEntry): boolean {
  if (e.size < ZIP_LIMITS.ratioFloorBytes) return false
  return e.compressedSize === 0 || e.size / e.compressedSize > ZIP_LIMITS.maxRatio
}

/**
 * Refuses a zip bomb by its declared sizes, then inflates each part with a hard output
 * cap at its declared size, so a directory that lies about sizes is caught too. Only
 * after this does exceljs see the bytes.
 */
export function assertSafeZip(buf: Buffer, inspect?: (name: string, data: Buffer) => void): ZipEntry[] {
  const entries = readCentralDirectory(buf)
  let total = 0
  for (const e of entries) {
    total += e.size
    if (e.size > ZIP_LIMITS.maxEntryBytes || total > ZIP_LIMITS.maxTotalBytes || ratioTooHigh(e)) {
      throw refuse('工作簿解压后过大（疑似“压缩炸弹”），已拒绝。如确为正常文件，请拆分成几个较小的文件。', {
        entry: e.name,
        size: e.size,
        compressedSize: e.compressedSize
      })
    }
    if (e.method !== 0 && e.method !== 8) throw refuse(NOT_XLSX, { entry: e.name, method: e.method })
  }
  const names = new Set(entries.map((e) => e.name))
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw refuse('这个压缩文件不是 Excel 工作簿（.xlsx），无法导入。')
  }
  for (const e of entries) {
    const data = verifyEntry(buf, e)
    inspect?.(e.name, data)
  }
  return entries
}

function verifyEntry(buf: Buffer, e: ZipEntry): Buffer {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== LOCAL) throw refuse(NOT_XLSX)
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28)
  const data = buf.subarray(start, start + e.compressedSize)
  if (e.method === 0) {
    if (data.length !== e.size) throw refuse(NOT_XLSX, { entry: e.name })
    return data
  }
  try {
    // One byte over the declared size is enough to prove the directory lied.
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) })
    if (out.length !== e.size) throw new Error('size mismatch')
    return out
  } catch {
    throw refuse('工作簿内部数据与其声明的大小不符（文件损坏或被篡改），已拒绝。', { entry: e.name })
  }
}
