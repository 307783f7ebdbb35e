import { describe, expect, it } from 'vitest';
import { globalEmpiricalBayes, spatialEmpiricalBayes, type RateArea } from './empirical-bayes';

// Hand computation (Marshall 1991) for A = 2/100, B = 10/200, C = 30/300:
// m = 42/600 = 0.07; Σ n (r − m)² = 100·0.05² + 200·0.02² + 300·0.03² = 0.6, / 600 = 0.001;
// n̄ = 200, m/n̄ = 0.00035, s² = 0.00065.
// w_A = 0.00065 / (0.00065 + 0.07/100) = 0.65/1.35; w_B = 0.65/(0.65 + 0.35) = 0.65; w_C = 0.65/(0.65 + 0.7/3).
const A: RateArea = { id: 'A', numerator: 2, denominator: 100 };
const B: RateArea = { id: 'B', numerator: 10, denominator: 200 };
const C: RateArea = { id: 'C', numerator: 30, denominator: 300 };

describe('global empirical Bayes (Marshall 1991)', () => {
  it('matches the hand computation', () => {
    const [a, b, c] = globalEmpiricalBayes([A, B, C]);
    expect(a!.priorMean).toBeCloseTo(0.07, 15);
    expect(a!.priorVariance).toBeCloseTo(0.00065, 15);
    const wA = 0.65 / 1.35;
    expect(a!.weight).toBeCloseTo(wA, 12);
    expect(a!.smoothed).toBeCloseTo(wA * 0.02 + (1 - wA) * 0.07, 12); // 0.045926
    expect(b!.weight).toBeCloseTo(0.65, 12);
    expect(b!.smoothed).toBeCloseTo(0.65 * 0.05 + 0.35 * 0.07, 12); // 0.057
    const wC = 0.65 / (0.65 + 0.7 / 3);
    expect(c!.smoothed).toBeCloseTo(wC * 0.1 + (1 - wC) * 0.07, 12);
    expect(c!.raw).toBe(0.1);
    // Shrinkage: every smoothed rate lies between its raw rate and the prior mean.
    for (const s of [a!, b!, c!]) {
      expect(Math.abs(s.smoothed! - 0.07)).toBeLessThanOrEqual(Math.abs(s.raw! - 0.07));
    }
  });

  it('sets a negative prior variance to 0, so every area gets the prior mean (as GeoDa)', () => {
    // 2/100 and 10/200: m = 0.04, Σ n (r − m)² / Σ n = 0.06/300 = 0.0002 < m/n̄ = 0.04/150.
    const out = globalEmpiricalBayes([A, B]);
    expect(out.map((s) => s.priorVariance)).toEqual([0, 0]);
    expect(out.map((s) => s.weight)).toEqual([0, 0]);
    for (const s of out) expect(s.smoothed).toBeCloseTo(0.04, 15);
  });

  it('handles a constant indicator, zero counts and empty areas', () => {
    const constant = globalEmpiricalBayes([
      { id: 'x', numerator: 5, denominator: 50 },
      { id: 'y', numerator: 20, denominator: 200 },
    ]);
    for (const s of constant) expect(s.smoothed).toBeCloseTo(0.1, 15);
    const zeros = globalEmpiricalBayes([
      { id: 'x', numerator: 0, denominator: 50 },
      { id: 'y', numerator: 0, denominator: 200 },
    ]);
    expect(zeros.map((s) => s.smoothed)).toEqual([0, 0]);
    const empty = globalEmpiricalBayes([A, B, C, { id: 'E', numerator: 0, denominator: 0 }]);
    expect(empty[3]).toEqual({ id: 'E', raw: null, smoothed: null, weight: null, priorMean: null, priorVariance: null });
    // The empty area does not change the others (n̄ counts areas with population only).
    expect(empty[1]!.smoothed).toBeCloseTo(0.057, 12);
    expect(globalEmpiricalBayes([])).toEqual([]);
    expect(() => globalEmpiricalBayes([A, A])).toThrow(RangeError);
    expect(() => globalEmpiricalBayes([{ id: 'z', numerator: -1, denominator: 5 }])).toThrow(RangeError);
  });
});

describe('spatial empirical Bayes', () => {
  // A chain A – B – C, an island D, and E without population next to C.
  const D: RateArea = { id: 'D', numerator: 5, denominator: 50 };
  const E: RateArea = { id: 'E', numerator: 0, denominator: 0 };
  const adjacency = { A: ['B'], B: ['A', 'C'], C: ['B', 'E'], D: [], E: ['C'] };

  it('uses the area and its neighbours as the window', () => {
    const out = spatialEmpiricalBayes([A, B, C, D, E], adjacency);
    const byId = new Map(out.map((s) => [s.id, s]));
    // B's window is A, B, C: the global computation above.
    expect(byId.get('B')!.priorMean).toBeCloseTo(0.07, 15);
    expect(byId.get('B')!.smoothed).toBeCloseTo(0.057, 12);
    // A's window is A, B: negative variance, so the window mean 0.04.
    expect(byId.get('A')!.priorVariance).toBe(0);
    expect(byId.get('A')!.smoothed).toBeCloseTo(0.04, 15);
    // C's window is B, C (E has no population): m = 0.08, s² = 0.3/500 − 0.08/250 = 0.00028,
    // w = 0.00028 / (0.00028 + 0.08/300).
    const wC = 0.00028 / (0.00028 + 0.08 / 300);
    expect(byId.get('C')!.priorVariance).toBeCloseTo(0.00028, 15);
    expect(byId.get('C')!.smoothed).toBeCloseTo(wC * 0.1 + (1 - wC) * 0.08, 12);
    expect(byId.get('E')!.smoothed).toBeNull();
  });

  it('leaves an island undefined by default (GeoDa), or uses itself or the global estimate', () => {
    const areas = [A, B, C, D, E];
    const undef = spatialEmpiricalBayes(areas, adjacency).find((s) => s.id === 'D')!;
    expect(undef.smoothed).toBeNull();
    expect(undef.raw).toBe(0.1);
    // Itself alone: prior variance −m/n < 0 → 0, so the raw rate.
    const self = spatialEmpiricalBayes(areas, adjacency, { islands: 'self' }).find((s) => s.id === 'D')!;
    expect(self.smoothed).toBeCloseTo(0.1, 15);
    expect(self.weight).toBe(0);
    const global = spatialEmpiricalBayes(areas, adjacency, { islands: 'global' }).find((s) => s.id === 'D')!;
    expect(global).toEqual(globalEmpiricalBayes(areas).find((s) => s.id === 'D'));
    // An id missing from the adjacency is an island too; a Map works as well as a record.
    const map = new Map([['B', ['A', 'C']]]);
    const viaMap = spatialEmpiricalBayes([A, B, C], map);
    expect(viaMap[1]!.smoothed).toBeCloseTo(0.057, 12);
    expect(viaMap[0]!.smoothed).toBeNull();
  });

  it('ignores duplicate neighbours and a self-reference', () => {
    const out = spatialEmpiricalBayes([A, B, C], { B: ['A', 'A', 'B', 'C'], A: ['B'], C: ['B'] });
    expect(out[1]!.smoothed).toBeCloseTo(0.057, 12);
  });
});
