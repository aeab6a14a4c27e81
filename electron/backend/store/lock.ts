import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../../shared/errors'
import { PRIVATE_FILE } from './private-files'

/** What the lock file tells a refused second program; it is information, never the lock itself. */
export interface LockInfo {
  pid: number
  host: string
  since: string
  executable: string
}

/**
 * The owner refreshes the lock file's time this often, so that a program on another computer
 * (a data folder on a network share) can tell a live owner from a lock left by a crash there.
 */
const HEARTBEAT_MS = 60_000
/** A lock file from another computer untouched for longer than this is stale. */
export const FOREIGN_STALE_MS = 5 * 60_000
/** A connection attempt to the endpoint that neither succeeds nor fails by then counts as a live owner. */
const PROBE_TIMEOUT_MS = 2_000

/** Directories locked by this thread; a second open in the same program is refused without asking the OS. */
const heldHere = new Set<string>()

/**
 * The OS endpoint whose listener owns the directory. Its name comes from the directory's real
 * path (case folded on Windows), so every spelling of one folder meets at one endpoint.
 * Windows: a named pipe; libuv creates it with FILE_FLAG_FIRST_PIPE_INSTANCE, so a second
 * listener fails with EADDRINUSE, and the pipe disappears when its process dies.
 * Elsewhere: a unix socket in /tmp rather than os.tmpdir(), so that programs started with
 * different TMPDIR settings still meet, and because socket paths are limited to about 104 bytes.
 */
export function lockEndpoint(dir: string): string {
  let real = fs.realpathSync.native(dir)
  if (process.platform === 'win32') real = real.toLowerCase()
  const name = `shouwang-${createHash('sha256').update(real).digest('hex').slice(0, 32)}`
  if (process.platform === 'win32') return `\\\\.\\pipe\\${name}`
  const base = fs.existsSync('/tmp') ? '/tmp' : os.tmpdir()
  return path.join(base, `${name}.sock`)
}

export function readLockInfo(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null
    return {
      pid: parsed.pid,
      host: parsed.host,
      since: typeof parsed.since === 'string' ? parsed.since : '',
      executable: typeof parsed.executable === 'string' ? parsed.executable : ''
    }
  } catch {
    return null
  }
}

function refuse(info: LockInfo | null): AppError {
  const who = info ? `（进程 ${info.pid}，自 ${info.since} 起）` : ''
  return new AppError('STORE_LOCKED', `该数据目录正在被另一个守望程序使用${who}。请先关闭那个窗口，再打开本程序。`, {
    pid: info?.pid ?? null,
    host: info?.host ?? null,
    executable: info?.executable ?? null
  })
}

function refuseForeign(info: LockInfo): AppError {
  return new AppError(
    'STORE_LOCKED',
    `该数据目录正在被另一台电脑（${info.host}）上的守望程序使用（自 ${info.since} 起）。请先关闭那台电脑上的守望，再打开本程序。`,
    { pid: info.pid, host: info.host, executable: info.executable }
  )
}

function listen(endpoint: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // Whoever connects is only asking whether we are alive: the accepted connection is the answer.
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined)
      socket.destroy()
    })
    server.once('error', reject)
    server.listen({ path: endpoint, exclusive: true }, () => {
      server.off('error', reject)
      // An accept failure (too many open files) must not crash the owner; the endpoint stays bound.
      server.on('error', () => undefined)
      // The lock never keeps a program alive by itself.
      server.unref()
      resolve(server)
    })
  })
}

/**
 * Is a program listening at a unix socket that exists? Connecting answers without trusting any pid:
 * the kernel accepts into the listener's backlog even while the owner is busy in a long
 * synchronous step, and a socket file left by a killed process refuses the connection.
 */
function probe(endpoint: string): Promise<'live' | 'stale' | 'gone' | 'unknown'> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: endpoint })
    const done = (answer: 'live' | 'stale' | 'gone' | 'unknown') => {
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => done('live'), PROBE_TIMEOUT_MS)
    socket.once('connect', () => done('live'))
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') done('stale')
      else if (error.code === 'ENOENT') done('gone')
      // A full backlog is an owner that is there but busy.
      else if (error.code === 'EAGAIN') done('live')
      else done('unknown')
    })
  })
}

/** Listens at the endpoint, taking over one a dead owner left behind; a live owner is refused. */
async function own(endpoint: string, lockFile: string): Promise<net.Server> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await listen(endpoint)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    }
    // A Windows pipe exists only while a live process holds it: taken means owned.
    if (process.platform === 'win32') throw refuse(readLockInfo(lockFile))
    const answer = await probe(endpoint)
    // Another user's socket we may not connect to (nor remove): we cannot tell, so we do not take it.
    if (answer === 'live' || answer === 'unknown') throw refuse(readLockInfo(lockFile))
    if (answer === 'stale') {
      try {
        fs.rmSync(endpoint, { force: true })
      } catch {
        throw refuse(readLockInfo(lockFile))
      }
    }
    // 'gone': the owner closed between our two steps; try again.
  }
  throw new AppError('STORE_LOCKED', '无法锁定数据目录，请稍后重试。')
}

/** A lock file written and kept fresh by a program on another computer that shares this folder. */
function foreignOwner(lockFile: string, host: string): LockInfo | null {
  const info = readLockInfo(lockFile)
  if (!info || info.host === host) return null
  try {
    const age = Math.abs(Date.now() - fs.statSync(lockFile).mtimeMs)
    return age <= FOREIGN_STALE_MS ? info : null
  } catch {
    return null
  }
}

/**
 * One program owns a data directory. Ownership is an OS endpoint (a named pipe on Windows, a unix
 * socket elsewhere) that the owner listens on: the OS ends it with the process, so a crash or a
 * power cut leaves nothing a later start has to trust or a person has to delete, and a reused pid
 * means nothing. The lock file next to the data only says who holds it (pid, computer, since,
 * program) for the refusal message, and, refreshed every minute, guards a folder shared between
 * computers, where the endpoint on one cannot be seen from the other.
 */
export async function acquireLock(lockFile: string, now: Date): Promise<() => void> {
  const dir = path.dirname(lockFile)
  const endpoint = lockEndpoint(dir)
  if (heldHere.has(endpoint)) throw refuse(readLockInfo(lockFile))
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: now.toISOString(), executable: process.execPath }
  const server = await own(endpoint, lockFile)
  const writeInfo = () => fs.writeFileSync(lockFile, JSON.stringify(mine), { mode: PRIVATE_FILE })
  try {
    const foreign = foreignOwner(lockFile, mine.host)
    if (foreign) throw refuseForeign(foreign)
    writeInfo()
  } catch (error) {
    server.close()
    throw error
  }
  heldHere.add(endpoint)
  const heartbeat = setInterval(() => {
    try {
      const at = new Date()
      fs.utimesSync(lockFile, at, at)
    } catch {
      // Deleted by hand: write it again so a refused program can still say who holds the folder.
      try {
        writeInfo()
      } catch {
        // The folder is gone or read-only; the store's own writes report that.
      }
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()
  let released = false
  return () => {
    if (released) return
    released = true
    clearInterval(heartbeat)
    heldHere.delete(endpoint)
    // The file goes first: while the endpoint is still ours, no successor can have rewritten it.
    const current = readLockInfo(lockFile)
    if (current?.pid === mine.pid && current.since === mine.since && current.host === mine.host) {
      fs.rmSync(lockFile, { force: true })
    }
    // Closing unbinds at once (libuv also unlinks the unix socket file), before close() returns.
    server.close()
  }
}
