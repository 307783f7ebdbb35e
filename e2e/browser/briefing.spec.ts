import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('a briefing pack is built from the demo, then opened in meeting mode in a fresh profile and stepped through by keyboard', async ({ page, browser }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  // Two districts, one of them small (some of its values must be withheld).
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  // The hatching layer draws the same shapes in the same order as the coloured one.
  const hatched = await page.locator('[data-testid="district-map"] path[fill="url(#bm-small-hatch)"]').evaluateAll((paths) => paths.findIndex((p) => p.getAttribute('fill-opacity') === '1'));
  expect(hatched).toBeGreaterThanOrEqual(0);
  const smallId = (await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(hatched).getAttribute('data-area-id'))!;
  await page.getByTestId('area-select').selectOption({ index: 1 });
  const first = await page.getByTestId('area-select').inputValue();
  const firstName = (await page.locator('[data-testid="area-panel"] h2').innerText()).replace(/\s*\(.*\)$/, '');
  const firstValue = await page.locator('[data-testid="area-panel"] tr[data-indicator-id="employment_16_64"] [data-testid="cell-value"]').innerText();
  const municipality = await page.locator('[data-testid="area-panel"] tr[data-indicator-id="employment_16_64"] [data-testid="cell-municipality"]').innerText();

  await page.getByTestId('open-briefing-builder').click();
  const builder = page.getByTestId('briefing-builder');
  await expect(builder.locator(`input[data-area-id="${first}"]`)).toBeChecked();
  await builder.locator(`input[data-area-id="${smallId}"]`).check();
  // The preview marks what the pack will withhold, with the reason.
  await builder.getByTestId('briefing-preview-toggle').check();
  await expect(builder.getByTestId('briefing-preview').locator(`tr[data-area-id="${smallId}"] td[data-withheld="true"]`).first()).toContainText('færre end 5');
  await builder.getByTestId('briefing-name').fill('Områdeudvalget december');
  await builder.locator(`textarea[data-note-for="${first}"]`).fill('Ny boligsocial indsats fra marts.');
  await builder.getByTestId('briefing-passphrase').fill('mødet-i-aften');
  const download = page.waitForEvent('download');
  await builder.getByTestId('briefing-save').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('moedepakke-basisdistrikt-2024.bmp');
  await expect(builder.getByTestId('briefing-status')).toContainText('Mødepakken er gemt som moedepakke-basisdistrikt-2024.bmp');
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');

  // A fresh profile: no extract, no storage, nothing but the file.
  const context = await browser.newContext();
  const meeting = await context.newPage();
  await meeting.goto('/');
  const chooser = meeting.waitForEvent('filechooser');
  await meeting.getByTestId('open-briefing').click();
  await (await chooser).setFiles({ name: 'moedepakke.bmp', mimeType: 'application/octet-stream', buffer: bytes });
  await meeting.getByTestId('meeting-passphrase').locator('input').fill('forkert');
  await meeting.getByTestId('meeting-passphrase').locator('input').press('Enter');
  await expect(meeting.getByTestId('meeting-problem')).toContainText('forkert adgangskode');
  await meeting.getByTestId('meeting-passphrase').locator('input').fill('mødet-i-aften');
  await meeting.getByTestId('meeting-passphrase').locator('input').press('Enter');

  const slides = meeting.getByTestId('meeting');
  await expect(slides.getByTestId('meeting-overview')).toBeVisible();
  await expect(meeting.getByTestId('meeting-position')).toHaveText('Dias 1 af 3');
  await expect(slides.locator('.meeting-area path')).toHaveCount(2);
  await meeting.keyboard.press('ArrowRight');
  const area = slides.getByTestId('meeting-area');
  await expect(area).toHaveAttribute('data-area-id', first);
  await expect(area.locator('h1')).toContainText(firstName);
  const row = area.locator('tr[data-indicator-id="employment_16_64"] td');
  await expect(row.nth(0)).toContainText(firstValue.replace(/\s*\*$/, ''));
  await expect(row.nth(1)).toHaveText(municipality);
  await expect(area.locator('.meeting-note')).toHaveText('Ny boligsocial indsats fra marts.');
  await meeting.keyboard.press('2');
  await expect(meeting.getByTestId('meeting-position')).toHaveText('Dias 3 af 3');
  // The small district: its young people's figure is withheld, with the reason.
  await expect(area).toHaveAttribute('data-area-id', smallId);
  await expect(area.locator('tr[data-indicator-id="youth_neet_18_24"] td').first()).toContainText(/– \((færre end 5|ingen i populationen)/);
  await meeting.keyboard.press('ArrowRight');
  await expect(meeting.getByTestId('meeting-position')).toHaveText('Dias 3 af 3');
  await meeting.keyboard.press('0');
  await expect(slides.getByTestId('meeting-overview')).toBeVisible();
  // No counts of persons anywhere on the slides.
  await meeting.keyboard.press('End');
  await expect(slides).not.toContainText(' / ');
  await meeting.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  await expect(meeting.getByTestId('open-briefing')).toBeVisible();
  await context.close();
});
