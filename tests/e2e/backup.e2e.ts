import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeId, resident } from '../unit/register/fixtures'
import { AuthPage, E2E_ADMIN } from './pages/auth.page'
import { BackupPage } from './pages/backup.page'
import { HomePage } from './pages/home.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const BACKUP_PASSWORD = 'beifen#2026'

const person = (name: string, seq: number) => resident({ name, idNumber: makeId('19800101', String(seq)) })

describe('数据备份: back up, restore, and restore the safety backup', () => {
  let app: RunningApp
  let shell: ShellPage
  let backup: BackupPage
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-e2e-backups-'))

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    backup = new BackupPage(app.page)
    await shell.openAndSetUp(app.url)
    await new HomePage(app.page).waitForLoaded()
  })

  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true })
    if (app) expect(await app.stop()).toBe(0)
  })

  const residentNames = async () => (await app.apiData('residents.list', {})).rows.map((row) => row.name).sort()

  it('the home page says backups are not set up yet', async () => {
    await expect.poll(() => app.page.getByTestId('home-backup').textContent()).toContain('数据备份还没有设置')
    await app.screenshot('backup-home-unset')
  })

  it('choose a folder, set the password, back up now', async () => {
    await app.apiData('residents.create', person('张三', 101))
    await shell.navigate('数据备份')
    await backup.chooseFolder(folder)
    await backup.setPassword(BACKUP_PASSWORD)
    await backup.backUpNow()
    const files = await backup.fileNames()
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^守望备份-.+\.swbak$/)
    expect(fs.readdirSync(folder)).toEqual([files[0]])
    await app.screenshot('backup-page')
  })

  it('a resident added after the backup is gone after the restore; the safety backup holds them and brings them back', async () => {
    await app.apiData('residents.create', person('李四', 102))
    expect(await residentNames()).toEqual(['张三', '李四'].sort())
    const [first] = await backup.fileNames()
    await backup.openRestore(first ?? '')
    expect(await backup.residentCounts()).toEqual(['1', '2'])
    await app.screenshot('backup-restore-dialog')
    const message = await backup.confirmRestore(E2E_ADMIN.password)
    expect(message).toContain('守望恢复前备份')

    // Everyone logs in again after a restore.
    const auth = new AuthPage(app.page)
    await auth.login(E2E_ADMIN.username, E2E_ADMIN.password)
    await new HomePage(app.page).waitForLoaded()
    expect(await residentNames()).toEqual(['张三'])

    await shell.navigate('数据备份')
    const safety = await backup.waitForFile('守望恢复前备份')
    expect(safety).toMatch(/^守望恢复前备份/)
    await backup.openRestore(safety)
    expect(await backup.residentCounts()).toEqual(['2', '1'])
    await backup.confirmRestore(E2E_ADMIN.password)
    await auth.login(E2E_ADMIN.username, E2E_ADMIN.password)
    await new HomePage(app.page).waitForLoaded()
    expect(await residentNames()).toEqual(['张三', '李四'].sort())
    await expect.poll(() => app.page.getByTestId('home-backup').textContent()).toContain('数据已备份')
    await app.screenshot('backup-home-done')
  })
})
