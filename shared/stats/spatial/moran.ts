/**
 * Moran's I, global and local (LISA).
 *
 * Global (Moran 1950; moments from Cliff & Ord, Spatial Processes, 1981, §1.5):
 *   I = (n / S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i², with row-standardised contiguity
 *   weights and z the values minus their mean; E[I] = −1/(n − 1); variance under the
 *   normality and the randomisation assumptions; and a permutation pseudo p-value.
 *   Islands stay in n with an empty row, as in PySAL's esda.Moran and GeoDa.
 *
 * Local (Anselin 1995), as esda's Moran_Local defines it:
 *   I_i = (n − 1) · z_i · Σ_j w_ij z_j / Σ_k z_k²,
 *   with row-standardised weights (w_ij = 1/k_i) and z the values minus their mean. The
 *   scale of z cancels: with z standardised by the population sd (ddof 0, esda's `z`)
 *   this is (n − 1)/n · z_i · lag_i; with the sample sd (n − 1) it is z_i · lag_i,
 *   GeoDa's form. `z` and `lag` below are on the population-sd scale, as esda's.
 *   Quadrants as esda: HH when z_i > 0 and lag_i > 0, LH when z_i ≤ 0 < lag_i,
 *   LL when both ≤ 0, HL when z_i > 0 ≥ lag_i.
 *   Inference: conditional permutation (conditional.ts) and the folded pseudo p-value
 *   (significance.ts). An area whose own value equals the mean has I_i = 0 in every
 *   permutation: p = 1.
 */
import { normalCdf } from '../distributions';
import {
  DEFAULT_PERMUTATIONS,
  DEFAULT_SEED,
  conditionalPermutation,
  prepareValues,
  type NoStatisticReason,
  type PermutationCounts,
  type PermutationOptions,
  type PreparedValues,
} from './conditional';
import { Xoshiro128, shuffleInPlace } from './random';
import { benjaminiHochberg, foldedPseudoP, significanceCutoff, type Correction } from './significance';
import type { SpatialWeights } from './weights';

export type Quadrant = 'HH' | 'LL' | 'LH' | 'HL';

// ------------------------------------------------------------------ global Moran's I

export interface GlobalMoranResult {
  /** Areas in the analysis (with a value). */
  n: number;
  /** Moran's I, or null (see reason). */
  i: number | null;
  /** −1/(n − 1). */
  expected: number | null;
  /** Variance, z and two-sided p under the normality assumption. */
  varianceNormal: number | null;
  zNormal: number | null;
  pNormal: number | null;
  /** Variance, z and two-sided p under the randomisation assumption (needs n ≥ 4). */
  varianceRandomisation: number | null;
  zRandomisation: number | null;
  pRandomisation: number | null;
  permutations: number;
  seed: number;
  /** Folded permutation pseudo p-value, (M + 1)/(R + 1). */
  pseudoP: number | null;
  /** Mean, sd and z of I over the permutations. */
  meanSim: number | null;
  sdSim: number | null;
  zSim: number | null;
  reason: NoStatisticReason | null;
}

export interface GlobalMoranOptions {
  permutations?: number;
  seed?: number;
}

/** Σ_ij w_ij x_i x_j with row-standardised binary weights, over the CSR rows. */
function crossProduct(weights: SpatialWeights, x: Float64Array): number {
  const { offsets, neighbours } = weights;
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (end === start) continue;
    let lag = 0;
    for (let e = start; e < end; e++) lag += x[neighbours[e] as number] as number;
    total += ((x[i] as number) * lag) / (end - start);
  }
  return total;
}

/** Whether j is a neighbour of i (rows are sorted ascending). */
function hasLink(weights: SpatialWeights, i: number, j: number): boolean {
  let lo = weights.offsets[i] as number;
  let hi = (weights.offsets[i + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = weights.neighbours[mid] as number;
    if (v === j) return true;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** S0, S1, S2 of the row-standardised weights (Cliff & Ord 1981). */
function weightSums(weights: SpatialWeights): { s0: number; s1: number; s2: number } {
  const { offsets, neighbours } = weights;
  const n = weights.ids.length;
  const rowSum = new Float64Array(n);
  const columnSum = new Float64Array(n);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (end === start) continue;
    const w = 1 / (end - start);
    rowSum[i] = 1;
    s0 += 1;
    for (let e = start; e < end; e++) {
      const j = neighbours[e] as number;
      columnSum[j]! += w;
      const back = hasLink(weights, j, i) ? 1 / ((offsets[j + 1] as number) - (offsets[j] as number)) : 0;
      // S1 = ½ Σ over ordered pairs of (w_ij + w_ji)². A pair linked both ways is met
      // here twice (once from each end), a one-way link (never for contiguity) once.
      s1 += back > 0 ? 0.5 * (w + back) ** 2 : w * w;
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += ((rowSum[i] as number) + (columnSum[i] as number)) ** 2;
  return { s0, s1, s2 };
}

function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

function emptyGlobal(n: number, permutations: number, seed: number, reason: NoStatisticReason): GlobalMoranResult {
  return {
    n,
    i: null,
    expected: null,
    varianceNormal: null,
    zNormal: null,
    pNormal: null,
    varianceRandomisation: null,
    zRandomisation: null,
    pRandomisation: null,
    permutations,
    seed,
    pseudoP: null,
    meanSim: null,
    sdSim: null,
    zSim: null,
    reason,
  };
}

/**
 * Global Moran's I of an indicator (values aligned with weights.ids; missing values are
 * left out, see prepareValues), with analytical and permutation inference.
 */
export function globalMoran(values: ArrayLike<number | null | undefined>, weights: SpatialWeights, options: GlobalMoranOptions = {}): GlobalMoranResult {
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a positive integer, not ${permutations}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const prepared = prepareValues(values, weights);
  const { n, centred, sumSquares } = prepared;
  if (n < 2) return emptyGlobal(n, permutations, seed, 'too few areas');
  if (prepared.constant) return emptyGlobal(n, permutations, seed, 'constant indicator');
  const w = prepared.weights;
  const { s0, s1, s2 } = weightSums(w);
  if (s0 === 0) return emptyGlobal(n, permutations, seed, 'no neighbours');

  const scale = n / (s0 * sumSquares);
  const observedCross = crossProduct(w, centred);
  const i = scale * observedCross;
  const expected = -1 / (n - 1);

  const varianceNormal = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected * expected;
  const zNormal = varianceNormal > 0 ? (i - expected) / Math.sqrt(varianceNormal) : null;

  let varianceRandomisation: number | null = null;
  if (n >= 4) {
    let fourth = 0;
    for (let k = 0; k < n; k++) fourth += (centred[k] as number) ** 4;
    const b2 = (n * fourth) / (sumSquares * sumSquares);
    const numerator = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0);
    varianceRandomisation = numerator / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - expected * expected;
  }
  const zRandomisation = varianceRandomisation !== null && varianceRandomisation > 0 ? (i - expected) / Math.sqrt(varianceRandomisation) : null;

  // Permutation: shuffle the values over all areas, R times.
  const rng = new Xoshiro128(seed);
  const shuffled = Float64Array.from(centred);
  const tolerance = 1e-11 * n * prepared.maxAbsCentred * prepared.maxAbsCentred;
  let atLeast = 0;
  let atMost = 0;
  let sum = 0;
  let squares = 0;
  for (let r = 0; r < permutations; r++) {
    shuffleInPlace(rng, shuffled);
    const cross = crossProduct(w, shuffled);
    if (cross >= observedCross - tolerance) atLeast++;
    if (cross <= observedCross + tolerance) atMost++;
    const ir = scale * cross;
    sum += ir;
    squares += ir * ir;
  }
  const meanSim = sum / permutations;
  const sdSim = Math.sqrt(Math.max(0, squares / permutations - meanSim * meanSim));
  return {
    n,
    i,
    expected,
    varianceNormal,
    zNormal,
    pNormal: zNormal === null ? null : twoSidedP(zNormal),
    varianceRandomisation,
    zRandomisation,
    pRandomisation: zRandomisation === null ? null : twoSidedP(zRandomisation),
    permutations,
    seed,
    pseudoP: foldedPseudoP(atLeast, atMost, permutations),
    meanSim,
    sdSim,
    zSim: sdSim > 0 ? (i - meanSim) / sdSim : null,
    reason: null,
  };
}

// ------------------------------------------------------------------ local Moran's I

export interface LocalMoranArea {
  id: string;
  /** I_i (esda's scaling), or null (see reason). */
  i: number | null;
  /** The area's standardised value (population sd) and the mean of its neighbours'. */
  z: number | null;
  lag: number | null;
  quadrant: Quadrant | null;
  /** Folded conditional-permutation pseudo p-value. */
  p: number | null;
  /** Benjamini–Hochberg q-value across the areas with a p. */
  q: number | null;
  /** (I_i − mean of permuted I_i) / their sd. */
  zSim: number | null;
  /** p ≤ the cut-off of the chosen correction. */
  significant: boolean;
  /** The quadrant when significant, else null: the LISA cluster map's category. */
  cluster: Quadrant | null;
  reason: NoStatisticReason | null;
}

export interface SignificanceOptions {
  /** α (default 0.05); an area is significant when p ≤ the cut-off. */
  alpha?: number;
  /** Multiple-testing correction across areas (default 'none', as GeoDa's default map). */
  correction?: Correction;
}

export interface LocalOptions extends PermutationOptions, SignificanceOptions {}

export interface LocalMoranResult {
  areas: LocalMoranArea[];
  /** The p cut-off applied (α, α/m, or the FDR cut-off; 0 when nothing can be significant). */
  cutoff: number;
  reason: NoStatisticReason | null;
}

export interface LocalSettings {
  permutations: number;
  seed: number;
  alpha: number;
  correction: Correction;
}

export function localSettings(options: LocalOptions): LocalSettings {
  return {
    permutations: options.permutations ?? DEFAULT_PERMUTATIONS,
    seed: options.seed ?? DEFAULT_SEED,
    alpha: options.alpha ?? 0.05,
    correction: options.correction ?? 'none',
  };
}

function quadrantOf(z: number, lag: number): Quadrant {
  if (z > 0) return lag > 0 ? 'HH' : 'HL';
  return lag > 0 ? 'LH' : 'LL';
}

/** Areas without a statistic, with their reason, for every area of the weights. */
export function reasonsByArea(values: ArrayLike<number | null | undefined>, prepared: PreparedValues, total: number): (NoStatisticReason | null)[] {
  const reasons: (NoStatisticReason | null)[] = Array.from({ length: total }, (_, i) => {
    const v = values[i];
    return typeof v === 'number' && Number.isFinite(v) ? null : 'missing value';
  });
  const global: NoStatisticReason | null = prepared.n < 2 ? 'too few areas' : prepared.constant ? 'constant indicator' : null;
  for (let k = 0; k < prepared.n; k++) {
    const original = prepared.index[k] as number;
    const links = (prepared.weights.offsets[k + 1] as number) - (prepared.weights.offsets[k] as number);
    reasons[original] = links === 0 ? 'no neighbours' : global;
  }
  return reasons;
}

/**
 * Local Moran from the engine's counts (used by localMoran and localStatistics).
 * `counts` is null when no permutation was run (nothing to test).
 */
export function localMoranFromCounts(
  weights: SpatialWeights,
  prepared: PreparedValues,
  counts: PermutationCounts | null,
  reasons: readonly (NoStatisticReason | null)[],
  settings: LocalSettings,
): LocalMoranResult {
  const total = weights.ids.length;
  const areas: LocalMoranArea[] = weights.ids.map((id, i) => ({
    id,
    i: null,
    z: null,
    lag: null,
    quadrant: null,
    p: null,
    q: null,
    zSim: null,
    significant: false,
    cluster: null,
    reason: reasons[i] ?? null,
  }));
  const globalReason: NoStatisticReason | null = prepared.n < 2 ? 'too few areas' : prepared.constant ? 'constant indicator' : null;
  if (counts && globalReason === null) {
    const { n, centred, sumSquares, weights: w } = prepared;
    const sd = Math.sqrt(sumSquares / n);
    const scale = (n - 1) / sumSquares;
    // An own value this close to the mean is the mean (I_i ≡ 0 under permutation).
    const zeroTolerance = 1e-12 * prepared.maxAbsCentred;
    for (let k = 0; k < n; k++) {
      const links = (w.offsets[k + 1] as number) - (w.offsets[k] as number);
      if (links === 0) continue;
      const area = areas[prepared.index[k] as number] as LocalMoranArea;
      const d = centred[k] as number;
      const observed = counts.observed[k] as number;
      const lagCentred = observed / links;
      area.i = scale * d * lagCentred;
      area.z = d / sd;
      area.lag = lagCentred / sd;
      area.quadrant = quadrantOf(area.z, area.lag);
      const atLeast = counts.atLeast[k] as number;
      const atMost = counts.atMost[k] as number;
      if (Math.abs(d) <= zeroTolerance) {
        area.p = 1;
      } else {
        // I_i is increasing in the neighbour sum when z_i > 0 and decreasing when z_i < 0;
        // the folded p takes the smaller tail either way.
        area.p = foldedPseudoP(atLeast, atMost, counts.permutations);
        const spread = counts.sd[k] as number;
        area.zSim = spread > 0 ? (Math.sign(d) * (observed - (counts.mean[k] as number))) / spread : null;
      }
    }
  }
  const pValues = areas.map((a) => a.p);
  const q = benjaminiHochberg(pValues);
  const cutoff = significanceCutoff(pValues, settings.alpha, settings.correction);
  for (let i = 0; i < total; i++) {
    const area = areas[i] as LocalMoranArea;
    area.q = q[i] ?? null;
    area.significant = area.p !== null && area.p <= cutoff;
    area.cluster = area.significant ? area.quadrant : null;
  }
  return { areas, cutoff, reason: globalReason };
}

/**
 * Local Moran's I with conditional permutation inference. `values` align with
 * weights.ids (null/NaN = missing). Islands: null, reason 'no neighbours'; a constant
 * indicator: null everywhere, reason 'constant indicator'. Never NaN.
 * (localStatistics computes this and Gi* from the same permutations.)
 */
export function localMoran(values: ArrayLike<number | null | undefined>, weights: SpatialWeights, options: LocalOptions = {}): LocalMoranResult {
  const settings = localSettings(options);
  const prepared = prepareValues(values, weights);
  const reasons = reasonsByArea(values, prepared, weights.ids.length);
  const testable = prepared.n >= 2 && !prepared.constant;
  const counts = testable ? conditionalPermutation(prepared, options) : null;
  return localMoranFromCounts(weights, prepared, counts, reasons, settings);
}
