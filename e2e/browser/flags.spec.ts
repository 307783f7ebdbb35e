import { test, expect, type Page } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

async function flagsReady(page: Page) {
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('flag-list')).toBeVisible();
}

test('flags: a list by severity, filters, explanations, evidence (funnel, trend, cluster) and marks on the map', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await flagsReady(page);
  const items = page.getByTestId('flag-list').locator('> li');
  expect(await items.count()).toBeGreaterThan(0);
  // Most severe first.
  const severities = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
  const rank = { alarm: 3, warning: 2, watch: 1 } as Record<string, number>;
  for (let i = 1; i < severities.length; i++) expect(rank[severities[i]!]!).toBeLessThanOrEqual(rank[severities[i - 1]!]!);
  // Every flag explains itself.
  for (const text of await items.locator('.flag-text').allInnerTexts()) expect(text.length).toBeGreaterThan(40);

  // Negative development: the area's trend chart with the tested periods.
  await page.getByTestId('flags-kind').selectOption('negative-development');
  await page.getByTestId('flags-severity').selectOption('watch');
  await page.getByTestId('flags-all-periods').check();
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  expect(await items.count()).toBeGreaterThan(0);
  expect(new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))))).toEqual(new Set(['negative-development']));
  await items.first().getByTestId('flag-evidence-toggle').click();
  await expect(items.first().getByTestId('evidence-trend').locator('svg.trend-chart rect.tested')).toHaveCount(1);

  // A funnel-plot outlier: the plot marks the flagged area.
  await page.getByTestId('flags-kind').selectOption('funnel-outlier');
  await page.getByTestId('flags-all-periods').uncheck();
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  const funnelFlag = items.first();
  const area = (await funnelFlag.getAttribute('data-area-id'))!;
  await funnelFlag.getByTestId('flag-evidence-toggle').click();
  await expect(funnelFlag.getByTestId('evidence-funnel').locator(`.point.selected[data-area-id="${area}"]`)).toHaveCount(1);
  // The flag's indicator is now on the map, with its flags as marks: one per flagged area.
  const indicator = await page.getByTestId('indicator-select').inputValue();
  await page.getByTestId('flags-kind').selectOption('');
  await page.getByTestId('flags-indicator').selectOption(indicator);
  await page.getByTestId('flags-severity').selectOption('watch');
  const flaggedAreas = new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-area-id'))));
  await expect(page.locator('[data-testid="district-map"] .flag-mark')).toHaveCount(flaggedAreas.size);
  await page.getByTestId('flags-on-map').uncheck();
  await expect(page.locator('[data-testid="district-map"] .flag-mark')).toHaveCount(0);

  // Hot spots: the cluster and global Moran's I, with the permutation seed.
  await page.getByTestId('flags-indicator').selectOption('');
  await page.getByTestId('flags-kind').selectOption('hot-spot');
  await page.getByTestId('flags-all-periods').check();
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  expect(await items.count()).toBeGreaterThan(0);
  await items.first().getByTestId('flag-evidence-toggle').click();
  await expect(items.first().getByTestId('evidence-cluster')).toContainText('Klyngen:');
  await expect(items.first().getByTestId('evidence-cluster')).toContainText('frø 12345');

  // Only the chosen area's flags.
  await page.getByTestId('flags-kind').selectOption('');
  await page.getByTestId('area-select').selectOption(area);
  await page.getByTestId('flags-only-selected').check();
  expect(new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-area-id'))))).toEqual(new Set([area]));
});

test('flags on the official criteria: areas over a threshold and on the watch list', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('pack-select').selectOption('dk_official_criteria');
  await expect(page.getByTestId('pack-computing')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('layer-select').selectOption('boligomraade');
  await flagsReady(page);
  await page.getByTestId('flags-severity').selectOption('watch');
  const kinds = new Set(await page.getByTestId('flag-list').locator('> li').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))));
  expect(kinds.has('threshold')).toBe(true);
  expect(kinds.has('watch')).toBe(true);
  await page.getByTestId('flags-kind').selectOption('threshold');
  await page.getByTestId('flag-list').locator('> li').first().getByTestId('flag-evidence-toggle').click();
  await expect(page.getByTestId('evidence-criteria')).toBeVisible();
});
