import { describe, expect, it } from 'vitest';
import { buildChangeChoropleth, buildChoropleth } from './choropleth';
import { DIVERGING_5, SEQUENTIAL_5, NO_VALUE_COLOUR } from '../../../shared/format/palette';
import type { IndicatorCell } from '../../../shared/indicators/results';

function cells(values: (number | null)[]): IndicatorCell[] {
  return values.map((value, i) => ({
    indicatorId: 'x',
    period: 2024,
    areaId: `a${i}`,
    numerator: 0,
    denominator: 10,
    value,
    lower: null,
    upper: null,
    small: false,
  }));
}

describe('buildChoropleth', () => {
  const values = [...Array.from({ length: 20 }, (_, i) => i / 20), null];

  it('puts every area with a value in exactly one legend class and counts the rest as no value', () => {
    const map = buildChoropleth(cells(values), 'higher-is-worse');
    expect(map.classes).toHaveLength(5);
    expect(map.classes.reduce((sum, c) => sum + c.count, 0)).toBe(20);
    expect(map.noValueCount).toBe(1);
    expect(map.colourByArea.get('a20')).toBe(NO_VALUE_COLOUR);
    for (let i = 1; i < map.classes.length; i++) expect(map.classes[i]!.lower).toBe(map.classes[i - 1]!.upper);
  });

  it('gives the worst areas the darkest colour whatever the direction', () => {
    const worse = buildChoropleth(cells(values), 'higher-is-worse');
    const better = buildChoropleth(cells(values), 'higher-is-better');
    const darkest = SEQUENTIAL_5[4];
    expect(worse.colourByArea.get('a19')).toBe(darkest); // highest value, higher is worse
    expect(better.colourByArea.get('a0')).toBe(darkest); // lowest value, higher is better
  });

  it('colours areas by the class whose limits contain their value', () => {
    const map = buildChoropleth(cells(values), 'higher-is-worse');
    values.forEach((value, i) => {
      if (value === null) return;
      const legendClass = map.classes.find((c) => c.colour === map.colourByArea.get(`a${i}`));
      expect(value).toBeGreaterThanOrEqual(legendClass!.lower);
      expect(value).toBeLessThanOrEqual(legendClass!.upper);
    });
  });
});

describe('buildChoropleth class methods', () => {
  const values = [0.1, 0.12, 0.15, 0.5, 0.52, 0.9];
  it('natural breaks separate the clusters', () => {
    // Five clusters of unequal size: quantiles would cut through them, natural breaks do not.
    const clustered = [1, 2, 10, 11, 12, 13, 14, 30, 31, 50, 51, 52, 80];
    const map = buildChoropleth(cells(clustered), 'higher-is-worse', 'natural-breaks');
    expect(map.classes.map((c) => c.count)).toEqual([2, 5, 2, 3, 1]);
    expect(buildChoropleth(cells(clustered), 'higher-is-worse', 'quantile').classes.map((c) => c.count)).not.toEqual([2, 5, 2, 3, 1]);
  });
  it('equal intervals give equal-width classes', () => {
    const map = buildChoropleth(cells(values), 'higher-is-worse', 'equal-interval');
    expect(map.classes.map((c) => c.upper - c.lower).every((w) => Math.abs(w - 0.16) < 1e-9)).toBe(true);
  });
  it('thresholds split at the limits, so the darkest class is over the threshold', () => {
    const map = buildChoropleth(cells(values), 'higher-is-worse', 'thresholds', [0.4]);
    expect(map.classes.map((c) => c.count)).toEqual([3, 3]);
    expect(map.classes[1]!.lower).toBe(0.4);
    expect(map.colourByArea.get('a5')).toBe(map.classes[1]!.colour);
  });
});

describe('buildChangeChoropleth', () => {
  const changes = [-0.1, -0.03, 0, 0.03, 0.1, null];
  it('is symmetric around no change, with the middle class for about the same', () => {
    const map = buildChangeChoropleth(cells(changes), 'higher-is-worse');
    expect(map.classes.map((c) => [c.lower, c.upper])).toEqual([[-0.1, -0.06], [-0.06, -0.02], [-0.02, 0.02], [0.02, 0.06], [0.06, 0.1]].map(([a, b]) => [expect.closeTo(a!, 12), expect.closeTo(b!, 12)]));
    expect(map.classes.map((c) => c.count)).toEqual([1, 1, 1, 1, 1]);
    expect(map.noValueCount).toBe(1);
  });
  it('colours a rise orange (worse) when higher is worse, and purple when higher is better', () => {
    const worse = buildChangeChoropleth(cells(changes), 'higher-is-worse');
    const better = buildChangeChoropleth(cells(changes), 'higher-is-better');
    expect(worse.colourByArea.get('a4')).toBe(DIVERGING_5[0]);
    expect(better.colourByArea.get('a4')).toBe(DIVERGING_5[4]);
    expect(worse.colourByArea.get('a2')).toBe(DIVERGING_5[2]);
  });
  it('no change anywhere is one neutral class', () => {
    const map = buildChangeChoropleth(cells([0, 0]), 'higher-is-worse');
    expect(map.classes).toHaveLength(1);
    expect(map.colourByArea.get('a0')).toBe(DIVERGING_5[2]);
  });
});
