import type { Locator, Page } from 'playwright-core'

/** The native <input> of an Element Plus field, whether data-testid sits on it or on its wrapper. */
export function inputOf(scope: Page | Locator, testId: string): Locator {
  return scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input, textarea[data-testid="${testId}"]`).first()
}

/** The dropdown Element Plus teleports to <body> for the select that is open now. */
export function openDropdownItem(page: Page, text: string): Locator {
  return page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
}

/**
 * Picks (or, for an allow-create select, types) a value in an el-select: opens it, types
 * the text to filter, then clicks the matching option.
 */
export async function choose(page: Page, select: Locator, text: string, option = text): Promise<void> {
  await select.click()
  const input = select.locator('input').first()
  await input.fill(text)
  await openDropdownItem(page, option).click()
}

/** Waits for an Element Plus success toast containing the text. */
export async function success(page: Page, text: string): Promise<void> {
  await page.locator('.el-message--success', { hasText: text }).first().waitFor()
}

/**
 * Picks several options of a multiple el-select by clicking them in its dropdown (for selects
 * that do not filter by typing), then closes the dropdown again by clicking the select.
 */
export async function pickMany(page: Page, select: Locator, options: string[]): Promise<void> {
  await select.click()
  for (const option of options) await page.locator('.el-select-dropdown__item:visible').getByText(option, { exact: true }).click()
  await select.click()
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' })
}

/** Ticks the boxes of an el-checkbox-group by their labels. */
export async function tick(group: Locator, labels: string[]): Promise<void> {
  for (const label of labels) await group.getByText(label, { exact: true }).click()
}

/** The texts of the el-select's chosen tags (a multiple select), as shown. */
export async function chosenTags(select: Locator): Promise<string[]> {
  return (await select.locator('.el-select__tags-text').allTextContents()).map((t) => t.trim())
}

/** The data-testid of the focused element (a string expression: Runtime.evaluate is not bound by the app's CSP). */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")') as Promise<string | null>
}

/** Polls (the app's CSP forbids waitForFunction's string predicate) until the element has the focus. */
export async function waitForFocus(page: Page, testid: string): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    if ((await focusedTestId(page)) === testid) return
    await page.waitForTimeout(100)
  }
  throw new Error(`${testid} never got the focus (now: ${await focusedTestId(page)})`)
}
