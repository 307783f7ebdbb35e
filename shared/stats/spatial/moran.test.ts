import { describe, expect, it } from 'vitest';
import { globalMoran, localMoran } from './moran';
import { Xoshiro128 } from './random';
import { weightsFromNeighbourLists, type SpatialWeights } from './weights';

/** Rook or queen contiguity of an R × C grid, cells in row-major order. */
function gridWeights(rows: number, columns: number, queen = false): SpatialWeights {
  const ids: string[] = [];
  const lists: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      ids.push(`${r},${c}`);
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr === 0 && dc === 0) || (!queen && dr !== 0 && dc !== 0)) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < columns) list.push(rr * columns + cc);
        }
      }
      lists.push(list);
    }
  }
  return weightsFromNeighbourLists(ids, lists);
}

/** Dense reference: Moran's I and its moments straight from the textbook definitions. */
function denseMoran(values: number[], weights: SpatialWeights) {
  const n = values.length;
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const start = weights.offsets[i]!;
    const end = weights.offsets[i + 1]!;
    for (let e = start; e < end; e++) W[i]![weights.neighbours[e]!] = 1 / (end - start);
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const z = values.map((v) => v - mean);
  let s0 = 0;
  let s1 = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      s0 += W[i]![j]!;
      s1 += 0.5 * (W[i]![j]! + W[j]![i]!) ** 2;
      cross += W[i]![j]! * z[i]! * z[j]!;
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < n; j++) {
      row += W[i]![j]!;
      col += W[j]![i]!;
    }
    s2 += (row + col) ** 2;
  }
  const m2 = z.reduce((a, v) => a + v * v, 0);
  const m4 = z.reduce((a, v) => a + v ** 4, 0);
  const I = ((n / s0) * cross) / m2;
  const E = -1 / (n - 1);
  const vn = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - E * E;
  const b2 = (n * m4) / (m2 * m2);
  const vr = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - E * E;
  const local = z.map((zi, i) => ((n - 1) * zi * W[i]!.reduce((a, w, j) => a + w * z[j]!, 0)) / m2);
  return { I, E, vn, vr, local };
}

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

const rook3 = gridWeights(3, 3);
const columnValues = [0, 1, 2, 0, 1, 2, 0, 1, 2];
const checkerboard = [1, 0, 1, 0, 1, 0, 1, 0, 1];

describe('global Moran’s I', () => {
  it('3 × 3 rook grid, value = column: I = 5/9 by hand', () => {
    // z = column − 1; only columns 0 and 2 contribute to Σ z_i lag_i: corners
    // 1·½ each, middles 1·⅔ each → 2·(½ + ⅔ + ½) = 10/3; Σ z² = 6; S0 = 9 → I = 5/9.
    // S1 = 8 corner–edge pairs (½ + ⅓)² + 4 edge–centre pairs (⅓ + ¼)² = 249/36.
    const r = globalMoran(columnValues, rook3, { permutations: 999 });
    expect(r.i).toBeCloseTo(5 / 9, 12);
    expect(r.expected).toBeCloseTo(-1 / 8, 12);
    // Moments: independent computation in float64 (NumPy) from the same definitions.
    expect(r.varianceNormal).toBeCloseTo(0.05721450617283948, 12);
    expect(r.varianceRandomisation).toBeCloseTo(0.06784611992945325, 12);
    expect(r.zNormal).toBeCloseTo(2.8451849756238787, 10);
    expect(r.zRandomisation).toBeCloseTo(2.612769367796029, 10);
    expect(r.pNormal).toBeCloseTo(0.0044385639, 9); // 2·(1 − Φ(2.8452)) = erfc(2.8452/√2)
    expect(r.pseudoP).toBeLessThan(0.02);
    expect(r.reason).toBeNull();
  });

  it('3 × 3 checkerboard: perfect negative autocorrelation, I = −1', () => {
    // Every neighbour of a 1 is a 0 and vice versa: Σ z_i lag_i = −Σ z_i² · 1 → I = −1.
    const r = globalMoran(checkerboard, rook3, { permutations: 999 });
    expect(r.i).toBeCloseTo(-1, 12);
    expect(r.zNormal).toBeCloseTo(-3.6580949686592725, 10);
    // Only 1 of the C(9, 4) = 126 arrangements is as extreme: p ≈ 1/126.
    expect(r.pseudoP).toBeLessThan(0.03);
    expect(r.pseudoP).toBeGreaterThanOrEqual(1 / 1000);
  });

  it('agrees with the dense textbook formulas on irregular weights with an island', () => {
    const rng = new Xoshiro128(4);
    const n = 30;
    const lists: number[][] = Array.from({ length: n }, () => []);
    for (let i = 1; i < n - 1; i++) {
      for (let j = 0; j < i; j++) if (rng.nextFloat() < 0.15) lists[i]!.push(j);
    }
    const w = weightsFromNeighbourLists(Array.from({ length: n }, (_, i) => `a${i}`), lists);
    expect(w.islands).toContain(n - 1);
    const values = Array.from({ length: n }, () => rng.nextFloat() * 10);
    const r = globalMoran(values, w, { permutations: 99 });
    const d = denseMoran(values, w);
    expect(r.i).toBeCloseTo(d.I, 12);
    expect(r.varianceNormal).toBeCloseTo(d.vn, 12);
    expect(r.varianceRandomisation).toBeCloseTo(d.vr, 12);
    expect(r.n).toBe(n);
  });

  it('is repeatable with a seed, and its permutation distribution centres near E[I]', () => {
    const w = gridWeights(8, 8, true);
    const rng = new Xoshiro128(2);
    const values = Array.from({ length: 64 }, () => rng.nextFloat());
    const a = globalMoran(values, w, { seed: 5 });
    expect(globalMoran(values, w, { seed: 5 })).toEqual(a);
    expect(a.meanSim).toBeCloseTo(-1 / 63, 2);
    // The permutation sd approximates the randomisation sd.
    expect(a.sdSim! / Math.sqrt(a.varianceRandomisation!)).toBeGreaterThan(0.9);
    expect(a.sdSim! / Math.sqrt(a.varianceRandomisation!)).toBeLessThan(1.1);
    expect(a.pseudoP).toBeGreaterThanOrEqual(1 / 1000);
    expect(a.pseudoP).toBeLessThanOrEqual(1);
  });

  it('returns nulls with a reason, never NaN, when I is undefined', () => {
    const constant = globalMoran([3, 3, 3, 3, 3, 3, 3, 3, 3], rook3);
    expect(constant.i).toBeNull();
    expect(constant.reason).toBe('constant indicator');
    expect(hasNaN(constant)).toBe(false);
    const islands = globalMoran([1, 2, 3], weightsFromNeighbourLists(['a', 'b', 'c'], [[], [], []]));
    expect(islands.reason).toBe('no neighbours');
    expect(globalMoran([1], weightsFromNeighbourLists(['a'], [[]])).reason).toBe('too few areas');
    const allMissing = globalMoran([null, Number.NaN], weightsFromNeighbourLists(['a', 'b'], [[1], []]));
    expect(allMissing.reason).toBe('too few areas');
    expect(hasNaN(allMissing)).toBe(false);
  });

  it('two areas: I = −1 = E[I], no variance, p = 1', () => {
    const r = globalMoran([1, 3], weightsFromNeighbourLists(['a', 'b'], [[1], [0]]), { permutations: 99 });
    expect(r.i).toBeCloseTo(-1, 12);
    expect(r.expected).toBe(-1);
    expect(r.zNormal).toBeNull();
    expect(r.varianceRandomisation).toBeNull();
    expect(r.pseudoP).toBe(1);
    expect(hasNaN(r)).toBe(false);
  });
});

describe('local Moran’s I', () => {
  it('3 × 3 rook grid, value = column: I_i and quadrants by hand', () => {
    // I_i = (n − 1) z_i lag_i / Σ z² = 8 z_i lag_i / 6 with z = column − 1:
    // corner (0,0): z = −1, lag = (0 − 1)/2 → 2/3, LL; middle (1,0): lag = −2/3 → 8/9, LL;
    // column 1: z = 0 → 0; column 2 mirrors column 0 as HH.
    const r = localMoran(columnValues, rook3, { permutations: 99 });
    const I = r.areas.map((a) => a.i);
    for (const [k, expected] of [
      [0, 2 / 3],
      [3, 8 / 9],
      [6, 2 / 3],
      [2, 2 / 3],
      [5, 8 / 9],
      [8, 2 / 3],
      [1, 0],
      [4, 0],
      [7, 0],
    ] as const) {
      expect(I[k]).toBeCloseTo(expected, 12);
    }
    expect(r.areas.map((a) => a.quadrant)).toEqual(['LL', 'LL', 'HH', 'LL', 'LL', 'HH', 'LL', 'LL', 'HH']);
    // z on the population-sd scale (sd = √(6/9)); I_i = (n − 1)/n · z_i · lag_i.
    const corner = r.areas[0]!;
    expect(corner.z).toBeCloseTo(-1 / Math.sqrt(2 / 3), 12);
    expect(corner.lag).toBeCloseTo(-0.5 / Math.sqrt(2 / 3), 12);
    expect((8 / 9) * corner.z! * corner.lag!).toBeCloseTo(corner.i!, 12);
    // An area at the mean has I_i = 0 in every permutation: p = 1.
    expect(r.areas[4]!.p).toBe(1);
    expect(r.areas[4]!.significant).toBe(false);
  });

  it('agrees with the dense formula on irregular weights', () => {
    const rng = new Xoshiro128(8);
    const w = gridWeights(5, 7, true);
    const values = Array.from({ length: 35 }, () => Math.round(rng.nextFloat() * 100) / 7);
    const r = localMoran(values, w, { permutations: 9 });
    const d = denseMoran(values, w);
    r.areas.forEach((a, i) => expect(a.i).toBeCloseTo(d.local[i]!, 12));
    // Σ_i I_i = (n − 1) Σ z_i lag_i / Σ z² = (n − 1) · I, as S0 = n (no islands).
    const sum = r.areas.reduce((s, a) => s + a.i!, 0);
    expect(sum).toBeCloseTo(34 * d.I, 10);
  });

  it('islands and a constant indicator give nulls with reasons, never NaN', () => {
    const w = weightsFromNeighbourLists(['a', 'b', 'c', 'lone'], [[1], [2], [], []]);
    const r = localMoran([1, 5, 2, 9], w, { permutations: 99 });
    expect(r.areas[3]).toMatchObject({ i: null, p: null, quadrant: null, significant: false, cluster: null, reason: 'no neighbours' });
    expect(r.areas[0]!.i).not.toBeNull();
    expect(hasNaN(r)).toBe(false);
    const constant = localMoran([2, 2, 2, 2], w);
    expect(constant.reason).toBe('constant indicator');
    expect(constant.areas.map((a) => a.reason)).toEqual(['constant indicator', 'constant indicator', 'constant indicator', 'no neighbours']);
    expect(constant.areas.every((a) => a.i === null && a.p === null)).toBe(true);
    expect(hasNaN(constant)).toBe(false);
  });
});
