/**
 * The extract builder screen, end to end in Chromium: a data team's input folder (made by
 * the synthetic generator: Danish CSV, XLSX, zipped shapefile in EPSG:25832, CPR-shaped
 * person ids) is validated, a broken copy is refused with its error named, the valid one
 * is built under a passphrase, checked in Node, and opened in the app itself.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { InputFile } from '../../shared/builder/input-files';
import { parquetRows } from '../../shared/builder/testing/read-parquet-rows';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { syntheticInputFiles, writeInputFolder } from '../../scripts/extract/synthetic-input';
import { openFileBytes } from './fixtures';

const PASSPHRASE = 'tre lange ord og et tal 42';
const SECRET = 'datateamets hemmelighed, som bliver offline';
/** DDMMYY-SSSS or DDMMYYSSSS, the shapes the synthetic input gives person ids. */
const CPR_SHAPED = /^\d{6}-?\d{4}$/;
/** The persons row (1-based, header = row 1) the broken copy moves outside the periods. */
const BAD_ROW = 5;
const BAD_PERIOD = '1999';

let dir = '';
let validFolder = '';
let brokenFolder = '';
let municipalityCode = '';

/** Persons with one row's period outside the manifest: the kind of slip a real export has. */
function withBadPeriod(files: readonly InputFile[]): InputFile[] {
  return files.map((file) => {
    if (file.name !== 'personer.csv') return file;
    const lines = new TextDecoder().decode(file.bytes).split('\r\n');
    const fields = lines[BAD_ROW - 1]!.split(';');
    fields[0] = BAD_PERIOD;
    lines[BAD_ROW - 1] = fields.join(';');
    return { name: file.name, bytes: new TextEncoder().encode(lines.join('\r\n')) };
  });
}

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdm-builder-e2e-'));
  const input = await syntheticInputFiles(4242, 0.05);
  municipalityCode = input.municipality.municipality.code;
  validFolder = join(dir, 'levering');
  brokenFolder = join(dir, 'levering-med-fejl');
  await writeInputFolder(validFolder, input.files);
  await writeInputFolder(brokenFolder, withBadPeriod(input.files));
});

test.afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the builder from the start screen and chooses a folder, or the files themselves. */
async function openBuilderWith(page: Page, folder: string | string[]): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Byg udtræk (datateam)' }).click();
  await expect(page.getByRole('heading', { name: 'Byg udtræk', level: 1 })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: typeof folder === 'string' ? 'Vælg mappe…' : 'Vælg filer…' }).click();
  await (await chooser).setFiles(folder);
  const files = page.getByTestId('builder-files');
  // Names are relative to the chosen folder, with its sub-folders.
  await expect(files).toContainText('extract.json');
  await expect(files).toContainText(typeof folder === 'string' ? 'geografi/basisdistrikt.zip' : 'basisdistrikt.zip');
  await page.getByRole('button', { name: 'Validér' }).click();
}

test('a broken input folder gets a report naming the error, and no build is offered', async ({ page }, testInfo) => {
  await openBuilderWith(page, brokenFolder);
  const report = page.getByTestId('builder-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('builder-status')).toContainText('Inddata har fejl (1)');
  await expect(page.getByTestId('builder-error-count')).toHaveText('1');

  const problem = page.locator('[data-testid="builder-problem"][data-code="period-outside"]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('Fejl');
  await expect(problem).toContainText('Tabel persons');
  await expect(problem).toContainText('personer.csv');
  await expect(problem.locator('td').nth(2)).toHaveText('period');
  await expect(problem.locator('td').nth(3)).toHaveText(String(BAD_ROW));
  await expect(problem).toContainText(BAD_PERIOD);
  await expect(problem).toContainText('Fjern rækkerne fra eksporten');
  // Errors come first.
  await expect(page.getByTestId('builder-problem').first()).toHaveAttribute('data-code', 'period-outside');

  // The filter shows warnings only, and back.
  await page.getByLabel('Vis').selectOption('warning');
  await expect(problem).toHaveCount(0);
  await page.getByLabel('Vis').selectOption('all');
  await expect(problem).toHaveCount(1);

  await expect(page.getByTestId('builder-encrypt')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Byg og gem udtræk' })).toHaveCount(0);
  await report.screenshot({ path: testInfo.outputPath('builder-report-errors.png') });

  // English too, from the same report.
  await page.getByLabel('Sprog').selectOption('en');
  await expect(problem).toContainText('Periods outside the extract');
  await page.getByLabel('Language').selectOption('da');
});

test('the files themselves, picked without their folder, validate like the folder', async ({ page }) => {
  const names = ['extract.json', 'personer.csv', 'haendelser.xlsx', 'geografi/basisdistrikt.zip', 'geografi/bydel.geojson', 'geografi/boligomraade.geojson'];
  await openBuilderWith(page, names.map((name) => join(validFolder, name)));
  await expect(page.getByTestId('builder-status')).toContainText('Ingen fejl', { timeout: 60_000 });
  await expect(page.getByTestId('builder-layers')).toContainText('geografi/basisdistrikt.zip');
  await expect(page.getByTestId('builder-encrypt')).toBeVisible();
});

test('a valid folder is built under a passphrase, holds no CPR numbers, and opens in the app', async ({ page }, testInfo) => {
  await openBuilderWith(page, validFolder);
  await expect(page.getByTestId('builder-status')).toContainText('Ingen fejl', { timeout: 60_000 });
  await expect(page.getByTestId('builder-tables')).toContainText('persons');
  await expect(page.getByTestId('builder-layers')).toContainText('basisdistrikt');
  await page.getByTestId('builder-report').screenshot({ path: testInfo.outputPath('builder-report-ok.png') });

  const form = page.getByTestId('builder-encrypt');
  await form.getByLabel('Den, der kender en adgangskode').check();
  // The form refuses what would make a weak or unusable extract, and says why.
  await form.getByLabel('Adgangskode til udtrækket').fill('for kort');
  await form.getByRole('button', { name: 'Byg og gem udtræk' }).click();
  await expect(page.getByTestId('builder-form-errors')).toContainText('mindst 12 tegn');
  await expect(page.getByTestId('builder-form-errors')).toContainText('mindst 16 tegn');

  await form.getByLabel('Adgangskode til udtrækket').fill(PASSPHRASE);
  await expect(page.getByTestId('builder-strength')).toContainText('Styrke');
  await form.getByLabel('Gentag adgangskoden').fill(PASSPHRASE);
  await form.getByLabel('Pseudonymiseringshemmelighed').fill(SECRET);
  await expect(page.getByTestId('builder-form-errors')).toHaveCount(0);
  await form.screenshot({ path: testInfo.outputPath('builder-encrypt.png') });

  const download = page.waitForEvent('download', { timeout: 60_000 });
  await form.getByRole('button', { name: 'Byg og gem udtræk' }).click();
  const file = await download;
  const today = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const expectedName = `${municipalityCode}-${today.getFullYear()}-${two(today.getMonth() + 1)}-${two(today.getDate())}.bdx`;
  expect(file.suggestedFilename()).toBe(expectedName);
  await expect(page.getByTestId('builder-result')).toContainText('Udtrækket er bygget og gemt');
  await expect(page.getByTestId('builder-result-name')).toHaveText(expectedName);
  // The secrets are gone from the page once the build has them.
  expect(await page.content()).not.toContain(PASSPHRASE);
  expect(await page.content()).not.toContain(SECRET);
  const bytes = await readFile(await file.path());

  let districts = 0;
  await test.step('the file decrypts and unpacks in Node, with pseudonyms instead of CPR numbers', async () => {
    const decrypted = await decryptAgeInMemory(bytes, { kind: 'passphrase', passphrase: PASSPHRASE });
    if (!decrypted.ok) throw new Error(`decryption failed: ${decrypted.error.code}`);
    const extract = unpackExtract(decrypted.plaintext);
    expect(extract.manifest.municipality.code).toBe(municipalityCode);
    expect([...extract.tables.keys()].sort()).toEqual(['events', 'persons']);
    expect([...extract.layers.keys()].sort()).toEqual(['basisdistrikt', 'boligomraade', 'bydel']);
    for (const table of ['persons', 'events']) {
      const rows = await parquetRows(extract.tables.get(table)!);
      expect(rows.length).toBeGreaterThan(0);
      const ids = rows.map((r) => String(r['person_id']));
      expect(ids.filter((id) => CPR_SHAPED.test(id))).toEqual([]);
      expect(ids.every((id) => /^P[A-Z2-7]{16}$/.test(id))).toBe(true);
    }
    districts = extract.layers.get('basisdistrikt')!.features.length;
    expect(districts).toBeGreaterThan(0);
  });

  await test.step('the built file opens in the app with its passphrase and maps its districts', async () => {
    await page.getByRole('button', { name: 'Færdig' }).click();
    await openFileBytes(page, expectedName, bytes);
    await page.getByLabel('Adgangskode', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Åbn', exact: true }).click();
    await expect(page.getByTestId('municipality-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-testid="district-map"] path.leaflet-interactive')).toHaveCount(districts, { timeout: 60_000 });
  });
});
