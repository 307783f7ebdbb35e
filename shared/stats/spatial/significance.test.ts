import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, foldedPseudoP, significanceCutoff } from './significance';

describe('foldedPseudoP', () => {
  it('takes the smaller tail, (M + 1)/(R + 1)', () => {
    expect(foldedPseudoP(3, 997, 999)).toBe(4 / 1000);
    expect(foldedPseudoP(990, 10, 999)).toBe(11 / 1000);
    expect(foldedPseudoP(0, 999, 999)).toBe(1 / 1000);
    // Every permuted value ties the observed one: p = 1, not 1/(R + 1).
    expect(foldedPseudoP(999, 999, 999)).toBe(1);
  });
});

describe('multiple testing', () => {
  // Sorted: 0.005, 0.025, 0.029, 0.2, 0.2; m = 5, α = 0.05: BH bounds 0.01 … 0.05.
  const p = [0.2, 0.025, 0.005, null, 0.029, 0.2];

  it('Benjamini–Hochberg q-values by hand', () => {
    // m·p/rank = 0.025, 0.0625, 0.0483, 0.25, 0.2 → running minimum from the top.
    const q = benjaminiHochberg(p);
    expect(q[3]).toBeNull();
    expect(q[2]).toBeCloseTo(0.025, 12);
    expect(q[1]).toBeCloseTo(0.145 / 3, 12);
    expect(q[4]).toBeCloseTo(0.145 / 3, 12);
    expect(q[0]).toBeCloseTo(0.2, 12);
    expect(q[5]).toBeCloseTo(0.2, 12);
  });

  it('cut-offs of each correction', () => {
    expect(significanceCutoff(p, 0.05, 'none')).toBe(0.05);
    expect(significanceCutoff(p, 0.05, 'bonferroni')).toBeCloseTo(0.01, 12);
    // BH step-up: the largest k with p_(k) ≤ kα/m is 3 (0.029 ≤ 0.03): three discoveries.
    expect(significanceCutoff(p, 0.05, 'fdr')).toBeCloseTo(0.03, 12);
    // GeoDa stops at the first failure (0.025 ≥ 0.02): one discovery.
    expect(significanceCutoff(p, 0.05, 'geoda-fdr')).toBeCloseTo(0.01, 12);
    // No p passes BH: nothing is significant; GeoDa's filter falls back to α/m.
    expect(significanceCutoff([0.5, 0.6], 0.05, 'fdr')).toBe(0);
    expect(significanceCutoff([0.5, 0.6], 0.05, 'geoda-fdr')).toBeCloseTo(0.025, 12);
    expect(significanceCutoff([null], 0.05, 'none')).toBe(0);
    expect(() => significanceCutoff(p, 0, 'none')).toThrow(RangeError);
  });
});
