import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_VOLUNTEER } from '../../shared/schemas/volunteers'
import { ShellPage } from './pages/shell.page'
import { VolunteersPage } from './pages/volunteers.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * Issue 24, stale writes beyond residents: a clerk has a volunteer's 修改 form open while another
 * PC (or the gate tablet) saves the same volunteer. The clerk's save is refused with the clear
 * message; 重新载入 puts the other PC's version in the form, and the clerk's next save goes through.
 */
describe('a form opened before another device saved the same record', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    await new ShellPage(app.page).openAndSetUp(app.url)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('a volunteer: refused with 重新载入, then saved over the latest version', async () => {
    const volunteer = await app.apiData('volunteers.create', { ...EMPTY_VOLUNTEER, name: '丁志愿', phone: '13712345678' })
    await app.page.goto(`${app.origin}/#/volunteers`)
    const page = new VolunteersPage(app.page)
    await page.openEdit('丁志愿')
    // Meanwhile another PC corrects the name.
    await app.apiData('volunteers.update', { ...EMPTY_VOLUNTEER, id: volunteer.id, name: '丁志远', phone: '', expectedUpdatedAt: volunteer.updatedAt })

    const refusal = await page.renameAndSave('丁志愿（楼长）')
    expect(refusal).toContain('这位志愿者的信息刚被别人（另一台电脑或平板）修改过')
    expect(refusal).toContain('重新载入')
    await app.screenshot('stale-volunteer')
    await page.reload()
    // The form now shows the other PC's version (what was typed is given up, as the dialog said).
    await expect.poll(() => page.nameField().inputValue()).toBe('丁志远')

    await page.renameAndSaveOk('丁志远（楼长）')
    await expect.poll(async () => (await page.rowTexts()).join('\n')).toContain('丁志远（楼长）')
    // The refused save is the browser's one logged failure (409 Conflict), and the only one.
    expect(app.consoleErrors.filter((e) => !/409 \(Conflict\).*\/api\/volunteers\.update/.test(e))).toEqual([])
  })
})
