import { test, expect } from '@playwright/test';
import { Encrypter } from 'age-encryption';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { demoBytes, expectDistrictMap, openFileBytes } from './fixtures';

/** The demo's plaintext, re-encrypted in memory to the analyst's public key, as a data team would. */
async function demoEncryptedTo(recipient: string): Promise<Buffer> {
  const decrypted = await decryptAgeInMemory(demoBytes(), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(decrypted.error.code);
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return Buffer.from(await encrypter.encrypt(decrypted.plaintext));
}

test('an analyst creates a key, the data team encrypts to its public key, the analyst opens the extract with it', async ({ page }) => {
  await page.goto('/');
  const keys = page.getByTestId('key-manager');
  await keys.getByLabel('Navn på nøglen').fill('Analytiker, Sundby');
  await keys.getByLabel('Nøglens adgangskode').fill('kort');
  await keys.getByRole('button', { name: 'Lav ny nøgle' }).click();
  await expect(page.getByTestId('key-error')).toContainText('mindst 8 tegn');

  await keys.getByLabel('Nøglens adgangskode').fill('en lang nøglekode');
  await keys.getByRole('button', { name: 'Lav ny nøgle' }).click();
  const publicKey = keys.getByTestId('public-key');
  await expect(publicKey).toHaveText(/^age1[0-9a-z]{58}$/, { timeout: 30_000 });
  // The secret key is nowhere in the page or its storage.
  expect(await page.content()).not.toContain('AGE-SECRET-KEY');
  expect(JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).not.toContain('AGE-SECRET-KEY');

  await openFileBytes(page, 'sundby-til-analytiker.bdx', await demoEncryptedTo(await publicKey.innerText()));
  await expect(page.getByText('krypteret til navngivne nøgler')).toBeVisible();
  await expect(page.getByTestId('key-select')).toHaveValue(/.+/);
  await page.getByLabel('Nøglens adgangskode').fill('forkert kode');
  await page.getByRole('button', { name: 'Åbn', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Forkert adgangskode', { timeout: 60_000 });

  await page.getByLabel('Nøglens adgangskode').fill('en lang nøglekode');
  await page.getByRole('button', { name: 'Åbn', exact: true }).click();
  await expectDistrictMap(page);
});
