import { test, expect, type Locator } from '@playwright/test';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { inComposite } from '../../shared/indicators/pack';
import { DISTRICT_COUNT, expectDistrictMap, openDemo } from './fixtures';

/** A number as the Danish UI writes it ("−1,23", "1.234,5"). */
async function danishNumber(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).replace(/\s|%/g, '').replace(/\./g, '').replace(',', '.').replace('−', '-');
  return Number(text);
}

test('the composite unit indicator: map, profile with contributions, robustness', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);

  const label = SOCIAL_BALANCE_PACK.composite!.label.da;
  await page.getByTestId('indicator-select').selectOption({ label });
  await expect(page.getByTestId('legend')).toContainText(label);
  await expect(page.locator('.indicator-description')).toContainText('Kontekstindikatorer og omstridte indikatorer indgår aldrig');
  // Every district is either in a legend class or counted as without value.
  const counts = await page.getByTestId('legend').locator('li[data-colour] .count').allInnerTexts();
  expect(counts.map((c) => Number(/\d+/.exec(c)![0])).reduce((a, b) => a + b, 0)).toBe(DISTRICT_COUNT);

  // The robustness table ranks the districts; its first row is rank 1.
  const table = page.getByTestId('robustness-table');
  await table.locator('summary').click();
  await expect(table.locator('tbody tr')).toHaveCount(DISTRICT_COUNT);
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('1');

  // Choosing the rank-1 district from the table shows its profile.
  await table.locator('tbody tr').first().getByRole('button').click();
  const profile = page.getByTestId('composite-profile');
  await expect(profile.getByTestId('composite-rank')).toContainText(`Placering 1 af ${DISTRICT_COUNT}`);
  const components = profile.locator('tbody tr[data-component-id]');
  const expected = SOCIAL_BALANCE_PACK.indicators.filter(inComposite).map((i) => i.id);
  expect(await components.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-component-id')))).toEqual(expected);
  // No context indicator (such as non-Western origin) enters the index.
  await expect(profile.locator('tr[data-component-id="non_western_share"]')).toHaveCount(0);

  // The index is the sum of the contributions (each shown to two decimals).
  const index = await danishNumber(profile.getByTestId('composite-index'));
  let sum = 0;
  for (const row of await components.all()) sum += await danishNumber(row.locator('td').nth(2));
  expect(Math.abs(sum - index)).toBeLessThanOrEqual(0.005 * expected.length + 0.005);
  expect(index).toBeGreaterThan(0);

  // Robustness: a rank for equal weights and for leaving out each indicator.
  const robustness = profile.getByTestId('composite-robustness');
  await robustness.locator('summary').click();
  await expect(robustness.locator('tr[data-leave-out]')).toHaveCount(expected.length);
  await expect(robustness.locator('summary')).toContainText('Placeringen ligger mellem 1 og');
});
