/**
 * The idle lock, "Close extract" and the faults the analyst must survive: the engine's worker
 * dying mid-computation, and a corrupt pack. Time is moved with Playwright's clock, so the
 * 15 minutes and the engine's 5-minute deadline pass in an instant.
 */
import { test, expect, type Page } from '@playwright/test';
import { OFFICIAL_CRITERIA_PACK, SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import socialBalanceJson from '../../shared/indicators/packs/social-balance.json' with { type: 'json' };
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { expectDistrictMap, openDemo } from './fixtures';

const engineWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('duckdb-browser'));

/** Fast-forwarding while a query runs would also pass the engine's deadline: let the work settle first. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('tg-catalogue-loading')).toHaveCount(0, { timeout: 60_000 });
}

async function unlock(page: Page): Promise<void> {
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSPHRASE);
  await page.getByRole('button', { name: 'Åbn', exact: true }).click();
  await expectDistrictMap(page);
}

test('after 15 minutes without activity the extract is dropped, the engine stopped, and the key asked for again; choices come back', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await expect(page.getByTestId('idle-minutes')).toHaveValue('15');
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  expect(engineWorkers(page)).toHaveLength(1);
  await settled(page);

  // 14 minutes: still open. Activity restarts the count.
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('district-map')).toBeVisible();
  await page.mouse.move(300, 300);
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('district-map')).toBeVisible();
  await page.clock.fastForward('02:00');

  await expect(page.getByTestId('lock-notice')).toContainText('låst efter 15 minutter uden aktivitet');
  await expect(page.getByTestId('district-map')).toHaveCount(0);
  await expect(page.getByTestId('municipality-name')).toHaveCount(0);
  await expect.poll(() => engineWorkers(page).length).toBe(0);

  // A wrong passphrase keeps the lock; the right one reopens the same file with the choices.
  await page.getByLabel('Adgangskode', { exact: true }).fill('forkert');
  await page.getByRole('button', { name: 'Åbn', exact: true }).click();
  await expect(page.getByTestId('open-error')).toHaveAttribute('data-error-code', 'wrong-secret');
  await expect(page.getByTestId('lock-notice')).toBeVisible();
  await unlock(page);
  await expect(page.getByTestId('indicator-select')).toHaveValue('youth_neet_18_24');

  // The limit is a choice, kept on this machine.
  await page.getByTestId('idle-minutes').selectOption('5');
  await settled(page);
  await page.clock.fastForward('06:00');
  await expect(page.getByTestId('lock-notice')).toContainText('låst efter 5 minutter');
  await page.reload();
  await openDemo(page);
  await expectDistrictMap(page);
  await expect(page.getByTestId('idle-minutes')).toHaveValue('5');
});

test('"Lock" and "Close extract" drop the decrypted data at once', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-notice')).toHaveAttribute('data-lock-reason', 'manual');
  await expect.poll(() => engineWorkers(page).length).toBe(0);
  await unlock(page);
  await page.getByRole('button', { name: 'Luk udtræk' }).click();
  await expect(page.getByRole('button', { name: 'Åbn demo-udtræk' })).toBeVisible();
  await expect(page.getByTestId('district-map')).toHaveCount(0);
  await expect.poll(() => engineWorkers(page).length).toBe(0);
});

test('the engine worker killed in the middle of a computation: a clear message, no hang, and the session reopens with its choices', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
  const [engine] = engineWorkers(page);
  expect(engine).toBeDefined();

  // Another pack: dozens of queries. The worker dies between two of them and never answers.
  await page.getByTestId('pack-select').selectOption(OFFICIAL_CRITERIA_PACK.id);
  await engine!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);
  await page.clock.fastForward('05:30');
  const notice = page.getByTestId('lock-notice');
  await expect(notice).toHaveAttribute('data-lock-reason', 'closed-engine');
  await expect(notice).toContainText('Beregningsmotoren stoppede');
  await expect(notice).toContainText('no answer from the engine in 5 minutes');
  await expect(page.getByTestId('pack-computing')).toHaveCount(0);

  await unlock(page);
  await expect(page.getByTestId('pack-select')).toHaveValue(SOCIAL_BALANCE_PACK.id);
  await expect(page.getByTestId('indicator-select')).toHaveValue('youth_neet_18_24');
  // The new engine works: the pack that was cut off now computes.
  await page.getByTestId('pack-select').selectOption(OFFICIAL_CRITERIA_PACK.id);
  await expect(page.getByTestId('pack-computing')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('pack-select')).toHaveValue(OFFICIAL_CRITERIA_PACK.id);
});

test('a corrupt pack file (cut off half way) is refused by name; the open extract and its map stay', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const text = JSON.stringify(socialBalanceJson);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Indlæs egen pakke…' }).click();
  await (await chooser).setFiles({ name: 'afbrudt.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2), 'utf8') });
  const alert = page.getByTestId('pack-problems');
  await expect(alert).toContainText('Pakken "afbrudt.json" kan ikke bruges');
  await expect(alert).toContainText('ikke gyldig JSON');
  await expect(page.getByTestId('pack-select')).toHaveValue(SOCIAL_BALANCE_PACK.id);
  await expectDistrictMap(page);
});
