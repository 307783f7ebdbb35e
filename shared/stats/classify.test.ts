import { describe, expect, it } from 'vitest';
import { classIndex, equalIntervalBreaks, limitBreaks, naturalBreaks, quantileBreaks } from './classify';

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

describe('other class methods', () => {
  it('natural breaks put the gaps between clusters', () => {
    const values = [1, 2, 3, 10, 11, 12, 30, 31];
    expect(naturalBreaks(values, 3)).toEqual({ breaks: [3, 12], min: 1, max: 31 });
    // Fewer distinct values than classes: one class per value.
    expect(naturalBreaks([5, 5, 7], 5)).toEqual({ breaks: [5], min: 5, max: 7 });
    expect(naturalBreaks([], 5)).toBeNull();
  });

  it('equal intervals split the range evenly', () => {
    expect(equalIntervalBreaks([0, 3, 10], 5)).toEqual({ breaks: [2, 4, 6, 8], min: 0, max: 10 });
    expect(equalIntervalBreaks([4, 4], 5)).toEqual({ breaks: [], min: 4, max: 4 });
  });

  it('limit breaks keep only the limits inside the range', () => {
    expect(limitBreaks([0.1, 0.35, 0.7], [0.6, 0.4, 0.9, 0.4])).toEqual({ breaks: [0.4, 0.6], min: 0.1, max: 0.7 });
    const breaks = limitBreaks([0.1, 0.4, 0.7], [0.4])!;
    // A value on the threshold is not over it (gt): the lower class.
    expect(classIndex(0.4, breaks)).toBe(0);
  });
});
