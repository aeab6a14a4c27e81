/**
 * Crash-harness child: backs up over and over while residents are written, until it is killed.
 * "BACKUP <file>" is printed only after backup.run answered (written, renamed, read back, checked).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WORKER_BUNDLE, startBackendWorker, workerDataFrom } from '../../electron/backend/worker-client'
import { computeCheckChar } from '../../shared/domain'

const [dataDir, folder, firstText] = process.argv.slice(2)
if (!dataDir || !folder || !firstText) throw new Error('usage: backup-child <dataDir> <folder> <first>')
// The built worker, as the hosts run it (the sources' SQL files need the bundler).
const bundleDir = fileURLToPath(new URL('../../out/main', import.meta.url))
const backend = await startBackendWorker(path.join(bundleDir, WORKER_BUNDLE), workerDataFrom(bundleDir, dataDir, 'crash', null))
const ADMIN = { username: 'admin', password: 'Shouwang#2026' }
let token: string | null = null
const ok = async (method: string, args: unknown) => {
  const envelope = await backend.call(method, args, token)
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
  return envelope.data as Record<string, unknown>
}
const first = await backend.call('auth.status', {}, null)
const needsSetup = first.ok && (first.data as { setupRequired: boolean }).setupRequired
token = String(
  (await ok(needsSetup ? 'auth.setup' : 'auth.login', needsSetup ? { communityName: '幸福里社区', displayName: '王主任', ...ADMIN } : ADMIN)).sessionToken
)
await ok('backup.configure', { folder, dailyAt: '23:30', atQuit: false, retention: { daily: 60, weekly: 0, monthly: 0 } })
if (!fs.readdirSync(folder).length) await ok('backup.setPassword', { password: 'beifen#2026' })
fs.writeSync(1, 'READY\n')

let seq = Number(firstText)
const write = async () => {
  for (;;) {
    const first17 = `${110000 + Math.floor(seq / 1000)}19800101${String(seq % 1000).padStart(3, '0')}`
    await ok('residents.create', {
      name: `居民${seq}`,
      idType: 'mainland',
      idNumber: first17 + computeCheckChar(first17),
      sex: null,
      birthDate: null,
      phones: ['13812345678'],
      tags: [],
      personType: 'registered',
      relation: null,
      notes: '',
      householdId: null
    })
    seq++
  }
}
const backUp = async () => {
  for (;;) {
    const outcome = await ok('backup.run', {})
    fs.writeSync(1, `BACKUP ${String(outcome.fileName)}\n`)
  }
}
void write()
void backUp()
