/**
 * Empirical Bayes smoothed rates for maps of small areas (Marshall 1991, "Mapping disease
 * and mortality rates using empirical Bayes estimators", Appl Stat 40:283–294), global and
 * spatial, as GeoDa computes them (Anselin, GeoDa workbook "Rate mapping"; GdaAlgs
 * RateSmoother_EBS / RateSmoother_SEBS). A small area's raw rate is pulled towards the
 * prior mean by the more, the smaller its population; the values stay on the rate scale
 * (a proportion, or events per person).
 *
 * Method-of-moments estimator over a set of areas with counts k_i and populations n_i > 0:
 *   m  = Σ k_i / Σ n_i                       (prior mean)
 *   s² = Σ n_i (r_i − m)² / Σ n_i − m / n̄    (prior variance; n̄ = Σ n_i / number of areas)
 * A negative s² is set to 0, as GeoDa does. Then w_i = s² / (s² + m / n_i), with w_i = 0
 * when s² = 0 (every area gets m), and the smoothed rate is w_i r_i + (1 − w_i) m.
 */

export interface RateArea {
  id: string;
  /** Events (or persons with the event): k_i ≥ 0. */
  numerator: number;
  /** Population at risk: n_i ≥ 0. Areas with n_i = 0 have no rate and get null. */
  denominator: number;
}

export interface SmoothedRate {
  id: string;
  /** Raw rate k_i / n_i (null when n_i = 0). */
  raw: number | null;
  /** Smoothed rate (null when n_i = 0, or for a spatial island under islands: 'undefined'). */
  smoothed: number | null;
  /** Shrinkage weight w_i on the raw rate (1 − w_i on the prior mean). */
  weight: number | null;
  /** Prior mean and variance used for this area (global: the same for all). */
  priorMean: number | null;
  priorVariance: number | null;
}

interface Moments {
  mean: number;
  variance: number;
}

/** Marshall's moment estimates over some areas (all with n > 0); null without population. */
function moments(areas: readonly RateArea[]): Moments | null {
  let k = 0;
  let n = 0;
  for (const a of areas) {
    k += a.numerator;
    n += a.denominator;
  }
  if (!(n > 0) || areas.length === 0) return null;
  const mean = k / n;
  let ss = 0;
  for (const a of areas) {
    const r = a.numerator / a.denominator;
    ss += a.denominator * (r - mean) ** 2;
  }
  const nBar = n / areas.length;
  const variance = Math.max(0, ss / n - mean / nBar);
  return { mean, variance };
}

function shrink(area: RateArea, prior: Moments): SmoothedRate {
  const raw = area.numerator / area.denominator;
  const { mean, variance } = prior;
  const weight = variance > 0 ? variance / (variance + mean / area.denominator) : 0;
  return { id: area.id, raw, smoothed: weight * raw + (1 - weight) * mean, weight, priorMean: mean, priorVariance: variance };
}

function validate(areas: readonly RateArea[]): void {
  const ids = new Set<string>();
  for (const a of areas) {
    if (!(a.numerator >= 0) || !(a.denominator >= 0) || !Number.isFinite(a.numerator) || !Number.isFinite(a.denominator)) {
      throw new RangeError(`empirical Bayes: invalid counts for area ${a.id} (${a.numerator}/${a.denominator})`);
    }
    if (ids.has(a.id)) throw new RangeError(`empirical Bayes: area ${a.id} appears twice`);
    ids.add(a.id);
  }
}

const noRate = (id: string): SmoothedRate => ({ id, raw: null, smoothed: null, weight: null, priorMean: null, priorVariance: null });

/**
 * Global empirical Bayes (Marshall 1991): one prior from all areas with a positive
 * population. Areas with population 0 are left out of the prior and get null.
 */
export function globalEmpiricalBayes(areas: readonly RateArea[]): SmoothedRate[] {
  validate(areas);
  const usable = areas.filter((a) => a.denominator > 0);
  const prior = moments(usable);
  return areas.map((a) => (a.denominator > 0 && prior ? shrink(a, prior) : noRate(a.id)));
}

/**
 * What the spatial smoother does for an area without neighbours (an island, or one whose
 * neighbours all have population 0):
 * - 'undefined' (default): null, as GeoDa (RateSmoother_SEBS marks neighbourless areas
 *   undefined and reports "neighborless observations in the weight matrix");
 * - 'self': the window is the area alone, whose prior variance −m/n is negative and set to
 *   0, so the smoothed value is the raw rate (no smoothing);
 * - 'global': the global empirical Bayes value.
 */
export type IslandRule = 'undefined' | 'self' | 'global';

/**
 * Spatial empirical Bayes (Marshall 1991, local estimator; GeoDa): the prior mean and
 * variance of each area come from its window, the area and its neighbours. `adjacency`
 * maps an id to its neighbours' ids (contiguity; the area itself need not be listed and
 * is counted once). Neighbours with population 0, and ids not among `areas`, are left out
 * of the window; GeoDa instead makes such an area undefined, which would blank a district
 * for an empty neighbour.
 */
export function spatialEmpiricalBayes(
  areas: readonly RateArea[],
  adjacency: Readonly<Record<string, readonly string[]>> | ReadonlyMap<string, readonly string[]>,
  options?: { islands?: IslandRule },
): SmoothedRate[] {
  validate(areas);
  const islands = options?.islands ?? 'undefined';
  const byId = new Map(areas.map((a) => [a.id, a]));
  const neighboursOf = (id: string): readonly string[] =>
    (adjacency instanceof Map ? adjacency.get(id) : (adjacency as Readonly<Record<string, readonly string[]>>)[id]) ?? [];
  let global: Map<string, SmoothedRate> | null = null;
  return areas.map((area) => {
    if (!(area.denominator > 0)) return noRate(area.id);
    const window: RateArea[] = [area];
    const seen = new Set([area.id]);
    for (const nb of neighboursOf(area.id)) {
      if (seen.has(nb)) continue;
      seen.add(nb);
      const other = byId.get(nb);
      if (other && other.denominator > 0) window.push(other);
    }
    if (window.length === 1) {
      if (islands === 'undefined') return { ...noRate(area.id), raw: area.numerator / area.denominator };
      if (islands === 'global') {
        global ??= new Map(globalEmpiricalBayes(areas).map((s) => [s.id, s]));
        return global.get(area.id)!;
      }
    }
    return shrink(area, moments(window)!);
  });
}
