/**
 * Crash-harness child: backs up over and over while residents are written, until it is killed.
 * "BACKUP <file>" is printed only after backup.run answered (written, renamed, read back, checked).
 */
import fs from 'node:fs'
import { adminOnBuiltWorker, residentArgs } from './worker-child'

const [dataDir, folder, firstText] = process.argv.slice(2)
if (!dataDir || !folder || !firstText) throw new Error('usage: backup-child <dataDir> <folder> <first>')
const { ok } = await adminOnBuiltWorker(dataDir)
await ok('backup.configure', { folder, dailyAt: '23:30', atQuit: false, retention: { daily: 60, weekly: 0, monthly: 0 } })
if (!fs.readdirSync(folder).length) await ok('backup.setPassword', { password: 'beifen#2026' })
fs.writeSync(1, 'READY\n')

let seq = Number(firstText)
const write = async () => {
  for (;;) {
    const first17 = `${110000 + Math.floor(seq / 1000)}19800101${String(seq % 1000).padStart(3, '0')}`
    await ok('residents.create', residentArgs(`居民${seq}`, first17))
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
