import { describe, expect, it } from 'vitest';
import { logisticTrend, yearOnYearProportion } from '../stats/trend';
import { computeFlags, createFlagContext, developmentAt } from './index';
import { LAYER, meanIndicator, packOf, rateIndicator, resultsOf, shareIndicator, type CountRow } from './test-fixtures';
import type { DevelopmentFlag } from './types';

const periods = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const areas = ['a', 'b', 'c'];

/** Rows of one indicator: per area a list of [numerator, denominator] per period. */
function series(indicatorId: string, byArea: Record<string, readonly (readonly [number, number])[]>): CountRow[] {
  return Object.entries(byArea).flatMap(([areaId, counts]) =>
    counts.map(([numerator, denominator], i) => ({ indicatorId, period: periods[i] as number, areaId, numerator, denominator })),
  );
}

const flat = (k: number, n: number) => periods.map(() => [k, n] as const);
/** Employment 80 % flat to 2020, then 3 points lower each year, among 2,000. */
const declining = periods.map((p) => [Math.round(2000 * (p <= 2020 ? 0.8 : 0.8 - 0.03 * (p - 2020))), 2000] as const);

const employment = (patch = {}) => shareIndicator('employment', { direction: 'higher-is-better', development: { periods: 5, minChange: 0.01 }, ...patch });

function analyse(indicator: ReturnType<typeof shareIndicator>, byArea: Record<string, readonly (readonly [number, number])[]>, options = {}) {
  const results = resultsOf([indicator], series(indicator.id, byArea), areas, periods);
  return computeFlags(packOf([indicator]), results, { layerId: LAYER, kinds: ['negative-development'], ...options });
}

const developmentFlags = (flags: readonly { kind: string }[]) => flags.filter((f): f is DevelopmentFlag => f.kind === 'negative-development');

describe('negative development of a share', () => {
  const a = analyse(employment(), { a: declining, b: flat(1600, 2000), c: flat(1500, 2000) });
  const flags = developmentFlags(a.flags);

  it('flags the declining area in 2024 on the trend over the last 5 periods, since the decline became clear', () => {
    const flag = flags.find((f) => f.areaId === 'a' && f.period === 2024);
    expect(flag).toBeDefined();
    const e = flag!.evidence;
    expect(e.trend?.periods).toEqual([2020, 2021, 2022, 2023, 2024]);
    const points = periods.slice(3).map((period, i) => ({ period, numerator: declining[i + 3]![0], denominator: 2000 }));
    const expected = logisticTrend(points);
    expect(e.trend!.changePerPeriod).toBeCloseTo(expected.changePerPeriod!, 10);
    expect(e.trend!.pValue).toBeCloseTo(expected.pValue!, 10);
    expect(e.trend!.changePerPeriod).toBeLessThan(-0.02);
    expect(e.trend!.verdict).toBe('worsening');
    expect(e.yearOnYear!.difference).toBeCloseTo(yearOnYearProportion({ numerator: declining[6]![0], denominator: 2000 }, { numerator: declining[7]![0], denominator: 2000 })!.difference, 12);
    expect(e.minChange).toBe(0.01);
    expect(e.minChangeSource).toBe('pack');
    expect(e.basis).toContain('trend');
    // Flat areas: the municipality's own trend is shown for comparison.
    expect(e.municipalityChangePerPeriod).toBeLessThan(0);
    expect(flag!.since).toBeLessThanOrEqual(2022);
    expect(flag!.since).toBeGreaterThanOrEqual(2021);
    expect(flag!.link.view).toBe('trend-chart');
  });

  it('does not flag the flat areas, nor the declining one before its decline', () => {
    expect(flags.filter((f) => f.areaId !== 'a')).toEqual([]);
    expect(flags.filter((f) => f.period <= 2020)).toEqual([]);
  });

  it('gives every area a series with the test at each period (the trend chart)', () => {
    const s = a.trends.find((t) => t.areaId === 'a')!;
    expect(s.points.map((p) => p.period)).toEqual(periods);
    expect(s.points[0]!.value).toBeCloseTo(0.8, 12);
    expect(s.points[0]!.reference).toBeCloseTo((1600 + 1600 + 1500) / 6000, 12);
    expect(s.tests[0]!.evidence).toBeNull();
    // Two periods: the year-on-year test only.
    expect(s.tests[1]!.evidence?.trend).toBeNull();
    expect(s.tests[1]!.evidence?.trendUnavailable).toBe('too-few-periods');
    expect(s.tests[7]!.severity).not.toBeNull();
  });
});

describe('what is not a negative development', () => {
  it('a decline smaller than the pack\'s minimum meaningful change', () => {
    const a = analyse(employment({ development: { periods: 5, minChange: 0.05 } }), { a: declining, b: flat(1600, 2000), c: flat(1500, 2000) });
    expect(a.flags).toEqual([]);
    expect(a.trends.find((t) => t.areaId === 'a')!.tests[7]!.evidence!.trend!.verdict).toBe('worsening-below-minimum');
  });

  it('an improvement: the same series on a higher-is-worse indicator', () => {
    const a = analyse(shareIndicator('outside'), { a: declining, b: flat(1600, 2000), c: flat(1500, 2000) });
    expect(a.flags).toEqual([]);
  });

  it('zero counts throughout: no trend ("no-events"), a year-on-year p of 1, no flag', () => {
    const a = analyse(shareIndicator('rare'), { a: flat(0, 500), b: flat(0, 500), c: flat(0, 500) });
    expect(a.flags).toEqual([]);
    const test = a.trends[0]!.tests[7]!.evidence!;
    expect(test.trendUnavailable).toBe('no-events');
    expect(test.yearOnYear?.pValue).toBe(1);
  });

  it('an empty population in the latest period: nothing to test', () => {
    const gone = [...declining.slice(0, 7), [0, 0] as const];
    const a = analyse(employment(), { a: gone, b: flat(1600, 2000), c: flat(1500, 2000) });
    const ctx = createFlagContext(packOf([employment()]), resultsOf([employment()], series('employment', { a: gone, b: flat(1600, 2000), c: flat(1500, 2000) }), areas, periods), { layerId: LAYER });
    expect(developmentAt(ctx, employment(), 'a', 2024)).toBeNull();
    expect(a.flags.filter((f) => f.period === 2024)).toEqual([]);
  });
});

describe('severity, defaults and skipped indicators', () => {
  it('both tests clear → alarm; the trend alone → warning', () => {
    // A steady decline and a sharp last step.
    const sharp = periods.map((p, i) => [Math.round(2000 * (i < 7 ? 0.8 - 0.02 * Math.max(0, p - 2020) : 0.62)), 2000] as const);
    // The same steady decline among 500: clear as a trend, not from one year to the next.
    const smaller = periods.map((p) => [Math.round(500 * (p <= 2020 ? 0.8 : 0.8 - 0.03 * (p - 2020))), 500] as const);
    const a = analyse(employment(), { a: sharp, b: smaller, c: flat(1500, 2000) });
    const flags = developmentFlags(a.flags).filter((f) => f.period === 2024);
    expect(flags.find((f) => f.areaId === 'a')?.severity).toBe('alarm');
    expect(flags.find((f) => f.areaId === 'a')?.evidence.basis).toEqual(['trend', 'year-on-year']);
    expect(flags.find((f) => f.areaId === 'b')?.severity).toBe('warning');
    expect(flags.find((f) => f.areaId === 'b')?.evidence.yearOnYear?.verdict).toBe('not-significant');
    // Requiring both tests keeps only the alarm.
    const both = analyse(employment(), { a: sharp, b: smaller, c: flat(1500, 2000) }, { developmentRequire: 'both' });
    expect(developmentFlags(both.flags).filter((f) => f.period === 2024).map((f) => f.areaId)).toEqual(['a']);
  });

  it('uses the default minimum change (1 point a year for shares, 1 per 1,000 for rates) when the pack sets none', () => {
    const a = analyse(employment({ development: undefined }), { a: declining, b: flat(1600, 2000), c: flat(1500, 2000) });
    const flag = developmentFlags(a.flags).find((f) => f.period === 2024)!;
    expect([flag.evidence.minChange, flag.evidence.minChangeSource]).toEqual([0.01, 'default']);
    const rate = rateIndicator('moves');
    const r = computeFlags(packOf([rate]), resultsOf([rate], series('moves', { a: flat(80, 1000), b: flat(80, 1000), c: flat(80, 1000) }), areas, periods), { layerId: LAYER, kinds: ['negative-development'] });
    expect(r.trends[0]!.tests[7]!.evidence).toMatchObject({ model: 'poisson', minChange: 0.001, minChangeSource: 'default' });
  });

  it('skips means (no count model), pooled windows and context indicators, saying why', () => {
    const mean = meanIndicator('absence');
    const pooled = shareIndicator('outside_2y', { window: 2 });
    const context = shareIndicator('children', { direction: 'context' });
    const pack = packOf([mean, pooled, context]);
    const a = computeFlags(pack, resultsOf([mean, pooled, context], [], areas, periods), { layerId: LAYER, kinds: ['negative-development'] });
    expect(a.skipped.map((s) => [s.indicatorId, s.code])).toEqual([
      ['absence', 'mean-development'],
      ['outside_2y', 'pooled-window'],
      ['children', 'context'],
    ]);
    expect(a.skipped[1]!.reason.da).toMatch(/samme personer/);
  });
});
