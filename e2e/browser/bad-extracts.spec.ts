/**
 * Every kind of bad extract gets a message naming the problem, and the extract that was
 * open before stays open and unchanged. The bad files are made in memory from the demo.
 */
import { test, expect } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { encryptExtract } from '../../shared/extract/pack';
import { demoBytes, expectDistrictMap, openDemo, openFileBytes } from './fixtures';

type Files = Record<string, Uint8Array>;

async function demoFiles(): Promise<Files> {
  const decrypted = await decryptAgeInMemory(demoBytes(), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(decrypted.error.code);
  return unzipSync(decrypted.plaintext);
}

async function reencrypt(files: Files): Promise<Buffer> {
  // A low work factor keeps the test quick; the app accepts any age work factor up to its limit.
  return Buffer.from(await encryptExtract(zipSync(files), { passphrase: DEMO_PASSPHRASE, scryptWorkFactor: 12 }));
}

function withManifest(files: Files, change: (manifest: Record<string, unknown>) => void): Files {
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  change(manifest);
  return { ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) };
}

const CASES: { name: string; make(files: Files): Promise<Buffer>; code: string; text: RegExp }[] = [
  {
    name: 'a byte flipped in the middle of the payload',
    make: async () => {
      const bytes = Buffer.from(demoBytes());
      bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
      return bytes;
    },
    code: 'damaged',
    text: /beskadiget/,
  },
  {
    name: 'an unknown format version',
    make: (files) => reencrypt(withManifest(files, (m) => (m['formatVersion'] = '2.0'))),
    code: 'unsupported-version',
    text: /formatversion/,
  },
  {
    name: 'a table the manifest lists but the archive lacks',
    make: (files) => {
      const { ['tables/events.parquet']: _events, ...rest } = files;
      return reencrypt(rest);
    },
    code: 'missing-table',
    text: /mangler en tabel/,
  },
  {
    name: 'a table without the columns the manifest promises',
    make: (files) => reencrypt({ ...files, 'tables/persons.parquet': files['tables/events.parquet']! }),
    code: 'schema-mismatch',
    text: /ikke de kolonner/,
  },
  {
    name: 'an invalid manifest',
    make: (files) => reencrypt(withManifest(files, (m) => delete m['periods'])),
    code: 'invalid-manifest',
    text: /manifest/,
  },
];

test('bad extracts are refused with a named problem while the open extract stays intact', async ({ page }) => {
  const files = await demoFiles();
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('area-select').selectOption({ index: 5 });
  // The flags have been computed, so the panel is settled.
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  const panelText = await page.getByTestId('area-panel').innerText();

  for (const bad of CASES) {
    await test.step(bad.name, async () => {
      await page.getByRole('button', { name: 'Åbn andet udtræk' }).click();
      await openFileBytes(page, 'forkert.bdx', await bad.make(files));
      await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSPHRASE);
      await page.getByRole('button', { name: 'Åbn', exact: true }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toHaveAttribute('data-error-code', bad.code, { timeout: 60_000 });
      await expect(alert).toContainText(bad.text);
      await expect(alert).toContainText('stadig åbent');
      await page.getByRole('button', { name: 'Annullér' }).click();
      await expectDistrictMap(page);
      expect(await page.getByTestId('area-panel').innerText()).toBe(panelText);
    });
  }
});
