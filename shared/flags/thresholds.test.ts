import { describe, expect, it } from 'vitest';
import type { Classification, Indicator } from '../indicators/pack';
import { computeFlags } from './index';
import { LAYER, packOf, resultsOf, shareIndicator, type CountRow } from './test-fixtures';
import type { ThresholdFlag, WatchFlag } from './types';

const label = { da: 'x', en: 'x' };
const residents = shareIndicator('residents', { unit: 'count', direction: 'context', minPopulation: 0 });
const outside = shareIndicator('outside', { thresholds: [{ id: 'outside_gt_40', value: 0.4, comparison: 'gt', label }] });
const convicted = shareIndicator('convicted', {
  reference: 'nation',
  thresholds: [{ id: 'convicted_gte_3x', value: 3, comparison: 'gte', relativeTo: 'reference', label }],
});
const origin = shareIndicator('origin', { direction: 'context', contested: { da: 'omstridt', en: 'contested' }, thresholds: [{ id: 'origin_gt_50', value: 0.5, comparison: 'gt', label }] });
const notifications = shareIndicator('notifications', { thresholds: [{ value: 0.1, comparison: 'gt', label: { da: 'Over 10 %', en: 'Above 10 %' } }] });
const indicators: Indicator[] = [residents, outside, convicted, origin, notifications];

const rule = (id: string, patch: Partial<Classification>): Classification => ({
  id,
  label: { da: `Regel ${id}`, en: `Rule ${id}` },
  description: label,
  minResidents: 1000,
  residentsIndicator: 'residents',
  criteria: ['outside_gt_40', 'convicted_gte_3x'],
  minMet: 1,
  source: { text: 'test' },
  ...patch,
});
const classifications = [rule('udsat', {}), rule('parallel', { gates: ['origin_gt_50'] })];
const pack = packOf(indicators, classifications);

/** Per area and period: residents, outside share, convicted share, origin share, notification share (of 1,000 each). */
const AREAS: Record<string, Record<number, [number, number, number, number, number]>> = {
  A: { 2023: [1500, 0.35, 0.01, 0.6, 0.05], 2024: [1500, 0.45, 0.01, 0.6, 0.12] },
  B: { 2023: [1200, 0.385, 0.028, 0.2, 0.05], 2024: [1200, 0.38, 0.028, 0.2, 0.095] },
  C: { 2023: [1200, 0.2, 0.01, 0.2, 0.05], 2024: [1200, 0.2, 0.01, 0.2, 0.05] },
  D: { 2023: [800, 0.45, 0.01, 0.2, 0.05], 2024: [800, 0.45, 0.01, 0.2, 0.05] },
};

function rows(): CountRow[] {
  const out: CountRow[] = [];
  for (const [areaId, byPeriod] of Object.entries(AREAS)) {
    for (const [p, [n, ...shares]] of Object.entries(byPeriod)) {
      const period = Number(p);
      out.push({ indicatorId: 'residents', period, areaId, numerator: n, denominator: n });
      ['outside', 'convicted', 'origin', 'notifications'].forEach((indicatorId, i) => {
        out.push({ indicatorId, period, areaId, numerator: Math.round((shares[i] as number) * 1000), denominator: 1000 });
      });
    }
  }
  return out;
}

// The nation's conviction share: 1 %, so the limit is 3 %.
const references = [2023, 2024].map((period) => ({ indicator_id: 'convicted', period, level: 'nation' as const, value: 0.01 }));
const results = resultsOf(indicators, rows(), ['A', 'B', 'C', 'D', 'E'], [2023, 2024], references);
const areaNames = new Map(['A', 'B', 'C', 'D', 'E'].map((id) => [id, `Område ${id}`]));
const analyse = (options = {}) => computeFlags(pack, results, { layerId: LAYER, kinds: ['threshold', 'watch'], areaNames, ...options });
const thresholdFlags = (flags: readonly { kind: string }[]) => flags.filter((f): f is ThresholdFlag => f.kind === 'threshold');
const watchFlags = (flags: readonly { kind: string }[]) => flags.filter((f): f is WatchFlag => f.kind === 'watch');

describe('threshold flags from classifications', () => {
  const a = analyse();

  it('flags the area meeting the rule as an alarm, with its criteria as evidence', () => {
    const flags = thresholdFlags(a.flags).filter((f) => f.classificationId !== null);
    expect(flags.map((f) => [f.classificationId, f.areaId, f.period, f.severity, f.since])).toEqual([['udsat', 'A', 2024, 'alarm', 2024]]);
    const e = flags[0]!.evidence;
    expect(e.source).toBe('classification');
    expect(e.residents).toBe(1500);
    expect(e.criteriaMet).toBe(1);
    expect(e.conditions.find((c) => c.thresholdId === 'outside_gt_40')).toMatchObject({ status: 'met', value: 0.45, limit: 0.4 });
    expect(flags[0]!.explanation.da).toMatch(/^Område A opfylder reglen for Regel udsat i 2024\./);
    expect(flags[0]!.link).toMatchObject({ view: 'criteria', classificationId: 'udsat' });
  });

  it('gives no flag where the residents gate fails, nor for an empty area', () => {
    expect(a.flags.filter((f) => f.areaId === 'D' || f.areaId === 'E')).toEqual([]);
  });

  it('does not evaluate a rule that needs a contested indicator unless asked', () => {
    expect(a.flags.some((f) => f.classificationId === 'parallel')).toBe(false);
    const contested = analyse({ includeContested: true });
    expect(thresholdFlags(contested.flags).filter((f) => f.classificationId === 'parallel').map((f) => [f.areaId, f.period])).toEqual([['A', 2024]]);
  });
});

describe('the watch list', () => {
  const a = analyse();

  it('lists criteria within 10 % below their limit, once per threshold, naming the rules, since when', () => {
    const watch = watchFlags(a.flags).filter((f) => f.areaId === 'B' && f.period === 2024 && f.classificationId !== null);
    expect(watch.map((f) => f.thresholdId).sort()).toEqual(['convicted_gte_3x', 'outside_gt_40']);
    const outsideFlag = watch.find((f) => f.thresholdId === 'outside_gt_40')!;
    expect(outsideFlag.severity).toBe('watch');
    expect(outsideFlag.evidence.shortBy).toBeCloseTo(0.02, 12);
    expect(outsideFlag.evidence.shortByRelative).toBeCloseTo(0.05, 12);
    // The contested rule is not evaluated, so only udsat is named.
    expect(outsideFlag.evidence.classifications).toEqual([{ id: 'udsat', status: 'not-met', criteriaMet: 0, minMet: 1 }]);
    expect(outsideFlag.since).toBe(2023);
    expect(outsideFlag.explanation.da).toMatch(/38,0 % i 2024, 2,0 procentpoint fra grænsen \(> 40,0 %\) for Regel udsat/);
    // Relative threshold: 2.8 % against 3 × the nation's 1 %.
    const conv = watch.find((f) => f.thresholdId === 'convicted_gte_3x')!;
    expect(conv.evidence.condition.limit).toBeCloseTo(0.03, 12);
    expect(conv.evidence.shortByRelative).toBeCloseTo(0.2 / 3, 10);
  });

  it('respects the margin and leaves far and listed areas off', () => {
    expect(watchFlags(analyse({ watchMargin: 0.01 }).flags).filter((f) => f.classificationId !== null)).toEqual([]);
    expect(watchFlags(a.flags).some((f) => f.areaId === 'C')).toBe(false);
    // A meets udsat in 2024 (outside > 40 %): no watch on the thresholds of a rule it meets.
    expect(watchFlags(a.flags).some((f) => f.areaId === 'A' && f.period === 2024 && f.classificationId !== null)).toBe(false);
  });
});

describe('standalone thresholds of indicators', () => {
  const a = analyse();

  it('a crossing is a warning, a near miss a watch, each naming the indicator', () => {
    const crossing = thresholdFlags(a.flags).filter((f) => f.indicatorId === 'notifications');
    expect(crossing.map((f) => [f.areaId, f.period, f.severity, f.thresholdId])).toEqual([['A', 2024, 'warning', 'notifications#1']]);
    expect(crossing[0]!.evidence.source).toBe('indicator-threshold');
    expect(crossing[0]!.explanation.en).toMatch(/12\.0 % > 10\.0 % in 2024 \(Above 10 %\)/);
    const near = watchFlags(a.flags).filter((f) => f.indicatorId === 'notifications');
    expect(near.map((f) => [f.areaId, f.period, f.classificationId])).toEqual([['B', 2024, null]]);
  });

  it('only threshold kinds asked for are computed', () => {
    expect(analyse({ kinds: ['watch'] }).flags.every((f) => f.kind === 'watch')).toBe(true);
    expect(analyse({ kinds: ['threshold'] }).flags.every((f) => f.kind === 'threshold')).toBe(true);
  });
});
