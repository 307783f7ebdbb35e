import { describe, expect, it } from 'vitest';
import { linePath, linearScale, niceStep } from './scale';

describe('chart scales', () => {
  it('picks 1-2-5 steps', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(0.37, 5)).toBe(0.1);
    expect(niceStep(4200, 5)).toBe(1000);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('widens the domain to whole ticks and maps it onto the pixel range', () => {
    const y = linearScale(0.13, 0.48, 200, 0);
    expect(y.domain).toEqual([0.1, 0.5]);
    expect(y.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(y(0.1)).toBe(200);
    expect(y(0.5)).toBe(0);
    expect(y(0.3)).toBeCloseTo(100);
  });

  it('draws a constant series instead of dividing by zero', () => {
    const y = linearScale(5, 5, 100, 0);
    expect(y.domain[0]).toBeLessThan(5);
    expect(y.domain[1]).toBeGreaterThan(5);
    expect(Number.isFinite(y(5))).toBe(true);
  });

  it('breaks a line at missing values', () => {
    expect(linePath([[0, 1], [1, 2], [2, null], [3, 4]])).toBe('M0.0,1.0L1.0,2.0M3.0,4.0');
  });
});
