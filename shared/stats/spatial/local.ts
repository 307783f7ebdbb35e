/**
 * Local Moran's I and Getis–Ord Gi* in one call, from one set of conditional
 * permutations (conditional.ts), for the hot-spot flags.
 */
import { conditionalPermutation, prepareValues, type NoStatisticReason, type PermutationScheme } from './conditional';
import { giStarFromCounts, type GiStarResult } from './getis-ord';
import { localMoranFromCounts, localSettings, reasonsByArea, type LocalMoranResult, type LocalOptions } from './moran';
import type { Correction } from './significance';
import type { SpatialWeights } from './weights';

export interface LocalStatisticsResult {
  ids: readonly string[];
  permutations: number;
  seed: number;
  scheme: PermutationScheme;
  alpha: number;
  correction: Correction;
  /** Areas in the analysis (with a value). */
  n: number;
  moran: LocalMoranResult;
  giStar: GiStarResult;
  /** Why nothing could be computed ('constant indicator', 'too few areas'), else null. */
  reason: NoStatisticReason | null;
}

/**
 * Local Moran's I and Gi* for an indicator (values aligned with weights.ids; null or
 * NaN = missing, left out). Defaults: 999 permutations, seed 12345, shared scheme,
 * α = 0.05 without correction.
 */
export function localStatistics(values: ArrayLike<number | null | undefined>, weights: SpatialWeights, options: LocalOptions = {}): LocalStatisticsResult {
  const settings = localSettings(options);
  const scheme = options.scheme ?? 'shared';
  const prepared = prepareValues(values, weights);
  const reasons = reasonsByArea(values, prepared, weights.ids.length);
  const reason: NoStatisticReason | null = prepared.n < 2 ? 'too few areas' : prepared.constant ? 'constant indicator' : null;
  const counts = reason === null ? conditionalPermutation(prepared, { permutations: settings.permutations, seed: settings.seed, scheme }) : null;
  return {
    ids: weights.ids,
    permutations: settings.permutations,
    seed: settings.seed,
    scheme,
    alpha: settings.alpha,
    correction: settings.correction,
    n: prepared.n,
    moran: localMoranFromCounts(weights, prepared, counts, reasons, settings),
    giStar: giStarFromCounts(weights, prepared, counts, reasons, settings),
    reason,
  };
}
