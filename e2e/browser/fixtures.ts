/**
 * Shared steps for the browser-host end-to-end tests, plus a recorder that proves the
 * whole session stays on the app's own origin.
 */
import { readFileSync } from 'node:fs';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';

export const DEMO_EXTRACT_PATH = 'resources/demo/demo.bdx';
export const DISTRICT_COUNT = 84;

export function demoBytes(): Buffer {
  return readFileSync(DEMO_EXTRACT_PATH);
}

/** Records every request of the context, including those of Web Workers. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function foreignRequests(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
}

export async function openDemo(page: Page, passphrase = DEMO_PASSPHRASE): Promise<void> {
  await page.getByRole('button', { name: 'Åbn demo-udtræk' }).click();
  await page.getByLabel('Adgangskode', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Åbn', exact: true }).click();
}

export async function expectDistrictMap(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="district-map"] path.leaflet-interactive')).toHaveCount(DISTRICT_COUNT, {
    timeout: 120_000,
  });
}

/** Opens a file through the host's file picker ("Åbn fil…" or "Åbn andet udtræk" → "Åbn fil…"). */
export async function openFileBytes(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Åbn fil…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
}
