/**
 * City life end to end: the demo extract's registrations on the map, heat map, profiles,
 * mix and comparison; the before/after evaluation finds the generator's planted +30 % at the
 * treated site and nothing clear at a control; exports (CSV, XLSX, PNG, briefing pack) read
 * back; files in PLDP and counter-CSV shape imported, bad ones refused with the row named.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { DEMO_SEED } from '../../shared/extract/demo';
import { generateCityLife } from '../../scripts/synth/citylife';
import { expectDistrictMap, openDemo } from './fixtures';

const demo = generateCityLife({ seed: DEMO_SEED });
const truth = demo.groundTruth;

async function openCityLife(page: Page): Promise<void> {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('citylife-open').click();
  await expect(page.getByTestId('citylife')).toBeVisible();
}

async function loadFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Indlæs fil…' }).click();
  await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text, 'utf8') })));
}

async function evaluate(page: Page, siteId: string, comparison: string[]): Promise<void> {
  const form = page.getByTestId('citylife-evaluation');
  await form.getByTestId('citylife-eval-site').selectOption(siteId);
  await form.getByTestId('citylife-beforeFrom').fill(truth.before[0]);
  await form.getByTestId('citylife-beforeTo').fill(truth.before[1]);
  await form.getByTestId('citylife-afterFrom').fill(truth.after[0]);
  await form.getByTestId('citylife-afterTo').fill(truth.after[1]);
  for (const box of await form.getByTestId('citylife-eval-comparison').locator('input[type="checkbox"]').all()) {
    const id = await box.getAttribute('data-site-id');
    await box.setChecked(comparison.includes(id!));
  }
  await form.getByTestId('citylife-evaluate').click();
}

/** "1,31 (95 %-interval: 1,22 – 1,41)" → [1.31, 1.22, 1.41]. */
async function rateRatio(page: Page): Promise<number[]> {
  const text = await page.getByTestId('citylife-rr').innerText();
  return [...text.matchAll(/\d+,\d+/g)].map((m) => Number(m[0].replace(',', '.')));
}

test('the demo extract\'s city life: views, the planted effect found, a control without one, exports and the briefing slide', async ({ page, browser }) => {
  await openCityLife(page);
  await expect(page.getByTestId('citylife-source')).toContainText(`${truth.sites.length} steder`);
  // Sites as circles, the busiest largest.
  const circles = page.locator('[data-testid="citylife-map"] path[data-site-id]');
  await expect(circles).toHaveCount(truth.sites.length);
  // Hour × weekday: 168 cells, the unobserved ones hatched, not zero.
  await expect(page.locator('[data-testid="citylife-heat"] rect[data-hour]')).toHaveCount(168);
  await expect(page.getByTestId('citylife-daily').locator('path[data-series]')).toHaveCount(2);
  await expect(page.getByTestId('citylife-weekly').locator('rect[data-weekday]')).toHaveCount(7);
  await expect(page.getByTestId('citylife-mix')).toContainText('walking');
  await expect(page.getByTestId('citylife-mix')).toContainText('cycling');
  await page.getByTestId('citylife-mix-field').selectOption('direction');
  await expect(page.getByTestId('citylife-mix').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('citylife-compare').locator('tbody tr')).toHaveCount(truth.sites.length);
  // Choosing a site narrows the views to it.
  await page.getByTestId('citylife-sites').locator(`input[data-site-id="${truth.treatedSiteId}"]`).check();
  await expect(page.getByTestId('citylife-compare').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('citylife-sites').getByLabel('Alle steder').check();

  // The planted +30 % at the treated site, against the controls: found, with 1.3 inside the interval.
  await evaluate(page, truth.treatedSiteId, truth.controlSiteIds);
  await expect(page.getByTestId('citylife-eval-result')).toHaveAttribute('data-clear', 'true');
  const [rr, lower, upper] = await rateRatio(page);
  expect(rr).toBeGreaterThan(1.15);
  expect(lower).toBeLessThanOrEqual(truth.effect);
  expect(upper).toBeGreaterThanOrEqual(truth.effect);
  await expect(page.getByTestId('citylife-conclusion')).toContainText('flere');

  // The CSV of the evaluation, and of the sites; the XLSX; the PNG.
  const evalCsv = page.waitForEvent('download');
  await page.getByTestId('citylife-save-eval').click();
  const evalText = readFileSync((await (await evalCsv).path())!, 'utf8');
  expect(evalText.startsWith('\uFEFF')).toBe(true);
  expect(evalText).toContain('Rateforhold;');
  const sitesCsv = page.waitForEvent('download');
  await page.getByTestId('citylife-save-csv').click();
  const lines = readFileSync((await (await sitesCsv).path())!, 'utf8').trim().split('\r\n');
  expect(lines).toHaveLength(truth.sites.length + 1);
  expect(lines.some((l) => l.startsWith(`${truth.treatedSiteId};`))).toBe(true);
  const xlsx = page.waitForEvent('download');
  await page.getByTestId('citylife-save-xlsx').click();
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await (await xlsx).path())!) as unknown as ArrayBuffer);
  expect(book.worksheets.length).toBe(4);
  expect(book.worksheets[0]!.rowCount).toBe(truth.sites.length + 1);
  const png = page.waitForEvent('download');
  await page.getByTestId('citylife-save-png').click();
  expect(readFileSync((await (await png).path())!).subarray(1, 4).toString('latin1')).toBe('PNG');
  await expect(page.getByTestId('citylife-status')).toContainText('Gemt som');

  // A control site "evaluated" as if treated: no clear change.
  const control = truth.controlSiteIds[0]!;
  await evaluate(page, control, truth.controlSiteIds.filter((id) => id !== control));
  await expect(page.getByTestId('citylife-eval-result')).toHaveAttribute('data-clear', 'false');
  const [, cLower, cUpper] = await rateRatio(page);
  expect(cLower).toBeLessThanOrEqual(1);
  expect(cUpper).toBeGreaterThanOrEqual(1);

  // Into the briefing pack with the treated site's evaluation, and shown in meeting mode.
  await evaluate(page, truth.treatedSiteId, truth.controlSiteIds);
  await page.getByTestId('citylife-in-briefing').check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('citylife')).toHaveCount(0);
  await page.getByTestId('open-briefing-builder').click();
  await expect(page.getByTestId('briefing-citylife')).toBeChecked();
  await page.getByTestId('briefing-builder').locator('input[data-area-id]').first().check();
  const briefing = page.waitForEvent('download');
  await page.getByTestId('briefing-save').click();
  const briefingText = readFileSync((await (await briefing).path())!, 'utf8');
  const pack = JSON.parse(briefingText) as { cityLife?: { sites: unknown[]; evaluation: { siteName: string; lower: number; upper: number } } };
  expect(pack.cityLife?.sites).toHaveLength(truth.sites.length);
  expect(pack.cityLife?.evaluation.lower).toBeLessThanOrEqual(truth.effect);
  // Counts of people per window never go into the pack.
  expect(briefingText).not.toMatch(/"count"|"start"|"registrations"/);

  // Meeting mode, in a fresh profile: the last slide is city life, with the conclusion.
  const context = await browser.newContext();
  const meeting = await context.newPage();
  await meeting.goto('/');
  const chooser = meeting.waitForEvent('filechooser');
  await meeting.getByTestId('open-briefing').click();
  await (await chooser).setFiles({ name: 'moedepakke.bmp.json', mimeType: 'application/json', buffer: Buffer.from(briefingText, 'utf8') });
  await expect(meeting.getByTestId('meeting')).toBeVisible();
  await meeting.keyboard.press('End');
  await expect(meeting.getByTestId('meeting-citylife')).toBeVisible();
  await expect(meeting.getByTestId('meeting-citylife-conclusion')).toContainText('flere');
  await expect(meeting.getByTestId('meeting-citylife').locator('tbody tr')).toHaveCount(truth.sites.length);
  await context.close();
});

test('city-life files: PLDP JSON and a counter CSV with its sites are imported; bad rows are refused by row, and the loaded data stay', async ({ page }) => {
  await openCityLife(page);
  const small = generateCityLife({ seed: 7, weeks: 4, siteCount: 3 });
  await loadFiles(page, [{ name: 'optaelling.json', text: JSON.stringify(small.toPldp()) }]);
  await expect(page.getByTestId('citylife-source')).toContainText('optaelling.json');
  await expect(page.getByTestId('citylife-source')).toContainText('3 steder');
  await expect(page.locator('[data-testid="citylife-map"] path[data-site-id]')).toHaveCount(3);
  // The evaluation's dates are this study's (four weeks from 4 March), not the demo's half year.
  await expect(page.getByTestId('citylife-beforeFrom')).toHaveValue('2024-03-04');
  await expect(page.getByTestId('citylife-afterTo')).toHaveValue('2024-03-31');

  // A counter CSV with a negative count: refused, the row named; the PLDP study stays.
  const csv = small.toSensorCsv().split('\n');
  const broken = [...csv];
  broken[3] = broken[3]!.replace(/;(\d+)$/, ';-$1');
  await loadFiles(page, [
    { name: 'taeller.csv', text: broken.join('\n') },
    { name: 'steder.csv', text: small.toSitesCsv() },
  ]);
  const problems = page.getByTestId('citylife-problems');
  await expect(problems).toContainText('taeller.csv, steder.csv kan ikke bruges (1 fejl)');
  await expect(problems.locator('li[data-code="negative-count"]')).toContainText('Række 4');
  await expect(page.getByTestId('citylife-source')).toContainText('optaelling.json');

  // The same file mended, with its site list: loaded.
  await loadFiles(page, [
    { name: 'taeller.csv', text: csv.join('\n') },
    { name: 'steder.csv', text: small.toSitesCsv() },
  ]);
  await expect(page.getByTestId('citylife-source')).toContainText('taeller.csv, steder.csv');
  await expect(problems).toHaveCount(0);
  // An unknown site in the counts is named.
  await loadFiles(page, [
    { name: 'taeller2.csv', text: csv.map((l, i) => (i === 2 ? l.replace(/^[^;]+/, 'UKENDT') : l)).join('\n') },
    { name: 'steder.csv', text: small.toSitesCsv() },
  ]);
  await expect(problems.locator('li[data-code="unknown-site"]')).toContainText('UKENDT');
});
