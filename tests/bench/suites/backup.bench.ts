import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBackend } from '../../../electron/backend/backend'
import { useBackupWorker } from '../../../electron/backend/backup/scratch'
import { BACKUP_WORKER_BUNDLE, SQL_WASM_FILE } from '../../../electron/backend/worker-client'
import { DATABASE_FILE, JOURNAL_FILE } from '../../../electron/backend/store/store'
import { mb, ms, percentile, record } from '../report'
import { seededDir } from './store.bench'

const BIG_ROWS = 1_000_000

/** The highest RSS seen while fn runs, sampled every 20 ms, above what it was before. */
async function peakRssDuring<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  try {
    const result = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, peak: peak - before }
  } finally {
    clearInterval(timer)
  }
}

/** 数据备份 of the 1M-row database beside copying its files; writes acknowledged while it runs. */
export async function backupBench(): Promise<void> {
  console.error('backup: one backup of the 1M-row database, and writes while it runs')
  // As the hosts do: the scratch worker's bundle and sql.js's wasm, read from the build.
  const built = path.resolve('out/main')
  useBackupWorker({
    source: fs.readFileSync(path.join(built, BACKUP_WORKER_BUNDLE), 'utf8'),
    sqlWasm: new Uint8Array(fs.readFileSync(path.join(built, SQL_WASM_FILE)))
  })
  const dir = await seededDir(BIG_ROWS)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-backups-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', store: { idleSnapshotMs: 0, journalMaxRecords: 1e9 } })
  const ok = async (method: string, args: unknown) => {
    const envelope = await backend.call(method, args)
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
    return envelope.data as { bytes?: number }
  }
  await ok('backup.configure', { folder, dailyAt: '23:30', atQuit: false, retention: { daily: 60, weekly: 0, monthly: 0 } })
  await ok('backup.setPassword', { password: 'bench-password' })
  const dbBytes = fs.statSync(path.join(dir, DATABASE_FILE)).size

  const copyStart = performance.now()
  fs.copyFileSync(path.join(dir, DATABASE_FILE), path.join(folder, 'copy.db'))
  if (fs.existsSync(path.join(dir, JOURNAL_FILE))) fs.copyFileSync(path.join(dir, JOURNAL_FILE), path.join(folder, 'copy.journal'))
  const copyMs = performance.now() - copyStart

  globalThis.gc?.()
  const rssBefore = process.memoryUsage().rss
  const start = performance.now()
  const { result, peak } = await peakRssDuring(() => ok('backup.run', {}))
  const backupMs = performance.now() - start
  record({
    group: '数据备份 (100万行)',
    name: '一次备份（压缩+加密+写入+校验）',
    value: ms(backupMs),
    baseline: ms(copyMs),
    note: `数据库 ${mb(dbBytes)} → 备份 ${mb(result.bytes ?? 0)}；基线=复制文件`
  })
  record({ group: '数据备份 (100万行)', name: '备份时内存增加 (RSS 峰值)', value: mb(peak) })
  globalThis.gc?.()
  record({
    group: '数据备份 (100万行)',
    name: '备份后仍占用的内存 (RSS)',
    value: mb(Math.max(0, process.memoryUsage().rss - rssBefore)),
    note: '校验用的第二个数据库在临时线程里，线程结束即释放'
  })

  // Writes while a backup runs: the backup's slow part is off the write queue.
  const quiet: number[] = []
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    const t = performance.now()
    await ok('settings.update', { communityName: `社区${i}` })
    quiet.push(performance.now() - t)
  }
  const during: number[] = []
  const running = ok('backup.run', {})
  let finished = false
  void running.finally(() => (finished = true))
  let i = 0
  while (!finished) {
    // Calls arrive as separate events (IPC, HTTP): yield between them as the hosts do, or a loop of
    // promise-only writes would starve the backup's compression callbacks.
    await new Promise((resolve) => setImmediate(resolve))
    const t = performance.now()
    await ok('settings.update', { communityName: `备份中${i++}` })
    during.push(performance.now() - t)
  }
  await running
  record({
    group: '数据备份 (100万行)',
    name: '备份进行中的写入确认 p50',
    value: ms(percentile(during, 50)),
    baseline: ms(percentile(quiet, 50)),
    note: `${during.length} 次写入；基线=不备份时`
  })
  record({ group: '数据备份 (100万行)', name: '备份进行中的写入确认 p99', value: ms(percentile(during, 99)), baseline: ms(percentile(quiet, 99)) })
  await backend.close()
  for (const d of [dir, folder]) fs.rmSync(d, { recursive: true, force: true })
}
