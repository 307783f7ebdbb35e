import { describe, expect, it } from 'vitest';
import { meanTInterval } from '../stats/intervals';
import type { AreaMapRow } from './areas';
import { competitionRanks, computeComposite, DEFAULT_MIN_WEIGHT_SHARE, type CompositeCell, type CompositeResult } from './composite';
import type { CompositeDefinition, Indicator, IndicatorPack } from './pack';
import { SOCIAL_BALANCE_PACK } from './packs/index';
import { intervalMethod, type IntervalMethod, type PackCell, type PackResults } from './results';

// Every expected number below is worked out by hand (in the comments) from the inputs.

const text = { da: 'x', en: 'x' };
const LAYER = 'basis';
const PERIOD = 2024;

function indicator(id: string, direction: Indicator['direction'], extra: Partial<Indicator> = {}): Indicator {
  return { id, label: text, description: text, unit: 'share', direction, population: [], numerator: { kind: 'persons', where: [] }, minPopulation: 0, ...extra };
}

function packOf(indicators: Indicator[], composite: Partial<CompositeDefinition> = {}): IndicatorPack {
  return {
    format: 'bydelsmonitor-pack',
    version: '1.0',
    id: 'test',
    label: text,
    description: text,
    indicators,
    composite: { label: { da: 'Enhedsindikator', en: 'Unit indicator' }, method: 'z-score', weights: {}, shrinkTowards: null, ...composite },
  };
}

interface CellOptions {
  period?: number;
  layerId?: string;
  denominator?: number;
  method?: IntervalMethod;
  lower?: number | null;
  upper?: number | null;
  small?: boolean;
}

function cell(indicatorId: string, areaId: string, value: number | null, options: CellOptions = {}): PackCell {
  const denominator = options.denominator ?? (value === null ? 0 : 100);
  return {
    indicatorId,
    layerId: options.layerId ?? LAYER,
    period: options.period ?? PERIOD,
    areaId,
    numerator: value === null ? 0 : value * denominator,
    denominator,
    value,
    lower: options.lower ?? null,
    upper: options.upper ?? null,
    small: options.small ?? false,
    method: options.method ?? 'wilson',
    reference: null,
  };
}

/** Results from values[indicator][area] in one period (null: nobody lives there). */
function valuesOf(values: Record<string, Record<string, number | null>>, period = PERIOD): PackCell[] {
  const cells: PackCell[] = [];
  for (const [id, byArea] of Object.entries(values)) {
    for (const [areaId, value] of Object.entries(byArea)) cells.push(cell(id, areaId, value, { period }));
  }
  return cells;
}

const resultsOf = (values: Record<string, Record<string, number | null>>): PackResults => ({ cells: valuesOf(values), municipality: [] });

function run(pack: IndicatorPack, results: PackResults, options: Partial<Parameters<typeof computeComposite>[2]> = {}): CompositeResult {
  const result = computeComposite(pack, results, { layerId: LAYER, ...options });
  if (!result) throw new Error('no composite');
  return result;
}

function cellsOf(result: CompositeResult, period = PERIOD): Map<string, CompositeCell> {
  return new Map(result.cells.filter((c) => c.period === period).map((c) => [c.areaId, c]));
}

function at(result: CompositeResult, areaId: string, period = PERIOD): CompositeCell {
  const c = cellsOf(result, period).get(areaId);
  if (!c) throw new Error(`no cell ${areaId} ${period}`);
  return c;
}

const standardisedOf = (result: CompositeResult, areaId: string, indicatorId: string, period = PERIOD) =>
  at(result, areaId, period).components.find((x) => x.indicatorId === indicatorId)?.standardised;

const ranksOf = (result: CompositeResult, period = PERIOD) => Object.fromEntries([...cellsOf(result, period)].map(([id, c]) => [id, c.rank]));

const SQRT_3_2 = Math.sqrt(3 / 2);

describe('standardisation and direction alignment', () => {
  const bad = indicator('bad', 'higher-is-worse');
  const good = indicator('good', 'higher-is-better');

  it('z-score with divisor n, higher-is-better turned round', () => {
    // bad 1, 2, 3: mean 2, sd √(2/3) (divisor n, not n − 1) → −√1.5, 0, √1.5.
    // good 10, 30, 20: mean 20, sd √(200/3) → −√1.5, √1.5, 0, turned round → √1.5, −√1.5, 0.
    const result = run(packOf([bad, good]), resultsOf({ bad: { A: 1, B: 2, C: 3 }, good: { A: 10, B: 30, C: 20 } }));
    expect(standardisedOf(result, 'A', 'bad')).toBeCloseTo(-SQRT_3_2, 12);
    expect(standardisedOf(result, 'C', 'bad')).toBeCloseTo(SQRT_3_2, 12);
    expect(standardisedOf(result, 'A', 'good')).toBeCloseTo(SQRT_3_2, 12);
    expect(standardisedOf(result, 'B', 'good')).toBeCloseTo(-SQRT_3_2, 12);
    expect(standardisedOf(result, 'C', 'good')).toBe(0);
    // Equal weights ½: A 0, B −√1.5/2, C √1.5/2.
    expect(at(result, 'A').index).toBeCloseTo(0, 12);
    expect(at(result, 'B').index).toBeCloseTo(-SQRT_3_2 / 2, 12);
    expect(at(result, 'C').index).toBeCloseTo(SQRT_3_2 / 2, 12);
    expect(ranksOf(result)).toEqual({ A: 2, B: 3, C: 1 });
    const scale = result.scales.find((s) => s.indicatorId === 'good');
    expect(scale).toMatchObject({ period: PERIOD, areas: 3, centre: 20, constant: false, tau2: null });
    expect(scale?.spread).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(result.indicators.map((x) => [x.id, x.direction, x.weight])).toEqual([
      ['bad', 'higher-is-worse', 0.5],
      ['good', 'higher-is-better', 0.5],
    ]);
  });

  it('min-max, higher-is-better as 1 − v, with stated weights', () => {
    // bad 0.1, 0.3, 0.2 → 0, 1, 0.5; good 100, 200, 400 → 0, 1/3, 1 → turned 1, 2/3, 0.
    // Weights 3 and 1 → 0.75 and 0.25: A 0.25, B 0.75 + 1/6, C 0.375.
    const result = run(packOf([bad, good], { method: 'min-max', weights: { bad: 3 } }), resultsOf({ bad: { A: 0.1, B: 0.3, C: 0.2 }, good: { A: 100, B: 200, C: 400 } }));
    expect(standardisedOf(result, 'B', 'good')).toBeCloseTo(2 / 3, 12);
    expect(standardisedOf(result, 'C', 'bad')).toBeCloseTo(0.5, 12);
    expect(at(result, 'A').index).toBeCloseTo(0.25, 12);
    expect(at(result, 'B').index).toBeCloseTo(0.75 + 0.25 * (2 / 3), 12);
    expect(at(result, 'C').index).toBeCloseTo(0.375, 12);
    expect(ranksOf(result)).toEqual({ A: 3, B: 1, C: 2 });
    const scale = result.scales.find((s) => s.indicatorId === 'good');
    expect([scale?.centre, scale?.spread]).toEqual([100, 300]);
    const b = at(result, 'B').components.find((x) => x.indicatorId === 'bad');
    expect(b?.weight).toBe(0.75);
    expect(b?.contribution).toBeCloseTo(0.75, 12);
  });

  it('percentile ranks (r − 1)/(n − 1), ties at their average rank', () => {
    // bad 5, 1, 5, 3: ranks A 3.5, B 1, C 3.5, D 2 → 2.5/3, 0, 2.5/3, 1/3.
    // good 4, 3, 2, 1: ranks 4, 3, 2, 1 → 1, 2/3, 1/3, 0 → turned 0, 1/3, 2/3, 1.
    const result = run(packOf([bad, good], { method: 'rank' }), resultsOf({ bad: { A: 5, B: 1, C: 5, D: 3 }, good: { A: 4, B: 3, C: 2, D: 1 } }));
    expect(standardisedOf(result, 'A', 'bad')).toBeCloseTo(2.5 / 3, 12);
    expect(standardisedOf(result, 'C', 'bad')).toBeCloseTo(2.5 / 3, 12);
    expect(standardisedOf(result, 'B', 'bad')).toBe(0);
    expect(standardisedOf(result, 'D', 'good')).toBe(1);
    expect(at(result, 'A').index).toBeCloseTo(2.5 / 6, 12);
    expect(at(result, 'B').index).toBeCloseTo(1 / 6, 12);
    expect(at(result, 'C').index).toBeCloseTo(0.75, 12);
    expect(at(result, 'D').index).toBeCloseTo(2 / 3, 12);
    expect(ranksOf(result)).toEqual({ A: 3, B: 4, C: 1, D: 2 });
    expect(result.scales.every((s) => s.centre === null && s.spread === null)).toBe(true);
  });
});

describe('which indicators enter, with which weights', () => {
  const a = indicator('a', 'higher-is-worse');
  const b = indicator('b', 'higher-is-worse');
  const c = indicator('c', 'higher-is-worse');
  const ctx = indicator('ctx', 'context', { inComposite: true });
  // The schema refuses these shapes; the composite must refuse them too.
  const origin = indicator('origin', 'higher-is-worse', { contested: { da: 'omstridt', en: 'contested' }, inComposite: true });
  const off = indicator('off', 'higher-is-worse', { inComposite: false });
  const values = {
    a: { A: 0, B: 1, C: 2 },
    b: { A: 9, B: 0, C: 0 },
    c: { A: 0, B: 2, C: 1 },
    ctx: { A: 9, B: 0, C: 0 },
    origin: { A: 9, B: 0, C: 0 },
    off: { A: 9, B: 0, C: 0 },
  };

  it('normalises the weights; unlisted weigh 1, 0 leaves an indicator out', () => {
    const result = run(packOf([a, b, c], { method: 'min-max', weights: { a: 2, b: 0 } }), resultsOf(values));
    expect(result.indicators.map((x) => [x.id, x.weight])).toEqual([
      ['a', 2 / 3],
      ['c', 1 / 3],
    ]);
    expect(result.excluded).toEqual([{ id: 'b', reason: 'zero-weight' }]);
    // a → 0, 0.5, 1; c → 0, 1, 0.5: A 0, B 1/3 + 1/3, C 2/3 + 1/6 (b, which would make A first, is out).
    expect(at(result, 'A').index).toBe(0);
    expect(at(result, 'B').index).toBeCloseTo(2 / 3, 12);
    expect(at(result, 'C').index).toBeCloseTo(5 / 6, 12);
    expect(at(result, 'A').components.map((x) => x.indicatorId)).toEqual(['a', 'c']);
  });

  it('never lets context, contested or inComposite: false indicators in, whatever their weight', () => {
    const result = run(packOf([a, ctx, origin, off, c], { method: 'min-max', weights: { ctx: 5, origin: 5, off: 5, nope: 1 } }), resultsOf(values));
    expect(result.indicators.map((x) => x.id)).toEqual(['a', 'c']);
    expect(result.excluded).toEqual([
      { id: 'ctx', reason: 'context' },
      { id: 'origin', reason: 'contested' },
      { id: 'off', reason: 'not-in-composite' },
    ]);
    expect(result.warnings.some((w) => w.includes('"ctx"') && w.includes('context'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('"origin"') && w.includes('contested'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('"off"') && w.includes('inComposite: false'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('"nope"'))).toBe(true);
    // Only a and c, equally weighted: A 0, B (0.5 + 1)/2, C (1 + 0.5)/2. With any of the
    // excluded ones (A highest on each), A would not be last.
    expect(at(result, 'A').index).toBe(0);
    expect(at(result, 'B').index).toBeCloseTo(0.75, 12);
    expect(ranksOf(result)).toEqual({ A: 3, B: 1, C: 1 });
  });

  it('leaves out an invalid weight with a warning', () => {
    const result = run(packOf([a, c], { weights: { a: -1 } }), resultsOf(values));
    expect(result.indicators.map((x) => [x.id, x.weight])).toEqual([['c', 1]]);
    expect(result.excluded).toEqual([{ id: 'a', reason: 'invalid-weight' }]);
    expect(result.warnings.some((w) => w.includes('"a"') && w.includes('invalid'))).toBe(true);
  });

  it('is null without a composite section or without an indicator that can enter', () => {
    const { composite: _, ...bare } = packOf([a]);
    expect(computeComposite(bare, resultsOf(values), { layerId: LAYER })).toBeNull();
    expect(computeComposite(packOf([a, ctx], { weights: { a: 0 } }), resultsOf(values), { layerId: LAYER })).toBeNull();
  });
});

describe('missing values and the minimum weight share', () => {
  const pack = packOf([indicator('a', 'higher-is-worse'), indicator('b', 'higher-is-worse'), indicator('c', 'higher-is-worse')], { method: 'min-max', weights: { a: 2 } });
  // Weights 0.5, 0.25, 0.25.
  // a over A, B, C: 0, 1, 0.5 (D empty); b over A, B, D: 0, 0.5, 1 (C empty); c: 0.5, 0.5, 1, 0.
  const results = resultsOf({
    a: { A: 0, B: 10, C: 5, D: null },
    b: { A: 1, B: 2, C: null, D: 3 },
    c: { A: 4, B: 4, C: 8, D: 0 },
  });

  it('averages the values present; an area below the share gets no index and no rank', () => {
    const result = run(pack, results);
    expect(result.minWeightShare).toBe(DEFAULT_MIN_WEIGHT_SHARE);
    expect(at(result, 'A').index).toBeCloseTo(0.125, 12);
    expect(at(result, 'B').index).toBeCloseTo(0.75, 12);
    // C lacks b: (0.5·0.5 + 0.25·1) / 0.75, share exactly 0.75 (enough).
    expect(at(result, 'C').index).toBeCloseTo(2 / 3, 12);
    expect(at(result, 'C').weightShare).toBeCloseTo(0.75, 12);
    // D lacks a: share 0.5 < 0.75.
    const d = at(result, 'D');
    expect([d.index, d.rank, d.weightShare]).toEqual([null, null, 0.5]);
    expect(d.components.find((x) => x.indicatorId === 'a')).toMatchObject({ value: null, standardised: null, contribution: null });
    expect(ranksOf(result)).toEqual({ A: 3, B: 1, C: 2, D: null });
    expect(result.cells.every((x) => x.ranked === 3)).toBe(true);
    // Unranked: no robustness either.
    expect(d.robustness).toEqual({ leaveOneOut: ['a', 'b', 'c'].map((indicatorId) => ({ indicatorId, rank: null, shift: null })), equalWeightsRank: null, maxShift: null, rankRange: null });
    // The variants rank the same three areas: equal weights A 1/6, B 2/3, C 3/4 → A 3rd
    // (D, with (1 + 0)/2 = 0.5, would push A to 4th).
    expect(at(result, 'A').robustness.equalWeightsRank).toBe(3);
  });

  it('a lower minWeightShare ranks the area', () => {
    const result = run(pack, results, { minWeightShare: 0.5 });
    // D: (0.25·1 + 0.25·0) / 0.5.
    expect(at(result, 'D').index).toBeCloseTo(0.5, 12);
    expect(ranksOf(result)).toEqual({ A: 4, B: 1, C: 2, D: 3 });
    expect(result.cells.every((x) => x.ranked === 4)).toBe(true);
  });

  it('a value without a population counts as missing', () => {
    const withZero: PackResults = {
      cells: [...results.cells.filter((x) => !(x.indicatorId === 'a' && x.areaId === 'D')), cell('a', 'D', 99, { denominator: 0 })],
      municipality: [],
    };
    const result = run(pack, withZero);
    expect(at(result, 'D').index).toBeNull();
    expect(at(result, 'B').index).toBeCloseTo(0.75, 12);
  });

  it('marks an area small when a present component is small', () => {
    const result = run(pack, { cells: [...results.cells, cell('a', 'E', 1, { small: true }), cell('a', 'F', null, { small: true }), cell('b', 'F', 1), cell('c', 'F', 1)], municipality: [] });
    expect(at(result, 'E').small).toBe(true);
    expect(at(result, 'F').small).toBe(false);
    expect(at(result, 'A').small).toBe(false);
  });
});

describe('competition ranks', () => {
  it('1 = highest, ties share the lowest rank, NaN unranked', () => {
    expect([...competitionRanks([0.5, 0.9, 0.9, Number.NaN, 0.1])]).toEqual([3, 1, 1, 0, 4]);
    expect([...competitionRanks([2, 2, 1])]).toEqual([1, 1, 3]);
    expect([...competitionRanks([1, 2, 2, 2])]).toEqual([4, 1, 1, 1]);
    // Differences of rounding are ties.
    expect([...competitionRanks([0.1 + 0.2, 0.3, 0])]).toEqual([1, 1, 3]);
  });

  it('ties in the index share a rank in the result', () => {
    // z-scores of 2, 2, 1 (mean 5/3): A and B equal, C lowest.
    const result = run(packOf([indicator('a', 'higher-is-worse')]), resultsOf({ a: { A: 2, B: 2, C: 1 } }));
    expect(ranksOf(result)).toEqual({ A: 1, B: 1, C: 3 });
  });
});

describe('robustness', () => {
  // Min-max, weights 0.5, 0.25, 0.25.
  //   a 4, 0, 2, 1 → 1, 0, 0.5, 0.25
  //   b 0, 4, 2, 4 → 0, 1, 0.5, 1
  //   c 0, 2, 4, 1 → 0, 0.5, 1, 0.25
  // Index: A 0.5, B 0.375, C 0.625, D 0.4375 → C 1, A 2, D 3, B 4.
  // Without a (b, c equal): A 0, B 0.75, C 0.75, D 0.625 → B 1, C 1, D 3, A 4.
  // Without b (a 2/3, c 1/3): A 2/3, B 1/6, C 2/3, D 0.25 → A 1, C 1, D 3, B 4.
  // Without c (a 2/3, b 1/3): A 2/3, B 1/3, C 0.5, D 0.5 → A 1, C 2, D 2, B 4.
  // Equal weights: A 1/3, B 0.5, C 2/3, D 0.5 → C 1, B 2, D 2, A 4.
  const pack = packOf([indicator('a', 'higher-is-worse'), indicator('b', 'higher-is-worse'), indicator('c', 'higher-is-worse')], { method: 'min-max', weights: { a: 2 } });
  const result = run(pack, resultsOf({ a: { A: 4, B: 0, C: 2, D: 1 }, b: { A: 0, B: 4, C: 2, D: 4 }, c: { A: 0, B: 2, C: 4, D: 1 } }));
  const loo = (areaId: string) => at(result, areaId).robustness.leaveOneOut.map((x) => [x.indicatorId, x.rank, x.shift]);

  it('ranks the main index', () => {
    expect(ranksOf(result)).toEqual({ A: 2, B: 4, C: 1, D: 3 });
    expect(at(result, 'D').index).toBeCloseTo(0.4375, 12);
  });

  it('ranks each area with each indicator left out, and the shift (variant − rank)', () => {
    expect(loo('A')).toEqual([['a', 4, 2], ['b', 1, -1], ['c', 1, -1]]);
    expect(loo('B')).toEqual([['a', 1, -3], ['b', 4, 0], ['c', 4, 0]]);
    expect(loo('C')).toEqual([['a', 1, 0], ['b', 1, 0], ['c', 2, 1]]);
    expect(loo('D')).toEqual([['a', 3, 0], ['b', 3, 0], ['c', 2, -1]]);
  });

  it('ranks with equal weights; maxShift and rankRange over all variants', () => {
    const summary = (areaId: string) => {
      const { equalWeightsRank, maxShift, rankRange } = at(result, areaId).robustness;
      return { equalWeightsRank, maxShift, rankRange };
    };
    expect(summary('A')).toEqual({ equalWeightsRank: 4, maxShift: 2, rankRange: [1, 4] });
    expect(summary('B')).toEqual({ equalWeightsRank: 2, maxShift: 3, rankRange: [1, 4] });
    expect(summary('C')).toEqual({ equalWeightsRank: 1, maxShift: 1, rankRange: [1, 2] });
    expect(summary('D')).toEqual({ equalWeightsRank: 2, maxShift: 1, rankRange: [2, 3] });
  });
});

describe('robustness: equal weights', () => {
  it('counts the equal-weights rank in maxShift and rankRange', () => {
    // Weights 3 and 1 (0.75, 0.25), min-max: a 0, 2, 4 → 0, 0.5, 1; b 4, 0, 0 → 1, 0, 0.
    // Index X 0.25, Y 0.375, Z 0.75 → Z 1, Y 2, X 3. Without a: X 1, Y 2, Z 2. Without b:
    // Z 1, Y 2, X 3. Equal weights: X 0.5, Y 0.25, Z 0.5 → X 1, Z 1, Y 3.
    // Y stays 2nd in both leave-one-out variants, and only equal weights moves it (to 3rd).
    const pack = packOf([indicator('a', 'higher-is-worse'), indicator('b', 'higher-is-worse')], { method: 'min-max', weights: { a: 3 } });
    const result = run(pack, resultsOf({ a: { X: 0, Y: 2, Z: 4 }, b: { X: 4, Y: 0, Z: 0 } }));
    expect(ranksOf(result)).toEqual({ X: 3, Y: 2, Z: 1 });
    expect(at(result, 'Y').robustness).toEqual({
      leaveOneOut: [
        { indicatorId: 'a', rank: 2, shift: 0 },
        { indicatorId: 'b', rank: 2, shift: 0 },
      ],
      equalWeightsRank: 3,
      maxShift: 1,
      rankRange: [2, 3],
    });
    expect(at(result, 'X').robustness).toMatchObject({ equalWeightsRank: 1, maxShift: 2, rankRange: [1, 3] });
  });
});

describe('constant indicators and empty periods', () => {
  const bad = indicator('bad', 'higher-is-worse');
  const flat = indicator('flat', 'higher-is-better');
  const values = { bad: { A: 1, B: 2, C: 3 }, flat: { A: 0.2, B: 0.2, C: 0.2 } };

  it('gives a constant indicator the neutral value of each method, with a warning', () => {
    const z = run(packOf([bad, flat]), resultsOf(values));
    // Neutral 0 (not −0 from turning round); the index is half of bad's z-score.
    expect(['A', 'B', 'C'].map((id) => standardisedOf(z, id, 'flat'))).toEqual([0, 0, 0]);
    expect(at(z, 'C').index).toBeCloseTo(SQRT_3_2 / 2, 12);
    expect(z.scales.find((s) => s.indicatorId === 'flat')?.constant).toBe(true);
    expect(z.scales.find((s) => s.indicatorId === 'bad')?.constant).toBe(false);
    expect(z.warnings.some((w) => w.includes('"flat"') && w.includes('same value') && w.includes('(0)'))).toBe(true);
    for (const method of ['min-max', 'rank'] as const) {
      const r = run(packOf([bad, flat], { method }), resultsOf(values));
      expect(['A', 'B', 'C'].map((id) => standardisedOf(r, id, 'flat'))).toEqual([0.5, 0.5, 0.5]);
      expect(r.warnings.some((w) => w.includes('"flat"') && w.includes('(0.5)'))).toBe(true);
    }
  });

  it('rests the index on the indicators with values; an empty period ranks nobody', () => {
    // 2023: both. 2024: b has no values at all, so the available weight is a's alone.
    // 2025: nothing.
    const a = indicator('a', 'higher-is-worse');
    const b = indicator('b', 'higher-is-worse');
    const results: PackResults = {
      cells: [
        ...valuesOf({ a: { A: 0, B: 1, C: 2 }, b: { A: 2, B: 1, C: 0 } }, 2023),
        ...valuesOf({ a: { A: 0, B: 1, C: 2 }, b: { A: null, B: null, C: null } }, 2024),
        ...valuesOf({ a: { A: null, B: null, C: null }, b: { A: null, B: null, C: null } }, 2025),
      ],
      municipality: [],
    };
    const result = run(packOf([a, b], { method: 'min-max' }), results);
    expect(result.periods).toEqual([2023, 2024, 2025]);
    // 2023: a and b cancel out: every index 0.5, all tied.
    expect(ranksOf(result, 2023)).toEqual({ A: 1, B: 1, C: 1 });
    // 2024: share 1 (b is not available to anyone), index = a's 0, 0.5, 1.
    expect(at(result, 'C', 2024)).toMatchObject({ index: 1, rank: 1, weightShare: 1, ranked: 3 });
    expect(at(result, 'B', 2024).index).toBe(0.5);
    // 2025: nothing ranked.
    for (const id of ['A', 'B', 'C']) expect(at(result, id, 2025)).toMatchObject({ index: null, rank: null, ranked: 0, weightShare: 0 });
    expect(result.scales.filter((s) => s.period === 2025).map((s) => s.areas)).toEqual([0, 0]);
    expect(result.warnings.some((w) => w.includes('"b"') && w.includes('2024, 2025'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('"a"') && w.includes('2025'))).toBe(true);
    // The same from cells in another order (latest period first).
    const reversed = run(packOf([a, b], { method: 'min-max' }), { cells: [...results.cells].reverse(), municipality: [] });
    expect(reversed.periods).toEqual([2023, 2024, 2025]);
    expect(at(reversed, 'C', 2024)).toMatchObject({ index: 1, rank: 1, weightShare: 1 });
    expect(ranksOf(reversed, 2023)).toEqual({ A: 1, B: 1, C: 1 });
  });

  it('has no cells when the results lack the layer', () => {
    const result = run(packOf([bad]), resultsOf(values), { layerId: 'bydel' });
    expect([result.cells, result.periods]).toEqual([[], []]);
    expect(result.warnings.some((w) => w.includes('"bydel"'))).toBe(true);
  });
});

describe('shrinkage towards a parent layer', () => {
  // One bydel X holding S (100 residents), L (1,000) and M (400).
  const areaMap = {
    rows: ['S', 'L', 'M'].flatMap((id): AreaMapRow[] => [
      { layerId: LAYER, baseAreaId: id, areaId: id },
      { layerId: 'bydel', baseAreaId: id, areaId: 'X' },
    ]),
  };

  it('pulls a small area more than a large one, by τ² / (τ² + se²) (shares)', () => {
    // Shares S 30/100, L 100/1000, M 50/400; bydel 180/1500 = 0.12, so se² = 0.12·0.88 / n.
    // τ² = [Σ n(y − m)² − Σ n·se²] / Σ n = [100·0.18² + 1000·0.02² + 400·0.005² − 3·0.1056] / 1500
    //    = (3.65 − 0.3168) / 1500 = 0.00222213…
    // w_S = τ² / (τ² + 0.001056) = 0.67787, w_L = τ² / (τ² + 0.0001056) = 0.95463.
    const share = indicator('share', 'higher-is-worse');
    const results: PackResults = {
      cells: [
        cell('share', 'S', 0.3, { denominator: 100 }),
        cell('share', 'L', 0.1, { denominator: 1000 }),
        cell('share', 'M', 0.125, { denominator: 400 }),
        cell('share', 'X', 0.12, { denominator: 1500, layerId: 'bydel' }),
      ],
      municipality: [],
    };
    const result = run(packOf([share], { shrinkTowards: 'bydel' }), results, { areaMap });
    expect(result.shrinkTowards).toBe('bydel');
    expect(result.indicators[0]?.shrunk).toBe(true);
    const tau2 = (3.65 - 3 * 0.1056) / 1500;
    expect(result.scales[0]?.tau2).toBeCloseTo(tau2, 12);
    const component = (id: string) => at(result, id).components[0]!;
    expect(component('S').shrinkWeight).toBeCloseTo(0.67787, 5);
    expect(component('L').shrinkWeight).toBeCloseTo(0.95463, 5);
    expect(component('S').shrinkWeight).toBeCloseTo(tau2 / (tau2 + 0.1056 / 100), 12);
    expect(component('M').shrinkWeight).toBeCloseTo(tau2 / (tau2 + 0.1056 / 400), 12);
    expect(component('S').used).toBeCloseTo(0.67787 * 0.3 + (1 - 0.67787) * 0.12, 5);
    expect(component('S').value).toBe(0.3);
    // Towards the bydel value, the small area by more.
    const pull = (id: string) => Math.abs(component(id).value! - component(id).used!) / Math.abs(component(id).value! - 0.12);
    expect(pull('S')).toBeGreaterThan(pull('M'));
    expect(pull('M')).toBeGreaterThan(pull('L'));
    // The standardisation uses the shrunk values: z of (0.24202, 0.10091, 0.12447).
    const used = [0.2420158, 0.1009073, 0.1244691];
    const mean = (used[0]! + used[1]! + used[2]!) / 3;
    const sd = Math.sqrt(used.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    expect(component('S').standardised).toBeCloseTo((used[0]! - mean) / sd, 5);
  });

  it('uses the Poisson variance m / n for event rates', () => {
    // The same counts as events per person: se² = 0.12 / n, Σ n·se² = 3 · 0.12.
    // τ² = (3.65 − 0.36) / 1500 = 0.00219333…; w_S = τ² / (τ² + 0.0012) = 0.64637.
    const rate = indicator('rate', 'higher-is-worse', { unit: 'per1000', numerator: { kind: 'event', types: ['move'], count: 'events' } });
    const results: PackResults = {
      cells: [
        cell('rate', 'S', 0.3, { denominator: 100, method: 'poisson-exact' }),
        cell('rate', 'L', 0.1, { denominator: 1000, method: 'poisson-exact' }),
        cell('rate', 'M', 0.125, { denominator: 400, method: 'poisson-exact' }),
        cell('rate', 'X', 0.12, { denominator: 1500, layerId: 'bydel', method: 'poisson-exact' }),
      ],
      municipality: [],
    };
    const result = run(packOf([rate], { shrinkTowards: 'bydel' }), results, { areaMap });
    expect(result.scales[0]?.tau2).toBeCloseTo((3.65 - 0.36) / 1500, 12);
    expect(at(result, 'S').components[0]?.shrinkWeight).toBeCloseTo(0.646365, 5);
    expect(at(result, 'L').components[0]?.shrinkWeight).toBeCloseTo(0.948127, 5);
  });

  it('shrinks means by their own s² (pooled where n < 2)', () => {
    // P: n 10, mean 5, s² 4; Q: n 50, mean 8, s² 9; R: n 1, mean 20 (pooled s² = (9·4 + 49·9)/58).
    // Bydel mean 470/61. τ² = [Σ n(y − m)² − Σ s²] / 61; w = τ² / (τ² + s²/n).
    const mean = indicator('mean', 'higher-is-worse', { unit: 'mean', numerator: { kind: 'value', column: 'v', statistic: 'mean' } });
    const meanCell = (areaId: string, n: number, m: number, s2: number) => {
      const ci = meanTInterval(n, n * m, (n - 1) * s2 + n * m * m);
      return cell('mean', areaId, m, { denominator: n, method: 't', lower: ci?.lower ?? null, upper: ci?.upper ?? null });
    };
    const results: PackResults = {
      cells: [meanCell('S', 10, 5, 4), meanCell('L', 50, 8, 9), meanCell('M', 1, 20, 0), cell('mean', 'X', 470 / 61, { denominator: 61, layerId: 'bydel', method: 't' })],
      municipality: [],
    };
    const result = run(packOf([mean], { shrinkTowards: 'bydel' }), results, { areaMap });
    const m = 470 / 61;
    const pooled = (9 * 4 + 49 * 9) / 58;
    const tau2 = (10 * (5 - m) ** 2 + 50 * (8 - m) ** 2 + (20 - m) ** 2 - (4 + 9 + pooled)) / 61;
    expect(tau2).toBeCloseTo(3.401056, 5);
    expect(result.scales[0]?.tau2).toBeCloseTo(tau2, 6);
    const weight = (id: string) => at(result, id).components[0]?.shrinkWeight;
    expect(weight('S')).toBeCloseTo(tau2 / (tau2 + 4 / 10), 6);
    // n = 50: the interval's t quantile comes from the series expansion.
    expect(weight('L')).toBeCloseTo(tau2 / (tau2 + 9 / 50), 6);
    expect(weight('M')).toBeCloseTo(tau2 / (tau2 + pooled), 6);
    expect(weight('M')).toBeCloseTo(0.292559, 5);
    expect(at(result, 'M').components[0]?.used).toBeCloseTo(11.301955, 4);
  });

  it('shrinks towards the municipality from the municipality values', () => {
    const share = indicator('share', 'higher-is-worse');
    const muniMap = { rows: ['S', 'L', 'M'].flatMap((id): AreaMapRow[] => [{ layerId: LAYER, baseAreaId: id, areaId: id }, { layerId: '@municipality', baseAreaId: id, areaId: '0999' }]) };
    const results: PackResults = {
      cells: [cell('share', 'S', 0.3, { denominator: 100 }), cell('share', 'L', 0.1, { denominator: 1000 }), cell('share', 'M', 0.125, { denominator: 400 })],
      municipality: [{ indicatorId: 'share', period: PERIOD, numerator: 180, denominator: 1500, value: 0.12, lower: null, upper: null }],
    };
    const result = run(packOf([share], { shrinkTowards: '@municipality' }), results, { areaMap: muniMap });
    expect(result.shrinkTowards).toBe('@municipality');
    expect(at(result, 'S').components[0]?.shrinkWeight).toBeCloseTo(0.67787, 5);
  });

  it('does not shrink counts or medians, nor without an area map', () => {
    const share = indicator('share', 'higher-is-worse');
    const median = indicator('median', 'higher-is-better', { unit: 'dkk', numerator: { kind: 'value', column: 'income', statistic: 'median' } });
    const results: PackResults = {
      cells: [
        cell('share', 'S', 0.3, { denominator: 100 }), cell('share', 'L', 0.1, { denominator: 1000 }), cell('share', 'M', 0.125, { denominator: 400 }),
        cell('share', 'X', 0.12, { denominator: 1500, layerId: 'bydel' }),
        cell('median', 'S', 1, { denominator: 100, method: 'none' }), cell('median', 'L', 2, { denominator: 1000, method: 'none' }), cell('median', 'M', 3, { denominator: 400, method: 'none' }),
        cell('median', 'X', 2, { denominator: 1500, layerId: 'bydel', method: 'none' }),
      ],
      municipality: [],
    };
    const pack = packOf([share, median], { shrinkTowards: 'bydel' });
    const shrunk = run(pack, results, { areaMap });
    expect(shrunk.indicators.map((x) => [x.id, x.shrunk])).toEqual([['share', true], ['median', false]]);
    expect(at(shrunk, 'S').components[1]).toMatchObject({ value: 1, used: 1, shrinkWeight: null });
    expect(shrunk.warnings.some((w) => w.includes('"median" is not shrunk'))).toBe(true);

    const count = indicator('count', 'higher-is-worse', { unit: 'count' });
    const counted = run(packOf([count], { shrinkTowards: 'bydel' }), {
      cells: [
        cell('count', 'S', 30, { denominator: 100, method: 'none' }), cell('count', 'L', 100, { denominator: 1000, method: 'none' }),
        cell('count', 'X', 130, { denominator: 1100, layerId: 'bydel', method: 'none' }),
      ],
      municipality: [],
    }, { areaMap });
    expect(counted.indicators[0]?.shrunk).toBe(false);
    expect(at(counted, 'S').components[0]).toMatchObject({ value: 30, used: 30, shrinkWeight: null });
    expect(counted.warnings.some((w) => w.includes('"count" is not shrunk: a count'))).toBe(true);

    const self = run(packOf([share], { shrinkTowards: LAYER }), results, { areaMap });
    expect(self.shrinkTowards).toBeNull();
    expect(self.warnings.some((w) => w.includes('is the layer being ranked'))).toBe(true);
    // An area whose base areas lie in two bydele has no parent and keeps its value.
    const split = { rows: [...areaMap.rows, { layerId: LAYER, baseAreaId: 'T', areaId: 'S' }, { layerId: 'bydel', baseAreaId: 'T', areaId: 'Z' }] };
    const orphan = run(pack, results, { areaMap: split });
    expect(orphan.warnings.some((w) => w.includes('1 area(s)'))).toBe(true);
    expect(at(orphan, 'S').components[0]).toMatchObject({ value: 0.3, used: 0.3, shrinkWeight: null });
    expect(at(orphan, 'L').components[0]?.shrinkWeight).not.toBeNull();

    const plain = run(pack, results);
    expect(plain.shrinkTowards).toBeNull();
    expect(plain.warnings.some((w) => w.includes('needs the area map'))).toBe(true);
    expect(at(plain, 'S').components[0]).toMatchObject({ value: 0.3, used: 0.3, shrinkWeight: null });
  });
});

describe('the social-balance pack', () => {
  const pack: IndicatorPack = { ...SOCIAL_BALANCE_PACK, composite: { ...SOCIAL_BALANCE_PACK.composite!, shrinkTowards: 'bydel' } };
  const areas = ['B1', 'B2', 'B3', 'B4', 'B5'];
  const bydelOf = (id: string) => (id === 'B1' || id === 'B2' ? 'Y1' : 'Y2');
  const areaMap = { rows: areas.flatMap((id): AreaMapRow[] => [{ layerId: 'basisdistrikt', baseAreaId: id, areaId: id }, { layerId: 'bydel', baseAreaId: id, areaId: bydelOf(id) }]) };
  const cells: PackCell[] = [];
  for (const ind of SOCIAL_BALANCE_PACK.indicators) {
    const method = intervalMethod(ind);
    for (const period of [2023, 2024]) {
      for (const [k, areaId] of [...areas, 'Y1', 'Y2'].entries()) {
        const n = 40 + 37 * k;
        const scale = ind.unit === 'dkk' ? 300_000 : ind.unit === 'mean' ? 10 : 1;
        const value = scale * (0.05 + (((k * 7 + ind.id.length + period) % 11) / 11) * 0.6);
        const ci = method === 't' ? meanTInterval(n, n * value, (n - 1) * (0.2 * value) ** 2 + n * value * value) : null;
        const layerId = areaId.startsWith('Y') ? 'bydel' : 'basisdistrikt';
        cells.push(cell(ind.id, areaId, value, { period, layerId, denominator: n, method, lower: ci?.lower ?? null, upper: ci?.upper ?? null }));
      }
    }
  }
  const result = computeComposite(pack, { cells, municipality: [] }, { layerId: 'basisdistrikt', areaMap });

  it('runs, ranks every area and keeps the context indicators out', () => {
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.excluded).toEqual([
      { id: 'non_western_share', reason: 'context' },
      { id: 'children_0_17_share', reason: 'context' },
      { id: 'elderly_65plus_share', reason: 'context' },
    ]);
    const ids = result.indicators.map((x) => x.id);
    for (const id of ['non_western_share', 'children_0_17_share', 'elderly_65plus_share']) expect(ids).not.toContain(id);
    expect(ids).toHaveLength(SOCIAL_BALANCE_PACK.indicators.length - 3);
    expect(result.indicators.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 12);
    expect(result.indicators.find((x) => x.id === 'income_median_18plus')?.shrunk).toBe(false);
    expect(result.indicators.find((x) => x.id === 'income_mean_15_64')?.shrunk).toBe(true);
    expect(result.periods).toEqual([2023, 2024]);
    expect(result.cells).toHaveLength(10);
    for (const c of result.cells) {
      expect(Number.isFinite(c.index)).toBe(true);
      expect(c.rank).toBeGreaterThanOrEqual(1);
      expect(c.rank).toBeLessThanOrEqual(5);
      expect(c.robustness.leaveOneOut).toHaveLength(ids.length);
      expect(c.components.every((x) => x.used !== null && Number.isFinite(x.used))).toBe(true);
    }
    for (const period of [2023, 2024]) {
      const ranks = result.cells.filter((c) => c.period === period).map((c) => c.rank ?? 0);
      expect(Math.min(...ranks)).toBe(1);
    }
  });
});
