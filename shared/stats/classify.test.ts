import { describe, expect, it } from 'vitest';
import { classIndex, quantileBreaks } from './classify';

describe('quantileBreaks', () => {
  it('splits evenly spread values into equal-count classes', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const breaks = quantileBreaks(values, 5);
    expect(breaks?.breaks).toEqual([20.8, 40.6, 60.4, 80.2]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classIndex(v, breaks!)]! += 1;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it('ignores non-finite values and collapses duplicate breaks of a constant indicator', () => {
    expect(quantileBreaks([3, 3, 3, Number.NaN], 5)).toEqual({ breaks: [], min: 3, max: 3 });
    expect(quantileBreaks([], 5)).toBeNull();
  });

  it('puts values equal to a break in the lower class', () => {
    const breaks = { breaks: [1, 2], min: 0, max: 3 };
    expect(classIndex(1, breaks)).toBe(0);
    expect(classIndex(1.0001, breaks)).toBe(1);
    expect(classIndex(3, breaks)).toBe(2);
  });
});
