import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

export interface Running {
  child: ChildProcess
  lines: string[]
  stderr: () => string
  exited: Promise<number | null>
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
}

/** Spawns a process and collects its stdout lines as they arrive. */
export function run(command: string, args: string[]): Running {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let partial = ''
  let errText = ''
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8')
    const parts = partial.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const waiter of waiters.splice(0)) {
        if (waiter.pattern.test(line)) waiter.resolve(line)
        else waiters.push(waiter)
      }
    }
  })
  child.stderr?.on('data', (chunk: Buffer) => (errText += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    lines,
    stderr: () => errText,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      const found = lines.find((line) => pattern.test(line))
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stderr: ${errText}`)), timeoutMs)
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          }
        })
        void exited.then((code) => reject(new Error(`process exited (${code}) before ${pattern}; stderr: ${errText}`)))
      })
    }
  }
}

/** SIGKILL, then wait until the process is reaped (a zombie would still look alive to the lock). */
export async function killHard(running: Running): Promise<void> {
  running.child.kill('SIGKILL')
  await running.exited
}

export const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1))
