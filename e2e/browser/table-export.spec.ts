import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectDistrictMap, openDemo } from './fixtures';

test('a table export is protected, previewed with reasons, saved as CSV and XLSX, read back, and no suppressed cell can be worked out from a sum', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  // Young people not in work or education: small counts in several districts.
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  await page.getByTestId('open-table-export').click();
  const dialog = page.getByTestId('table-export');
  await dialog.getByTestId('table-protect').click();
  await expect(dialog.getByTestId('table-summary')).toContainText('Angriberkontrol', { timeout: 60_000 });
  await expect(dialog.getByTestId('table-summary')).toContainText('bestået');
  const preview = dialog.getByTestId('table-preview');
  // 84 districts, 8 bydele and the municipality.
  await expect(preview.locator('tbody tr')).toHaveCount(93);
  const primary = preview.locator('tbody tr[data-status="primary"]');
  expect(await primary.count()).toBeGreaterThan(0);
  await expect(primary.first()).toContainText('færre end 5');
  await expect(preview.locator('tbody tr[data-status="secondary"]').first()).toContainText('sekundær');

  // CSV: suppressed cells empty, with the reason.
  const csvDownload = page.waitForEvent('download');
  await dialog.getByTestId('table-save-csv').click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe('tabel-youth_neet_18_24-basisdistrikt-2024.csv');
  const csv = readFileSync((await csvFile.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = csv.slice(1).trim().split('\r\n').map((l) => l.split(';'));
  expect(rows[0]).toEqual(['niveau', 'område_id', 'område', 'summeres_i', 'periode', 'indikator', 'tæller', 'nævner', 'værdi', 'enhed', 'status', 'begrundelse']);
  const body = rows.slice(1);
  expect(body).toHaveLength(93);
  const suppressed = (r: string[]) => r[10]!.startsWith('undertrykt');
  for (const r of body) {
    if (suppressed(r)) expect([r[6], r[7], r[8]]).toEqual(['', '', '']);
    else expect(Number(r[6])).not.toBeNaN();
    // Nothing published below the minimum (zeros are published).
    if (r[6] !== '') expect(Number(r[6]) === 0 || Number(r[6]) >= 5).toBe(true);
  }
  expect(body.filter((r) => r[0] === 'basisdistrikt' && suppressed(r)).length).toBeGreaterThan(0);
  // No published sum gives a suppressed part away: under a published total, either no part
  // or at least two parts are suppressed (the attacker check proves more: intervals ≥ 5 wide).
  for (const total of body.filter((r) => !suppressed(r))) {
    const id = total[0] === 'kommune' ? 'kommune' : total[1];
    const parts = body.filter((r) => r[3] === id);
    if (parts.length === 0) continue;
    expect(parts.filter(suppressed).length).not.toBe(1);
  }

  // XLSX: the table and a sheet on the definition and the disclosure control.
  const xlsxDownload = page.waitForEvent('download');
  await dialog.getByTestId('table-save-xlsx').click();
  const xlsxFile = await xlsxDownload;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await xlsxFile.path())!) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tabel', 'Om tabellen']);
  expect(workbook.getWorksheet('Tabel')!.rowCount).toBe(94);
  const about = workbook.getWorksheet('Om tabellen')!.getColumn(2).values.map(String).join('\n');
  expect(about).toContain('Mindste cellestørrelse: 5');
  expect(about).toContain('Angriberkontrol');
  await expect(dialog.getByTestId('table-status')).toContainText('Tabellen er gemt som tabel-youth_neet_18_24-basisdistrikt-2024.xlsx');

  // Both are in the export log.
  await dialog.getByRole('button', { name: 'Luk', exact: true }).click();
  await page.getByTestId('open-audit-log').click();
  await expect(page.getByTestId('audit-log').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('audit-log')).toContainText('table-csv');
  await expect(page.getByTestId('audit-log')).toContainText('Attacker check');
});
