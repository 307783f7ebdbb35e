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
