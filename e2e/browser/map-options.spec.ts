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
    (await page.getByTestId('legend').locator('li[data-colour] .count').allInnerTexts()).map((c) => Number(/\d+/.exec(c)![0]));
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

test('the map shows any area layer: bydele and housing estates, with their own figures and composite ranks', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const paths = page.locator('[data-testid="district-map"] path.leaflet-interactive');
  const legendTotal = async () =>
    (await page.getByTestId('legend').locator('li[data-colour] .count').allInnerTexts()).map((c) => Number(/\d+/.exec(c)![0])).reduce((a, b) => a + b, 0);

  await page.getByTestId('layer-select').selectOption('bydel');
  await expect(paths).toHaveCount(8);
  await expect.poll(legendTotal).toBe(8);
  await expect(page.getByTestId('area-select').locator('option')).toHaveCount(1 + 8);
  await page.getByTestId('area-select').selectOption({ label: 'Midtbyen (1)' });
  const panel = page.getByTestId('area-panel');
  await expect(panel.locator('h2')).toContainText('Midtbyen');
  // A bydel's count is larger than any of its districts' (it sums them).
  const count = await panel.locator('tr[data-indicator-id="employment_16_64"] [data-testid="cell-count"]').innerText();
  expect(Number(count.split('/')[1]!.replace(/\D/g, ''))).toBeGreaterThan(1000);

  // The composite ranks the eight bydele against each other.
  await page.getByTestId('indicator-select').selectOption({ index: 0 });
  await expect(page.getByTestId('composite-rank')).toContainText(/Placering \d af 8/);

  await page.getByTestId('layer-select').selectOption('boligomraade');
  await expect(paths).toHaveCount(4);
  await expect(page.getByTestId('area-panel')).toHaveCount(0);
  await page.getByTestId('layer-select').selectOption('basisdistrikt');
  await expect(paths).toHaveCount(84);
});

test('districts below an indicator\'s minimum population are hatched on the map and counted in the legend', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  // Young people not in work or education: a small population in the two small decoy districts.
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  const small = page.getByTestId('legend-small');
  await expect(small).toContainText('Skraveret: lille population');
  const count = Number(/\((\d+) områder\)/.exec(await small.innerText())![1]);
  expect(count).toBeGreaterThan(0);
  // One hatched shape for every small district, drawn with the hatch pattern.
  await expect(page.locator('[data-testid="district-map"] path[fill="url(#bm-small-hatch)"][fill-opacity="1"]')).toHaveCount(count);
  await expect(page.locator('[data-testid="district-map"] pattern#bm-small-hatch')).toHaveCount(1);
});

test('an area chosen from the list is brought into view; "show the whole map" zooms back out', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const map = page.getByTestId('district-map');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForTimeout(400);
  const frame = (await map.boundingBox())!;
  const inView = async (areaIndex: number) => {
    const box = await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(areaIndex).boundingBox();
    return !!box && box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height;
  };
  // Find a district that is out of view at this zoom, then choose it from the list.
  let outside = -1;
  for (let i = 0; i < 84 && outside < 0; i++) if (!(await inView(i))) outside = i;
  expect(outside).toBeGreaterThanOrEqual(0);
  const areaId = await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(outside).getAttribute('data-area-id');
  await page.getByTestId('area-select').selectOption(areaId!);
  await expect.poll(() => inView(outside)).toBe(true);
  await page.getByTestId('map-show-all').click();
  await page.waitForTimeout(400);
  for (let i = 0; i < 84; i += 7) expect(await inView(i)).toBe(true);
});

test('the polygons have exactly the legend classes\' colours and counts; names on the map; the area\'s flags and the funnel plot', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  for (const method of ['quantile', 'natural-breaks']) {
    await page.getByTestId('class-method-select').selectOption(method);
    const legend = await page.getByTestId('legend').locator('li[data-colour]').evaluateAll((items) =>
      items.map((i) => ({ colour: i.getAttribute('data-colour')!, count: Number(/\((\d+) /.exec(i.textContent ?? '')?.[1] ?? '-1') })),
    );
    const fills = await page.locator('[data-testid="district-map"] path.leaflet-interactive').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    for (const { colour, count } of legend) expect(fills.filter((f) => f === colour)).toHaveLength(count);
    expect(legend.reduce((a, b) => a + b.count, 0)).toBe(84);
  }

  await page.getByTestId('map-labels').check();
  await expect(page.locator('[data-testid="district-map"] .area-label')).toHaveCount(84);
  await page.getByTestId('map-labels').uncheck();
  await expect(page.locator('[data-testid="district-map"] .area-label')).toHaveCount(0);

  // The area's own flags in its profile, and the funnel plot of the indicator on the map.
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  const flagged = (await page.getByTestId('flag-list').locator('> li').first().getAttribute('data-area-id'))!;
  await page.getByTestId('area-select').selectOption(flagged);
  expect(await page.getByTestId('area-flags').locator('li').count()).toBeGreaterThan(0);
  await page.getByTestId('indicator-funnel').locator('summary').click();
  await expect(page.getByTestId('indicator-funnel').locator('svg.funnel-plot .point')).toHaveCount(84);
  await expect(page.getByTestId('indicator-funnel').locator(`.point.selected[data-area-id="${flagged}"]`)).toHaveCount(1);
});
