import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  binomialQuantile,
  binomialUpperTail,
  chiSquareQuantile,
  chiSquareSurvival,
  gammaP,
  gammaQ,
  normalCdf,
  normalQuantile,
  poissonCdf,
  poissonQuantile,
  poissonUpperTail,
  studentTQuantile,
} from './distributions';
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

// ---------------------------------------------------------------------------------------
// Additions for the flag statistics. Reference values: R / scipy (qnorm, pnorm, qbinom,
// qpois), and sums of the probability mass functions written out by hand.

/** P(X ≤ k) for X ~ Binomial(n, p), summing the mass function term by term. */
function binomialSum(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return sum;
}

/** P(X ≤ k) for X ~ Poisson(μ), summing the mass function term by term. */
function poissonSum(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term *= mu / (i + 1);
  }
  return sum;
}

describe('normal distribution', () => {
  it('quantiles match qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 13);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080407, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it('CDF matches pnorm, with relative precision in the far tail', () => {
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 15);
    expect(normalCdf(1.5)).toBeCloseTo(0.9331927987311419, 14);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(normalCdf(0)).toBe(0.5);
    for (const p of [1e-8, 0.01, 0.2, 0.6, 0.99]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
  });

  it('gammaQ keeps small upper tails: Q(1, x) = e^−x', () => {
    expect(gammaQ(1, 30) / Math.exp(-30)).toBeCloseTo(1, 12);
    expect(gammaQ(1, 0.5)).toBeCloseTo(Math.exp(-0.5), 14);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(6.634896601021214, 1)).toBeCloseTo(0.01, 13);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});

describe('exact binomial and Poisson CDFs and quantiles', () => {
  it('binomial CDF and upper tail equal the summed mass function', () => {
    // 0.0282475249 + 0.1210608210 + 0.2334744405 + 0.2668279320
    expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184, 12);
    expect(binomialUpperTail(4, 10, 0.3)).toBeCloseTo(1 - 0.6496107184, 12);
    for (const [k, n, p] of [
      [0, 23, 0.041],
      [3, 23, 0.041],
      [15, 100, 0.1],
      [40, 250, 0.2],
    ] as const) {
      expect(binomialCdf(k, n, p)).toBeCloseTo(binomialSum(k, n, p), 12);
      expect(binomialUpperTail(k + 1, n, p)).toBeCloseTo(1 - binomialSum(k, n, p), 12);
    }
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialCdf(9, 10, 1)).toBe(0);
  });

  it('Poisson CDF and upper tail equal the summed mass function', () => {
    expect(poissonCdf(2, 3)).toBeCloseTo(8.5 * Math.exp(-3), 14);
    expect(poissonUpperTail(3, 3)).toBeCloseTo(1 - 8.5 * Math.exp(-3), 14);
    for (const [k, mu] of [
      [0, 0.4],
      [5, 2],
      [21, 10],
      [80, 100],
    ] as const) {
      expect(poissonCdf(k, mu)).toBeCloseTo(poissonSum(k, mu), 12);
    }
    expect(poissonCdf(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
  });

  it('quantiles are the smallest r with P(X ≤ r) ≥ q (qbinom, qpois)', () => {
    expect(binomialQuantile(0.975, 100, 0.1)).toBe(16);
    expect(binomialQuantile(0.001, 100, 0.1)).toBe(2);
    expect(poissonQuantile(0.999, 10)).toBe(21);
    expect(poissonQuantile(0.001, 10)).toBe(2);
    for (const [q, n, p] of [
      [0.025, 23, 0.041],
      [0.999, 23, 0.041],
      [0.5, 57, 0.37],
    ] as const) {
      const r = binomialQuantile(q, n, p);
      expect(binomialSum(r, n, p)).toBeGreaterThanOrEqual(q);
      if (r > 0) expect(binomialSum(r - 1, n, p)).toBeLessThan(q);
    }
    expect(binomialQuantile(0.5, 10, 0)).toBe(0);
    expect(binomialQuantile(0.5, 10, 1)).toBe(10);
    expect(poissonQuantile(0.5, 0)).toBe(0);
  });
});
