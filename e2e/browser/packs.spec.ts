import { test, expect, type Page } from '@playwright/test';
import { OFFICIAL_CRITERIA_PACK, SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import socialBalanceJson from '../../shared/indicators/packs/social-balance.json' with { type: 'json' };
import { expectDistrictMap, openDemo } from './fixtures';

async function loadPackFile(page: Page, name: string, content: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Indlæs egen pakke…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content, 'utf8') });
}

/** The social-balance pack as a file an analyst might write, changed by `patch`. */
function packFile(patch: (json: { id: string; label: { da: string; en: string }; indicators: Record<string, unknown>[] }) => void): string {
  const json = structuredClone(socialBalanceJson) as unknown as { id: string; label: { da: string; en: string }; indicators: Record<string, unknown>[] };
  patch(json);
  return JSON.stringify(json, null, 2);
}

const optionValues = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

test.describe('indicator packs in the app', () => {
  test('switch to the official-criteria pack and back without reopening the extract', async ({ page }) => {
    await page.goto('/');
    await openDemo(page);
    await expectDistrictMap(page);

    expect(await optionValues(page, 'pack-select')).toEqual([SOCIAL_BALANCE_PACK.id, OFFICIAL_CRITERIA_PACK.id]);
    await page.getByTestId('pack-select').selectOption(OFFICIAL_CRITERIA_PACK.id);
    await expect(page.getByTestId('pack-computing')).toHaveCount(0, { timeout: 60_000 });
    await expect.poll(() => optionValues(page, 'indicator-select')).toEqual(
      expect.arrayContaining(OFFICIAL_CRITERIA_PACK.indicators.map((i) => i.id)),
    );
    await expect(page.getByTestId('pack-select')).toHaveValue(OFFICIAL_CRITERIA_PACK.id);

    // The panel shows the criteria pack's indicators for the chosen district.
    await page.getByTestId('area-select').selectOption({ index: 1 });
    await expect(page.locator('[data-testid="area-panel"] tbody tr[data-indicator-id]')).toHaveCount(OFFICIAL_CRITERIA_PACK.indicators.length);
    await expectDistrictMap(page);

    await page.getByTestId('pack-select').selectOption(SOCIAL_BALANCE_PACK.id);
    await expect(page.locator('[data-testid="area-panel"] tbody tr[data-indicator-id]')).toHaveCount(SOCIAL_BALANCE_PACK.indicators.length, { timeout: 60_000 });
  });

  test("an analyst's own pack is loaded and computed; a broken one is refused with the indicator and field named", async ({ page }) => {
    await page.goto('/');
    await openDemo(page);
    await expectDistrictMap(page);

    // Not JSON at all.
    await loadPackFile(page, 'noter.json', 'dette er ikke json');
    const alert = page.getByTestId('pack-problems');
    await expect(alert).toContainText('Pakken "noter.json" kan ikke bruges');
    await expect(alert).toContainText('filen er ikke gyldig JSON');
    await expect(page.getByTestId('pack-select')).toHaveValue(SOCIAL_BALANCE_PACK.id);

    // A schema problem: the message names the indicator and the field.
    await loadPackFile(page, 'min-pakke.json', packFile((json) => {
      json.id = 'min_pakke';
      (json.indicators[0]!['population'] as Record<string, unknown>[])[0]!['op'] = 'range';
    }));
    await expect(alert).toContainText('indikator "employment_16_64": population[0].op: skal være en af');
    await expect(page.getByTestId('pack-select')).toHaveValue(SOCIAL_BALANCE_PACK.id);

    // Valid, but written for another extract: a column this extract lacks.
    await loadPackFile(page, 'andet-udtraek.json', packFile((json) => {
      json.id = 'andet_udtraek';
      (json.indicators[1]!['population'] as Record<string, unknown>[])[0]!['column'] = 'alder';
    }));
    await expect(alert).toContainText('indikator "outside_work_edu_18_64": population[0].column: udtrækkets tabel "persons" har ingen kolonne "alder"');
    await expect(page.getByTestId('pack-select')).toHaveValue(SOCIAL_BALANCE_PACK.id);
    await page.getByRole('button', { name: 'Luk', exact: true }).click();
    await expect(alert).toHaveCount(0);

    // A valid pack of the analyst's own: three indicators, one relabelled.
    await loadPackFile(page, 'beskaeftigelse.json', packFile((json) => {
      json.id = 'beskaeftigelse';
      json.label = { da: 'Beskæftigelse (egen pakke)', en: 'Employment (own pack)' };
      json.indicators = json.indicators.slice(0, 3);
      json.indicators[0]!['label'] = { da: 'Beskæftigede i alt', en: 'All employed' };
      delete (json as Record<string, unknown>)['composite'];
    }));
    await expect(page.getByTestId('pack-select')).toHaveValue('beskaeftigelse', { timeout: 60_000 });
    await expect(page.getByTestId('pack-select').locator('optgroup[label="Dine egne pakker"] option')).toHaveText(['Beskæftigelse (egen pakke)']);
    expect(await optionValues(page, 'indicator-select')).toEqual(['employment_16_64', 'outside_work_edu_18_64', 'cash_benefits_16_64']);
    await expect(page.getByTestId('indicator-select').locator('option').first()).toHaveText('Beskæftigede i alt');
    await expect(page.getByTestId('legend')).toContainText('Beskæftigede i alt');
    await expect(alert).toHaveCount(0);
  });
});
