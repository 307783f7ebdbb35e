import { test, expect, type Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { expectDistrictMap } from './fixtures';

/** Presses Tab (or `key`) until the focused element matches. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 60, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const hit = await page.evaluate((source) => {
      const el = document.activeElement;
      return el ? (new Function('el', `return (${source})(el)`) as (el: Element) => boolean)(el) : false;
    }, matches.toString());
    if (hit) return;
  }
  const trail = await page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}`);
  throw new Error(`(ended on ${trail}) no focusable element matched ${matches.toString()} within ${max} tabs`);
}

async function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
}

test('keyboard only: open the demo, choose indicator, period, area, compare — focus always visible; screenshots of each view', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  // Kept as artefacts in test-results/e2e-artifacts/<test>/ for review.
  const shot = async (name: string) => {
    const file = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
  };
  await shot('start-screen');

  await tabTo(page, (el) => el.textContent === 'Åbn demo-udtræk');
  expect(await focusOutline(page)).toMatch(/^solid 3px$/);
  await page.keyboard.press('Enter');
  // The passphrase field takes the focus itself.
  await expect(page.locator('input[type="password"]')).toBeFocused();
  await page.keyboard.type(DEMO_PASSPHRASE);
  await page.keyboard.press('Enter');
  await expectDistrictMap(page);
  await shot('map');

  await tabTo(page, (el) => el.getAttribute('data-testid') === 'indicator-select');
  expect(await focusOutline(page)).toMatch(/^solid 3px$/);
  const before = await page.getByTestId('indicator-select').inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('indicator-select')).not.toHaveValue(before);

  await tabTo(page, (el) => el.getAttribute('data-testid') === 'period-select');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('period-select')).toHaveValue('2023');

  await tabTo(page, (el) => el.getAttribute('data-testid') === 'area-select');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('area-panel')).toBeVisible();
  await shot('area-profile');

  await tabTo(page, (el) => el.getAttribute('data-testid') === 'compare-toggle');
  expect(await focusOutline(page)).toMatch(/^solid 3px$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await shot('comparison');

  // The composite index and its robustness table, by keyboard.
  await page.getByTestId('indicator-select').focus();
  await page.keyboard.press('Home');
  await tabTo(page, (el) => el.tagName === 'SUMMARY' && (el.textContent ?? '').startsWith('Alle distrikter'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('robustness-table').locator('tbody tr').first()).toBeVisible();
  await shot('composite');

  // The export log (in the header, back up the page) opens and closes with the keyboard.
  await tabTo(page, (el) => el.getAttribute('data-testid') === 'open-audit-log', 60, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('audit-log')).toBeVisible();
  await shot('export-log');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('audit-log')).toHaveCount(0);
});
