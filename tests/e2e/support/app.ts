import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { inject } from 'vitest'
import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { decodeWire, encodeWire } from '../../../shared/wire'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium'

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const SERVER_JS = path.join(REPO_ROOT, 'out/main/server.cjs')
const FIXED_CLOCK_JS = path.join(REPO_ROOT, 'tests/e2e/support/fixed-clock.cjs')
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/e2e')
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000

export interface ApiReply<M extends Method> {
  status: number
  envelope: Envelope<MethodResult<M>>
}

export interface RunningApp {
  /** The launch URL with ?t=<token>, as the server printed it. */
  url: string
  /** http://127.0.0.1:<port> */
  origin: string
  token: string
  dataDir: string
  context: BrowserContext
  page: Page
  /** Console errors and uncaught page errors from every page of the context. */
  consoleErrors: string[]
  /** POST /api/<method> with the token and the page's login session (if any), from Node. */
  api<M extends Method>(method: M, args: MethodArgs<M>): Promise<ApiReply<M>>
  /** Like api() but returns data, throwing on an error envelope. */
  apiData<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>
  /** Full-page PNG at test-results/e2e/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>
  /** Closes the context (and the connection to the browser), SIGTERMs the server, waits for it and removes the temp dir. Returns the exit code. */
  stop(): Promise<number | null>
}

interface ServerProcess {
  child: ChildProcess
  exited: Promise<number | null>
  stderr: () => string
}

function spawnServer(dataDir: string, now?: string, lan = false): { server: ServerProcess; url: Promise<string> } {
  // A spec's date: the server and its backend worker (which inherits execArgv) start their clock there.
  const clock = now ? ['--require', FIXED_CLOCK_JS] : []
  // The LAN listener, offered on loopback only, so a spec's traffic never leaves this machine.
  const lanArgs = lan ? ['--lan'] : []
  const child = spawn(process.execPath, [...clock, SERVER_JS, '--port', '0', '--data-dir', dataDir, ...lanArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(now ? { SHOUWANG_E2E_NOW: now } : {}), ...(lan ? { SHOUWANG_LAN_LOOPBACK: '1' } : {}) }
  })
  let errText = ''
  child.stderr?.on('data', (chunk: Buffer) => (errText += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const server: ServerProcess = { child, exited, stderr: () => errText }

  const url = new Promise<string>((resolve, reject) => {
    let partial = ''
    const timer = setTimeout(() => {
      reject(new Error(`服务器 ${START_TIMEOUT_MS} ms 内没有打印 URL 行。stderr:\n${errText}`))
    }, START_TIMEOUT_MS)
    child.stdout?.on('data', (chunk: Buffer) => {
      partial += chunk.toString('utf8')
      const match = /^URL: (http:\/\/\S+)$/m.exec(partial)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`无法启动服务器进程：${error.message}`))
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`服务器在打印 URL 之前退出了（退出码 ${code}）。stderr:\n${errText}`))
    })
  })
  return { server, url }
}

async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited
  server.child.kill('SIGTERM')
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref())
  const result = await Promise.race([server.exited, timeout])
  if (result !== 'timeout') return result
  server.child.kill('SIGKILL')
  await server.exited
  throw new Error(`服务器收到 SIGTERM 后 ${STOP_TIMEOUT_MS} ms 仍未退出，已强制结束。stderr:\n${server.stderr()}`)
}

export interface StartOptions {
  /** An ISO instant the server's clock starts at (fixed-clock.cjs) and the page's clock stays at. */
  now?: string
  /** `--lan`: the server also serves 设置 → 局域网访问's listener (loopback offered as its card). */
  lan?: boolean
}

/**
 * The run's shared Chromium (support/browser-server.ts, the config's globalSetup), or a browser of
 * its own where no endpoint was provided.
 */
async function openBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint')
  if (endpoint) return chromium.connect(endpoint)
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/** Starts the built browser-mode host on a fresh data dir and a fresh incognito Chromium context. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(SERVER_JS)) {
    throw new Error(`找不到 ${SERVER_JS}。请先运行 \`npm run build\`（npx electron-vite build）再跑 e2e。`)
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'shouwang-e2e-'))
  const dataDir = path.join(root, 'data')
  await mkdir(dataDir)

  const { server, url: urlPromise } = spawnServer(dataDir, options.now, options.lan)
  // Connect while the server starts.
  const browserPromise = openBrowser()
  browserPromise.catch(() => undefined)
  try {
    const url = await urlPromise
    const parsed = new URL(url)
    const token = parsed.searchParams.get('t') ?? ''
    if (!token) throw new Error(`URL 行里没有令牌：${url}`)
    const origin = parsed.origin

    const browser = await browserPromise
    // A new context shares nothing with another spec's: cookies, storage and cache start empty.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } })
    const consoleErrors: string[] = []
    context.on('console', (message) => {
      if (message.type() !== 'error') return
      const where = message.location().url
      consoleErrors.push(`[console] ${message.text()} (${where})`)
    })
    context.on('weberror', (webError) => consoleErrors.push(`[pageerror] ${String(webError.error())}`))
    const page = await context.newPage()
    if (options.now) await page.clock.setFixedTime(new Date(options.now))

    // The API acts as whoever is logged in on the page (the session lives in its sessionStorage).
    const pageSession = async () => String((await page.evaluate("sessionStorage.getItem('shouwang.session')").catch(() => null)) ?? '')
    const api = async <M extends Method>(method: M, args: MethodArgs<M>): Promise<ApiReply<M>> => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-shouwang-token': token, 'x-shouwang-session': await pageSession() },
        body: encodeWire(args)
      })
      // Test helper: the server answers with the envelope of M (checked by the unit tests).
      const envelope = decodeWire(await response.text()) as Envelope<MethodResult<M>>
      return { status: response.status, envelope }
    }

    const connection = browser
    let stopped: Promise<number | null> | null = null
    return {
      url,
      origin,
      token,
      dataDir,
      context,
      page,
      consoleErrors,
      api,
      async apiData(method, args) {
        const { envelope } = await api(method, args)
        if (!envelope.ok) throw new Error(`${method} 失败：${envelope.error.code} ${envelope.error.message}`)
        return envelope.data
      },
      async screenshot(name) {
        await mkdir(SCREENSHOT_DIR, { recursive: true })
        const file = path.join(SCREENSHOT_DIR, `${name}.png`)
        // Finish CSS transitions (the 已保存 toast slides in) so shots are stable.
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
        return file
      },
      stop() {
        stopped ??= (async () => {
          try {
            await context.close().catch(() => undefined)
            // Disconnects from the shared browser (or closes this spec's own one).
            await connection.close().catch(() => undefined)
            return await stopServer(server)
          } finally {
            await rm(root, { recursive: true, force: true })
          }
        })()
        return stopped
      }
    }
  } catch (error) {
    await browserPromise.then((browser) => browser.close()).catch(() => undefined)
    await stopServer(server).catch(() => undefined)
    await rm(root, { recursive: true, force: true })
    throw error
  }
}
