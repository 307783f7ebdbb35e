import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { expectDistrictMap, openDemo } from './fixtures';
import { pdfText } from './pdf-text';


test('a PDF report on an area is read back: values as in the panel, small ones withheld with the reason, no counts', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  // A small district (hatched), so that some of its values are withheld.
  const hatched = await page.locator('[data-testid="district-map"] path[fill="url(#bm-small-hatch)"]').evaluateAll((paths) => paths.findIndex((p) => p.getAttribute('fill-opacity') === '1'));
  const id = (await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(hatched).getAttribute('data-area-id'))!;
  await page.getByTestId('area-select').selectOption(id);
  const name = (await page.locator('[data-testid="area-panel"] h2').innerText()).replace(/\s*\(.*\)$/, '');
  const panelRow = (indicator: string, testId: string) => page.locator(`[data-testid="area-panel"] tr[data-indicator-id="${indicator}"] [data-testid="${testId}"]`);
  const employment = (await panelRow('employment_16_64', 'cell-value').innerText()).replace(/\s*\*$/, '');
  const count = await panelRow('employment_16_64', 'cell-count').innerText();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-pdf').click();
  // The preview first: the withheld values are marked, with the reason.
  const preview = page.getByTestId('report-preview');
  await expect(preview.locator('tr[data-withheld="true"]').first()).toContainText('udeladt (færre end 5');
  await preview.getByTestId('report-save').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`rapport-basisdistrikt-${id}-2024.pdf`);
  const { pages, text } = await pdfText(readFileSync((await file.path())!));
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(text).toContain(`Områderapport: ${name}`);
  expect(text).toContain('Sundby Kommune (fiktiv)');
  expect(text).toMatch(/udeladt \(færre end 5/);
  expect(text).toContain('Diskretionering: kun værdier og intervaller');
  // Values as the panel shows them (or withheld); never the counts behind them.
  if (!/udeladt/.test(employment)) expect(text.replace(/\s+/g, ' ')).toContain(employment);
  expect(text).not.toContain(count);
  await expect(page.getByTestId('export-pdf-status')).toContainText('Rapporten er gemt som');

  // Without a chosen area: every district on the indicator in view.
  await page.getByTestId('area-select').selectOption('');
  const all = page.waitForEvent('download');
  await page.getByTestId('export-pdf').click();
  // Every district with the municipality: a lone withheld value would be the municipality minus
  // all the others, so withheld values come at least in pairs (complements where needed).
  const layerPreview = page.getByTestId('report-preview');
  await expect(layerPreview.locator('tr').first()).toBeVisible();
  const withheldRows = await layerPreview.locator('tr[data-withheld="true"]').count();
  expect(withheldRows).not.toBe(1);
  await layerPreview.getByTestId('report-save').click();
  const allFile = await all;
  expect(allFile.suggestedFilename()).toBe('rapport-basisdistrikt-youth_neet_18_24-2024.pdf');
  const layer = await pdfText(readFileSync((await allFile.path())!));
  expect(layer.text).toContain('Alle områder: Unge 18–24 år uden job og uddannelse');
  expect(layer.text).toContain(`${name} (${id})`);
});

test("a report on a flagged area lists its points of attention with their explanations", async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  const first = page.getByTestId('flag-list').locator('> li').first();
  const area = (await first.getAttribute('data-area-id'))!;
  const kind = (await first.locator('.flag-head strong').innerText()).trim();
  await page.getByTestId('area-select').selectOption(area);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-pdf').click();
  await page.getByTestId('report-save').click();
  const { text } = await pdfText(readFileSync((await (await download).path())!));
  expect(text).toContain('Opmærksomhedspunkter');
  expect(text.replace(/\s+/g, ' ')).toContain(kind);
  // The export log records the attacker check of both reports.
  await page.getByTestId('open-audit-log').click();
  await expect(page.getByTestId('audit-log')).toContainText('attacker check on the implied counts passed');
});
