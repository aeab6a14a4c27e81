import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { keyForHeader, readBackupHeader } from '../../electron/backend/backup/backup-file'
import { verifyBackupFile } from '../../electron/backend/backup/backup-verify'
import { killHard, randomBetween, run } from './spawn'

const ROUNDS = 5
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-backup-crash-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('crash safety of backups: SIGKILL while backing up', () => {
  it(`never leaves a partial backup that looks good, over ${ROUNDS} kills`, async () => {
    const dataDir = path.join(root, 'data')
    const folder = path.join(root, 'backups')
    fs.mkdirSync(folder)
    const acknowledged: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const child = run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'backup-child.ts'), dataDir, folder, String(round * 10_000 + 1)])
      await child.waitFor(/^READY$/, 60_000)
      await new Promise((resolve) => setTimeout(resolve, randomBetween(500, 5000)))
      await killHard(child)
      acknowledged.push(...child.lines.filter((line) => line.startsWith('BACKUP ')).map((line) => line.slice(7)))
    }
    // Every file that carries a backup's name is whole and opens; temp files are never listed as backups.
    const listed = fs.readdirSync(folder).filter((name) => name.endsWith('.swbak') && !name.startsWith('.'))
    for (const name of listed) {
      const file = path.join(folder, name)
      const { header } = readBackupHeader(fs.readFileSync(file))
      await expect(verifyBackupFile(file, keyForHeader(header, 'beifen#2026'))).resolves.toBeTruthy()
    }
    // The retention policy keeps the newest backup of a day, so the last acknowledged one must be there.
    const last = acknowledged.at(-1)
    if (last) expect(listed).toContain(last)
    expect(listed.length, 'the harness made progress').toBeGreaterThan(0)
    console.log(`backup crash harness: ${ROUNDS} SIGKILLs, ${acknowledged.length} acknowledged backups, ${listed.length} files, all whole`)
  })
})
