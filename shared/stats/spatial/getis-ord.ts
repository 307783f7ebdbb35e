/**
 * Getis–Ord Gi*: the local statistic with the area itself included (Getis & Ord 1992,
 * "The analysis of spatial association by use of distance statistics", Geogr. Anal. 24;
 * Ord & Getis 1995, Geogr. Anal. 27, eq. 10 and 14).
 *
 * Weights are binary with the area itself included (w_ii = 1), as in PySAL's
 * esda.G_Local(transform='B', star=True), so with W_i = k_i + 1 areas in the window:
 *   Gi* = Σ_{j ∈ N(i) ∪ {i}} y_j / Σ_j y_j,
 *   z_i = (Σ_{j ∈ N(i) ∪ {i}} y_j − W_i·ȳ) / (s · √((n·W_i − W_i²)/(n − 1))),
 * with ȳ and s the mean and population standard deviation over all n areas. This z is
 * PySAL's Zs for binary weights and the Ord–Getis z-score ArcGIS reports. (PySAL's
 * default, row-standardised Gi*, divides the window sum by W_i — GeoDa's form — which
 * leaves the permutation p-value unchanged but gives a z that is not Ord–Getis's.)
 *
 * Inference: conditional permutation (conditional.ts): the area's own value is held and
 * its k_i neighbours' values drawn from the other areas. Gi* grows with the sum of the
 * drawn values, as does local Moran's I for an area above the mean (and falls for one
 * below it), so with contiguity weights the folded pseudo p of Gi* equals local Moran's
 * p for every area whose value differs from the mean: the two statistics rank the same
 * evidence and differ in what they call it (HH/LL/LH/HL against hot/cold).
 *
 * Hot or cold: the tail the pseudo p comes from — hot when fewer permuted windows reach
 * the observed sum from above than from below (the observed sum is high for an area
 * like this one), cold in the opposite case. The analytical z has the same sign except
 * where the area's own value pulls against its neighbours'.
 *
 * Gi* itself (the ratio) is reported only for non-negative indicators with a positive
 * total, the statistic's domain; z and p need no such condition.
 */
import {
  conditionalPermutation,
  prepareValues,
  type NoStatisticReason,
  type PermutationCounts,
  type PreparedValues,
} from './conditional';
import { localSettings, reasonsByArea, type LocalOptions, type LocalSettings } from './moran';
import { benjaminiHochberg, foldedPseudoP, significanceCutoff } from './significance';
import type { SpatialWeights } from './weights';

export type HotCold = 'hot' | 'cold';

export interface GiStarArea {
  id: string;
  /** Gi* (window sum ÷ total), or null (see reason, or a negative indicator). */
  g: number | null;
  /** Ord–Getis analytical z-score (binary weights, self included). */
  z: number | null;
  /** Folded conditional-permutation pseudo p-value. */
  p: number | null;
  /** Benjamini–Hochberg q-value across the areas with a p. */
  q: number | null;
  /** (observed − mean of permuted) / their sd. */
  zSim: number | null;
  /** The tail the pseudo p comes from. */
  direction: HotCold | null;
  significant: boolean;
  /** The direction when significant: a hot or cold spot. */
  cluster: HotCold | null;
  reason: NoStatisticReason | null;
}

export interface GiStarResult {
  areas: GiStarArea[];
  cutoff: number;
  reason: NoStatisticReason | null;
}

/** Gi* from the engine's counts (used by getisOrdGiStar and localStatistics). */
export function giStarFromCounts(
  weights: SpatialWeights,
  prepared: PreparedValues,
  counts: PermutationCounts | null,
  reasons: readonly (NoStatisticReason | null)[],
  settings: LocalSettings,
): GiStarResult {
  const total = weights.ids.length;
  const areas: GiStarArea[] = weights.ids.map((id, i) => ({
    id,
    g: null,
    z: null,
    p: null,
    q: null,
    zSim: null,
    direction: null,
    significant: false,
    cluster: null,
    reason: reasons[i] ?? null,
  }));
  const globalReason: NoStatisticReason | null = prepared.n < 2 ? 'too few areas' : prepared.constant ? 'constant indicator' : null;
  if (counts && globalReason === null) {
    const { n, centred, sumSquares, mean, values, weights: w } = prepared;
    const s = Math.sqrt(sumSquares / n);
    const sumY = n * mean;
    const ratioDefined = sumY > 0 && values.every((v) => v >= 0);
    for (let k = 0; k < n; k++) {
      const links = (w.offsets[k + 1] as number) - (w.offsets[k] as number);
      if (links === 0) continue;
      const area = areas[prepared.index[k] as number] as GiStarArea;
      const windowSize = links + 1;
      const observed = counts.observed[k] as number;
      const excess = (centred[k] as number) + observed; // Σ_window y − W_i·ȳ
      if (ratioDefined) area.g = (excess + windowSize * mean) / sumY;
      const spread = (n * windowSize - windowSize * windowSize) / (n - 1);
      area.z = spread > 0 ? excess / (s * Math.sqrt(spread)) : null;
      const atLeast = counts.atLeast[k] as number;
      const atMost = counts.atMost[k] as number;
      area.p = foldedPseudoP(atLeast, atMost, counts.permutations);
      const permutedMean = counts.mean[k] as number;
      const sd = counts.sd[k] as number;
      area.zSim = sd > 0 ? (observed - permutedMean) / sd : null;
      if (atLeast < atMost) area.direction = 'hot';
      else if (atMost < atLeast) area.direction = 'cold';
      else if (observed > permutedMean) area.direction = 'hot';
      else if (observed < permutedMean) area.direction = 'cold';
    }
  }
  const pValues = areas.map((a) => a.p);
  const q = benjaminiHochberg(pValues);
  const cutoff = significanceCutoff(pValues, settings.alpha, settings.correction);
  for (let i = 0; i < total; i++) {
    const area = areas[i] as GiStarArea;
    area.q = q[i] ?? null;
    area.significant = area.p !== null && area.p <= cutoff;
    area.cluster = area.significant ? area.direction : null;
  }
  return { areas, cutoff, reason: globalReason };
}

/**
 * Getis–Ord Gi* with conditional permutation inference (values aligned with
 * weights.ids; null/NaN = missing). Islands: null, reason 'no neighbours' (their window
 * would be the area alone). (localStatistics computes this and local Moran from the
 * same permutations.)
 */
export function getisOrdGiStar(values: ArrayLike<number | null | undefined>, weights: SpatialWeights, options: LocalOptions = {}): GiStarResult {
  const settings = localSettings(options);
  const prepared = prepareValues(values, weights);
  const reasons = reasonsByArea(values, prepared, weights.ids.length);
  const testable = prepared.n >= 2 && !prepared.constant;
  const counts = testable ? conditionalPermutation(prepared, options) : null;
  return giStarFromCounts(weights, prepared, counts, reasons, settings);
}
