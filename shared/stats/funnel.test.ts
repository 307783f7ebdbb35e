import { describe, expect, it } from 'vitest';
import { binomialCdf, normalQuantile, poissonCdf } from './distributions';
import {
  binomialControlLimit,
  classifyFunnel,
  estimateOverdispersion,
  funnelCurve,
  funnelLimits,
  funnelPoint,
  funnelZScore,
  poissonControlLimit,
  type FunnelClass,
  type FunnelLimits,
} from './funnel';

const SEVERITY: Record<FunnelClass, number> = { 'below-alarm': -2, 'below-warning': -1, inside: 0, 'above-warning': 1, 'above-alarm': 2 };

describe('Spiegelhalter interpolated limits (appendix A.1.1), worked by hand', () => {
  // Binomial(10, 0.2): P(X = 5) = 252 · 0.2⁵ · 0.8⁵, P(X = 6) = 210 · 0.2⁶ · 0.8⁴.
  const p5 = 252 * 0.2 ** 5 * 0.8 ** 5; // 0.0264241152
  const p6 = 210 * 0.2 ** 6 * 0.8 ** 4; // 0.005505024
  const F4 = 0.9672065024; // 0.1073741824 + 0.268435456 + 0.301989888 + 0.201326592 + 0.088080384
  const F5 = F4 + p5; // 0.9936306176
  const F6 = F5 + p6; // 0.9991356416

  it('binomial n = 10, θ = 0.2', () => {
    expect(binomialCdf(5, 10, 0.2)).toBeCloseTo(F5, 12);
    // 97.5 %: r = 5 (F4 < 0.975 ≤ F5), θ = (F5 − 0.975) / p5 = 0.70506…, limit (5 − θ)/10.
    const theta975 = (F5 - 0.975) / p5;
    expect(theta975).toBeCloseTo(0.0186306176 / 0.0264241152, 12); // 0.705061…
    expect(binomialControlLimit(0.975, 0.2, 10)).toBeCloseTo((5 - theta975) / 10, 12);
    // 99.9 %: r = 6 (F5 < 0.999 ≤ F6), θ = (F6 − 0.999) / p6.
    expect(binomialControlLimit(0.999, 0.2, 10)).toBeCloseTo((6 - (F6 - 0.999) / p6) / 10, 12);
    // 2.5 % and 0.1 %: r = 0 (P(X = 0) = 0.107 ≥ p) gives a negative limit, clamped to 0.
    expect(binomialControlLimit(0.025, 0.2, 10)).toBe(0);
    expect(binomialControlLimit(0.001, 0.2, 10)).toBe(0);
  });

  it('Poisson μ = 2 (rate 0.02 × exposure 100)', () => {
    // F(4) = 7e⁻², F(5) = (7 + 32/120)e⁻², P(X = 5) = (32/120)e⁻².
    const pmf5 = (32 / 120) * Math.exp(-2);
    const cdf5 = (7 + 32 / 120) * Math.exp(-2);
    expect(poissonCdf(5, 2)).toBeCloseTo(cdf5, 14);
    expect(poissonControlLimit(0.975, 0.02, 100)).toBeCloseTo((5 - (cdf5 - 0.975) / pmf5) / 100, 12);
    // 2.5 %: r = 0 (e⁻² = 0.135 ≥ 0.025): negative, clamped to 0.
    expect(poissonControlLimit(0.025, 0.02, 100)).toBe(0);
  });

  it('chi-square (FunnelPlotR) Poisson limits are Garwood limits of the expected count', () => {
    // Garwood 95 % limits for a count of 2: 0.2422, 7.2247 (Breslow & Day vol. II, table).
    expect(poissonControlLimit(0.975, 0.02, 100, 'chi-square')).toBeCloseTo(0.072247, 6);
    expect(poissonControlLimit(0.025, 0.02, 100, 'chi-square')).toBeCloseTo(0.002422, 6);
    expect(poissonControlLimit(0.025, 0, 100, 'chi-square')).toBe(0);
    // Upper limit for μ = 0: −ln(1 − p).
    expect(poissonControlLimit(0.975, 0, 1, 'chi-square')).toBeCloseTo(-Math.log(0.025), 10);
  });

  it('places a count above the upper limit exactly when F(k) > p, below the lower when F(k) < p', () => {
    for (const [n, theta] of [
      [23, 0.041],
      [26, 0.041],
      [59, 0.041],
      [150, 0.3],
      [400, 0.75],
    ] as const) {
      const limits = funnelLimits(n, { kind: 'binomial', target: theta });
      for (let k = 0; k <= n; k++) {
        const F = binomialCdf(k, n, theta);
        const cls = classifyFunnel(k / n, limits);
        expect(cls === 'above-alarm', `${k}/${n}`).toBe(F > 0.999);
        expect(cls === 'above-alarm' || cls === 'above-warning', `${k}/${n}`).toBe(F > 0.975);
        expect(cls === 'below-alarm', `${k}/${n}`).toBe(F < 0.001);
        expect(cls === 'below-alarm' || cls === 'below-warning', `${k}/${n}`).toBe(F < 0.025);
        if (n < 100) {
          // The conservative exact classification never goes further out than the limits.
          const pt = funnelPoint(k, n, { kind: 'binomial', target: theta })!;
          expect(pt.class).toBe(cls);
          expect(Math.abs(SEVERITY[pt.exactClass]), `${k}/${n}`).toBeLessThanOrEqual(Math.abs(SEVERITY[cls]));
          expect(SEVERITY[pt.exactClass] * SEVERITY[cls]).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('approaches the normal limits for large n', () => {
    const n = 100_000;
    const se = Math.sqrt((0.1 * 0.9) / n);
    const l = funnelLimits(n, { kind: 'binomial', target: 0.1 });
    expect(l.warningUpper).toBeCloseTo(0.1 + 1.959964 * se, 4);
    expect(l.alarmLower).toBeCloseTo(0.1 - 3.090232 * se, 4);
    const r = funnelLimits(n, { kind: 'poisson', target: 0.01 });
    expect(r.alarmUpper).toBeCloseTo(0.01 + 3.090232 * Math.sqrt(0.01 / n), 4);
    expect(r.warningLower).toBeLessThan(0.01);
  });

  it('handles targets of 0 and 1 and rejects bad input', () => {
    // Target 0: every limit is 0, so any event lies above the alarm limit.
    const zero = funnelLimits(50, { kind: 'binomial', target: 0 });
    expect([zero.alarmLower, zero.warningLower, zero.warningUpper, zero.alarmUpper]).toEqual([0, 0, 0, 0]);
    expect(classifyFunnel(0, zero)).toBe('inside');
    expect(classifyFunnel(1 / 50, zero)).toBe('above-alarm');
    const one = funnelLimits(50, { kind: 'binomial', target: 1 });
    expect([one.alarmLower, one.warningLower, one.warningUpper, one.alarmUpper]).toEqual([1, 1, 1, 1]);
    expect(classifyFunnel(1, one)).toBe('inside');
    expect(classifyFunnel(49 / 50, one)).toBe('below-alarm');
    expect(() => binomialControlLimit(0.5, 0.2, 0)).toThrow(RangeError);
    expect(() => binomialControlLimit(0.5, 1.2, 10)).toThrow(RangeError);
    expect(() => poissonControlLimit(1, 0.2, 10)).toThrow(RangeError);
  });
});

describe('funnel points and curve', () => {
  it('classifies an area and reports exact tails', () => {
    // 3 of 23 children at a municipality rate of 4.105 %: P(X ≥ 3) = 0.0664, P(X ≥ 4) = 0.0134,
    // so F(3) = 0.9866 > 0.975 (above the warning limit) but < 0.999 (inside the alarm limit).
    const pt = funnelPoint(3, 23, { kind: 'binomial', target: 0.04105 })!;
    expect(pt.upperTailP).toBeCloseTo(0.066423, 5);
    expect(pt.class).toBe('above-warning');
    expect(pt.exactClass).toBe('inside');
    expect(pt.value).toBeCloseTo(3 / 23, 15);
    expect(pt.z).toBeCloseTo((3 / 23 - 0.04105) / Math.sqrt((0.04105 * 0.95895) / 23), 12);
    const zero = funnelPoint(0, 40, { kind: 'binomial', target: 0.04105 })!;
    expect(zero.lowerTailP).toBeCloseTo(0.95895 ** 40, 12);
    expect(zero.upperTailP).toBe(1);
    expect(zero.class).toBe('inside');
    expect(funnelPoint(0, 0, { kind: 'binomial', target: 0.1 })).toBeNull();
    expect(() => funnelPoint(5, 4, { kind: 'binomial', target: 0.1 })).toThrow(RangeError);
    const rate = funnelPoint(12, 200, { kind: 'poisson', target: 0.02 })!;
    expect(rate.upperTailP).toBeCloseTo(1 - poissonCdf(11, 4), 12);
    expect(rate.class).toBe('above-alarm');
  });

  it('builds a plotting curve on a log scale, whole denominators for shares', () => {
    const curve = funnelCurve({ kind: 'binomial', target: 0.04 }, { min: 10, max: 5000, points: 60 });
    expect(curve[0]!.n).toBe(10);
    expect(curve[curve.length - 1]!.n).toBe(5000);
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1]!;
      const b = curve[i]!;
      expect(Number.isInteger(b.n)).toBe(true);
      expect(b.n).toBeGreaterThan(a.n);
      expect(b.alarmLower).toBeLessThanOrEqual(b.warningLower);
      expect(b.warningLower).toBeLessThanOrEqual(0.04);
      expect(b.warningUpper).toBeGreaterThanOrEqual(0.04);
      expect(b.warningUpper).toBeLessThanOrEqual(b.alarmUpper);
    }
    // The funnel narrows: at 5,000 the alarm band is far tighter than at 10.
    expect(curve[curve.length - 1]!.alarmUpper).toBeLessThan(curve[0]!.alarmUpper / 3);
    const rates = funnelCurve({ kind: 'poisson', target: 0.01 }, { min: 0.5, max: 50, points: 3 });
    expect(rates.map((l) => l.n)).toEqual([0.5, 5, 50].map((x) => expect.closeTo(x, 10)));
    expect(() => funnelCurve({ kind: 'binomial', target: 0.1 }, { min: 10, max: 5 })).toThrow(RangeError);
  });
});

describe('over-dispersion (Spiegelhalter 2005; FunnelPlotR)', () => {
  // θ = 0.5, n = 100: s = 0.05, so z = (k − 50) / 5.
  const ks = [40, 44, 47, 50, 50, 52, 55, 56, 60, 75];
  const units = ks.map((k) => ({ numerator: k, denominator: 100 }));
  // z = −2, −1.2, −0.6, 0, 0, 0.4, 1, 1.2, 2, 5. Type 7 percentiles: 10 % = −2 + 0.9 · 0.8 = −1.28,
  // 90 % = 2 + 0.1 · 3 = 2.3. Winsorised squares: 1.6384 + 1.44 + 0.36 + 0 + 0 + 0.16 + 1 + 1.44 + 4 + 5.29 = 15.3284.
  const phi = 15.3284 / 10;
  // τ² = (Iφ − (I − 1)) / (Σw − Σw²/Σw), w = 1/s² = 400: (15.3284 − 9) / (4000 − 400).
  const tau2 = (15.3284 - 9) / 3600;

  it('computes z-scores: identity scale for shares, square root for rates', () => {
    expect(funnelZScore(40, 100, 'binomial', 0.5)).toBeCloseTo(-2, 12);
    expect(funnelZScore(9, 100, 'poisson', 0.04)).toBeCloseTo(2 * (3 - 2), 12);
    expect(funnelZScore(3, 0, 'binomial', 0.5)).toBeNull();
    expect(funnelZScore(3, 10, 'binomial', 0)).toBeNull();
  });

  it('estimates φ from winsorised z-scores and widens the limits by √φ', () => {
    const od = estimateOverdispersion(units, { kind: 'binomial', target: 0.5, method: 'multiplicative' });
    expect(od.winsorLower).toBeCloseTo(-1.28, 12);
    expect(od.winsorUpper).toBeCloseTo(2.3, 12);
    expect(od.phi).toBeCloseTo(phi, 12);
    expect(od.applied).toBe('multiplicative');
    expect(od.units).toBe(10);
    const exact = funnelLimits(100, { kind: 'binomial', target: 0.5 });
    const wide = funnelLimits(100, { kind: 'binomial', target: 0.5, overdispersion: od });
    expect(wide.alarmUpper).toBeCloseTo(0.5 + Math.sqrt(phi) * (exact.alarmUpper - 0.5), 12);
    expect(wide.warningLower).toBeCloseTo(0.5 + Math.sqrt(phi) * (exact.warningLower - 0.5), 12);
  });

  it('estimates τ² (DerSimonian–Laird) and draws θ ± z √(s² + τ²)', () => {
    const od = estimateOverdispersion(units, { kind: 'binomial', target: 0.5, method: 'additive' });
    expect(od.tau2).toBeCloseTo(tau2, 14);
    expect(od.applied).toBe('additive');
    const l = funnelLimits(100, { kind: 'binomial', target: 0.5, overdispersion: od });
    const sd = Math.sqrt(0.0025 + tau2);
    expect(l.warningUpper).toBeCloseTo(0.5 + 1.959963984540054 * sd, 12);
    expect(l.alarmLower).toBeCloseTo(0.5 - 3.090232306167813 * sd, 12);
  });

  it('applies the additive limits for rates on the square-root scale', () => {
    const rates = [4, 9, 16, 25, 1, 36].map((k) => ({ numerator: k, denominator: 100 }));
    const od = estimateOverdispersion(rates, { kind: 'poisson', target: 0.09, method: 'additive' });
    expect(od.scale).toBe('sqrt');
    expect(od.applied).toBe('additive');
    const l = funnelLimits(400, { kind: 'poisson', target: 0.09, overdispersion: od });
    const sd = Math.sqrt(1 / 1600 + od.tau2!);
    expect(l.alarmUpper).toBeCloseTo((0.3 + normalQuantile(0.999) * sd) ** 2, 12);
    expect(l.alarmLower).toBeCloseTo(Math.max(0, 0.3 - normalQuantile(0.999) * sd) ** 2, 12);
  });

  it('applies nothing without over-dispersion: a constant indicator, too few units, target 0', () => {
    const constant = Array.from({ length: 8 }, (_, i) => ({ numerator: 10 * (i + 1), denominator: 100 * (i + 1) }));
    const m = estimateOverdispersion(constant, { kind: 'binomial', target: 0.1, method: 'multiplicative' });
    expect(m.phi).toBe(0);
    expect(m.applied).toBe('none');
    const a = estimateOverdispersion(constant, { kind: 'binomial', target: 0.1, method: 'additive' });
    expect(a.tau2).toBe(0);
    expect(a.applied).toBe('none');
    const exact = funnelLimits(100, { kind: 'binomial', target: 0.1 });
    expect(funnelLimits(100, { kind: 'binomial', target: 0.1, overdispersion: m })).toEqual(exact);
    const single = estimateOverdispersion([{ numerator: 30, denominator: 100 }], { kind: 'binomial', target: 0.1, method: 'multiplicative' });
    expect(single.applied).toBe('none');
    const zeros = estimateOverdispersion([{ numerator: 0, denominator: 100 }, { numerator: 0, denominator: 0 }], {
      kind: 'binomial',
      target: 0,
      method: 'additive',
    });
    expect(zeros.units).toBe(0);
    expect(zeros.phi).toBeNull();
    expect(zeros.applied).toBe('none');
  });
});

describe('classification', () => {
  const limits: FunnelLimits = { n: 100, alarmLower: 0.01, warningLower: 0.03, warningUpper: 0.08, alarmUpper: 0.11 };
  it('uses strict comparisons: a value on a limit is inside it', () => {
    expect(classifyFunnel(0.05, limits)).toBe('inside');
    expect(classifyFunnel(0.08, limits)).toBe('inside');
    expect(classifyFunnel(0.09, limits)).toBe('above-warning');
    expect(classifyFunnel(0.11, limits)).toBe('above-warning');
    expect(classifyFunnel(0.12, limits)).toBe('above-alarm');
    expect(classifyFunnel(0.02, limits)).toBe('below-warning');
    expect(classifyFunnel(0, limits)).toBe('below-alarm');
  });
});
