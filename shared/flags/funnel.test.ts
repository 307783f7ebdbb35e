import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../stats/distributions';
import { binomialControlLimit } from '../stats/funnel';
import { computeFlags } from './index';
import { LAYER, meanIndicator, packOf, rateIndicator, resultsOf, rowsOf, shareIndicator, type CountRow } from './test-fixtures';
import type { FunnelFlag } from './types';

const areas = Array.from({ length: 20 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);

/** 20 areas of 1,000 at 10 %, with some areas changed. */
function tenPercent(indicatorId: string, period: number, changes: Record<string, [number, number]> = {}): CountRow[] {
  return rowsOf(indicatorId, period, areas.map((id) => [id, ...(changes[id] ?? [100, 1000])] as const));
}

const funnelFlagsOf = (flags: readonly { kind: string }[]) => flags.filter((f): f is FunnelFlag => f.kind === 'funnel-outlier');

describe('funnel flags of a share', () => {
  const x = shareIndicator('x');
  const rows = [
    ...tenPercent('x', 2022),
    ...tenPercent('x', 2023, { a01: [200, 1000] }),
    ...tenPercent('x', 2024, { a01: [200, 1000], a02: [20, 1000], a03: [0, 0], a04: [5, 10] }),
  ];
  const results = resultsOf([x], rows, areas, [2022, 2023, 2024]);
  const analysis = computeFlags(packOf([x]), results, { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
  const flags = funnelFlagsOf(analysis.flags);

  it('flags the high area as an alarm against the municipality, with exact limits and since when', () => {
    const flag = flags.find((f) => f.areaId === 'a01' && f.period === 2024);
    expect(flag?.severity).toBe('alarm');
    const e = flag!.evidence;
    // The target is the municipality's pooled value (summed counts), not a mean of rates.
    const municipality = results.municipality.find((m) => m.period === 2024)!;
    expect(e.target).toBeCloseTo(municipality.value!, 12);
    expect(e.targetLevel).toBe('municipality');
    expect(e.limits.alarmUpper).toBeCloseTo(binomialControlLimit(0.999, e.target, 1000), 12);
    expect(e.limits.warningUpper).toBeCloseTo(binomialControlLimit(0.975, e.target, 1000), 12);
    expect(e.class).toBe('above-alarm');
    expect(e.exactClass).toBe('above-alarm');
    expect(e.pValue).toBeCloseTo(binomialUpperTail(200, 1000, e.target), 15);
    expect(e.overdispersion).toMatchObject({ requested: 'none', applied: 'none' });
    expect(flag!.since).toBe(2023);
    expect(flag!.link).toMatchObject({ view: 'funnel-plot', indicatorId: 'x', period: 2024, areaId: 'a01' });
  });

  it('does not flag the area doing better (it is drawn as better, not flagged)', () => {
    expect(flags.some((f) => f.areaId === 'a02')).toBe(false);
    const point = analysis.funnels.find((d) => d.period === 2024)!.points.find((p) => p.areaId === 'a02')!;
    expect(point.side).toBe('better');
    expect(point.level).toBeNull();
  });

  it('leaves an empty population out of the funnel and marks a small cell', () => {
    const funnel = analysis.funnels.find((d) => d.period === 2024)!;
    expect(funnel.empty).toEqual(['a03']);
    expect(funnel.points.some((p) => p.areaId === 'a03')).toBe(false);
    // 5 of 10 at a 10 % target: P(X ≥ 5) = 0.0016, beyond 95 % but not 99.8 %.
    const small = flags.find((f) => f.areaId === 'a04' && f.period === 2024);
    expect(small?.severity).toBe('warning');
    expect(small?.evidence.small).toBe(true);
    expect(small?.explanation.da).toMatch(/under indikatorens minimum \(20\)/);
  });

  it('gives a curve over the areas\' denominators and a funnel for each period', () => {
    expect(analysis.funnels.map((f) => f.period)).toEqual([2022, 2023, 2024]);
    const curve = analysis.funnels[2]!.curve;
    expect(curve[0]!.n).toBe(10);
    expect(curve[curve.length - 1]!.n).toBe(1000);
    expect(curve.every((c, i) => i === 0 || c.n > curve[i - 1]!.n)).toBe(true);
  });

  it('keeps a count that is above an interpolated limit but not extreme on its own tail unflagged', () => {
    // 3 of 23 at 4.1 %: the interpolated 95 % limit is below 3/23, but P(X ≥ 3) = 0.066.
    const y = shareIndicator('y', { minPopulation: 0 });
    const big = areas.slice(1).map((id) => [id, 41, 1000] as const);
    const r = resultsOf([y], rowsOf('y', 2024, [['a01', 3, 23], ...big]), areas, [2024]);
    const a = computeFlags(packOf([y]), r, { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    const point = a.funnels[0]!.points.find((p) => p.areaId === 'a01')!;
    expect(point.class).toBe('above-warning');
    expect(point.exactClass).toBe('inside');
    expect(point.level).toBeNull();
    expect(a.flags).toEqual([]);
  });
});

describe('funnel flags follow the direction', () => {
  it('flags the low area of a higher-is-better share, not the high one', () => {
    const employment = shareIndicator('employment', { direction: 'higher-is-better' });
    const rows = rowsOf('employment', 2024, areas.map((id, i) => [id, i === 0 ? 500 : i === 1 ? 900 : 700, 1000] as const));
    const a = computeFlags(packOf([employment]), resultsOf([employment], rows, areas, [2024]), { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    expect(a.flags.map((f) => [f.areaId, f.severity])).toEqual([['a01', 'alarm']]);
    const flag = a.flags[0] as FunnelFlag;
    expect(flag.evidence.class).toBe('below-alarm');
    expect(flag.explanation.en).toMatch(/below the lower 99\.8 % limit/);
  });

  it('zero counts: an area with none employed is an alarm; none anywhere gives no flag and no error', () => {
    const employment = shareIndicator('employment', { direction: 'higher-is-better' });
    const rows = rowsOf('employment', 2024, areas.map((id, i) => [id, i === 0 ? 0 : 700, 1000] as const));
    const a = computeFlags(packOf([employment]), resultsOf([employment], rows, areas, [2024]), { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    expect(a.flags.map((f) => f.areaId)).toEqual(['a01']);
    const x = shareIndicator('x');
    const zero = computeFlags(packOf([x]), resultsOf([x], rowsOf('x', 2024, areas.map((id) => [id, 0, 500] as const)), areas, [2024]), { layerId: LAYER, kinds: ['funnel-outlier'] });
    expect(zero.flags).toEqual([]);
    expect(zero.funnels[0]!.target).toBe(0);
    expect(zero.funnels[0]!.points.every((p) => p.side === 'inside')).toBe(true);
  });

  it('a constant indicator gives no funnel flags', () => {
    const x = shareIndicator('x');
    const a = computeFlags(packOf([x]), resultsOf([x], tenPercent('x', 2024), areas, [2024]), { layerId: LAYER, kinds: ['funnel-outlier'] });
    expect(a.flags).toEqual([]);
    expect(a.funnels[0]!.overdispersion.applied).toBe('none');
  });
});

describe('over-dispersion', () => {
  // Real variation between areas: rates spread 6–14 %, one area at 17 %.
  const x = shareIndicator('x');
  const spread = areas.map((id, i) => [id, i === 0 ? 170 : 60 + Math.round((80 * i) / 19), 1000] as const);
  const results = resultsOf([x], rowsOf('x', 2024, spread), areas, [2024]);

  it('widens the limits: an alarm without adjustment is less severe with the additive adjustment', () => {
    const none = computeFlags(packOf([x]), results, { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    const additive = computeFlags(packOf([x]), results, { layerId: LAYER, overdispersion: 'additive', kinds: ['funnel-outlier'] });
    const multiplicative = computeFlags(packOf([x]), results, { layerId: LAYER, overdispersion: 'multiplicative', kinds: ['funnel-outlier'] });
    expect(none.flags.filter((f) => f.severity === 'alarm').length).toBeGreaterThan(additive.flags.filter((f) => f.severity === 'alarm').length);
    expect(additive.funnels[0]!.overdispersion.applied).toBe('additive');
    expect(additive.funnels[0]!.overdispersion.tau2).toBeGreaterThan(0);
    expect(multiplicative.funnels[0]!.overdispersion.phi).toBeGreaterThan(1);
    const top = funnelFlagsOf(additive.flags).find((f) => f.areaId === 'a01');
    expect(top).toBeDefined();
    expect(top!.evidence.zAdjusted!).toBeLessThan(top!.evidence.z!);
    expect(top!.explanation.da).toMatch(/additiv overspredning, τ² = /);
  });
});

describe('funnel models by interval method', () => {
  it('event rates use the Poisson funnel', () => {
    const moves = rateIndicator('moves');
    const rows = rowsOf('moves', 2024, areas.map((id, i) => [id, i === 0 ? 160 : 80, 1000] as const));
    const a = computeFlags(packOf([moves]), resultsOf([moves], rows, areas, [2024]), { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    expect(a.funnels[0]!.model).toBe('poisson');
    expect(a.flags.map((f) => [f.areaId, f.severity])).toEqual([['a01', 'alarm']]);
  });

  it('means use a normal funnel with the standard deviation pooled from the cells\' t intervals', () => {
    const absence = meanIndicator('absence');
    // Values 0.05 ± 0.02 (sd 0.02) in every area of 400; one area's mean 0.06.
    const rows: CountRow[] = areas.map((areaId, i) => {
      const n = 400;
      const mean = i === 0 ? 0.06 : 0.05;
      const sd = 0.02;
      return { indicatorId: 'absence', period: 2024, areaId, numerator: mean * n, denominator: n, sumSq: (n - 1) * sd * sd + n * mean * mean };
    });
    const a = computeFlags(packOf([absence]), resultsOf([absence], rows, areas, [2024]), { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    const funnel = a.funnels[0]!;
    expect(funnel.model).toBe('normal');
    expect(funnel.standardDeviation).toBeCloseTo(0.02, 6);
    const flag = funnelFlagsOf(a.flags)[0]!;
    expect(flag.areaId).toBe('a01');
    // z = (0.06 − 0.0505) / (0.02 / √400) = 9.5.
    expect(flag.evidence.z).toBeCloseTo((0.06 - funnel.target!) / 0.001, 6);
    expect(flag.evidence.exactClass).toBeNull();
  });

  it('medians, counts, context and contested indicators are skipped with a reason', () => {
    const median = shareIndicator('median_income', { unit: 'median', direction: 'higher-is-better', numerator: { kind: 'value', column: 'income', statistic: 'median' } });
    const residents = shareIndicator('residents', { unit: 'count', direction: 'context' });
    const context = shareIndicator('children', { direction: 'context' });
    const contested = shareIndicator('origin', { direction: 'context', contested: { da: 'omstridt', en: 'contested' } });
    const pack = packOf([median, residents, context, contested]);
    const a = computeFlags(pack, resultsOf(pack.indicators as never, [], areas, [2024]), { layerId: LAYER, kinds: ['funnel-outlier'] });
    expect(a.skipped.map((s) => [s.indicatorId, s.code])).toEqual([
      ['median_income', 'median'],
      ['residents', 'context'],
      ['children', 'context'],
      ['origin', 'contested'],
    ]);
    expect(a.flags).toEqual([]);
  });
});

describe('the funnel target', () => {
  it('is the national reference when the extract has it, and the funnel says so', () => {
    const x = shareIndicator('x', { reference: 'nation' });
    const references = [{ indicator_id: 'x', period: 2024, level: 'nation' as const, value: 0.05 }];
    const a = computeFlags(packOf([x]), resultsOf([x], tenPercent('x', 2024), areas, [2024], references), { layerId: LAYER, overdispersion: 'none', kinds: ['funnel-outlier'] });
    expect(a.funnels[0]).toMatchObject({ target: 0.05, targetLevel: 'nation' });
    // Every area's 10 % of 1,000 is far above a 5 % national level.
    expect(a.flags).toHaveLength(20);
    expect(a.flags[0]!.explanation.en).toMatch(/against the national 5\.0 %/);
  });

  it('is missing when nobody lives in the layer: no funnel, no flags, a reason', () => {
    const x = shareIndicator('x');
    const a = computeFlags(packOf([x]), resultsOf([x], rowsOf('x', 2024, areas.map((id) => [id, 0, 0] as const)), areas, [2024]), { layerId: LAYER, kinds: ['funnel-outlier'] });
    expect(a.flags).toEqual([]);
    expect(a.funnels[0]!.unavailable?.en).toBe('no reference value for the period');
    expect(a.funnels[0]!.empty).toHaveLength(20);
    expect(a.funnels[0]!.curve).toEqual([]);
  });
});
