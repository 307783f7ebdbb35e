import { test, expect } from '@playwright/test';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { isCountIndicator } from '../../shared/indicators/pack';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { demoBytes, expectDistrictMap, foreignRequests, openDemo, openFileBytes, recordRequests } from './fixtures';

test.describe('open the encrypted demo extract in the browser host', () => {
  test('wrong passphrase is refused, the right one draws the 84 districts, a click shows figures, nothing leaves the origin', async ({
    page,
    context,
    baseURL,
  }) => {
    const requests = recordRequests(context);
    await page.goto('/');

    // The start screen shows the demo passphrase and says it protects nothing real.
    await expect(page.getByText(DEMO_PASSPHRASE).first()).toBeVisible();

    await openDemo(page, 'forkert-kode');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Forkert adgangskode', { timeout: 60_000 });
    await expect(alert).toHaveAttribute('data-error-code', 'wrong-secret');
    // Still usable: the passphrase field is there and takes the right passphrase.
    await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: 'Åbn', exact: true }).click();
    await expectDistrictMap(page);

    await expect(page.getByTestId('municipality-name')).toContainText('Sundby');
    const legendItems = page.locator('[data-testid="legend"] li');
    await expect(legendItems).toHaveCount(5);

    // Click a district: the panel shows its name and, for every indicator, count and value that agree.
    await page.locator('[data-testid="district-map"] path.leaflet-interactive').nth(10).click({ force: true });
    const panel = page.getByTestId('area-panel');
    await expect(panel).toBeVisible();
    const rows = panel.locator('tbody tr[data-indicator-id]');
    const packSize = SOCIAL_BALANCE_PACK.indicators.length;
    await expect(rows).toHaveCount(packSize);
    for (const indicator of SOCIAL_BALANCE_PACK.indicators) {
      const row = panel.locator(`tbody tr[data-indicator-id="${indicator.id}"]`);
      await expect(row.getByTestId('cell-municipality')).not.toHaveText('–');
      const count = (await row.getByTestId('cell-count').innerText()).replaceAll('.', '').trim();
      if (!isCountIndicator(indicator)) {
        expect(count, indicator.id).toMatch(/^n = \d+$/);
        continue;
      }
      // Counts and value agree: the value shown is numerator ÷ denominator in the unit's scale.
      const match = /^(\d+) \/ (\d+)$/.exec(count);
      expect(match, `${indicator.id}: count cell "${count}"`).not.toBeNull();
      const [numerator, denominator] = [Number(match?.[1]), Number(match?.[2])];
      expect(denominator).toBeGreaterThan(0);
      const shown = Number((await row.getByTestId('cell-value').innerText()).replace(/[^\d,]/g, '').replace(',', '.'));
      const scale = indicator.unit === 'per1000' ? 1000 : 100;
      expect(shown, indicator.id).toBeCloseTo((numerator / denominator) * scale, 1);
    }

    // Changing the period keeps the selection and updates the figures.
    const before = await panel.innerText();
    await page.getByTestId('period-select').selectOption('2015');
    await expect(panel).not.toHaveText(before);

    const foreign = foreignRequests(requests, baseURL ?? '');
    expect(requests.length).toBeGreaterThan(3);
    expect(foreign, `requests outside ${baseURL}`).toEqual([]);
  });

  test('a file that is not an extract and a truncated extract get clear Danish messages, and the open extract stays intact', async ({
    page,
  }) => {
    await page.goto('/');
    await openFileBytes(page, 'regneark.xlsx', Buffer.from('PK\u0003\u0004 not an age file'));
    // A non-age file is refused at once, before any passphrase is asked for.
    await expect(page.getByRole('alert')).toContainText('ikke et krypteret Bydelsmonitor-udtræk');
    await expect(page.getByLabel('Adgangskode', { exact: true })).toHaveCount(0);

    await openDemo(page);
    await expectDistrictMap(page);
    await page.getByTestId('area-select').selectOption({ index: 3 });
    // The flags have been computed, so the panel is settled.
  await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
  const panelText = await page.getByTestId('area-panel').innerText();

    // Try a truncated copy of the demo while the demo is open.
    const bytes = demoBytes();
    await page.getByRole('button', { name: 'Åbn andet udtræk' }).click();
    await openFileBytes(page, 'afkortet.bdx', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: 'Åbn', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('ufuldstændigt eller beskadiget', { timeout: 60_000 });
    await expect(alert).toContainText('stadig åbent');
    await page.getByRole('button', { name: 'Annullér' }).click();

    // The demo is still open, unchanged.
    await expectDistrictMap(page);
    expect(await page.getByTestId('area-panel').innerText()).toBe(panelText);
  });
});
