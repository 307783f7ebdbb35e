import { describe, expect, it } from 'vitest';
import { buildResults } from './results';
import type { IndicatorDefinition } from './pack';

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
