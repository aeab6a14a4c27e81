import type { OpenOptions } from '../backend/store/open-choices'

export interface ServeArgs {
  port: number
  dataDir: string | null
  /** What the clerk chose after a refused open (see store/open-choices.ts). */
  open: OpenOptions
  /** Also serve the LAN as 设置 → 局域网访问 says (off unless asked: browser mode is a developer's tool). */
  lan: boolean
}

/** Parses `--port P --data-dir D` (also `--port=P`); unknown flags are an error, said plainly. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const result: ServeArgs = { port: 5170, dataDir: null, open: {}, lan: false }
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? ''
    const [flag, inline] = raw.includes('=') ? raw.split(/=(.*)/s, 2) : [raw, undefined]
    const value = () => {
      const next = inline ?? argv[++i]
      if (next === undefined || next === '') throw new Error(`${flag} 后面需要一个值`)
      return next
    }
    if (flag === '--port') {
      const port = Number(value())
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port 必须是 0 到 65535 之间的整数')
      result.port = port
    } else if (flag === '--data-dir') {
      result.dataDir = value()
    } else if (flag === '--salvage-journal' && inline === undefined) {
      result.open.salvageJournal = true
    } else if (flag === '--start-fresh' && inline === undefined) {
      result.open.startFresh = true
    } else if (flag === '--lan' && inline === undefined) {
      result.lan = true
    } else {
      throw new Error(`不认识的参数：${raw}（可用：--port 端口 --data-dir 数据目录 --salvage-journal --start-fresh --lan）`)
    }
  }
  return result
}
