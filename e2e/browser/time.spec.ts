import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('time: period slider, playback, and change-since-baseline maps on a diverging palette', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('employment_16_64');

  // The slider and the list move together.
  const slider = page.getByTestId('period-slider');
  await slider.fill('0');
  await expect(page.getByTestId('period-select')).toHaveValue('2015');
  await page.getByTestId('period-select').selectOption('2022');
  await expect(slider).toHaveValue('7');

  // Playback runs to the last period and stops.
  await page.getByTestId('period-play').click();
  await expect(page.getByTestId('period-play')).toHaveText(/Pause/);
  await expect(page.getByTestId('period-select')).toHaveValue('2024', { timeout: 10_000 });
  await expect(page.getByTestId('period-play')).toHaveText(/Afspil/, { timeout: 10_000 });

  // Change since 2015: percentage points, and the classes are symmetric around no change.
  await page.getByTestId('baseline-select').selectOption('2015');
  const legend = page.getByTestId('legend');
  await expect(legend.locator('figcaption')).toContainText('ændring fra 2015 til 2024');
  await expect(legend.locator('li[data-colour]')).toHaveCount(5);
  await expect(legend.locator('li[data-colour]').first()).toContainText('pct.-point');
  const middle = await legend.locator('li[data-colour]').nth(2).innerText();
  const [low, high] = middle.split('–').map((x) => x.trim());
  expect(low!.replace('−', '')).toMatch(new RegExp(`^${high!.replace('+', '').replace(/\s.*$/, '').replace('.', '\\.')}`));
  // The middle class is neutral grey.
  await expect(legend.locator('li[data-colour]').nth(2)).toHaveAttribute('data-colour', '#f7f7f7');

  // A baseline at or after the period: the values, with a note.
  await page.getByTestId('period-select').selectOption('2015');
  await expect(page.getByTestId('baseline-note')).toContainText('Vælg en periode efter basisåret 2015');
  await expect(legend.locator('figcaption')).not.toContainText('ændring');
});
