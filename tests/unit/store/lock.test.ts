import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { FOREIGN_STALE_MS, lockEndpoint, readLockInfo } from '../../../electron/backend/store/lock'
import { LOCK_FILE, Store } from '../../../electron/backend/store/store'
import { killHard, run } from '../../crash/spawn'
import type { Running } from '../../crash/spawn'
import { fixedClock, tempDir } from '../support/temp'

const clock = fixedClock()
const open = (dir: string) => Store.open({ dir, migrations: [], now: clock.now, idleSnapshotMs: 0 })
const HOLDER = path.join(__dirname, 'lock-holder.ts')

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  return error as AppError
}

const children: Running[] = []
afterEach(async () => {
  for (const child of children.splice(0)) if (child.child.exitCode === null && child.child.signalCode === null) await killHard(child)
})

/** A lock file as a program that died in a power cut would have left it. */
function leaveLock(dir: string, fields: { pid: number; host?: string; executable?: string }) {
  const info = { host: os.hostname(), since: '2026-02-01T07:00:00.000Z', executable: 'C:\\Program Files\\守望\\守望.exe', ...fields }
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(info))
}

async function holdInChild(dir: string): Promise<{ holder: Running; pid: number }> {
  const holder = run(process.execPath, ['--import', 'tsx', HOLDER, dir])
  children.push(holder)
  const line = await holder.waitFor(/^HOLDING \d+$/)
  return { holder, pid: Number(line.split(' ')[1]) }
}

describe('data-folder lock', () => {
  it('takes over after a crash although the recorded pid now belongs to another live process', async () => {
    const dir = tempDir()
    // Windows hands the dead owner's pid to a new process soon after a power cut.
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' })
    try {
      const pid = sleeper.pid ?? 0
      expect(pid).toBeGreaterThan(0)
      leaveLock(dir, { pid })
      const store = await open(dir)
      expect(readLockInfo(path.join(dir, LOCK_FILE))).toMatchObject({ pid: process.pid, executable: process.execPath, host: os.hostname() })
      store.close()
    } finally {
      sleeper.kill('SIGKILL')
    }
    // A system process (EPERM to an ordinary user), the other way a pid check went wrong.
    leaveLock(dir, { pid: 1 })
    const again = await open(dir)
    again.close()
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses a live owner in another process, naming it, and takes over once it is killed', async () => {
    const dir = tempDir()
    const { holder, pid } = await holdInChild(dir)
    const error = await expectAppError(open(dir), 'STORE_LOCKED')
    expect(error.message).toContain('另一个守望程序')
    expect(error.message).toContain(`进程 ${pid}`)
    expect(error.details).toMatchObject({ pid, host: os.hostname() })
    // Refusing leaves the owner's lock file as it was.
    expect(readLockInfo(path.join(dir, LOCK_FILE))?.pid).toBe(pid)

    await killHard(holder)
    if (process.platform !== 'win32') {
      // kill -9 leaves the socket file behind; nobody listens on it any more.
      expect(fs.existsSync(lockEndpoint(dir))).toBe(true)
    }
    expect(readLockInfo(path.join(dir, LOCK_FILE))?.pid).toBe(pid)
    const store = await open(dir)
    expect(readLockInfo(path.join(dir, LOCK_FILE))?.pid).toBe(process.pid)
    store.close()
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
    if (process.platform !== 'win32') expect(fs.existsSync(lockEndpoint(dir))).toBe(false)
  })

  it('takes over a stale socket file even when no lock file is left', async () => {
    const dir = tempDir()
    const { holder } = await holdInChild(dir)
    await killHard(holder)
    fs.rmSync(path.join(dir, LOCK_FILE))
    const store = await open(dir)
    store.close()
  })

  it('refuses a second open in the same process and meets other spellings of the folder at one endpoint', async () => {
    const dir = tempDir()
    const store = await open(dir)
    await expectAppError(open(dir), 'STORE_LOCKED')
    const link = `${dir}-link`
    fs.symlinkSync(dir, link)
    try {
      expect(lockEndpoint(link)).toBe(lockEndpoint(dir))
      await expectAppError(open(path.join(link, '.')), 'STORE_LOCKED')
    } finally {
      fs.rmSync(link)
    }
    store.close()
    const next = await open(dir)
    next.close()
  })

  it('refuses a folder another computer keeps fresh, and takes over one it left behind', async () => {
    const dir = tempDir()
    const file = path.join(dir, LOCK_FILE)
    leaveLock(dir, { pid: 4242, host: 'JUWEIHUI-PC2' })
    const error = await expectAppError(open(dir), 'STORE_LOCKED')
    expect(error.message).toContain('另一台电脑（JUWEIHUI-PC2）')
    // The refusal leaves neither the other computer's lock file nor an endpoint of ours.
    expect(readLockInfo(file)?.host).toBe('JUWEIHUI-PC2')
    if (process.platform !== 'win32') expect(fs.existsSync(lockEndpoint(dir))).toBe(false)

    // That computer crashed: its heartbeat stopped longer ago than the stale limit.
    const old = new Date(Date.now() - FOREIGN_STALE_MS - 60_000)
    fs.utimesSync(file, old, old)
    const store = await open(dir)
    expect(readLockInfo(file)?.host).toBe(os.hostname())
    store.close()
  })

  it('keeps the endpoint bound only while the store is open', async () => {
    const dir = tempDir()
    const store = await open(dir)
    if (process.platform !== 'win32') expect(fs.existsSync(lockEndpoint(dir))).toBe(true)
    store.close()
    store.close()
    if (process.platform !== 'win32') expect(fs.existsSync(lockEndpoint(dir))).toBe(false)
  })
})
