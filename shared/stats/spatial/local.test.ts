import { describe, expect, it } from 'vitest';
import { contiguityWeights } from './weights';
import { latticeId, polygonLattice } from './lattice';
import { localStatistics } from './local';
import { Xoshiro128 } from './random';
import { weightsFromNeighbourLists } from './weights';

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

// Six areas in three pieces: 0 with neighbours {1, 2}; 3–4–5 a path.
const small = weightsFromNeighbourLists(['a0', 'a1', 'a2', 'a3', 'a4', 'a5'], [[1, 2], [0], [0], [4], [3, 5], [4]]);
const smallValues = [0, 10, 9, 1, 2, 3];

describe('conditional permutation inference', () => {
  for (const scheme of ['shared', 'independent'] as const) {
    it(`matches the exact conditional distribution (${scheme} draws)`, () => {
      // a0 holds 0; its two neighbours are drawn from {10, 9, 1, 2, 3}: of the C(5,2) = 10
      // pairs only {10, 9} reaches the observed 19 → p → 1/10.
      // a3 (value 1) has one neighbour, drawn from {0, 10, 9, 2, 3}; observed 2:
      // ≥ 2 four in five, ≤ 2 two in five → p → 2/5.
      // a4 (value 2) has two, drawn from {0, 10, 9, 1, 3}; observed 1 + 3 = 4: pair sums
      // 10, 9, 1, 3, 19, 11, 13, 10, 12, 4 → ≤ 4 three in ten (a tie included) → p → 3/10.
      const R = 9999;
      const r = localStatistics(smallValues, small, { permutations: R, scheme, seed: 3 });
      const p = r.moran.areas.map((a) => a.p!);
      // Binomial sd of M/R ≤ 0.005; allow 3 sd.
      expect(Math.abs(p[0]! - 0.1)).toBeLessThan(0.015);
      expect(Math.abs(p[3]! - 0.4)).toBeLessThan(0.015);
      expect(Math.abs(p[4]! - 0.3)).toBeLessThan(0.015);
    });
  }

  it('gives identical results for a seed and close p-values for another', () => {
    const w = contiguityWeights(polygonLattice({ columns: 8, seed: 2 }));
    const rng = new Xoshiro128(21);
    const values = w.ids.map(() => rng.nextFloat());
    const a = localStatistics(values, w, { seed: 1, permutations: 9999 });
    const b = localStatistics(values, w, { seed: 1, permutations: 9999 });
    const c = localStatistics(values, w, { seed: 2, permutations: 9999 });
    expect(b).toEqual(a);
    const pa = a.moran.areas.map((x) => x.p!);
    const pc = c.moran.areas.map((x) => x.p!);
    expect(pc).not.toEqual(pa);
    // Each p has a Monte Carlo sd ≤ 0.005: two seeds differ by well under 0.03.
    pa.forEach((p, i) => expect(Math.abs(p - pc[i]!)).toBeLessThan(0.03));
  });

  it('shared and independent draws estimate the same p-values', () => {
    const w = contiguityWeights(polygonLattice({ columns: 9, seed: 4 }));
    const rng = new Xoshiro128(5);
    const values = w.ids.map((_, i) => rng.nextFloat() + (i % 9 < 3 ? 0.5 : 0));
    const shared = localStatistics(values, w, { permutations: 9999, scheme: 'shared' });
    const independent = localStatistics(values, w, { permutations: 9999, scheme: 'independent' });
    shared.moran.areas.forEach((a, i) => expect(Math.abs(a.p! - independent.moran.areas[i]!.p!)).toBeLessThan(0.03));
    shared.giStar.areas.forEach((a, i) => expect(Math.abs(a.zSim! - independent.giStar.areas[i]!.zSim!)).toBeLessThan(0.15));
  });

  it('keeps every p in [1/(R+1), 1], and local Moran’s p equals Gi*’s off the mean', () => {
    const w = contiguityWeights(polygonLattice({ columns: 10, seed: 6 }));
    const rng = new Xoshiro128(6);
    const values = w.ids.map(() => Math.floor(rng.nextFloat() * 4)); // many ties
    const r = localStatistics(values, w, { permutations: 199 });
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    r.moran.areas.forEach((a, i) => {
      const g = r.giStar.areas[i]!;
      for (const p of [a.p!, g.p!]) {
        expect(p).toBeGreaterThanOrEqual(1 / 200);
        expect(p).toBeLessThanOrEqual(1);
        expect(Number.isInteger(p * 200 - 1 + 1e-9) || Math.abs(p * 200 - Math.round(p * 200)) < 1e-9).toBe(true);
      }
      if (values[i] !== mean) expect(a.p).toBe(g.p);
    });
  });

  it('finds a planted block of high values as HH and hot', () => {
    const w = contiguityWeights(polygonLattice({ columns: 12, seed: 8 }));
    const rng = new Xoshiro128(8);
    const block = new Set<string>();
    for (let r = 4; r < 7; r++) for (let c = 5; c < 8; c++) block.add(latticeId(c, r));
    const values = w.ids.map((id) => rng.nextFloat() + (block.has(id) ? 1.5 : 0));
    const r = localStatistics(values, w, { permutations: 999, correction: 'fdr' });
    const hh = r.moran.areas.filter((a) => a.cluster === 'HH').map((a) => a.id);
    const hot = r.giStar.areas.filter((a) => a.cluster === 'hot').map((a) => a.id);
    expect(hh).toContain(latticeId(6, 5)); // the block's centre
    expect(hot).toContain(latticeId(6, 5));
    expect(hh.filter((id) => block.has(id)).length).toBeGreaterThanOrEqual(5);
    expect(r.correction).toBe('fdr');
    // FDR can only shrink the set relative to no correction.
    const plain = localStatistics(values, w, { permutations: 999 });
    expect(plain.moran.areas.filter((a) => a.significant).length).toBeGreaterThanOrEqual(r.moran.areas.filter((a) => a.significant).length);
    expect(r.moran.cutoff).toBeLessThanOrEqual(0.05);
  });
});

describe('edge cases', () => {
  it('an island gets no statistic, reason "no neighbours"; the others are unaffected', () => {
    const w = weightsFromNeighbourLists(['a', 'b', 'c', 'island'], [[1], [2], [0], []]);
    const r = localStatistics([1, 4, 2, 8], w, { permutations: 99 });
    expect(r.moran.areas[3]).toMatchObject({ i: null, p: null, reason: 'no neighbours' });
    expect(r.giStar.areas[3]).toMatchObject({ z: null, p: null, reason: 'no neighbours' });
    expect(r.moran.areas.slice(0, 3).every((a) => a.i !== null && a.p !== null && a.reason === null)).toBe(true);
    expect(r.n).toBe(4); // the island's value still counts in the mean and the draws
    expect(hasNaN(r)).toBe(false);
  });

  it('a constant indicator: nulls everywhere with a reason, never NaN', () => {
    const w = weightsFromNeighbourLists(['a', 'b', 'c'], [[1], [0], []]);
    const r = localStatistics([0.25, 0.25, 0.25], w);
    expect(r.reason).toBe('constant indicator');
    expect(r.moran.areas.every((a) => a.i === null && a.p === null && !a.significant)).toBe(true);
    expect(r.giStar.areas.every((a) => a.z === null && a.p === null && !a.significant)).toBe(true);
    expect(r.moran.areas.map((a) => a.reason)).toEqual(['constant indicator', 'constant indicator', 'no neighbours']);
    expect(hasNaN(r)).toBe(false);
  });

  it('two areas: statistics but nothing to permute, p = 1', () => {
    const r = localStatistics([2, 5], weightsFromNeighbourLists(['a', 'b'], [[1], [0]]), { permutations: 99 });
    expect(r.moran.areas.map((a) => a.quadrant)).toEqual(['LH', 'HL']);
    expect(r.moran.areas.map((a) => a.p)).toEqual([1, 1]);
    expect(r.giStar.areas.map((a) => a.p)).toEqual([1, 1]);
    expect(hasNaN(r)).toBe(false);
  });

  it('missing values are left out, and so are the links to them', () => {
    const w = weightsFromNeighbourLists(['a', 'b', 'c', 'd'], [[1], [2], [3], []]);
    const r = localStatistics([1, null, 3, Number.NaN], w, { permutations: 99 });
    expect(r.n).toBe(2);
    expect(r.moran.areas.map((a) => a.reason)).toEqual(['no neighbours', 'missing value', 'no neighbours', 'missing value']);
    expect(r.reason).toBeNull();
    expect(localStatistics([1, null, null, null], w).reason).toBe('too few areas');
    expect(() => localStatistics([1, 2], w)).toThrow(RangeError);
    expect(() => localStatistics([1, 2, 3, 4], w, { permutations: 0 })).toThrow(RangeError);
  });
});
