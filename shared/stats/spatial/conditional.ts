/**
 * The conditional permutation engine shared by local Moran and Getis–Ord Gi*, and the
 * preparation of an indicator for the spatial statistics.
 *
 * Conditional randomisation (Anselin 1995, "Local indicators of spatial association —
 * LISA", Geogr. Anal. 27): hold the value of area i, draw its k_i neighbours' values
 * from the other n − 1 areas without replacement, recompute the statistic, R times.
 *
 * With binary contiguity, both statistics depend on the draw only through the sum S of
 * the drawn (centred) values: local Moran with row-standardised weights is
 * c·z_i·S/k_i, Gi* is (y_i + S + k_i·ȳ)/Σy. So the engine records, per area, how many
 * permuted sums lie at or above / at or below the observed sum (and their mean and
 * spread), and each statistic turns those counts into its pseudo p-value — one pass
 * over one set of permutations for both.
 *
 * Two schemes draw the neighbour sets:
 * - 'shared' (default; the scheme of esda's numba engine `crand`, which draws one table
 *   of permutations and uses it for every area): permutation r is a random ordering of
 *   all n areas, of which only the first K + 1 are drawn (K = the largest number of
 *   neighbours). Area i takes the first k_i areas of that ordering other than itself:
 *   the first k_i, or, if i is among them, the first k_i + 1 without i. Removing i from
 *   a uniformly random ordering leaves a uniformly random ordering of the others, so
 *   each area's draw is exactly a uniform sample of k_i of the other n − 1 areas. With
 *   prefix sums over the ordering, S costs O(1) per area and permutation, whatever the
 *   number of neighbours, and the random numbers (R·(K + 1)) do not grow with n. Areas'
 *   reference distributions are built from common draws, so their p-values are
 *   dependent (as in esda); each is exact on its own.
 * - 'independent': every area and permutation draws its own neighbour set (a partial
 *   Fisher–Yates draw excluding i), as GeoDa's "complete" permutation method does.
 *   R·Σk_i random numbers; slower, independent reference distributions.
 *
 * Ties: permuted sums within a tolerance of the observed sum (1e-11 × (k_i + 2) × the
 * largest |centred value|, far above rounding error and far below any real difference)
 * count as equal, so the result does not depend on the order of summation.
 */
import { DistinctSampler, Xoshiro128 } from './random';
import { subsetWeights, type SpatialWeights } from './weights';

export type PermutationScheme = 'shared' | 'independent';

/** Why an area, or the whole indicator, has no statistic. */
export type NoStatisticReason = 'no neighbours' | 'constant indicator' | 'missing value' | 'too few areas';

export const DEFAULT_PERMUTATIONS = 999;
export const DEFAULT_SEED = 12345;
const TIE_TOLERANCE = 1e-11;

/** An indicator aligned with weights, restricted to the areas with a finite value. */
export interface PreparedValues {
  /** Areas in the analysis. */
  n: number;
  /** Analysis row → row of the original weights. */
  index: Int32Array;
  /** The weights among the analysis areas (links to areas without a value removed). */
  weights: SpatialWeights;
  /** Values of the analysis areas. */
  values: Float64Array;
  mean: number;
  /** Values minus their mean. */
  centred: Float64Array;
  /** Σ centred². */
  sumSquares: number;
  /** Largest |centred value|. */
  maxAbsCentred: number;
  /** All values equal (to within 1e-12 of their magnitude). */
  constant: boolean;
}

/**
 * Aligns an indicator with its weights. Areas whose value is missing (null, NaN, ±∞) are
 * left out of the analysis and out of their neighbours' neighbour sets, as GeoDa treats
 * undefined values.
 */
export function prepareValues(values: ArrayLike<number | null | undefined>, weights: SpatialWeights): PreparedValues {
  const total = weights.ids.length;
  if (values.length !== total) throw new RangeError(`${values.length} values for ${total} areas`);
  const finite = Array.from({ length: total }, (_, i) => {
    const v = values[i];
    return typeof v === 'number' && Number.isFinite(v);
  });
  let sub: { weights: SpatialWeights; index: Int32Array };
  if (finite.every(Boolean)) {
    const index = new Int32Array(total);
    for (let i = 0; i < total; i++) index[i] = i;
    sub = { weights, index };
  } else {
    sub = subsetWeights(weights, finite);
  }
  const n = sub.index.length;
  const y = new Float64Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = values[sub.index[k] as number] as number;
    y[k] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n > 0 ? sum / n : 0;
  const centred = new Float64Array(n);
  let sumSquares = 0;
  let maxAbsCentred = 0;
  for (let k = 0; k < n; k++) {
    const d = (y[k] as number) - mean;
    centred[k] = d;
    sumSquares += d * d;
    if (Math.abs(d) > maxAbsCentred) maxAbsCentred = Math.abs(d);
  }
  const constant = n > 0 && (max - min <= 1e-12 * Math.max(Math.abs(max), Math.abs(min)) || sumSquares === 0);
  return { n, index: sub.index, weights: sub.weights, values: y, mean, centred, sumSquares, maxAbsCentred, constant };
}

/** Per-area results of the conditional permutation, over the analysis areas. */
export interface PermutationCounts {
  permutations: number;
  /** Observed Σ of the neighbours' centred values. */
  observed: Float64Array;
  /** Number of permuted sums ≥ the observed (within the tie tolerance). */
  atLeast: Int32Array;
  /** Number of permuted sums ≤ the observed (within the tie tolerance). */
  atMost: Int32Array;
  /** Mean and standard deviation of the permuted sums. */
  mean: Float64Array;
  sd: Float64Array;
}

export interface PermutationOptions {
  /** R (default 999). */
  permutations?: number;
  /** Seed of the generator (default 12345): the same seed gives the same p-values. */
  seed?: number;
  scheme?: PermutationScheme;
}

/**
 * Runs the conditional permutation over prepared values. Islands get no draws
 * (their counts stay 0 and they must not be reported).
 */
export function conditionalPermutation(prepared: PreparedValues, options: PermutationOptions = {}): PermutationCounts {
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a positive integer, not ${permutations}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const { n, centred: d, weights } = prepared;
  const { offsets, neighbours } = weights;

  const observed = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const active: number[] = [];
  let maxCard = 0;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    let s = 0;
    for (let e = start; e < end; e++) s += d[neighbours[e] as number] as number;
    observed[i] = s;
    const k = end - start;
    const tolerance = TIE_TOLERANCE * (k + 2) * prepared.maxAbsCentred;
    lower[i] = s - tolerance;
    upper[i] = s + tolerance;
    if (k > 0) active.push(i);
    if (k > maxCard) maxCard = k;
  }
  const atLeast = new Int32Array(n);
  const atMost = new Int32Array(n);
  // Shifted sums (permuted − observed) keep the variance well conditioned.
  const shiftSum = new Float64Array(n);
  const shiftSquares = new Float64Array(n);
  const rng = new Xoshiro128(seed);
  const sampler = new DistinctSampler(n);

  if (active.length > 0) {
    if ((options.scheme ?? 'shared') === 'shared') {
      const draw = new Int32Array(maxCard + 1);
      const prefix = new Float64Array(maxCard + 2);
      const position = new Int32Array(n).fill(n);
      const activeRows = Int32Array.from(active);
      const cardinality = new Int32Array(n);
      for (let i = 0; i < n; i++) cardinality[i] = (offsets[i + 1] as number) - (offsets[i] as number);
      // K + 1 ≤ n always: an area has at most n − 1 neighbours.
      const drawn = Math.min(maxCard + 1, n);
      for (let r = 0; r < permutations; r++) {
        sampler.draw(rng, drawn, draw);
        let running = 0;
        for (let t = 0; t < drawn; t++) {
          const id = draw[t] as number;
          position[id] = t;
          prefix[t] = running;
          running += d[id] as number;
        }
        prefix[drawn] = running;
        for (let a = 0; a < activeRows.length; a++) {
          const i = activeRows[a] as number;
          const k = cardinality[i] as number;
          let s = prefix[k] as number;
          if ((position[i] as number) < k) s += (d[draw[k] as number] as number) - (d[i] as number);
          if (s >= (lower[i] as number)) atLeast[i]!++;
          if (s <= (upper[i] as number)) atMost[i]!++;
          const shifted = s - (observed[i] as number);
          shiftSum[i]! += shifted;
          shiftSquares[i]! += shifted * shifted;
        }
        for (let t = 0; t < drawn; t++) position[draw[t] as number] = n;
      }
    } else {
      const draw = new Int32Array(Math.max(1, maxCard));
      for (const i of active) {
        const k = (offsets[i + 1] as number) - (offsets[i] as number);
        const lo = lower[i] as number;
        const hi = upper[i] as number;
        const obs = observed[i] as number;
        let ge = 0;
        let le = 0;
        let sum = 0;
        let squares = 0;
        for (let r = 0; r < permutations; r++) {
          sampler.draw(rng, k, draw, i);
          let s = 0;
          for (let t = 0; t < k; t++) s += d[draw[t] as number] as number;
          if (s >= lo) ge++;
          if (s <= hi) le++;
          const shifted = s - obs;
          sum += shifted;
          squares += shifted * shifted;
        }
        atLeast[i] = ge;
        atMost[i] = le;
        shiftSum[i] = sum;
        shiftSquares[i] = squares;
      }
    }
  }

  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  for (const i of active) {
    const m = (shiftSum[i] as number) / permutations;
    mean[i] = (observed[i] as number) + m;
    sd[i] = Math.sqrt(Math.max(0, (shiftSquares[i] as number) / permutations - m * m));
  }
  return { permutations, observed, atLeast, atMost, mean, sd };
}
