import { test, expect } from '@playwright/test';
import { openNativeEngine } from '../../scripts/compute/engines';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { formatIndicatorValue, formatNumber } from '../../shared/format/number';
import { isCountIndicator } from '../../shared/indicators/pack';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import type { PackCell } from '../../shared/indicators/results';
import { computePack } from '../../shared/indicators/run';
import { demoBytes, expectDistrictMap, openDemo } from './fixtures';

/** The social-balance pack computed independently on native DuckDB (same SQL, other engine). */
let native: Map<string, PackCell>;
let municipality: Map<string, number | null>;

test.beforeAll(async () => {
  const decrypted = await decryptAgeInMemory(demoBytes(), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo: ${decrypted.error.code}`);
  const { manifest, tables, layers } = unpackExtract(decrypted.plaintext);
  const engine = await openNativeEngine({ threads: 1 });
  try {
    for (const table of manifest.tables) await engine.loadParquet(table, tables.get(table.name) as Uint8Array);
    const computed = await computePack(engine, SOCIAL_BALANCE_PACK.indicators, manifest, layers);
    native = new Map(computed.results.cells.filter((c) => c.layerId === manifest.baseLayer).map((c) => [`${c.indicatorId}|${c.period}|${c.areaId}`, c]));
    municipality = new Map(computed.results.municipality.map((m) => [`${m.indicatorId}|${m.period}`, m.value]));
  } finally {
    engine.close();
  }
});

test('the area profile shows the numbers native DuckDB computes, for every indicator of three districts in two years', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  for (const period of ['2024', '2019']) {
    await page.getByTestId('period-select').selectOption(period);
    for (const index of [2, 41, 80]) {
      await page.getByTestId('area-select').selectOption({ index });
      const area = await page.getByTestId('area-select').inputValue();
      for (const def of SOCIAL_BALANCE_PACK.indicators) {
        const cell = native.get(`${def.id}|${period}|${area}`)!;
        const row = page.locator(`[data-testid="area-panel"] tr[data-indicator-id="${def.id}"]`);
        await expect(row.getByTestId('cell-value')).toHaveText(new RegExp(`^${escape(formatIndicatorValue(cell.value, def.unit, 'da'))}( \\*)?$`));
        const count = isCountIndicator(def) ? `${formatNumber(cell.numerator, 'da')} / ${formatNumber(cell.denominator, 'da')}` : `n = ${formatNumber(cell.denominator, 'da')}`;
        await expect(row.getByTestId('cell-count')).toHaveText(count);
        await expect(row.getByTestId('cell-municipality')).toHaveText(formatIndicatorValue(municipality.get(`${def.id}|${period}`) ?? null, def.unit, 'da'));
      }
    }
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
