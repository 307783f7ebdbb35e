import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('the view survives closing and reopening the same extract', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('pack-select').selectOption('dk_official_criteria');
  await expect(page.getByTestId('pack-computing')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('indicator-select').selectOption('basic_education_30_59');
  await page.getByTestId('period-select').selectOption('2021');
  await page.getByTestId('class-method-select').selectOption('natural-breaks');
  await page.getByTestId('area-select').selectOption({ index: 4 });
  const area = await page.getByTestId('area-select').inputValue();
  await page.getByTestId('compare-toggle').click();

  await page.getByRole('button', { name: 'Luk udtræk' }).click();
  await openDemo(page);
  await expectDistrictMap(page);
  await expect(page.getByTestId('pack-select')).toHaveValue('dk_official_criteria', { timeout: 60_000 });
  await expect(page.getByTestId('indicator-select')).toHaveValue('basic_education_30_59');
  await expect(page.getByTestId('period-select')).toHaveValue('2021');
  await expect(page.getByTestId('class-method-select')).toHaveValue('natural-breaks');
  await expect(page.getByTestId('area-select')).toHaveValue(area);
  await expect(page.getByTestId('compare-panel').locator('thead th.area')).toHaveCount(1);
  // Nothing from the extract itself was stored: only ids and choices.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bydelsmonitor.view.')).map((k) => localStorage.getItem(k)));
  expect(stored).toHaveLength(1);
  expect(Object.keys((JSON.parse(stored[0]!) as { view: object }).view).sort()).toEqual(
    ['baseline', 'classMethod', 'compareIds', 'indicatorId', 'layerId', 'packId', 'period', 'selectedAreaId', 'smoothing'],
  );
});
