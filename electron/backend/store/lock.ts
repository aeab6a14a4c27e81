import fs from 'node:fs'
import os from 'node:os'
import { AppError } from '../../../shared/errors'

interface LockInfo {
  pid: number
  host: string
  since: string
}

/** Directories locked by this process; a second open in the same process is refused too. */
const heldHere = new Set<string>()

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>
    return typeof parsed.pid === 'number' ? (parsed as LockInfo) : null
  } catch {
    return null
  }
}

function refuse(info: LockInfo): AppError {
  return new AppError(
    'STORE_LOCKED',
    `该数据目录正在被另一个守望程序使用（进程 ${info.pid}，自 ${info.since} 起）。请先关闭那个窗口，再打开本程序。`,
    { pid: info.pid, host: info.host }
  )
}

/**
 * One process owns a data directory. The lock file holds the owner's pid; a lock left
 * by a process that died (crash, kill -9) is taken over, a live owner's is refused.
 */
export function acquireLock(file: string, now: Date): () => void {
  if (heldHere.has(file)) throw refuse({ pid: process.pid, host: os.hostname(), since: '本进程' })
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: now.toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx')
      fs.writeSync(fd, JSON.stringify(mine))
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      heldHere.add(file)
      return () => {
        heldHere.delete(file)
        const current = readLock(file)
        if (current?.pid === mine.pid) fs.rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readLock(file)
      const sameHost = owner === null || owner.host === mine.host
      if (owner !== null && (!sameHost || isAlive(owner.pid)) && owner.pid !== process.pid) throw refuse(owner)
      // Stale (owner died) or unreadable half-written lock: remove and try once more.
      fs.rmSync(file, { force: true })
    }
  }
  throw new AppError('STORE_LOCKED', '无法锁定数据目录，请稍后重试。')
}
