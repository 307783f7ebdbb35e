import { describe, expect, it } from 'vitest';
import { conditionalPermutation, prepareValues, type PermutationCounts, type PreparedValues } from './conditional';
import { polygonLattice } from './lattice';
import { DistinctSampler, Xoshiro128 } from './random';
import { contiguityWeights, weightsFromNeighbourLists, type SpatialWeights } from './weights';

/**
 * The 'shared' scheme written the plain way: the same draws (K + 1 areas of a random
 * ordering per permutation), and for every area and permutation the sum of its first k
 * other than itself, tallied one by one with the same tie bounds.
 */
function plainShared(prepared: PreparedValues, permutations: number, seed: number): PermutationCounts {
  const { n, centred: d, weights } = prepared;
  const { offsets, neighbours } = weights;
  const card = (i: number) => (offsets[i + 1] as number) - (offsets[i] as number);
  let maxCard = 0;
  for (let i = 0; i < n; i++) maxCard = Math.max(maxCard, card(i));
  const observed = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) s += d[neighbours[e] as number] as number;
    observed[i] = s;
    const tolerance = 1e-11 * (card(i) + 2) * prepared.maxAbsCentred;
    lower[i] = s - tolerance;
    upper[i] = s + tolerance;
  }
  const sums: number[][] = Array.from({ length: n }, () => []);
  const rng = new Xoshiro128(seed);
  const sampler = new DistinctSampler(n);
  const drawn = Math.min(maxCard + 1, n);
  const draw = new Int32Array(drawn);
  for (let r = 0; r < permutations; r++) {
    sampler.draw(rng, drawn, draw);
    for (let i = 0; i < n; i++) {
      const k = card(i);
      if (k === 0) continue;
      const position = draw.indexOf(i);
      let s = 0;
      for (let t = 0; t < k; t++) s += d[draw[t] as number] as number;
      // The same arithmetic as the engine: the first k, with i's value swapped for the (k+1)-th.
      if (position >= 0 && position < k) s += (d[draw[k] as number] as number) - (d[i] as number);
      sums[i]!.push(s);
    }
  }
  const atLeast = new Int32Array(n);
  const atMost = new Int32Array(n);
  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  sums.forEach((list, i) => {
    if (list.length === 0) return;
    atLeast[i] = list.filter((s) => s >= (lower[i] as number)).length;
    atMost[i] = list.filter((s) => s <= (upper[i] as number)).length;
    const m = list.reduce((a, b) => a + b, 0) / list.length;
    mean[i] = m;
    sd[i] = Math.sqrt(list.reduce((a, b) => a + (b - m) ** 2, 0) / list.length);
  });
  return { permutations, observed, atLeast, atMost, mean, sd };
}

function expectSameCounts(values: readonly (number | null)[], weights: SpatialWeights, permutations: number, seed: number): void {
  const prepared = prepareValues(values, weights);
  const fast = conditionalPermutation(prepared, { permutations, seed, scheme: 'shared' });
  const plain = plainShared(prepared, permutations, seed);
  // The permuted sums are the very same floating-point numbers (same draws, same order
  // of addition), so the counts agree to the unit, ties included.
  expect(Array.from(fast.observed)).toEqual(Array.from(plain.observed));
  expect(Array.from(fast.atLeast)).toEqual(Array.from(plain.atLeast));
  expect(Array.from(fast.atMost)).toEqual(Array.from(plain.atMost));
  const scale = prepared.maxAbsCentred * 1e-9;
  for (let i = 0; i < prepared.n; i++) {
    expect(Math.abs((fast.mean[i] as number) - (plain.mean[i] as number))).toBeLessThanOrEqual(scale);
    expect(Math.abs((fast.sd[i] as number) - (plain.sd[i] as number))).toBeLessThanOrEqual(scale);
  }
}

describe('the shared-draw engine (sorted columns and swaps)', () => {
  it('counts exactly as a plain loop over every area and permutation', () => {
    const w = contiguityWeights(polygonLattice({ columns: 12, count: 137, seed: 3 }));
    const rng = new Xoshiro128(11);
    const continuous = w.ids.map(() => rng.nextFloat() * 10);
    const withGaps = continuous.map((v, i) => (i % 9 === 4 ? null : v));
    for (const [values, permutations, seed] of [
      [continuous, 999, 1],
      [continuous, 1, 2],
      [withGaps, 499, 3],
    ] as const) {
      expectSameCounts(values, w, permutations, seed);
    }
  });

  it('keeps ties as ties: integer values counted against the same bounds', () => {
    const w = contiguityWeights(polygonLattice({ columns: 7, seed: 5 }));
    const rng = new Xoshiro128(12);
    expectSameCounts(w.ids.map(() => Math.floor(rng.nextFloat() * 4)), w, 999, 4);
  });

  it('handles areas that are in most draws (every other area a neighbour)', () => {
    // A star: the hub neighbours everyone, so every permutation draws all the others;
    // its permuted sum never varies (sd 0), the leaves' does.
    const ids = ['hub', 'a', 'b', 'c', 'd'];
    const w = weightsFromNeighbourLists(ids, [[1, 2, 3, 4], [0, 2], [0], [0], [0]]);
    const values = [3, 1.5, 0.25, 7, 2];
    expectSameCounts(values, w, 999, 9);
    const counts = conditionalPermutation(prepareValues(values, w), { permutations: 999, seed: 9 });
    expect(counts.sd[0]).toBe(0);
    expect(counts.atLeast[0]).toBe(999);
    expect(counts.atMost[0]).toBe(999);
  });

  it('gives the same counts as before the sorted-column kernel (fixed seed, known values)', () => {
    // Regression guard for the per-seed results: these counts come from the per-area
    // loop that the sorted columns replaced.
    const w = contiguityWeights(polygonLattice({ columns: 5, seed: 1 }));
    const values = w.ids.map((_, i) => ((i * 7) % 11) / 3);
    const counts = conditionalPermutation(prepareValues(values, w), { permutations: 99, seed: 12345 });
    expect(Array.from(counts.atLeast)).toEqual([36, 76, 12, 43, 20, 76, 90, 40, 4, 17, 77, 32, 69, 17, 82, 84, 53, 94, 43, 33, 64, 43, 34, 82, 60]);
    expect(Array.from(counts.atMost)).toEqual([69, 27, 89, 66, 82, 26, 11, 62, 96, 84, 26, 70, 38, 86, 23, 22, 49, 9, 60, 72, 41, 61, 69, 24, 43]);
  });
});
