// npm test's static checks (ESLint, Prettier, both typechecks, the build) on two lanes at once.
// Each is one single-threaded process, so on a 2-core machine two lanes finish in about half the
// time of one after the other. A step's output is printed whole when it ends, never interleaved;
// every step runs even when another failed, so one run shows every problem.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

// The package.json scripts, balanced by CPU time (measured: eslint ~19 s, prettier ~23 s,
// tsc ~28 s, vue-tsc ~32 s, build ~7 s). The build comes last in its lane: unit tests read out/.
const LANES = [
  ['lint:es', 'typecheck:node', 'build'],
  ['lint:format', 'typecheck:web']
]

/** Runs one npm script with its output captured; resolves to whether it passed. */
function runStep(script) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      const passed = code === 0
      const text = Buffer.concat(output).toString('utf8').trimEnd()
      console.log(`${passed ? '✓' : '✗'} ${script} (${seconds} s)${passed ? '' : ` failed: ${signal ?? `exit ${code}`}`}`)
      if (!passed && text) console.log(`${text}\n`)
      resolve(passed)
    })
  })
}

async function runLane(scripts) {
  let passed = true
  for (const script of scripts) passed = (await runStep(script)) && passed
  return passed
}

const results = await Promise.all(LANES.map(runLane))
if (results.includes(false)) {
  console.error('static checks failed (see above)')
  process.exitCode = 1
}
