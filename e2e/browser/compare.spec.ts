import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('compare areas side by side with their bydele and the municipality', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const area = page.getByTestId('area-select');
  const panelValue = (id: string) => page.locator(`[data-testid="area-panel"] tr[data-indicator-id="${id}"] [data-testid="cell-value"]`);

  const chosen: { id: string; value: string }[] = [];
  for (const index of [1, 30, 60]) {
    await area.selectOption({ index });
    await page.getByTestId('compare-toggle').click();
    chosen.push({ id: await area.inputValue(), value: await panelValue('employment_16_64').innerText() });
  }
  const panel = page.getByTestId('compare-panel');
  await expect(panel.locator('thead th.area')).toHaveCount(3);
  await expect(panel.locator('thead th.municipality')).toHaveCount(1);
  expect(await panel.locator('thead th.parent').count()).toBeGreaterThanOrEqual(1);
  // The comparison shows the same figures as each area's own panel.
  for (const c of chosen) {
    await expect(panel.locator(`tr[data-indicator-id="employment_16_64"] td[data-column="area:${c.id}"]`)).toContainText(c.value.replace(/\s*\*$/, ''));
  }
  // The municipality column agrees with the area panel's municipality value.
  const muni = await page.locator('[data-testid="area-panel"] tr[data-indicator-id="employment_16_64"] [data-testid="cell-municipality"]').innerText();
  await expect(panel.locator('tr[data-indicator-id="employment_16_64"] td[data-column="municipality"]')).toContainText(muni);

  // At most four; removing one frees a place.
  await area.selectOption({ index: 70 });
  await page.getByTestId('compare-toggle').click();
  await area.selectOption({ index: 80 });
  await expect(page.getByTestId('compare-toggle')).toBeDisabled();
  await panel.getByRole('button', { name: /Fjern fra sammenligning/ }).first().click();
  await expect(panel.locator('thead th.area')).toHaveCount(3);
  await expect(page.getByTestId('compare-toggle')).toBeEnabled();
  await panel.getByRole('button', { name: 'Ryd sammenligningen' }).click();
  await expect(panel).toHaveCount(0);
});

test('the area panel ranks the area on each directional indicator, never on context ones', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('outside_work_edu_18_64');
  await page.getByTestId('area-select').selectOption({ index: 10 });
  const row = (id: string) => page.locator(`[data-testid="area-panel"] tr[data-indicator-id="${id}"] [data-testid="cell-rank"]`);
  await expect(row('outside_work_edu_18_64')).toHaveText(/^\d+\/84$/);
  await expect(row('non_western_share')).toHaveText('–');
  // Where higher is worse, a higher share never has a worse (larger) rank: check a dozen districts.
  const ranked: { value: number; rank: number }[] = [];
  const ids = await page.getByTestId('area-select').locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean).slice(0, 12));
  for (const id of ids) {
    await page.getByTestId('area-select').selectOption(id);
    const text = await page.locator('[data-testid="area-panel"] tr[data-indicator-id="outside_work_edu_18_64"] [data-testid="cell-value"]').innerText();
    ranked.push({ value: Number(text.replace(/[^\d,]/g, '').replace(',', '.')), rank: Number((await row('outside_work_edu_18_64').innerText()).split('/')[0]) });
  }
  for (const a of ranked) for (const b of ranked) if (a.value > b.value) expect(a.rank).toBeLessThanOrEqual(b.rank);
});
