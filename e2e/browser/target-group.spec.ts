/**
 * Target-group profile in the browser host: the unemployed residents of the demo's
 * vulnerable estate against the rest of the municipality. Sizes, the top characteristic,
 * the ranking and the suppression are checked against counts taken here, independently
 * of the app, with hand-written SQL in native DuckDB on the same demo extract.
 */
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { openNativeEngine, type NodeEngine } from '../../scripts/compute/engines';
import { generateMunicipality } from '../../scripts/synth/generate';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { MIN_CELL, ZERO_IS_SAFE } from '../../shared/profile/definition';
import { demoBytes, expectDistrictMap, openDemo } from './fixtures';

interface MeanTruth {
  group: number;
  comparison: number;
  d: number;
  nGroup: number;
  nComparison: number;
}

interface Truth {
  estateId: string;
  period: number;
  groupSize: number;
  comparisonSize: number;
  /** Per "column=category": counts in the group and in the rest of the municipality. */
  shares: Map<string, { group: number; comparison: number }>;
  /** Per numeric column: Cohen's d from the group's and the rest's n, mean and sd. */
  means: Map<string, MeanTruth>;
  /** Pseudonyms of the group's persons (none may appear on the page). */
  personIds: string[];
}

let truth: Truth;

const h = (p1: number, p2: number) => 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
const pct = (x: number) => `${new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x * 100)} %`;
const digits = (text: string) => Number(text.replace(/\D/g, ''));

test.beforeAll(async () => {
  const decrypted = await decryptAgeInMemory(demoBytes(), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo: ${decrypted.error.code}`);
  const { manifest, tables } = unpackExtract(decrypted.plaintext);
  const ground = generateMunicipality({ seed: DEMO_SEED, scale: 1 }).groundTruth;
  const estate = ground.vulnerableEstate;
  const period = manifest.periods[manifest.periods.length - 1] ?? 0;
  const engine: NodeEngine = await openNativeEngine();
  try {
    const persons = manifest.tables.find((t) => t.kind === 'person-period');
    if (!persons) throw new Error('no person table');
    await engine.loadParquet(persons, tables.get(persons.name) as Uint8Array);
    const inGroup = `(district_id IN (${estate.districtIds.map((d) => `'${d}'`).join(', ')}) AND labour_status = 'ledig')`;
    const q = async (sql: string) => engine.query(sql);
    const [sizes] = await q(`SELECT COUNT(*) FILTER (WHERE ${inGroup}) AS g, COUNT(*) FILTER (WHERE NOT ${inGroup}) AS c FROM persons WHERE period = ${period}`);
    const shares = new Map<string, { group: number; comparison: number }>();
    for (const column of ['sex', 'household', 'education', 'labour_status', 'benefit', 'origin']) {
      const rows = await q(`SELECT CAST(${column} AS VARCHAR) AS v, COUNT(*) FILTER (WHERE ${inGroup}) AS g, COUNT(*) FILTER (WHERE NOT ${inGroup}) AS c FROM persons WHERE period = ${period} GROUP BY 1`);
      for (const r of rows) shares.set(`${column}=${r['v'] ?? '∅'}`, { group: Number(r['g']), comparison: Number(r['c']) });
    }
    const means = new Map<string, MeanTruth>();
    for (const column of ['age', 'income', 'school_absence']) {
      const [r] = await q(
        `SELECT COUNT(${column}) FILTER (WHERE ${inGroup}) AS n1, AVG(${column}) FILTER (WHERE ${inGroup}) AS m1, STDDEV_SAMP(${column}) FILTER (WHERE ${inGroup}) AS s1, ` +
          `COUNT(${column}) FILTER (WHERE NOT ${inGroup}) AS n2, AVG(${column}) FILTER (WHERE NOT ${inGroup}) AS m2, STDDEV_SAMP(${column}) FILTER (WHERE NOT ${inGroup}) AS s2 ` +
          `FROM persons WHERE period = ${period}`,
      );
      const [n1, m1, s1, n2, m2, s2] = ['n1', 'm1', 's1', 'n2', 'm2', 's2'].map((k) => Number(r?.[k] ?? Number.NaN)) as [number, number, number, number, number, number];
      const pooled = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
      means.set(column, { group: m1, comparison: m2, d: (m1 - m2) / pooled, nGroup: n1, nComparison: n2 });
    }
    const ids = await q(`SELECT person_id FROM persons WHERE period = ${period} AND ${inGroup}`);
    truth = {
      estateId: estate.estateId,
      period,
      groupSize: Number(sizes?.['g']),
      comparisonSize: Number(sizes?.['c']),
      shares,
      means,
      personIds: ids.map((r) => String(r['person_id'])),
    };
  } finally {
    engine.close();
  }
});

type Watch = { busy: number | null; progress: number | null; done: number | null };

/** Records when the run button goes busy, when progress shows and when the run is done. */
async function watchRun(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { tgWatch: Watch; tgObserver?: MutationObserver };
    w.tgObserver?.disconnect();
    w.tgWatch = { busy: null, progress: null, done: null };
    w.tgObserver = new MutationObserver(() => {
      const now = performance.now();
      const busy = document.querySelector('[data-testid="tg-run"][disabled]') !== null;
      if (busy && w.tgWatch.busy === null) w.tgWatch.busy = now;
      if (w.tgWatch.busy !== null && w.tgWatch.progress === null && document.querySelector('[data-testid="tg-progress"]')) w.tgWatch.progress = now - w.tgWatch.busy;
      if (!busy && w.tgWatch.busy !== null && w.tgWatch.done === null) w.tgWatch.done = now - w.tgWatch.busy;
    });
    w.tgObserver.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

/** A run that took clearly longer than 300 ms must have shown its progress. */
async function expectProgressIfSlow(page: Page, testInfo: TestInfo): Promise<void> {
  const watch = await page.evaluate(() => (window as unknown as { tgWatch: Watch }).tgWatch);
  expect(watch.done, 'the run finished').not.toBeNull();
  testInfo.annotations.push({ type: 'profile run', description: `${Math.round(watch.done ?? 0)} ms; progress after ${watch.progress === null ? '–' : `${Math.round(watch.progress)} ms`}` });
  if ((watch.done ?? 0) > 450) expect(watch.progress, 'a run over 300 ms shows progress').not.toBeNull();
}

async function defineGroup(page: Page): Promise<void> {
  const panel = page.getByTestId('target-group-panel');
  await expect(panel.getByTestId('tg-run')).toBeVisible({ timeout: 60_000 });
  await panel.getByTestId('tg-period').selectOption(String(truth.period));
  await panel.getByTestId('tg-layer').selectOption('boligomraade');
  await panel.getByTestId('tg-areas').selectOption([truth.estateId]);
  await panel.getByTestId('tg-cond-labour_status').getByLabel('Ledig', { exact: true }).check();
  await expect(panel.getByTestId('tg-comparison-rest')).toBeChecked();
}

test('target-group profile: the unemployed of the vulnerable estate against the rest of the municipality', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  const panel = page.getByTestId('target-group-panel');
  await defineGroup(page);
  // The contested origin column is neither a condition nor a characteristic unless included.
  await expect(panel.getByTestId('tg-cond-origin')).toHaveCount(0);
  await expect(panel.getByTestId('tg-include-contested')).not.toBeChecked();

  await panel.screenshot({ path: testInfo.outputPath('target-group-form.png') });
  // Every control is reachable with Tab, with a visible focus ring, and the run starts from the keyboard.
  await panel.getByTestId('tg-period').focus();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'tg-run');
  }
  expect(reached).toBe(true);
  expect(await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as HTMLElement);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  })).toBe('solid 3px');
  await watchRun(page);
  await page.keyboard.press('Enter');
  const result = panel.getByTestId('tg-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expectProgressIfSlow(page, testInfo);

  // Sizes on top, as counted independently.
  expect(truth.groupSize).toBeGreaterThanOrEqual(20);
  expect(digits(await result.getByTestId('tg-group-size').innerText())).toBe(truth.groupSize);
  expect(digits(await result.getByTestId('tg-comparison-size').innerText())).toBe(truth.comparisonSize);

  const rows = result.locator('tbody tr');
  const rowIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id') ?? ''));
  // Aggregates only: a few dozen characteristics, never a row per person.
  expect(rowIds.length).toBeGreaterThan(10);
  expect(rowIds.length).toBeLessThan(60);
  expect(rowIds.some((id) => id.startsWith('origin'))).toBe(false);

  // The top characteristic and its numbers match the independent counts.
  const top = result.locator('tbody tr[data-rank="1"]');
  const topId = (await top.getAttribute('data-row-id')) ?? '';
  const counts = truth.shares.get(topId);
  if (!counts) throw new Error(`top row ${topId} is not a share counted here`);
  const p1 = counts.group / truth.groupSize;
  const p2 = counts.comparison / truth.comparisonSize;
  await expect(top.getByTestId('tg-group-value')).toHaveText(pct(p1));
  await expect(top.getByTestId('tg-comparison-value')).toHaveText(pct(p2));
  const effect = h(p1, p2);
  const two = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(effect));
  await expect(top.getByTestId('tg-effect')).toHaveText(`h = ${effect < 0 ? '−' : ''}${two}`);
  const points = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(p1 - p2) * 100);
  await expect(top.getByTestId('tg-difference')).toContainText(`${p1 > p2 ? '+' : '−'}${points} pct.-point`);

  // Every ranked row's effect, recomputed here, is no larger than the one above it.
  const ranked = await result.locator('tbody tr[data-rank]:not([data-rank=""])').evaluateAll((trs) =>
    trs.map((tr) => ({ id: tr.getAttribute('data-row-id') ?? '', rank: Number(tr.getAttribute('data-rank')) })),
  );
  const effectOf = (id: string): number => {
    const share = truth.shares.get(id);
    if (share) return Math.abs(h(share.group / truth.groupSize, share.comparison / truth.comparisonSize));
    const mean = truth.means.get(id);
    if (mean) return Math.abs(mean.d);
    throw new Error(`row ${id} not counted here`);
  };
  expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
  for (let i = 1; i < ranked.length; i++) expect(effectOf(ranked[i]!.id)).toBeLessThanOrEqual(effectOf(ranked[i - 1]!.id) + 1e-12);
  // The defining column is shown (100 % unemployed) but not ranked.
  const ledig = result.locator('tbody tr[data-row-id="labour_status=ledig"]');
  await expect(ledig.getByTestId('tg-group-value')).toHaveText('100,0 %');
  await expect(ledig.getByTestId('tg-rank')).toHaveText('–');

  // Suppression: every row with a count under 5 (group or comparison; zeros too unless declared
  // safe, except the zeros the definition forces) shows "Undertrykt" in all its value cells
  // and has no rank.
  const suppressed = await result.locator('tbody tr[data-suppressed="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id') ?? ''));
  expect(suppressed.length).toBeGreaterThan(0);
  for (const id of rowIds) {
    const share = truth.shares.get(id);
    const mean = truth.means.get(id);
    const unsafe = (n: number) => n < MIN_CELL && !(ZERO_IS_SAFE && n === 0);
    const small = share
      ? (unsafe(share.group) && !(id.startsWith('labour_status=') && share.group === 0)) || unsafe(share.comparison)
      : mean
        ? mean.nGroup < MIN_CELL || mean.nComparison < MIN_CELL
        : false;
    if (small) expect(suppressed, `${id} has a count under ${MIN_CELL}`).toContain(id);
  }
  for (const id of suppressed) {
    const row = result.locator(`tbody tr[data-row-id="${id}"]`);
    for (const cell of ['tg-group-value', 'tg-comparison-value', 'tg-difference', 'tg-effect']) await expect(row.getByTestId(cell)).toHaveText('Undertrykt');
    await expect(row.getByTestId('tg-rank')).toHaveText('–');
  }

  // No per-person data anywhere on the page: none of the group's pseudonyms, no person column.
  const html = await page.content();
  expect(truth.personIds.length).toBe(truth.groupSize);
  for (const id of truth.personIds) expect(html).not.toContain(id);
  expect(html).not.toContain('person_id');

  await result.screenshot({ path: testInfo.outputPath('target-group.png') });
  await testInfo.attach('target-group', { path: testInfo.outputPath('target-group.png'), contentType: 'image/png' });

  // Including the contested column is an explicit choice; its rows are marked.
  await panel.getByTestId('tg-include-contested').check();
  await expect(panel.getByTestId('tg-cond-origin')).toBeVisible();
  // Another pack keeps the engine busy for a while: the run waits for it, shows its progress
  // (as every step over 300 ms does), and the panel keeps its definition.
  const packs = await page.getByTestId('pack-select').locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  await watchRun(page);
  await page.getByTestId('pack-select').selectOption(packs[packs.length - 1] ?? '');
  await panel.getByTestId('tg-run').click();
  await expect(panel.getByTestId('tg-run')).toBeEnabled({ timeout: 60_000 });
  await expectProgressIfSlow(page, testInfo);
  await expect(panel.getByTestId('tg-areas')).toHaveValues([truth.estateId]);
  await expect(result.locator('tbody tr[data-column="origin"]').first()).toBeVisible();
  await expect(result.locator('tbody tr[data-column="origin"]').first()).toContainText('omstridt');
});

test('a target group under the minimum size gives a message, not a profile', async ({ page }) => {
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);
  await defineGroup(page);
  const panel = page.getByTestId('target-group-panel');
  await panel.getByTestId('tg-age-min').fill('80');
  await panel.getByTestId('tg-age-max').fill('90');
  await panel.getByTestId('tg-run').click();
  await expect(panel.getByTestId('tg-too-small')).toContainText('færre end 20 personer');
  await expect(panel.getByTestId('tg-result')).toHaveCount(0);
  await expect(panel.getByTestId('tg-group-size')).toHaveCount(0);
});
