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
 *   each area's draw is exactly a uniform sample of k_i of the other n − 1 areas. The
 *   random numbers (R·(K + 1)) do not grow with n, and since every area with k
 *   neighbours that is not among the first k of a draw gets the same sum, the sums
 *   for each k are sorted once and an area's counts are binary searches plus the few
 *   draws that hold the area itself (sharedDraws): about O(log R + R·k_i/n) per area
 *   instead of O(R). Areas' reference distributions are built from common draws, so
 *   their p-values are dependent (as in esda); each is exact on its own.
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
  const counts: PermutationCounts = {
    permutations,
    observed,
    atLeast: new Int32Array(n),
    atMost: new Int32Array(n),
    mean: new Float64Array(n),
    sd: new Float64Array(n),
  };
  if (active.length > 0) {
    const task: DrawTask = { d, offsets, active: Int32Array.from(active), maxCard, lower, upper, permutations, seed };
    if ((options.scheme ?? 'shared') === 'shared') sharedDraws(task, counts);
    else independentDraws(task, counts);
  }
  return counts;
}

/** What the two schemes need: centred values, rows, the areas with neighbours, tie bounds. */
interface DrawTask {
  d: Float64Array;
  offsets: Int32Array;
  /** Rows with at least one neighbour, ascending. */
  active: Int32Array;
  /** K, the largest number of neighbours. */
  maxCard: number;
  /** Observed sum ∓ the tie tolerance. */
  lower: Float64Array;
  upper: Float64Array;
  permutations: number;
  seed: number;
}

/** Columns searched by fewer areas than this are counted through instead of sorted. */
const SORT_MIN_AREAS = 16;

/** First index in sorted[from, to) holding a value ≥ x (to when there is none). */
function firstAtLeast(sorted: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted[from, to) holding a value > x (to when there is none). */
function firstAbove(sorted: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 'shared' scheme. Permutation r draws the first K + 1 areas of a random ordering.
 * For an area with k neighbours that is not among the first k, the permuted sum is the
 * same number for every such area: column_k[r], the sum of the first k values. So each
 * neighbour count k that occurs gets one column of R sums, sorted once, and an area's
 * tail counts are two binary searches in its column (a column that only a few areas
 * use is counted through instead of sorted). The few permutations that hold the area
 * itself among their first k (about R·k/n of them) use the first k + 1 without it
 * instead: their column entry is taken out of the counts and the swapped sum put in.
 * Mean and spread come from the column's centred moments, corrected the same way (or,
 * when most draws hold the area, as in a handful of areas, from the R sums directly).
 *
 * Cost: R·(K + 1) random numbers and O(R·log R) per distinct k to sort, then
 * O(log R + R·k/n) per area, instead of O(R) per area. The sums compared are the very
 * numbers a per-area loop over the permutations computes (same draws, same order of
 * addition), so the counts, and with them every p-value, are identical to such a loop
 * (conditional.test.ts checks this); only the mean and sd may differ from a running
 * sum in the last bits.
 *
 * Memory: about R·(8·2·(distinct k) + 4·(2K + 1)) bytes (1.5 MB for R = 9,999, K = 8).
 */
function sharedDraws(task: DrawTask, out: PermutationCounts): void {
  const { d, offsets, active, maxCard, lower, upper, permutations: R, seed } = task;
  const n = d.length;
  // K + 1 ≤ n always: an area has at most n − 1 neighbours.
  const drawn = Math.min(maxCard + 1, n);

  // A column per neighbour count that occurs.
  const slotOf = new Int32Array(maxCard + 1).fill(-1);
  const slotCards: number[] = [];
  const slotAreas: number[] = [];
  for (let a = 0; a < active.length; a++) {
    const i = active[a] as number;
    const k = (offsets[i + 1] as number) - (offsets[i] as number);
    if ((slotOf[k] as number) < 0) {
      slotOf[k] = slotCards.length;
      slotCards.push(k);
      slotAreas.push(0);
    }
    slotAreas[slotOf[k] as number]!++;
  }
  const slots = slotCards.length;
  const cards = Int32Array.from(slotCards);

  // The draws, the columns, and how often each area is among the first K of a draw.
  const columns = new Float64Array(slots * R);
  const draws = new Int32Array(R * drawn);
  const seenStart = new Int32Array(n + 1);
  const draw = new Int32Array(drawn);
  const prefix = new Float64Array(drawn);
  const rng = new Xoshiro128(seed);
  const sampler = new DistinctSampler(n);
  for (let r = 0; r < R; r++) {
    sampler.draw(rng, drawn, draw);
    const row = r * drawn;
    let running = 0;
    for (let t = 0; t < drawn; t++) {
      const id = draw[t] as number;
      draws[row + t] = id;
      prefix[t] = running;
      running += d[id] as number;
    }
    for (let s = 0; s < slots; s++) columns[s * R + r] = prefix[cards[s] as number] as number;
    // An area drawn at position K, the last, is never among the first k ≤ K of a draw.
    for (let t = 0; t < drawn - 1; t++) seenStart[(draw[t] as number) + 1]!++;
  }
  for (let i = 0; i < n; i++) seenStart[i + 1]! += seenStart[i] as number;
  // seen[seenStart[i] .. seenStart[i+1]) = the places r·drawn + t where area i was drawn.
  const fill = seenStart.slice(0, n);
  const seen = new Int32Array(seenStart[n] as number);
  for (let at = 0; at < R * drawn; at++) {
    if (at % drawn === drawn - 1) continue;
    seen[fill[draws[at] as number]!++] = at;
  }

  // Each column's mean and centred moments, and the column sorted when enough areas
  // search it to pay for the sort (a few areas just count through it).
  const sorted = columns.slice();
  const isSorted = new Uint8Array(slots);
  for (let s = 0; s < slots; s++) isSorted[s] = (slotAreas[s] as number) >= SORT_MIN_AREAS ? 1 : 0;
  const centre = new Float64Array(slots);
  const residual = new Float64Array(slots);
  const spread = new Float64Array(slots);
  for (let s = 0; s < slots; s++) {
    const from = s * R;
    if (isSorted[s]) sorted.subarray(from, from + R).sort();
    let sum = 0;
    for (let r = from; r < from + R; r++) sum += columns[r] as number;
    const m = sum / R;
    let e = 0;
    let q = 0;
    for (let r = from; r < from + R; r++) {
      const x = (columns[r] as number) - m;
      e += x;
      q += x * x;
    }
    centre[s] = m;
    residual[s] = e;
    spread[s] = q;
  }

  let scratch: Float64Array | undefined;
  for (let a = 0; a < active.length; a++) {
    const i = active[a] as number;
    const k = (offsets[i + 1] as number) - (offsets[i] as number);
    const s = slotOf[k] as number;
    const from = s * R;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    let atLeast = 0;
    let atMost = 0;
    if (isSorted[s]) {
      atLeast = from + R - firstAtLeast(sorted, from, from + R, lo);
      atMost = firstAbove(sorted, from, from + R, hi) - from;
    } else {
      for (let r = from; r < from + R; r++) {
        const c = columns[r] as number;
        if (c >= lo) atLeast++;
        if (c <= hi) atMost++;
      }
    }
    // Draws with area i among their first k: its own value makes way for the (k+1)-th.
    const own = d[i] as number;
    const first = seenStart[i] as number;
    const last = seenStart[i + 1] as number;
    let shift = 0;
    let swaps = 0;
    for (let p = first; p < last; p++) {
      const at = seen[p] as number;
      const row = at - (at % drawn);
      if (at - row >= k) continue;
      const base = columns[from + row / drawn] as number;
      const change = (d[draws[row + k] as number] as number) - own;
      const swapped = base + change;
      if (base >= lo) atLeast--;
      if (swapped >= lo) atLeast++;
      if (base <= hi) atMost--;
      if (swapped <= hi) atMost++;
      shift += change;
      swaps++;
    }
    const centreS = centre[s] as number;
    const residualS = residual[s] as number;
    let m: number;
    let squares = 0;
    if (4 * swaps <= R) {
      // Moments about the area's mean, centre + delta, without forming that sum:
      // Σ(c − centre − delta)² over the column, then each swap's (c' − μ)² − (c − μ)².
      const delta = (residualS + shift) / R;
      squares = (spread[s] as number) - 2 * delta * residualS + R * delta * delta;
      for (let p = first; p < last; p++) {
        const at = seen[p] as number;
        const row = at - (at % drawn);
        if (at - row >= k) continue;
        const change = (d[draws[row + k] as number] as number) - own;
        const fromMean = (columns[from + row / drawn] as number) - centreS - delta;
        squares += change * (change + 2 * fromMean);
      }
      m = centreS + delta;
    } else {
      // Most draws hold the area (a handful of areas, most of them its neighbours): the
      // corrections would swamp the column's moments, so take the R sums one by one.
      scratch ??= new Float64Array(R);
      scratch.set(columns.subarray(from, from + R));
      for (let p = first; p < last; p++) {
        const at = seen[p] as number;
        const row = at - (at % drawn);
        if (at - row >= k) continue;
        scratch[row / drawn]! += (d[draws[row + k] as number] as number) - own;
      }
      let sum = 0;
      for (let r = 0; r < R; r++) sum += scratch[r] as number;
      m = sum / R;
      for (let r = 0; r < R; r++) squares += ((scratch[r] as number) - m) ** 2;
    }
    out.atLeast[i] = atLeast;
    out.atMost[i] = atMost;
    out.mean[i] = m;
    out.sd[i] = Math.sqrt(Math.max(0, squares / R));
  }
}

/**
 * The 'independent' scheme: each area and permutation draws its own k neighbours
 * (a partial Fisher–Yates draw excluding the area), R·Σk random numbers.
 */
function independentDraws(task: DrawTask, out: PermutationCounts): void {
  const { d, offsets, active, maxCard, lower, upper, permutations, seed } = task;
  const rng = new Xoshiro128(seed);
  const sampler = new DistinctSampler(d.length);
  const draw = new Int32Array(Math.max(1, maxCard));
  for (let a = 0; a < active.length; a++) {
    const i = active[a] as number;
    const k = (offsets[i + 1] as number) - (offsets[i] as number);
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const obs = out.observed[i] as number;
    let ge = 0;
    let le = 0;
    // Shifted sums (permuted − observed) keep the variance well conditioned.
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
    const m = sum / permutations;
    out.atLeast[i] = ge;
    out.atMost[i] = le;
    out.mean[i] = obs + m;
    out.sd[i] = Math.sqrt(Math.max(0, squares / permutations - m * m));
  }
}

