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
