import { describe, expect, it } from 'vitest';
import type { LayerArea } from './areas';
import { MUNICIPALITY_LAYER, type EngineRow } from './compile';
import { buildPackResults, buildResults, intervalMethod } from './results';
import type { Indicator, IndicatorDefinition } from './pack';

const def: IndicatorDefinition = {
  id: 'x',
  label: { da: 'x', en: 'x' },
  description: { da: 'x', en: 'x' },
  unit: 'share',
  direction: 'higher-is-worse',
  population: [],
  numerator: { kind: 'persons', where: [] },
  minPopulation: 10,
};

describe('buildResults', () => {
  const results = buildResults(
    [
      { indicator_id: 'x', period: 2024, area_id: 'a', numerator: 3, denominator: 12 },
      { indicator_id: 'x', period: 2024, area_id: 'b', numerator: 0, denominator: 5 },
    ],
    [def],
    ['a', 'b', 'c'],
    [2024],
  );

  it('gives every area a cell, with an explicit empty population', () => {
    expect(results.cells.map((c) => [c.areaId, c.numerator, c.denominator, c.value])).toEqual([
      ['a', 3, 12, 0.25],
      ['b', 0, 5, 0],
      ['c', 0, 0, null],
    ]);
  });

  it('flags cells below the minimum population and gives intervals', () => {
    expect(results.cells.map((c) => c.small)).toEqual([false, true, true]);
    expect(results.cells[0]?.lower).toBeGreaterThan(0);
    expect(results.cells[1]?.lower).toBe(0);
    expect(results.cells[2]?.lower).toBeNull();
  });

  it('computes the municipality value from the summed counts, not the mean of rates', () => {
    expect(results.municipality).toEqual([{ indicatorId: 'x', period: 2024, numerator: 3, denominator: 17, value: 3 / 17 }]);
  });
});

describe('buildPackResults: counts and reference levels', () => {
  const base = { label: { da: 'x', en: 'x' }, description: { da: 'x', en: 'x' }, population: [], minPopulation: 0 };
  const residents: Indicator = { ...base, id: 'residents', unit: 'count', direction: 'context', numerator: { kind: 'persons', where: [] } };
  const convicted: Indicator = { ...base, id: 'convicted', unit: 'share', direction: 'higher-is-worse', reference: 'nation', numerator: { kind: 'persons', where: [] } };
  const income: Indicator = { ...base, id: 'income', unit: 'dkk', direction: 'higher-is-better', reference: 'region', numerator: { kind: 'value', column: 'income', statistic: 'mean' } };
  const row = (indicator_id: string, layer_id: string, period: number, area_id: string, numerator: number, denominator: number, sum_sq: number | null = null): EngineRow =>
    ({ indicator_id, layer_id, period, area_id, numerator, denominator, sum_sq, median: null });
  const areas: LayerArea[] = [
    { layerId: 'estate', areaId: 'E', name: 'E' },
    { layerId: 'estate', areaId: 'F', name: 'F' },
    { layerId: MUNICIPALITY_LAYER, areaId: '0999', name: 'M' },
  ];
  const rows = [
    row('residents', 'estate', 2023, 'E', 1200, 1200), row('residents', MUNICIPALITY_LAYER, 2023, '0999', 50_000, 50_000),
    row('residents', 'estate', 2024, 'E', 1180, 1180), row('residents', MUNICIPALITY_LAYER, 2024, '0999', 50_100, 50_100),
    row('convicted', 'estate', 2024, 'E', 30, 1000), row('convicted', MUNICIPALITY_LAYER, 2024, '0999', 400, 40_000),
    row('convicted', 'estate', 2023, 'E', 30, 1000), row('convicted', MUNICIPALITY_LAYER, 2023, '0999', 400, 40_000),
    row('income', 'estate', 2024, 'E', 100 * 200_000, 100, 100 * 200_000 ** 2), row('income', MUNICIPALITY_LAYER, 2024, '0999', 1000 * 400_000, 1000, 1000 * 400_000 ** 2),
  ];
  const results = buildPackResults(rows, [residents, convicted, income], areas, [2023, 2024], [
    { indicator_id: 'convicted', period: 2024, level: 'nation', value: 0.007 },
    { indicator_id: 'income', period: 2024, level: 'nation', value: 500_000 }, // the wrong level: not used
  ]);
  const cell = (id: string, period: number, area = 'E') => results.cells.find((c) => c.indicatorId === id && c.period === period && c.areaId === area)!;

  it('a count is the number itself, with no interval, and 0 where nobody lives', () => {
    expect([cell('residents', 2024).value, cell('residents', 2024).method, cell('residents', 2024).lower]).toEqual([1180, 'none', null]);
    expect(cell('residents', 2024, 'F').value).toBe(0);
    expect(results.municipality.find((m) => m.indicatorId === 'residents' && m.period === 2024)?.value).toBe(50_100);
    expect(intervalMethod(residents)).toBe('none');
  });

  it('uses the extract\'s region/nation value where there is one, and records the municipality when it stands in', () => {
    expect([cell('convicted', 2024).reference, cell('convicted', 2024).referenceLevel]).toEqual([0.007, 'nation']);
    // No national figure for 2023: the municipality's value stands in.
    expect([cell('convicted', 2023).reference, cell('convicted', 2023).referenceLevel]).toEqual([0.01, 'municipality']);
    expect([cell('income', 2024).reference, cell('income', 2024).referenceLevel]).toEqual([400_000, 'municipality']);
    expect(cell('residents', 2024).referenceLevel).toBe('municipality');
  });
});
