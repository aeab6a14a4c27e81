import fs from 'node:fs'
import { AppError } from '../../../shared/errors'
import type { KeyMaterial, HeaderFields } from './backup-file'
import { sealBackup, writeBackupAtomically } from './backup-file'
import { verifyBackupFile } from './backup-verify'

/** Everything the slow part of a backup needs: plain data, so it can cross to a scratch worker. */
export interface SealJob {
  image: Uint8Array
  fields: HeaderFields
  key: { salt: string; N: number; r: number; p: number; key: Uint8Array }
  folder: string
  fileName: string
}

export interface SealResult {
  target: string
  bytes: number
}

/**
 * Compress, encrypt, write atomically, read back from the disk and check (decryption, SQLite's
 * quick_check, every table's count). A file that fails its check is removed: only a verified
 * file is ever left under a backup's name. Takes the job's image (it is emptied once sealed).
 */
export async function sealAndVerify(job: SealJob): Promise<SealResult> {
  const key: KeyMaterial = { ...job.key, key: Buffer.from(job.key.key) }
  const parts = sealBackup(job.image, job.fields, key)
  // The image is sealed: let it go before the read-back decompresses a second one (peak memory).
  job.image = new Uint8Array(0)
  const bytes = parts.reduce((sum, part) => sum + part.length, 0)
  const target = writeOrExplain(job.folder, job.fileName, parts)
  parts.length = 0 // let the payload go before the read-back holds its own copy
  try {
    await verifyBackupFile(target, key)
  } catch (error) {
    fs.rmSync(target, { force: true })
    throw error
  }
  return { target, bytes }
}

/** A USB stick pulled out or a full disk, said in words a clerk can act on. */
function writeOrExplain(folder: string, fileName: string, parts: Buffer[]): string {
  try {
    return writeBackupAtomically(folder, fileName, parts)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    const why = code === 'ENOSPC' ? '磁盘空间不够' : code === 'ENOENT' ? '文件夹不见了，U盘或硬盘是否已拔出' : '没有写入权限或设备出错'
    throw new AppError('RULE_VIOLATION', `无法写入备份文件夹 ${folder}：${why}（${code}）。没有留下不完整的备份。`, { field: 'folder' })
  }
}
