import { describe, expect, it } from 'vitest';
import { normalCdf } from './distributions';
import {
  cochranArmitage,
  logisticTrend,
  negativeDevelopment,
  poissonTrend,
  poissonTrendTest,
  trendFor,
  yearOnYearFor,
  yearOnYearProportion,
  yearOnYearRate,
  type TrendPoint,
} from './trend';

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));
const series = (periods: number[], k: number[], n: number[]): TrendPoint[] =>
  periods.map((period, i) => ({ period, numerator: k[i]!, denominator: n[i]! }));

describe('logistic trend', () => {
  it('two periods: slope = difference of logits, SE = √(1/k₁ + 1/(n₁−k₁) + 1/k₂ + 1/(n₂−k₂))', () => {
    const tr = logisticTrend(series([2020, 2021], [30, 45], [100, 120]));
    const slope = logit(45 / 120) - logit(30 / 100);
    const se = Math.sqrt(1 / 30 + 1 / 70 + 1 / 45 + 1 / 75);
    expect(tr.unavailable).toBeNull();
    expect(tr.slope).toBeCloseTo(slope, 10);
    expect(tr.se).toBeCloseTo(se, 10);
    expect(tr.lower).toBeCloseTo(slope - 1.959963984540054 * se, 10);
    expect(tr.z).toBeCloseTo(slope / se, 10);
    expect(tr.pValue).toBeCloseTo(2 * normalCdf(-Math.abs(slope / se)), 10);
    // At the mean period the fit is halfway on the logit scale; dp/dt = b p (1 − p).
    const pMid = expit((logit(0.3) + logit(0.375)) / 2);
    expect(tr.fittedAtMean).toBeCloseTo(pMid, 10);
    expect(tr.changePerPeriod).toBeCloseTo(slope * pMid * (1 - pMid), 10);
    // Two years apart: half the slope per period.
    const wide = logisticTrend(series([2020, 2022], [30, 45], [100, 120]));
    expect(wide.slope).toBeCloseTo(slope / 2, 10);
    expect(wide.se).toBeCloseTo(se / 2, 10);
    expect(wide.periods).toEqual([2020, 2022]);
  });

  it("matches Agresti's alcohol and malformation example (Categorical Data Analysis, 2nd ed., table 2.7)", () => {
    // Scores 0, 0.5, 1.5, 4, 7 drinks a day; malformations 48, 38, 5, 1, 1 of 17,114, 14,502, 793, 127, 38.
    // Agresti: logit π̂ = −5.960 + 0.3166 x (SE 0.1254); Cochran–Armitage z² = 6.57, P = 0.01.
    const pts = series([0, 0.5, 1.5, 4, 7], [48, 38, 5, 1, 1], [17114, 14502, 793, 127, 38]);
    const tr = logisticTrend(pts);
    expect(tr.slope).toBeCloseTo(0.3166, 4);
    expect(tr.se).toBeCloseTo(0.1254, 4);
    expect(logit(tr.fittedAtMean!) - tr.slope! * 2.6).toBeCloseTo(-5.9605, 3); // intercept at x = 0
    const ca = cochranArmitage(pts)!;
    expect(ca.chiSquare).toBeCloseTo(6.5701, 4);
    expect(ca.pValue).toBeCloseTo(0.01037, 5);
    expect(ca.z).toBeGreaterThan(0);
    expect(tr.scoreTest).toEqual(ca);
  });

  it('solves the score equations over five periods (cross-checked with scipy.optimize)', () => {
    const pts = series([2020, 2021, 2022, 2023, 2024], [120, 118, 105, 99, 90], [400, 410, 395, 405, 398]);
    const tr = logisticTrend(pts);
    const a = logit(tr.fittedAtMean!);
    const b = tr.slope!;
    let u0 = 0;
    let u1 = 0;
    for (const p of pts) {
      const r = p.numerator - p.denominator * expit(a + b * (p.period - 2022));
      u0 += r;
      u1 += (p.period - 2022) * r;
    }
    expect(Math.abs(u0)).toBeLessThan(1e-8);
    expect(Math.abs(u1)).toBeLessThan(1e-8);
    expect(b).toBeCloseTo(-0.0985009, 5);
    expect(tr.se).toBeCloseTo(0.0359691, 5);
    expect(a).toBeCloseTo(-1.025436, 5);
    expect(tr.changePerPeriod).toBeLessThan(0);
    expect(tr.pValue!).toBeLessThan(0.01);
    // Wald and score (Cochran–Armitage) agree closely here.
    expect(tr.scoreTest!.chiSquare).toBeCloseTo(tr.z! ** 2, 0);
  });

  it('gives a zero slope for a constant indicator', () => {
    const tr = logisticTrend(series([2020, 2021, 2022], [10, 20, 15], [100, 200, 150]));
    expect(tr.slope).toBeCloseTo(0, 12);
    expect(tr.pValue).toBeCloseTo(1, 10);
    expect(tr.changePerPeriod).toBeCloseTo(0, 12);
    expect(tr.fittedAtMean).toBeCloseTo(0.1, 12);
    expect(tr.scoreTest!.chiSquare).toBeCloseTo(0, 20);
  });

  it('handles zero counts, no events, all events, separation, one period and empty periods', () => {
    const some = logisticTrend(series([2020, 2021, 2022, 2023], [0, 0, 3, 5], [50, 50, 50, 50]));
    expect(some.unavailable).toBeNull();
    expect(some.slope!).toBeGreaterThan(0);
    const none = logisticTrend(series([2020, 2021, 2022], [0, 0, 0], [50, 40, 30]));
    expect(none.unavailable).toBe('no-events');
    expect(none.slope).toBeNull();
    expect(none.scoreTest).toBeNull();
    expect(logisticTrend(series([2020, 2021], [10, 20], [10, 20])).unavailable).toBe('all-events');
    expect(logisticTrend(series([2020, 2021], [0, 10], [10, 10])).unavailable).toBe('separation');
    expect(logisticTrend(series([2020, 2021, 2022], [0, 0, 10], [10, 10, 10])).unavailable).toBe('separation');
    expect(logisticTrend(series([2024], [5], [100])).unavailable).toBe('too-few-periods');
    expect(logisticTrend([]).unavailable).toBe('too-few-periods');
    // A period with denominator 0 is skipped.
    const skip = logisticTrend(series([2020, 2021, 2022], [0, 30, 45], [0, 100, 120]));
    expect(skip.periods).toEqual([2021, 2022]);
    expect(skip.slope).toBeCloseTo(logit(0.375) - logit(0.3), 10);
    expect(logisticTrend(series([2020, 2021], [0, 5], [0, 100])).unavailable).toBe('too-few-periods');
    expect(() => logisticTrend(series([2020, 2021], [11, 5], [10, 100]))).toThrow(RangeError);
  });

  it('uses the last N periods when asked', () => {
    const pts = series([2015, 2016, 2017, 2018, 2019, 2020, 2021], [50, 50, 50, 50, 50, 30, 45], [100, 100, 100, 100, 100, 100, 120]);
    const tr = logisticTrend(pts, { lastN: 2 });
    expect(tr.periods).toEqual([2020, 2021]);
    expect(tr.slope).toBeCloseTo(logit(0.375) - logit(0.3), 10);
    expect(() => logisticTrend(pts, { lastN: 0 })).toThrow(RangeError);
  });
});

describe('Poisson trend', () => {
  it('two periods: slope = log rate ratio, SE = √(1/k₁ + 1/k₂)', () => {
    const tr = poissonTrend(series([2023, 2024], [10, 20], [1000, 800]));
    expect(tr.model).toBe('poisson');
    expect(tr.slope).toBeCloseTo(Math.log(20 / 800 / (10 / 1000)), 10);
    expect(tr.se).toBeCloseTo(Math.sqrt(1 / 10 + 1 / 20), 10);
    const rMid = Math.sqrt((10 / 1000) * (20 / 800));
    expect(tr.fittedAtMean).toBeCloseTo(rMid, 10);
    expect(tr.changePerPeriod).toBeCloseTo(tr.slope! * rMid, 10);
  });

  it('solves the score equations over five periods (cross-checked with scipy.optimize)', () => {
    const tr = poissonTrend(series([2020, 2021, 2022, 2023, 2024], [120, 118, 105, 99, 90], [400, 410, 395, 405, 398]));
    expect(tr.slope).toBeCloseTo(-0.0723544, 5);
    expect(tr.se).toBeCloseTo(0.0308049, 5);
    expect(Math.log(tr.fittedAtMean!)).toBeCloseTo(-1.333792, 5);
  });

  it('score test for trend, by hand: k = 10, 20 with equal populations gives χ² = 25 / 7.5', () => {
    // E = 15, 15; t = ∓½; U = 5; Var U = ¼·15 + ¼·15 − 0 = 7.5.
    const test = poissonTrendTest(series([2023, 2024], [10, 20], [1000, 1000]))!;
    expect(test.chiSquare).toBeCloseTo(25 / 7.5, 12);
    expect(test.z).toBeGreaterThan(0);
    expect(poissonTrendTest(series([2023, 2024], [0, 0], [1000, 1000]))).toBeNull();
  });

  it('handles no events and a single period', () => {
    expect(poissonTrend(series([2020, 2021], [0, 0], [100, 100])).unavailable).toBe('no-events');
    expect(poissonTrend(series([2020], [4], [100])).unavailable).toBe('too-few-periods');
    // Rates may exceed 1 event per person; no "all events" case.
    const many = poissonTrend(series([2020, 2021], [150, 300], [100, 100]));
    expect(many.slope).toBeCloseTo(Math.log(2), 10);
  });

  it('picks the model from the cell method', () => {
    const pts = series([2020, 2021], [30, 45], [100, 120]);
    expect(trendFor('wilson', pts)!.model).toBe('logistic');
    expect(trendFor('poisson-exact', pts)!.model).toBe('poisson');
    expect(trendFor('t', pts)).toBeNull();
    expect(trendFor('none', pts)).toBeNull();
  });
});

describe('year on year', () => {
  it("shares: Newcombe's hybrid score interval reproduces Newcombe (1998), method 10", () => {
    // Published: 56/70 − 48/80: 0.0524 to 0.3339; 9/10 − 3/10: 0.1705 to 0.8090; 5/56 − 0/29: −0.0381 to 0.1926.
    const a = yearOnYearProportion({ numerator: 48, denominator: 80 }, { numerator: 56, denominator: 70 })!;
    expect(a.difference).toBeCloseTo(0.2, 12);
    expect(a.lower).toBeCloseTo(0.0524, 4);
    expect(a.upper).toBeCloseTo(0.3339, 4);
    const b = yearOnYearProportion({ numerator: 3, denominator: 10 }, { numerator: 9, denominator: 10 })!;
    expect(b.lower).toBeCloseTo(0.1705, 4);
    expect(b.upper).toBeCloseTo(0.809, 4);
    const d = yearOnYearProportion({ numerator: 0, denominator: 29 }, { numerator: 5, denominator: 56 })!;
    expect(d.lower).toBeCloseTo(-0.0381, 4);
    expect(d.upper).toBeCloseTo(0.1926, 4);
  });

  it('shares: pooled two-proportion z-test', () => {
    const r = yearOnYearProportion({ numerator: 48, denominator: 80 }, { numerator: 56, denominator: 70 })!;
    const pooled = 104 / 150;
    const z = 0.2 / Math.sqrt(pooled * (1 - pooled) * (1 / 70 + 1 / 80));
    expect(r.method).toBe('pooled-z');
    expect(r.statistic).toBeCloseTo(z, 12);
    expect(r.pValue).toBeCloseTo(2 * normalCdf(-z), 12);
    // Nothing in either year, or nothing to compare.
    const zero = yearOnYearProportion({ numerator: 0, denominator: 50 }, { numerator: 0, denominator: 60 })!;
    expect(zero.difference).toBe(0);
    expect(zero.pValue).toBe(1);
    expect(zero.lower).toBeLessThan(0);
    expect(zero.upper).toBeGreaterThan(0);
    expect(yearOnYearProportion({ numerator: 0, denominator: 0 }, { numerator: 1, denominator: 5 })).toBeNull();
  });

  it('rates: exact conditional test and the MOVER interval of the Garwood limits', () => {
    // k = 10 and 20 per 1,000: given 30 events, k₂ ~ Binomial(30, ½): 2 · P(X ≥ 20) = 0.098737.
    const r = yearOnYearRate({ numerator: 10, denominator: 1000 }, { numerator: 20, denominator: 1000 })!;
    expect(r.method).toBe('conditional-binomial');
    expect(r.difference).toBeCloseTo(0.01, 12);
    expect(r.pValue).toBeCloseTo(0.0987371, 6);
    // Garwood 95 % limits: 10 → 4.7954, 18.3904; 20 → 12.2165, 30.8884.
    expect(r.lower).toBeCloseTo(0.01 - Math.hypot(0.02 - 0.0122165, 0.0183904 - 0.01), 6);
    expect(r.upper).toBeCloseTo(0.01 + Math.hypot(0.0308884 - 0.02, 0.01 - 0.0047954), 6);
    const none = yearOnYearRate({ numerator: 0, denominator: 100 }, { numerator: 0, denominator: 100 })!;
    expect(none.pValue).toBe(1);
    expect(none.difference).toBe(0);
    expect(yearOnYearFor('poisson-exact', { numerator: 1, denominator: 10 }, { numerator: 2, denominator: 10 })!.method).toBe(
      'conditional-binomial',
    );
    expect(yearOnYearFor('t', { numerator: 1, denominator: 10 }, { numerator: 2, denominator: 10 })).toBeNull();
  });
});

describe('negative development', () => {
  // Employment falling about 2.8 points a year in a district of ~800 residents 16–64.
  const falling = logisticTrend(series([2020, 2021, 2022, 2023, 2024], [624, 600, 576, 552, 528], [800, 800, 800, 800, 800]));
  const yoyFalling = yearOnYearProportion({ numerator: 552, denominator: 800 }, { numerator: 528, denominator: 800 });

  it('flags a clear, large enough decline of a higher-is-better share on the trend', () => {
    expect(falling.changePerPeriod!).toBeCloseTo(-0.03, 2);
    const nd = negativeDevelopment({ trend: falling, yearOnYear: yoyFalling, direction: 'higher-is-better', minChangePerPeriod: 0.01 });
    expect(nd.negative).toBe(true);
    expect(nd.basis).toEqual(['trend']);
    expect(nd.trend.verdict).toBe('worsening');
    expect(nd.trend.worsening!).toBeGreaterThan(0.01);
    // A single year's 3-point fall at n = 800 is not statistically clear.
    expect(nd.yearOnYear.verdict).toBe('not-significant');
    expect(negativeDevelopment({ trend: falling, yearOnYear: yoyFalling, direction: 'higher-is-better', minChangePerPeriod: 0.01, require: 'both' }).negative).toBe(
      false,
    );
  });

  it('needs the minimum meaningful change and the worsening direction', () => {
    const small = negativeDevelopment({ trend: falling, yearOnYear: null, direction: 'higher-is-better', minChangePerPeriod: 0.05 });
    expect(small.negative).toBe(false);
    expect(small.trend.verdict).toBe('worsening-below-minimum');
    expect(small.yearOnYear.verdict).toBe('unavailable');
    const better = negativeDevelopment({ trend: falling, yearOnYear: yoyFalling, direction: 'higher-is-worse', minChangePerPeriod: 0.01 });
    expect(better.negative).toBe(false);
    expect(better.trend.verdict).toBe('not-worsening');
    expect(better.trend.worsening!).toBeLessThan(0);
  });

  it('uses the year on year alone for a sudden jump in a higher-is-worse rate', () => {
    const yoy = yearOnYearRate({ numerator: 20, denominator: 1000 }, { numerator: 60, denominator: 1000 });
    const flat = poissonTrend(series([2020, 2021, 2022, 2023], [20, 21, 19, 20], [1000, 1000, 1000, 1000]));
    const nd = negativeDevelopment({ trend: flat, yearOnYear: yoy, direction: 'higher-is-worse', minChangePerPeriod: 0.005 });
    expect(nd.negative).toBe(true);
    expect(nd.basis).toEqual(['year-on-year']);
    expect(nd.trend.verdict).not.toBe('worsening');
    expect(negativeDevelopment({ trend: flat, yearOnYear: yoy, direction: 'higher-is-worse', minChangePerPeriod: 0.005, require: 'trend' }).negative).toBe(false);
  });

  it('is not a negative development without estimates, and validates its input', () => {
    const noEvents = logisticTrend(series([2020, 2021], [0, 0], [50, 50]));
    const nd = negativeDevelopment({ trend: noEvents, yearOnYear: null, direction: 'higher-is-worse', minChangePerPeriod: 0 });
    expect(nd.negative).toBe(false);
    expect(nd.trend.verdict).toBe('unavailable');
    expect(() => negativeDevelopment({ trend: null, yearOnYear: null, direction: 'higher-is-worse', minChangePerPeriod: -1 })).toThrow(RangeError);
    expect(() => negativeDevelopment({ trend: null, yearOnYear: null, direction: 'higher-is-worse', minChangePerPeriod: 0, alpha: 0 })).toThrow(RangeError);
  });
});
