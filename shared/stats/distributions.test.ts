import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, gammaP, studentTQuantile } from './distributions';
import { meanTInterval, poissonExactInterval } from './intervals';

describe('distribution quantiles against published tables', () => {
  it('chi-square quantiles', () => {
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458821, 8);
    expect(chiSquareQuantile(0.975, 10)).toBeCloseTo(20.48317735, 7);
    expect(chiSquareQuantile(0.025, 2)).toBeCloseTo(0.05063561596, 9);
    expect(gammaP(1, 1)).toBeCloseTo(1 - Math.exp(-1), 14);
  });

  it('Student t quantiles', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.70620474, 7);
    expect(studentTQuantile(0.025, 30)).toBeCloseTo(-2.042272456, 8);
  });
});

describe('exact Poisson (Garwood) interval', () => {
  it('matches published 95 % limits for counts (e.g. Ulm 1990; Breslow & Day vol. II, table)', () => {
    const cases: [number, number, number][] = [
      [0, 0, 3.689],
      [1, 0.0253, 5.572],
      [5, 1.6235, 11.668],
      [10, 4.7954, 18.39],
    ];
    for (const [x, lo, hi] of cases) {
      const ci = poissonExactInterval(x, 1);
      expect(ci?.lower).toBeCloseTo(lo, 3);
      expect(ci?.upper).toBeCloseTo(hi, 2);
    }
    expect(poissonExactInterval(10, 1000)?.upper).toBeCloseTo(0.01839, 5);
    expect(poissonExactInterval(1, 0)).toBeNull();
  });
});

describe('t interval for a mean', () => {
  it('uses the t quantile and the sample standard deviation', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const sum = values.reduce((a, b) => a + b, 0);
    const sq = values.reduce((a, b) => a + b * b, 0);
    const ci = meanTInterval(values.length, sum, sq);
    const sd = Math.sqrt(32 / 7);
    expect(ci?.lower).toBeCloseTo(5 - 2.364624252 * (sd / Math.sqrt(8)), 8);
    expect(ci?.upper).toBeCloseTo(5 + 2.364624252 * (sd / Math.sqrt(8)), 8);
    expect(meanTInterval(1, 5, 25)).toBeNull();
  });
});
