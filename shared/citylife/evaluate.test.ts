import { describe, expect, it } from 'vitest';
import { conclusionText, evaluateIntervention, type EvaluationResult } from './evaluate';
import type { CityLifeStudy, Registration } from './model';
import { DAY_MS, HOUR_MS, localParts } from './time';

// Monday 2024-04-01 00:00 local (UTC+2).
const START = Date.UTC(2024, 2, 31, 22);
const WEEKS = 8;

/**
 * Noise-free means: each site its own weekly rhythm, a common season (+10 % in the second
 * half) and the treated site × 1.3 after the intervention. The counts equal the means, so
 * the estimates must be exact.
 */
function exactStudy(options: { drop?: (site: string, t: number) => boolean } = {}): CityLifeStudy {
  const sites = ['T', 'C1', 'C2'];
  const base: Record<string, number> = { T: 50, C1: 120, C2: 80 };
  const counts: Registration[] = [];
  for (const s of sites) {
    for (let t = START; t < START + WEEKS * 7 * DAY_MS; t += HOUR_MS) {
      if (options.drop?.(s, t)) continue;
      const p = localParts(t);
      const after = t >= START + (WEEKS / 2) * 7 * DAY_MS;
      const rhythm = (1 + p.hour / (s === 'C1' ? 5 : 10)) * (p.weekday >= 5 ? (s === 'T' ? 1.5 : 0.7) : 1);
      const mean = base[s]! * rhythm * (after ? 1.1 : 1) * (s === 'T' && after ? 1.3 : 1);
      counts.push({ siteId: s, start: t, end: t + HOUR_MS, kind: 'moving', count: mean / 2, direction: 'ind' });
      counts.push({ siteId: s, start: t, end: t + HOUR_MS, kind: 'moving', count: mean / 2, direction: 'ud' });
    }
  }
  return { id: 'x', name: 'x', source: 'sensor', sites: sites.map((id) => ({ id, name: id, geometry: null, centroid: null })), counts };
}

const BEFORE = ['2024-04-01', '2024-04-28'] as const;
const AFTER = ['2024-04-29', '2024-05-26'] as const;

function ok(r: EvaluationResult) {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.evaluation;
}

function refused(r: EvaluationResult): string[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map((p) => p.code);
}

describe('evaluateIntervention', () => {
  it('recovers the ratio of rate ratios exactly from noise-free data, and the confounded before/after without comparison', () => {
    const study = exactStudy();
    const did = ok(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }, { comparisonSiteIds: ['C1', 'C2'] }));
    expect(did.design).toBe('difference-in-differences');
    expect(did.rateRatio).toBeCloseTo(1.3, 9);
    expect(did.diagnostics.periodRateRatio).toBeCloseTo(1.1, 9);
    expect(did.percentChange).toBeCloseTo(30, 7);
    expect(did.treated.before.windows).toBe(28 * 24);
    expect(did.comparison!.after.windows).toBe(2 * 28 * 24);
    expect(did.variance).toBe('cluster-day');
    expect(did.df).toBe(55);
    const plain = ok(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }));
    expect(plain.design).toBe('before-after');
    expect(plain.rateRatio).toBeCloseTo(1.43, 9);
    expect(plain.crudeRateRatio).toBeCloseTo(1.43, 9);
    expect(plain.conclusion.da).toContain('Uden sammenligningssteder');
  });

  it('is not fooled by unequal coverage of hours between the periods', () => {
    // The treated site misses every night after the intervention and every weekend before it.
    const study = exactStudy({
      drop: (s, t) => {
        if (s !== 'T') return false;
        const p = localParts(t);
        const after = t >= START + (WEEKS / 2) * 7 * DAY_MS;
        return after ? p.hour < 7 : p.weekday >= 5;
      },
    });
    const e = ok(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }, { comparisonSiteIds: ['C1', 'C2'] }));
    expect(e.rateRatio).toBeCloseTo(1.3, 9);
    // The crude ratio is badly off; the adjusted one is not.
    expect(Math.abs(e.crudeRateRatio - 1.43)).toBeGreaterThan(0.05);
    expect(e.warnings.map((w) => w.code)).toEqual([]);
  });

  it('accepts instants as range ends and clusters by week when asked', () => {
    const study = exactStudy();
    const mid = START + 4 * 7 * DAY_MS;
    const e = ok(evaluateIntervention(study, { siteId: 'T', before: [START, mid], after: [mid, mid + 28 * DAY_MS] }, { comparisonSiteIds: ['C1'], cluster: 'week' }));
    expect(e.rateRatio).toBeCloseTo(1.3, 9);
    // Eight weeks are too few clusters: quasi-Poisson, with a warning.
    expect(e.variance).toBe('quasi-poisson');
    expect(e.warnings.map((w) => w.code)).toContain('few-days');
  });

  it('refuses unknown sites, the treated site as comparison, unreadable and reversed ranges', () => {
    const study = exactStudy();
    expect(refused(evaluateIntervention(study, { siteId: 'Q', before: BEFORE, after: AFTER }))).toEqual(['unknown-site']);
    expect(refused(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }, { comparisonSiteIds: ['T', 'Z'] }))).toEqual(['bad-comparison', 'unknown-site']);
    expect(refused(evaluateIntervention(study, { siteId: 'T', before: ['primo april', '2024-04-28'], after: AFTER }))).toEqual(['bad-range']);
    const reversed = evaluateIntervention(study, { siteId: 'T', before: ['2024-04-28', '2024-04-01'], after: AFTER });
    expect(refused(reversed)).toEqual(['bad-range']);
    if (!reversed.ok) expect(reversed.problems[0]!.message.da).toContain('Byt om på datoerne');
  });

  it('refuses overlapping periods', () => {
    const r = evaluateIntervention(exactStudy(), { siteId: 'T', before: ['2024-04-01', '2024-05-01'], after: ['2024-04-29', '2024-05-26'] });
    expect(refused(r)).toEqual(['periods-overlap']);
    if (!r.ok) {
      expect(r.problems[0]!.message.da).toContain('overlapper');
      expect(r.problems[0]!.message.en).toContain('2024-04-01 – 2024-05-01');
    }
  });

  it('refuses a period without data at the treated site or the comparison site', () => {
    const study = exactStudy({ drop: (s, t) => s === 'C2' && t >= START + 28 * DAY_MS });
    const r = evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: ['2024-06-01', '2024-06-30'] }, { comparisonSiteIds: ['C1'] });
    expect(refused(r)).toEqual(['no-data-in-period', 'comparison-no-data']);
    if (!r.ok) expect(r.problems[0]!.message.en).toContain('has no counts in the after period (2024-06-01 – 2024-06-30)');
    const c = evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }, { comparisonSiteIds: ['C1', 'C2'] });
    expect(refused(c)).toEqual(['comparison-no-data']);
    if (!c.ok) expect(c.problems[0]!.where.siteId).toBe('C2');
  });

  it('refuses a period in which nobody was counted', () => {
    const study = exactStudy();
    for (const r of study.counts) if (r.siteId === 'T' && r.start >= START + 28 * DAY_MS) r.count = 0;
    expect(refused(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }))).toEqual(['no-people-in-period']);
  });

  it('warns when a site is observed much less in one period', () => {
    const study = exactStudy({ drop: (s, t) => s === 'C1' && t >= START + 28 * DAY_MS && localParts(t).dayNumber % 2 === 0 });
    const e = ok(evaluateIntervention(study, { siteId: 'T', before: BEFORE, after: AFTER }, { comparisonSiteIds: ['C1', 'C2'] }));
    expect(e.rateRatio).toBeCloseTo(1.3, 9);
    expect(e.warnings.map((w) => [w.code, w.where.siteId])).toEqual([['gaps-in-period', 'C1']]);
  });
});

describe('conclusionText', () => {
  const base = { level: 0.95, design: 'difference-in-differences' as const, kind: 'moving' as const };
  it('states direction, size and uncertainty in Danish and English', () => {
    const up = conclusionText({ ...base, percentChange: 31.2, percentLower: 22.4, percentUpper: 40.6, clear: true });
    expect(up.da).toBe('Efter indsatsen var der 31 % flere mennesker (95 %-interval: 22 % til 41 %) end forventet ud fra ugedag, tidspunkt og sammenligningsstederne.');
    expect(up.en).toBe('After the intervention there were 31% more people (95% interval: 22% to 41%) than expected from weekday, time of day and the comparison sites.');
    const down = conclusionText({ ...base, percentChange: -12, percentLower: -18, percentUpper: -5, clear: true });
    expect(down.da).toBe('Efter indsatsen var der 12 % færre mennesker (95 %-interval: 5 % til 18 % færre) end forventet ud fra ugedag, tidspunkt og sammenligningsstederne.');
    expect(down.en).toContain('12% fewer people (95% interval: 5% to 18% fewer)');
    const none = conclusionText({ ...base, percentChange: -1.2, percentLower: -8.1, percentUpper: 6.3, clear: false });
    expect(none.da).toContain('Ingen klar ændring: 95 %-intervallet fra −8 % til +6 % rummer ingen ændring');
    expect(none.en).toContain('No clear change: the 95% interval from −8% to +6% includes no change');
    const staying = conclusionText({ ...base, design: 'before-after', kind: 'staying', percentChange: 50, percentLower: 20, percentUpper: 80, clear: true });
    expect(staying.en).toContain('50% more people staying');
    expect(staying.en).toContain('expected from weekday and time of day. Without comparison sites');
  });
});

describe('percent formatting in conclusions', () => {
  it('keeps decimals for bounds close to zero', () => {
    const t = conclusionText({ level: 0.95, design: 'difference-in-differences', kind: 'moving', percentChange: 5.2, percentLower: -0.4, percentUpper: 11.3, clear: false });
    expect(t.en).toContain('from −0.4% to +11%');
    expect(t.da).toContain('fra −0,4 % til +11 %');
    const tiny = conclusionText({ level: 0.9, design: 'before-after', kind: 'moving', percentChange: 0.5, percentLower: 0.04, percentUpper: 0.93, clear: true });
    expect(tiny.da).toContain('0,5 % flere mennesker (90 %-interval: 0,04 % til 0,9 %)');
  });
});
