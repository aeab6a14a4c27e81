import type { BackendLike } from './api-handler'
import { readCertFiles, readLanConfig, writeListenerState } from '../backend/devices/lan-files'
import { startLanServer } from './lan-server'
import type { RunningLanServer } from './lan-server'

export interface LanHostOptions {
  backend: BackendLike
  dataDir: string
  staticDir: string
  log?: (line: string) => void
}

export interface LanHost {
  /** Settles once the listener matches the settings (tests wait on it). */
  settled(): Promise<void>
  close(): Promise<void>
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'EADDRINUSE') return '端口已被其他程序占用，请换一个端口。'
  if (code === 'EADDRNOTAVAIL') return '这个网卡地址现在不可用（网线或无线网是否已连接？）。'
  return error instanceof Error ? error.message : String(error)
}

/**
 * The host's side of 设置 → 局域网访问, the same in the desktop app and in browser mode
 * (`npm run serve -- --lan`): reads lan/ in the data folder at start and after every lan.*
 * change, and starts, moves or stops the LAN listener to match. Thin on purpose: the settings,
 * the certificate and the pairing all live in the backend.
 */
export function startLanHost(options: LanHostOptions): LanHost {
  const log = options.log ?? ((line: string) => console.error(line))
  let running: RunningLanServer | null = null
  let chain: Promise<void> = Promise.resolve()
  let closed = false

  async function apply(): Promise<void> {
    const config = readLanConfig(options.dataDir)
    const wanted = !closed && config.enabled && config.address !== null
    if (running && (!wanted || running.address !== config.address || running.port !== config.port)) {
      await running.close()
      running = null
      log('[lan] 局域网访问已关闭')
    }
    if (!wanted || running || config.address === null) {
      if (!closed) writeListenerState(options.dataDir, { listening: running !== null, problem: null })
      return
    }
    const cert = readCertFiles(options.dataDir)
    if (!cert) {
      writeListenerState(options.dataDir, { listening: false, problem: '找不到证书文件，请关闭后重新开启局域网访问。' })
      return
    }
    try {
      running = await startLanServer({ backend: options.backend, staticDir: options.staticDir, address: config.address, port: config.port, ...cert })
      writeListenerState(options.dataDir, { listening: true, problem: null })
      log(`[lan] 局域网访问已开启：${running.url}`)
    } catch (error) {
      writeListenerState(options.dataDir, { listening: false, problem: describe(error) })
      log(`[lan] 局域网访问无法开启：${describe(error)}`)
    }
  }

  const schedule = () => {
    chain = chain.then(apply).catch((error: unknown) => log(`[lan] ${describe(error)}`))
    return chain
  }
  const unsubscribe = options.backend.onEvent((event) => {
    if (event.type === 'changed' && event.method.startsWith('lan.')) void schedule()
  })
  void schedule()

  return {
    settled: () => chain,
    close: async () => {
      closed = true
      unsubscribe()
      await schedule()
    }
  }
}
