import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';

test('the map view is saved as a PNG with its colours, title and legend', async ({ page }) => {
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kort-youth_neet_18_24-basisdistrikt-2024.png');
  const bytes = readFileSync((await file.path())!);
  // A PNG, twice the map frame's width on screen.
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const frameWidth = (await page.getByTestId('district-map').boundingBox())!.width;
  expect(width).toBe(Math.round(Math.round(frameWidth) * 2));
  await expect(page.getByTestId('export-png-status')).toContainText('Kortet er gemt som kort-youth_neet_18_24');

  // Decoded in the page: every class colour is in the legend, and the polygons cover much of
  // the map frame (pixels that are neither the map's background nor white).
  const legendColours = await page.getByTestId('legend').locator('li[data-colour]').evaluateAll((items) => items.map((i) => i.getAttribute('data-colour')!));
  const seen = await page.evaluate(async ({ data, colours }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const hex = (i: number) => `#${[pixels[i]!, pixels[i + 1]!, pixels[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    const found = new Set<string>();
    for (let i = 0; i < pixels.length; i += 4) if (colours.includes(hex(i))) found.add(hex(i));
    // The map frame: rows below the title, above the legend (middle half of the image).
    let painted = 0;
    let total = 0;
    for (let y = Math.round(image.height * 0.25); y < Math.round(image.height * 0.6); y += 3) {
      for (let x = 0; x < image.width; x += 3) {
        const c = hex((y * image.width + x) * 4);
        total++;
        if (c !== '#e8eef3' && c !== '#ffffff') painted++;
      }
    }
    return { found: [...found], painted: painted / total };
  }, { data: bytes.toString('base64'), colours: legendColours });
  expect(seen.found.sort()).toEqual([...legendColours].sort());
  expect(seen.painted).toBeGreaterThan(0.5);
});

test('every export is in the audit log with its SHA-256; a tampered log is detected and stops exports', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const sha256s: string[] = [];
  for (const indicator of ['employment_16_64', 'child_notifications']) {
    await page.getByTestId('indicator-select').selectOption(indicator);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const bytes = readFileSync((await (await download).path())!);
    sha256s.push(createHash('sha256').update(bytes).digest('hex'));
  }
  await page.getByTestId('open-audit-log').click();
  const log = page.getByTestId('audit-log');
  await expect(page.getByTestId('audit-verification')).toContainText('Loggen er hel: 2 eksporter');
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tr[data-seq="1"]')).toContainText('map-png');
  await expect(log.locator('tr[data-seq="1"] .sha')).toHaveText(sha256s[0]!);
  await expect(log.locator('tr[data-seq="2"] .sha')).toHaveText(sha256s[1]!);
  await expect(log.locator('tr[data-seq="2"]')).toContainText('Børn med underretning');
  await page.keyboard.press('Escape');
  await expect(log).toHaveCount(0);

  // Someone edits the stored log: the app says where, and refuses to export.
  await page.evaluate(() => {
    const key = 'bydelsmonitor.audit-log';
    localStorage.setItem(key, localStorage.getItem(key)!.replace('Børn med underretning', 'Noget andet'));
  });
  await page.getByTestId('open-audit-log').click();
  await expect(page.getByTestId('audit-verification')).toContainText('Loggen er beskadiget ved linje 2');
  await page.getByRole('button', { name: 'Luk', exact: true }).click();
  await page.getByTestId('export-png').click();
  await expect(page.getByTestId('export-png-status')).toContainText('Kortet kunne ikke gemmes: the audit log is damaged');
});
