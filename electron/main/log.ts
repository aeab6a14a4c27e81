import fs from 'node:fs'
import path from 'node:path'

const MAX_BYTES = 1024 * 1024

/**
 * The main process's log (logs/main.log in the data folder): starts, failures and their
 * reasons, in the office's wall-clock time, so a start that fails can be explained from a
 * file the clerk can send. Synchronous and small on purpose: it must work when nothing else does.
 */
export class MainLog {
  constructor(readonly file: string) {}

  info(message: string): void {
    this.write('信息', message)
  }

  error(message: string): void {
    this.write('错误', message)
  }

  private write(level: string, message: string): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      if (fs.existsSync(this.file) && fs.statSync(this.file).size > MAX_BYTES) fs.renameSync(this.file, `${this.file}.1`)
      fs.appendFileSync(this.file, `${localStamp(new Date())} [${level}] ${message}\n`, { mode: 0o600 })
    } catch {
      // A log that cannot be written must not stop the program or hide the real failure.
    }
  }
}

export function localStamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
