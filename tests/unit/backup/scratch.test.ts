import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deriveKey, readBackupHeader } from '../../../electron/backend/backup/backup-file'
import { sealAndVerify } from '../../../electron/backend/backup/backup-seal'
import type { SealJob } from '../../../electron/backend/backup/backup-seal'
import { verifyBackupFile } from '../../../electron/backend/backup/backup-verify'
import { sealInScratch, useBackupWorker } from '../../../electron/backend/backup/scratch'
import { loadSqlJs } from '../../../electron/backend/store/sql-engine'
import { BACKUP_WORKER_BUNDLE, SQL_WASM_FILE } from '../../../electron/backend/worker-client'
import { AppError } from '../../../shared/errors'
import { tempDir } from '../support/temp'

const BUILT = path.join(fileURLToPath(new URL('../../..', import.meta.url)), 'out/main')
const key = deriveKey('beifen#2026')

async function imageWithRows(rows: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs()
  const db = new SQL.Database()
  db.run('CREATE TABLE residents (id INTEGER PRIMARY KEY, name TEXT)')
  for (let i = 0; i < rows; i++) db.run('INSERT INTO residents (name) VALUES (?)', [`居民${i}`])
  const image = db.export()
  db.close()
  return image
}

async function job(counts: Record<string, number>, folder = tempDir()): Promise<SealJob> {
  return {
    image: await imageWithRows(50),
    fields: { kind: 'manual', appVersion: 'test', schemaVersion: 1, communityName: '幸福里社区', createdAt: '2026-12-05T02:00:00.000Z', counts },
    key,
    folder,
    fileName: '守望备份-测试.swbak'
  }
}

const leftIn = (folder: string) => fs.readdirSync(folder)

afterEach(() => useBackupWorker(null))

const builtKit = () => ({
  source: fs.readFileSync(path.join(BUILT, BACKUP_WORKER_BUNDLE), 'utf8'),
  sqlWasm: new Uint8Array(fs.readFileSync(path.join(BUILT, SQL_WASM_FILE)))
})

describe('sealing and checking a backup', () => {
  it('in the same thread: a good image is written whole and passes its own check', async () => {
    const sealed = await sealAndVerify(await job({ residents: 50 }))
    expect(fs.statSync(sealed.target).size).toBe(sealed.bytes)
    const header = await verifyBackupFile(sealed.target, key)
    expect(header.counts).toEqual({ residents: 50 })
    expect(readBackupHeader(fs.readFileSync(sealed.target)).header.kind).toBe('manual')
  })

  it('a file whose check fails is removed: nothing is left looking like a backup', async () => {
    const j = await job({ residents: 51 })
    await expect(sealAndVerify(j)).rejects.toThrow(/备份校验没有通过（居民：应有 51 行，读出 50 行）/)
    expect(leftIn(j.folder)).toEqual([])
  })
})

describe('in the scratch worker built for the app', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(BUILT, BACKUP_WORKER_BUNDLE))) throw new Error('out/main/backup-worker.cjs is missing: run `npm run build` first')
  })

  it('runs in another thread (the image is moved there, not copied) and leaves a verified file', async () => {
    useBackupWorker(builtKit())
    const j = await job({ residents: 50 })
    const sealed = await sealInScratch(j)
    expect(j.image.byteLength).toBe(0) // transferred: this thread no longer holds the image
    await expect(verifyBackupFile(sealed.target, key)).resolves.toMatchObject({ counts: { residents: 50 } })
  })

  it('a failed check comes back as the same clear Chinese error, and the file is gone', async () => {
    useBackupWorker(builtKit())
    const j = await job({ residents: 49 })
    const error = await sealInScratch(j).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/备份校验没有通过（居民：应有 49 行，读出 50 行）/)
    expect(leftIn(j.folder)).toEqual([])
  })

  it('a folder that vanished before writing is a clear failure from the worker, not a crash', async () => {
    useBackupWorker(builtKit())
    const j = await job({ residents: 50 }, path.join(tempDir(), '拔掉的U盘'))
    await expect(sealInScratch(j)).rejects.toThrow(/无法写入备份文件夹 .*拔掉的U盘：文件夹不见了，U盘或硬盘是否已拔出（ENOENT）/)
  })
})
