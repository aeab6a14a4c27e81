import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { AppError } from '../../shared/errors'
import { defaultDataDir } from '../backend/paths'
import { openChoiceFor } from '../backend/store/open-choices'
import { WORKER_BUNDLE, startBackendWorker, workerDataFrom } from '../backend/worker-client'
import { parseServeArgs } from './args'
import { startHttpServer } from './http-server'
import { startLanHost } from './lan-host'

/** Browser-mode host: `node out/main/server.cjs --port P --data-dir D` (a CommonJS bundle). */
async function main(): Promise<void> {
  const here = __dirname
  const args = parseServeArgs(process.argv.slice(2))
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir())
  const backend = await startBackendWorker(path.join(here, WORKER_BUNDLE), workerDataFrom(here, dataDir, __APP_VERSION__, null, args.open))
  const token = randomBytes(24).toString('hex')
  const staticDir = path.resolve(here, '../renderer')
  const server = await startHttpServer({ backend, token, port: args.port, staticDir })
  const lan = args.lan ? startLanHost({ backend, dataDir, staticDir }) : null
  console.error(`守望 浏览器模式已启动，数据目录：${dataDir}`)
  console.log(`URL: ${server.url}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await lan?.close()
    await server.close()
    await backend.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  const message = error instanceof AppError || error instanceof Error ? error.message : String(error)
  console.error(`守望无法启动：${message}`)
  const choice = openChoiceFor(error)
  if (choice) console.error(`${choice.message}\n要“${choice.confirm}”，请加参数 ${choice.flag} 重新启动。`)
  process.exit(1)
})
