import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('empirical Bayes smoothing is a map option; the raw rate stays one click away and in the panel', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('child_notifications');
  const smoothing = page.getByTestId('smoothing-select');
  await expect(smoothing).toBeEnabled();
  const rawLegend = await page.getByTestId('legend').locator('li').allInnerTexts();

  await page.getByTestId('area-select').selectOption({ index: 3 });
  const panelValue = page.locator('[data-testid="area-panel"] tr[data-indicator-id="child_notifications"] [data-testid="cell-value"]');
  const rawValue = await panelValue.innerText();

  await smoothing.selectOption('global-eb');
  await expect(page.getByTestId('legend').locator('figcaption')).toContainText('udjævnet mod kommunen');
  // Smoothing narrows the spread of the map's values: the class limits change.
  await expect.poll(() => page.getByTestId('legend').locator('li').allInnerTexts()).not.toEqual(rawLegend);
  // The panel keeps the raw figures.
  await expect(panelValue).toHaveText(rawValue);
  // The tooltip gives the raw value beside the smoothed one.
  await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(20).hover({ force: true });
  await expect(page.locator('.leaflet-tooltip').last()).toContainText('rå:');

  await smoothing.selectOption('spatial-eb');
  await expect(page.getByTestId('legend').locator('figcaption')).toContainText('udjævnet mod naboerne');
  await smoothing.selectOption('raw');
  await expect.poll(() => page.getByTestId('legend').locator('li').allInnerTexts()).toEqual(rawLegend);

  // Means cannot be smoothed: the option is off for them.
  await page.getByTestId('indicator-select').selectOption('school_absence_6_16');
  await expect(smoothing).toBeDisabled();
});

test('class methods: quantiles, natural breaks, equal intervals and the official thresholds', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const legendCounts = async () =>
    (await page.getByTestId('legend').locator('li .count').allInnerTexts()).map((c) => Number(/\d+/.exec(c)![0]));
  const methods = page.getByTestId('class-method-select');
  // The social-balance pack has no thresholds: that method cannot be chosen.
  await expect(methods.locator('option[value="thresholds"]')).toBeDisabled();
  for (const method of ['natural-breaks', 'equal-interval', 'quantile']) {
    await methods.selectOption(method);
    await expect.poll(async () => (await legendCounts()).reduce((a, b) => a + b, 0)).toBe(84);
  }

  // The official criteria: the 2024 limits of "outside work or education" are 30 % and 40 %.
  await page.getByTestId('pack-select').selectOption('dk_official_criteria');
  await expect(page.getByTestId('pack-computing')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('indicator-select').selectOption('outside_work_edu_18_64_2y');
  await methods.selectOption('thresholds');
  const items = page.getByTestId('legend').locator('li');
  await expect(items.first()).toContainText('– 30,0 %');
  await expect(items.nth(1)).toContainText('30,0 % – 40,0 %');
  await expect(items.nth(2)).toContainText('40,0 % –');
});
