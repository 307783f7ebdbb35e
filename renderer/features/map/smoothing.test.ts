import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/indicators/pack';
import type { IndicatorCell } from '../../../shared/indicators/results';
import { smoothedCells } from './smoothing';

const share = { id: 'x', unit: 'share' } as Indicator;
const mean = { id: 'x', unit: 'mean' } as Indicator;

function cell(areaId: string, numerator: number, denominator: number): IndicatorCell {
  return { indicatorId: 'x', period: 2024, areaId, numerator, denominator, value: denominator > 0 ? numerator / denominator : null, lower: null, upper: null, small: false };
}

// Two large districts near 10 %, one tiny district at 3 of 4.
const cells = [cell('a', 100, 1000), cell('b', 120, 1000), cell('c', 3, 4), cell('d', 0, 0)];

describe('map smoothing', () => {
  it('raw shows the cells as they are', () => {
    expect(smoothedCells(cells, share, 'raw', {}).map((c) => c.value)).toEqual([0.1, 0.12, 0.75, null]);
  });

  it('global empirical Bayes pulls the tiny district far towards the mean and barely moves the large ones', () => {
    const [a, b, c, d] = smoothedCells(cells, share, 'global-eb', {}).map((x) => x.value);
    const mean = 223 / 2004;
    expect(c!).toBeLessThan(0.75);
    expect(Math.abs(c! - mean)).toBeLessThan(Math.abs(0.75 - mean) / 2);
    expect(Math.abs(a! - 0.1)).toBeLessThan(Math.abs(c! - 0.75));
    expect(b!).toBeGreaterThan(a!);
    expect(d).toBeNull();
  });

  it('spatial smoothing uses the neighbours; an island falls back to the global estimate', () => {
    const global = smoothedCells(cells, share, 'global-eb', {});
    const spatial = smoothedCells(cells, share, 'spatial-eb', { a: ['b'], b: ['a'], c: [] });
    expect(spatial[2]!.value).toBeCloseTo(global[2]!.value!, 12);
    expect(spatial[0]!.value).not.toBeCloseTo(global[0]!.value!, 6);
  });

  it('never smooths a mean', () => {
    expect(smoothedCells(cells, mean, 'global-eb', {}).map((c) => c.value)).toEqual([0.1, 0.12, 0.75, null]);
  });
});
