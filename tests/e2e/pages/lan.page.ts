import type { Locator, Page } from 'playwright-core'

/** 设置 → 局域网访问 on the office PC: turn the listener on, read its address and fingerprint, answer devices. */
export class LanSettingsPage {
  readonly root: Locator
  readonly state: Locator
  readonly pending: Locator
  readonly devices: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('lan-page')
    this.state = page.getByTestId('lan-state')
    this.pending = page.getByTestId('pending-card')
    this.devices = page.getByTestId('devices-card')
  }

  /** From 设置's 局域网访问 button. */
  async open(): Promise<void> {
    await this.page.getByTestId('open-lan').click()
    await this.state.waitFor()
  }

  /** Picks the first network card offered, types the port, turns it on; resolves with the address shown once listening. */
  async enable(port: number): Promise<string> {
    await this.page.getByTestId('lan-address').click()
    await this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click()
    await this.page.locator('[data-testid="lan-port"] input').click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(String(port))
    await this.page.getByTestId('lan-enable').click()
    await this.state.filter({ hasText: '已开启' }).waitFor()
    return ((await this.page.getByTestId('lan-url').textContent()) ?? '').trim()
  }

  async fingerprint(): Promise<string> {
    return ((await this.page.getByTestId('lan-fingerprint').textContent()) ?? '').trim()
  }

  /** The QR code's image source (an SVG data URL). */
  async qrSource(): Promise<string> {
    return (await this.page.getByTestId('lan-qr').getAttribute('src')) ?? ''
  }

  /** Waits for a device's code in 等待批准的设备 (it appears without a reload). */
  async waitForCode(code: string): Promise<void> {
    await this.page.getByTestId(`approve-${code}`).waitFor()
  }

  /** 核对并批准, then the name typed into the prompt key by key, then Enter. */
  async approve(code: string, name: string): Promise<void> {
    await this.page.getByTestId(`approve-${code}`).click()
    const input = this.page.locator('.el-message-box input')
    await input.waitFor()
    await input.click()
    await this.page.keyboard.type(name)
    await this.page.keyboard.press('Enter')
    await this.devices.getByText(name).waitFor()
  }
}

/** A new device's first page (设备配对): its code and the fingerprint to compare. */
export class PairPage {
  readonly root: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('pair-page')
  }

  async code(): Promise<string> {
    const shown = this.page.getByTestId('pair-code')
    await shown.filter({ hasText: /\d{3} \d{3}/ }).waitFor()
    return ((await shown.textContent()) ?? '').replace(/\s/g, '')
  }

  async fingerprint(): Promise<string> {
    return ((await this.page.getByTestId('pair-fingerprint').textContent()) ?? '').trim()
  }
}

/** A resident's 修改 drawer, for the stale write: type, save, and answer 重新载入. */
export class ResidentEditPage {
  constructor(readonly page: Page) {}

  async openEdit(): Promise<void> {
    await this.page.getByTestId('resident-edit').click()
    await this.page.getByTestId('resident-form').waitFor()
  }

  nameField(): Locator {
    return this.page.locator('input[data-testid="resident-name-input"]')
  }

  /** Replaces the name key by key and presses 保存; resolves with the refusal's dialog text. */
  async renameAndSave(name: string): Promise<string> {
    await this.nameField().click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(name)
    await this.page.getByTestId('resident-save').click()
    const box = this.page.locator('.el-message-box')
    await box.waitFor()
    return ((await box.textContent()) ?? '').trim()
  }

  async reload(): Promise<void> {
    await this.page.locator('.el-message-box').getByRole('button', { name: '重新载入' }).click()
  }
}
