// Runs one child process in the foreground: Ctrl+C and SIGTERM reach it, and this process
// ends with the child's exit status (128 + signal number when the child was killed).
import { spawn } from 'node:child_process'
import os from 'node:os'

export function runChild(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (os.constants.signals[signal] ?? 0)
  })
  return child
}
