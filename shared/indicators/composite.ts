/**
 * The composite unit indicator ("enhedsindikator"): one index per area and period that
 * summarises a pack's directional indicators, after the OECD/JRC Handbook on Constructing
 * Composite Indicators (2008) and the English Indices of Deprivation (MHCLG 2019):
 *
 * 1. Indicators: those with inComposite (never context or contested ones, whatever the
 *    weights say), weighted by `composite.weights` (unlisted: 1; 0: left out), normalised
 *    to sum to 1.
 * 2. Optional shrinkage of each area's value towards its parent area in another layer
 *    (`shrinkTowards`), by the empirical Bayes weight τ² / (τ² + se²).
 * 3. Standardisation per indicator and period across the areas of the chosen layer with a
 *    value (z-score, min-max or percentile rank), direction-aligned so that higher always
 *    means more challenged.
 * 4. Index = weighted mean of the standardised values present; none when the present
 *    weight is below `minWeightShare` of the weight available in the period.
 * 5. Rank 1 = highest index (most challenged), ties share the lowest rank; robustness:
 *    the rank with each indicator left out and with equal weights.
 *
 * The method and its limits are documented in docs/composite-index.md. Pure TypeScript:
 * it runs in the renderer, the main process, the CLI and the tests.
 */
import { normalQuantile, studentTQuantile } from '../stats/distributions';
import type { AreaMap } from './areas';
import { MUNICIPALITY_LAYER } from './compile';
import { inComposite, type CompositeDefinition, type Indicator, type IndicatorPack, type LocalizedText } from './pack';
import type { PackCell, PackResults } from './results';

export type CompositeMethod = CompositeDefinition['method'];
export type CompositeDirection = 'higher-is-worse' | 'higher-is-better';

export interface CompositeOptions {
  /** The layer whose areas are standardised and ranked together (e.g. "basisdistrikt"). */
  layerId: string;
  /** Needed for shrinkTowards: maps base areas to their area in every layer. */
  areaMap?: Pick<AreaMap, 'rows'>;
  /**
   * An area needs values for indicators carrying at least this share of the weight
   * available in the period, else its index is null (default 0.75).
   */
  minWeightShare?: number;
}

export interface CompositeComponent {
  indicatorId: string;
  /** Normalised weight: sums to 1 over the composite's indicators. */
  weight: number;
  /** The cell's value (null: no population, or no cell). */
  value: number | null;
  /** The value after shrinkage (= value when not shrunk). */
  used: number | null;
  /** Weight on the area's own value in the shrinkage (1 − it on the parent's); null when not shrunk. */
  shrinkWeight: number | null;
  /** Direction-aligned standardised value: higher = more challenged. */
  standardised: number | null;
  /**
   * weight × standardised; the index is the sum of the contributions ÷ the sum of the
   * weights of the components present (not ÷ weightShare, which is relative to the weight
   * available in the period).
   */
  contribution: number | null;
}

export interface CompositeRobustness {
  /** The rank with each composite indicator left out in turn (the rest reweighted). */
  leaveOneOut: { indicatorId: string; rank: number | null; shift: number | null }[];
  /** The rank with all composite indicators weighted equally. */
  equalWeightsRank: number | null;
  /** The largest |variant rank − rank| over all variants. */
  maxShift: number | null;
  /** The smallest and largest rank over the rank itself and all variants. */
  rankRange: [number, number] | null;
}

export interface CompositeCell {
  layerId: string;
  period: number;
  areaId: string;
  index: number | null;
  /** 1 = most challenged; ties share the lowest rank (1, 1, 3). */
  rank: number | null;
  /** How many areas were ranked in this period. */
  ranked: number;
  /** The share of the period's available weight that this area has values for. */
  weightShare: number;
  /** Any present component's cell has a population below the indicator's minimum. */
  small: boolean;
  components: CompositeComponent[];
  robustness: CompositeRobustness;
}

export interface CompositeIndicator {
  id: string;
  /** Normalised weight (sums to 1). */
  weight: number;
  direction: CompositeDirection;
  /** Whether values were shrunk towards the parent layer. */
  shrunk: boolean;
}

export type ExclusionReason = 'context' | 'contested' | 'not-in-composite' | 'zero-weight' | 'invalid-weight';

/** How one indicator was standardised in one period (for explanations and checks). */
export interface CompositeScale {
  indicatorId: string;
  period: number;
  /** Areas with a value. */
  areas: number;
  /** z-score: mean; min-max: minimum; rank: null. */
  centre: number | null;
  /** z-score: standard deviation (divisor n); min-max: range; rank: null. */
  spread: number | null;
  /** Every area had the same value: all standardised to the neutral value. */
  constant: boolean;
  /** Between-area variance τ² of the shrinkage (null when not shrunk). */
  tau2: number | null;
}

export interface CompositeResult {
  label: LocalizedText;
  method: CompositeMethod;
  layerId: string;
  /** The layer values were shrunk towards, or null when no shrinkage was applied. */
  shrinkTowards: string | null;
  minWeightShare: number;
  indicators: CompositeIndicator[];
  /** Indicators of the pack not in the index, and why. */
  excluded: { id: string; reason: ExclusionReason }[];
  periods: number[];
  scales: CompositeScale[];
  /** Period by period, areas in the order of the results. */
  cells: CompositeCell[];
  warnings: string[];
}

export const DEFAULT_MIN_WEIGHT_SHARE = 0.75;
/** Indexes closer than this are tied (they differ only by rounding). */
const TIE_TOLERANCE = 1e-9;

// ---------------------------------------------------------------------------------------
// Which indicators, with which weights.

interface Selection {
  included: { indicator: Indicator; rawWeight: number }[];
  excluded: { id: string; reason: ExclusionReason }[];
  warnings: string[];
}

function exclusionReason(indicator: Indicator): ExclusionReason | null {
  // Checked here as well as in inComposite: the origin indicator must never enter the index.
  if (indicator.contested !== undefined) return 'contested';
  if (indicator.direction === 'context') return 'context';
  if (!inComposite(indicator)) return 'not-in-composite';
  return null;
}

function selectIndicators(pack: IndicatorPack, composite: CompositeDefinition): Selection {
  const selection: Selection = { included: [], excluded: [], warnings: [] };
  const known = new Set(pack.indicators.map((i) => i.id));
  for (const id of Object.keys(composite.weights)) {
    if (!known.has(id)) selection.warnings.push(`weights: "${id}" is not an indicator of the pack; ignored`);
  }
  for (const indicator of pack.indicators) {
    const listed = Object.hasOwn(composite.weights, indicator.id);
    const reason = exclusionReason(indicator);
    if (reason !== null) {
      selection.excluded.push({ id: indicator.id, reason });
      if (listed) selection.warnings.push(`weights: "${indicator.id}" is ${reason === 'not-in-composite' ? 'an indicator marked inComposite: false' : `a ${reason} indicator`} and never part of the index; its weight is ignored`);
      continue;
    }
    const weight = listed ? composite.weights[indicator.id] : 1;
    if (weight === undefined || !Number.isFinite(weight) || weight < 0) {
      selection.excluded.push({ id: indicator.id, reason: 'invalid-weight' });
      selection.warnings.push(`weights: "${indicator.id}" has the invalid weight ${String(weight)} (must be a finite number ≥ 0); left out`);
      continue;
    }
    if (weight === 0) {
      selection.excluded.push({ id: indicator.id, reason: 'zero-weight' });
      continue;
    }
    selection.included.push({ indicator, rawWeight: weight });
  }
  return selection;
}

// ---------------------------------------------------------------------------------------
// Cells of a layer.

interface LayerCells {
  /** Areas in the order of the results. */
  areas: string[];
  periods: number[];
  /** grid[indicator][period][area], by position in the lists above. */
  grid: (PackCell | undefined)[][][];
}

function layerCells(results: PackResults, layerId: string, indicatorIds: readonly string[]): LayerCells {
  const indicatorIndex = new Map(indicatorIds.map((id, j) => [id, j]));
  const areaIndex = new Map<string, number>();
  const periodIndex = new Map<number, number>();
  const mine: { cell: PackCell; j: number; t: number; a: number }[] = [];
  // Cells come grouped by indicator and period: look those up only when they change.
  let lastIndicator: string | null = null;
  let j = -1;
  let lastPeriod = Number.NaN;
  let t = -1;
  for (const cell of results.cells) {
    if (cell.layerId !== layerId) continue;
    if (cell.indicatorId !== lastIndicator) {
      lastIndicator = cell.indicatorId;
      j = indicatorIndex.get(cell.indicatorId) ?? -1;
    }
    if (j < 0) continue;
    if (cell.period !== lastPeriod) {
      lastPeriod = cell.period;
      t = periodIndex.get(cell.period) ?? periodIndex.size;
      periodIndex.set(cell.period, t);
    }
    let a = areaIndex.get(cell.areaId);
    if (a === undefined) {
      a = areaIndex.size;
      areaIndex.set(cell.areaId, a);
    }
    mine.push({ cell, j, t, a });
  }
  const periods = [...periodIndex.keys()].sort((x, y) => x - y);
  const sortedPosition = [...periodIndex.values()].map((_, k) => k);
  periods.forEach((period, k) => {
    sortedPosition[periodIndex.get(period) ?? 0] = k;
  });
  const grid = indicatorIds.map(() => periods.map(() => new Array<PackCell | undefined>(areaIndex.size)));
  for (const m of mine) {
    const row = grid[m.j]?.[sortedPosition[m.t] ?? -1];
    if (row) row[m.a] = m.cell;
  }
  return { areas: [...areaIndex.keys()], periods, grid };
}

/** The cell's value when it has a population (areas with denominator 0 are left out). */
function usableValue(cell: PackCell | undefined): number | null {
  if (!cell || cell.value === null || !Number.isFinite(cell.value) || !(cell.denominator > 0)) return null;
  return cell.value;
}

// ---------------------------------------------------------------------------------------
// Shrinkage towards a parent layer.

interface Shrinkage {
  /** The parent layer (null: no shrinkage). */
  layerId: string | null;
  /** Area of the chosen layer → its area in the parent layer. */
  parentOf: Map<string, string>;
  warnings: string[];
}

function planShrinkage(target: string | null | undefined, layerId: string, areas: readonly string[], areaMap: Pick<AreaMap, 'rows'> | undefined): Shrinkage {
  const none = (warning?: string): Shrinkage => ({ layerId: null, parentOf: new Map(), warnings: warning ? [warning] : [] });
  if (target === null || target === undefined || target === '') return none();
  if (target === layerId) return none(`shrinkTowards: "${target}" is the layer being ranked; no shrinkage`);
  if (!areaMap) return none(`shrinkTowards: "${target}" needs the area map; no shrinkage`);
  const ownRows = areaMap.rows.filter((r) => r.layerId === layerId);
  const parentByBase = new Map(areaMap.rows.filter((r) => r.layerId === target).map((r) => [r.baseAreaId, r.areaId]));
  if (parentByBase.size === 0) return none(`shrinkTowards: the layer "${target}" is not in the area map; no shrinkage`);
  if (ownRows.length === 0) return none(`shrinkTowards: the layer "${layerId}" is not in the area map; no shrinkage`);
  // An area's parent is the one parent-layer area all of its base areas belong to.
  const candidates = new Map<string, Set<string>>();
  for (const r of ownRows) {
    const parent = parentByBase.get(r.baseAreaId);
    const set = candidates.get(r.areaId) ?? new Set<string>();
    set.add(parent ?? '\u0000none');
    candidates.set(r.areaId, set);
  }
  const parentOf = new Map<string, string>();
  let orphans = 0;
  for (const areaId of areas) {
    const set = candidates.get(areaId);
    const only = set && set.size === 1 ? [...set][0] : undefined;
    if (only !== undefined && only !== '\u0000none') parentOf.set(areaId, only);
    else orphans++;
  }
  const warnings = orphans > 0 ? [`shrinkTowards: ${orphans} area(s) of "${layerId}" do not lie within one area of "${target}" and are not shrunk`] : [];
  return { layerId: target, parentOf, warnings };
}

/** The parent layer's values of one indicator in one period, by parent area id. */
type ParentValues = (indicatorId: string, period: number) => ReadonlyMap<string, number | null> | undefined;

function parentValueLookup(results: PackResults, parentLayer: string, parentIds: ReadonlySet<string>, indicatorIds: ReadonlySet<string>): ParentValues {
  const values = new Map<string, Map<number, Map<string, number | null>>>();
  const put = (indicatorId: string, period: number, parentId: string, value: number | null) => {
    const byPeriod = values.get(indicatorId) ?? new Map<number, Map<string, number | null>>();
    values.set(indicatorId, byPeriod);
    const byParent = byPeriod.get(period) ?? new Map<string, number | null>();
    byPeriod.set(period, byParent);
    byParent.set(parentId, value);
  };
  if (parentLayer === MUNICIPALITY_LAYER) {
    // The municipality's values are kept apart from the cells, without the area id.
    for (const m of results.municipality) {
      if (!indicatorIds.has(m.indicatorId)) continue;
      for (const id of parentIds) put(m.indicatorId, m.period, id, m.denominator > 0 ? m.value : null);
    }
  } else {
    for (const c of results.cells) {
      if (c.layerId === parentLayer && indicatorIds.has(c.indicatorId)) put(c.indicatorId, c.period, c.areaId, usableValue(c));
    }
  }
  return (indicatorId, period) => values.get(indicatorId)?.get(period);
}

const Z975 = normalQuantile(0.975);
const exactT975 = new Map<number, number>();

/**
 * t(0.975; ν), the quantile of the cells' 95 % mean intervals. Exact (and memoised) below
 * ν = 30; above, the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5), relative error
 * < 2e-8, as the exact inversion is too slow for thousands of cells.
 */
function t975(nu: number): number {
  if (nu < 30) {
    const known = exactT975.get(nu);
    if (known !== undefined) return known;
    const t = studentTQuantile(0.975, nu);
    exactT975.set(nu, t);
    return t;
  }
  const z = Z975;
  const z2 = z * z;
  const g1 = ((z2 + 1) * z) / 4;
  const g2 = (((5 * z2 + 16) * z2 + 3) * z) / 96;
  const g3 = ((((3 * z2 + 19) * z2 + 17) * z2 - 15) * z) / 384;
  const g4 = (((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}

/** s² of a mean's observations, recovered from the cell's Student t interval. */
function observationVariance(cell: PackCell): number | null {
  const n = cell.denominator;
  if (cell.lower === null || cell.upper === null || !(n >= 2)) return null;
  const se = (cell.upper - cell.lower) / (2 * t975(n - 1));
  return n * se * se;
}

/** Shares, rates and means have a sampling variance to shrink by; counts and medians not. */
function hasSamplingVariance(indicator: Indicator): boolean {
  if (indicator.unit === 'count') return false;
  return indicator.numerator.kind !== 'value' || indicator.numerator.statistic === 'mean';
}

interface ShrinkInput {
  /** The area's position in the layer's list of areas. */
  position: number;
  cell: PackCell;
  value: number;
  parent: number;
}

/**
 * n·se² per area: the sampling variance of the area's value times its population.
 * Shares and rates use the parent's value, so an area with 0 events still has a variance.
 */
function scaledVariances(inputs: readonly ShrinkInput[]): (number | null)[] {
  const method = inputs[0]?.cell.method;
  if (method === 'wilson') return inputs.map((x) => x.parent * (1 - x.parent));
  if (method === 'poisson-exact') return inputs.map((x) => x.parent);
  if (method !== 't') return inputs.map(() => null);
  // Means: the area's own s², or the pooled s² where the area has fewer than 2 observations.
  const own = inputs.map((x) => observationVariance(x.cell));
  let ss = 0;
  let df = 0;
  inputs.forEach((x, i) => {
    const s2 = own[i];
    if (s2 !== null && s2 !== undefined) {
      ss += (x.cell.denominator - 1) * s2;
      df += x.cell.denominator - 1;
    }
  });
  const pooled = df > 0 ? ss / df : null;
  return own.map((s2) => s2 ?? pooled);
}

interface ShrinkOutput {
  /** By position: the shrunk value, and the weight on the area's own value. */
  used: (number | null)[];
  weight: (number | null)[];
  tau2: number | null;
}

/**
 * Empirical Bayes shrinkage towards the parent (Marshall 1991, generalised to one prior
 * mean per parent): τ² = max(0, [Σ nᵢ(yᵢ − mᵢ)² − Σ nᵢ·seᵢ²] / Σ nᵢ), pooled over the
 * layer's areas; wᵢ = τ² / (τ² + seᵢ²); used = wᵢ·yᵢ + (1 − wᵢ)·mᵢ.
 */
function shrink(inputs: readonly ShrinkInput[], areaCount: number): ShrinkOutput {
  const out: ShrinkOutput = { used: new Array<number | null>(areaCount).fill(null), weight: new Array<number | null>(areaCount).fill(null), tau2: null };
  const variances = scaledVariances(inputs);
  let weightedSquares = 0;
  let weightedVariance = 0;
  let population = 0;
  inputs.forEach((x, i) => {
    const nv = variances[i];
    if (nv === null || nv === undefined) return;
    weightedSquares += x.cell.denominator * (x.value - x.parent) ** 2;
    weightedVariance += nv;
    population += x.cell.denominator;
  });
  if (!(population > 0)) return out;
  const tau2 = Math.max(0, (weightedSquares - weightedVariance) / population);
  out.tau2 = tau2;
  inputs.forEach((x, i) => {
    const nv = variances[i];
    if (nv === null || nv === undefined) return;
    const se2 = nv / x.cell.denominator;
    // No sampling variance: the value is exact and stays as it is.
    const w = se2 > 0 ? tau2 / (tau2 + se2) : 1;
    out.used[x.position] = w * x.value + (1 - w) * x.parent;
    out.weight[x.position] = w;
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Standardisation.

interface Standardised {
  values: (number | null)[];
  centre: number | null;
  spread: number | null;
  constant: boolean;
  areas: number;
}

const isConstant = (spread: number, scale: number) => !(spread > 1e-12 * Math.max(1, Math.abs(scale)));

interface Scaled {
  values: number[];
  centre: number | null;
  spread: number | null;
  constant: boolean;
}

function zScores(xs: readonly number[]): Scaled {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  // The areas are the whole population of areas, not a sample: divisor n.
  const sd = Math.sqrt(squares / n);
  const constant = n < 2 || isConstant(sd, mean);
  return { values: xs.map((x) => (constant ? 0 : (x - mean) / sd)), centre: mean, spread: sd, constant };
}

function minMax(xs: readonly number[]): Scaled {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const range = max - min;
  const constant = xs.length < 2 || isConstant(range, min);
  // A constant indicator sits in the middle of the scale, where the rank method puts ties.
  return { values: xs.map((x) => (constant ? 0.5 : (x - min) / range)), centre: min, spread: range, constant };
}

/** Percentile ranks (r − 1) / (n − 1), ties given their average rank r; 0.5 for one area. */
function percentileRanks(xs: readonly number[]): Scaled {
  const n = xs.length;
  const order = xs.map((_, i) => i).sort((i, j) => (xs[i] ?? 0) - (xs[j] ?? 0) || i - j);
  const ranks = new Array<number>(n).fill(0);
  for (let start = 0; start < n; ) {
    const x = xs[order[start] ?? 0];
    let end = start;
    while (end + 1 < n && xs[order[end + 1] ?? 0] === x) end++;
    const average = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k] ?? 0] = average;
    start = end + 1;
  }
  const constant = n < 2 || xs[order[0] ?? 0] === xs[order[n - 1] ?? 0];
  return { values: ranks.map((r) => (n < 2 ? 0.5 : (r - 1) / (n - 1))), centre: null, spread: null, constant };
}

/** Standardises the present values; higher-is-better indicators are turned round. */
function standardise(raw: readonly (number | null)[], method: CompositeMethod, direction: CompositeDirection): Standardised {
  const positions: number[] = [];
  const xs: number[] = [];
  raw.forEach((x, a) => {
    if (x === null) return;
    positions.push(a);
    xs.push(x);
  });
  const values = new Array<number | null>(raw.length).fill(null);
  if (xs.length === 0) return { values, centre: null, spread: null, constant: false, areas: 0 };
  const scaled = method === 'z-score' ? zScores(xs) : method === 'min-max' ? minMax(xs) : percentileRanks(xs);
  const turn = direction === 'higher-is-better';
  scaled.values.forEach((v, k) => {
    // z-scores turn round by sign (+ 0 turns −0 into 0); the 0–1 scales by 1 − v.
    values[positions[k] ?? 0] = !turn ? v : method === 'z-score' ? -v + 0 : 1 - v;
  });
  return { values, centre: scaled.centre, spread: scaled.spread, constant: scaled.constant, areas: xs.length };
}

// ---------------------------------------------------------------------------------------
// Index and ranks. Loops over typed arrays: this runs for every variant of every period.

interface Indexes {
  /** Per area; NaN = no index. */
  index: Float64Array;
  /** Per area: present weight ÷ weight available in the period. */
  share: Float64Array;
}

/**
 * Weighted mean of the present standardised values (std[indicator][area]). With minShare,
 * no index where the present weight is below that share of the weight available in the
 * period; with eligible, no index outside those areas.
 */
function weightedIndexes(std: readonly (readonly (number | null)[])[], weights: readonly number[], available: readonly boolean[], areaCount: number, minShare: number | null, eligible: Float64Array | null): Indexes {
  const sum = new Float64Array(areaCount);
  const present = new Float64Array(areaCount);
  let total = 0;
  for (let j = 0; j < std.length; j++) {
    const w = weights[j] ?? 0;
    const column = std[j];
    if (!available[j] || w === 0 || !column) continue;
    total += w;
    for (let a = 0; a < areaCount; a++) {
      const s = column[a];
      if (s === null || s === undefined) continue;
      present[a] = (present[a] ?? 0) + w;
      sum[a] = (sum[a] ?? 0) + w * s;
    }
  }
  const index = new Float64Array(areaCount);
  const share = new Float64Array(areaCount);
  for (let a = 0; a < areaCount; a++) {
    const p = present[a] ?? 0;
    share[a] = total > 0 ? p / total : 0;
    const tooLittle = minShare !== null && (share[a] ?? 0) < minShare - 1e-12;
    const outside = eligible !== null && Number.isNaN(eligible[a]);
    index[a] = p === 0 || tooLittle || outside ? Number.NaN : (sum[a] ?? 0) / p;
  }
  return { index, share };
}

/**
 * Competition ranks of the indexes (NaN: unranked, rank 0), 1 = highest: 1 + the number
 * of indexes above this one by more than TIE_TOLERANCE, so equal indexes share the lowest
 * rank (1, 1, 3) and the result does not depend on any sort order.
 */
export function competitionRanks(values: ArrayLike<number>): Int32Array {
  const present: number[] = [];
  for (let a = 0; a < values.length; a++) {
    const v = values[a] ?? Number.NaN;
    if (!Number.isNaN(v)) present.push(v);
  }
  const ascending = new Float64Array(present).sort();
  const ranks = new Int32Array(values.length);
  for (let a = 0; a < values.length; a++) {
    const v = values[a] ?? Number.NaN;
    if (Number.isNaN(v)) continue;
    // First position holding a value above v + tolerance: everything from there is higher.
    let lo = 0;
    let hi = ascending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ascending[mid] ?? 0) > v + TIE_TOLERANCE) hi = mid;
      else lo = mid + 1;
    }
    ranks[a] = ascending.length - lo + 1;
  }
  return ranks;
}

const rankOrNull = (ranks: Int32Array, a: number): number | null => {
  const r = ranks[a] ?? 0;
  return r > 0 ? r : null;
};

function robustnessOf(rank: number | null, ids: readonly string[], looRanks: readonly (number | null)[], equalWeightsRank: number | null): CompositeRobustness {
  let maxShift = 0;
  let low = rank ?? 0;
  let high = rank ?? 0;
  const widen = (r: number | null): number | null => {
    if (rank === null || r === null) return null;
    maxShift = Math.max(maxShift, Math.abs(r - rank));
    low = Math.min(low, r);
    high = Math.max(high, r);
    return r - rank;
  };
  const leaveOneOut = ids.map((indicatorId, j) => {
    const r = looRanks[j] ?? null;
    return { indicatorId, rank: r, shift: widen(r) };
  });
  widen(equalWeightsRank);
  if (rank === null) return { leaveOneOut, equalWeightsRank, maxShift: null, rankRange: null };
  return { leaveOneOut, equalWeightsRank, maxShift, rankRange: [low, high] };
}

// ---------------------------------------------------------------------------------------
// One period.

interface IncludedIndicator {
  indicator: Indicator;
  weight: number;
  direction: CompositeDirection;
  shrink: boolean;
}

/** Each area's parent (by position) and the parent layer's values. */
interface ShrinkParents {
  idOf: (string | undefined)[];
  values: ParentValues;
}

interface IndicatorPeriod {
  cells: (PackCell | undefined)[];
  raw: (number | null)[];
  used: (number | null)[];
  shrinkWeights: (number | null)[];
  standardised: (number | null)[];
  scale: CompositeScale;
}

function indicatorPeriod(item: IncludedIndicator, period: number, cells: (PackCell | undefined)[], method: CompositeMethod, parents: ShrinkParents | null): IndicatorPeriod {
  const raw = Array.from(cells, usableValue);
  let used = raw;
  let shrinkWeights = new Array<number | null>(raw.length).fill(null);
  let tau2: number | null = null;
  const byParent = item.shrink && parents ? parents.values(item.indicator.id, period) : undefined;
  if (byParent) {
    const inputs: ShrinkInput[] = [];
    raw.forEach((value, a) => {
      const cell = cells[a];
      const parentId = parents?.idOf[a];
      const parent = parentId === undefined ? null : (byParent.get(parentId) ?? null);
      if (value !== null && cell && parent !== null) inputs.push({ position: a, cell, value, parent });
    });
    const shrunk = shrink(inputs, raw.length);
    tau2 = shrunk.tau2;
    used = raw.map((value, a) => shrunk.used[a] ?? value);
    shrinkWeights = shrunk.weight;
  }
  const std = standardise(used, method, item.direction);
  const scale: CompositeScale = { indicatorId: item.indicator.id, period, areas: std.areas, centre: std.centre, spread: std.spread, constant: std.constant, tau2 };
  return { cells, raw, used, shrinkWeights, standardised: std.values, scale };
}

function periodCells(layerId: string, period: number, areas: readonly string[], included: readonly IncludedIndicator[], data: readonly IndicatorPeriod[], minWeightShare: number): CompositeCell[] {
  const std = data.map((d) => d.standardised);
  const available = data.map((d) => d.scale.areas > 0);
  const weights = included.map((x) => x.weight);
  const n = areas.length;
  const main = weightedIndexes(std, weights, available, n, minWeightShare, null);
  const ranks = competitionRanks(main.index);
  let ranked = 0;
  for (let a = 0; a < n; a++) if (!Number.isNaN(main.index[a])) ranked++;
  // Variants rank the same areas as the main index: only the weights change.
  const variant = (w: readonly number[]) => competitionRanks(weightedIndexes(std, w, available, n, null, main.index).index);
  const leaveOneOut = included.map((_, j) => variant(weights.map((w, k) => (k === j ? 0 : w))));
  const equal = variant(included.map(() => 1 / included.length));
  const ids = included.map((x) => x.indicator.id);

  return areas.map((areaId, a): CompositeCell => {
    const index = main.index[a] ?? Number.NaN;
    const rank = rankOrNull(ranks, a);
    return {
      layerId,
      period,
      areaId,
      index: Number.isNaN(index) ? null : index,
      rank,
      ranked,
      weightShare: main.share[a] ?? 0,
      small: data.some((d) => d.raw[a] !== null && d.cells[a]?.small === true),
      components: included.map(({ indicator, weight }, j): CompositeComponent => {
        const d = data[j];
        const standardised = d?.standardised[a] ?? null;
        return {
          indicatorId: indicator.id,
          weight,
          value: d?.raw[a] ?? null,
          used: d?.used[a] ?? null,
          shrinkWeight: d?.shrinkWeights[a] ?? null,
          standardised,
          contribution: standardised === null ? null : weight * standardised,
        };
      }),
      robustness: robustnessOf(
        rank,
        ids,
        leaveOneOut.map((ranksWithout) => rankOrNull(ranksWithout, a)),
        rankOrNull(equal, a),
      ),
    };
  });
}

// ---------------------------------------------------------------------------------------

/**
 * The composite index of a pack's results for the areas of one layer, period by period.
 * Null when the pack has no composite section or no indicator can enter the index.
 */
export function computeComposite(pack: IndicatorPack, results: PackResults, options: CompositeOptions): CompositeResult | null {
  const composite = pack.composite;
  if (!composite) return null;
  const selection = selectIndicators(pack, composite);
  if (selection.included.length === 0) return null;
  const warnings = [...selection.warnings];
  const minWeightShare = options.minWeightShare ?? DEFAULT_MIN_WEIGHT_SHARE;
  const { layerId } = options;

  const ids = selection.included.map((x) => x.indicator.id);
  const cells = layerCells(results, layerId, ids);
  if (cells.areas.length === 0) warnings.push(`the results have no areas of the layer "${layerId}" for the composite's indicators`);

  const plan = planShrinkage(composite.shrinkTowards, layerId, cells.areas, options.areaMap);
  warnings.push(...plan.warnings);
  const parents: ShrinkParents | null =
    plan.layerId === null
      ? null
      : { idOf: cells.areas.map((areaId) => plan.parentOf.get(areaId)), values: parentValueLookup(results, plan.layerId, new Set(plan.parentOf.values()), new Set(ids)) };

  const totalWeight = selection.included.reduce((s, x) => s + x.rawWeight, 0);
  const included: IncludedIndicator[] = selection.included.map(({ indicator, rawWeight }) => ({
    indicator,
    weight: rawWeight / totalWeight,
    direction: indicator.direction === 'higher-is-better' ? 'higher-is-better' : 'higher-is-worse',
    shrink: parents !== null && hasSamplingVariance(indicator),
  }));
  if (parents !== null) {
    for (const { indicator, shrink } of included) {
      if (!shrink) warnings.push(`"${indicator.id}" is not shrunk: ${indicator.unit === 'count' ? 'a count is not a rate' : 'a median has no sampling variance here'}`);
    }
  }

  const scales: CompositeScale[] = [];
  const out: CompositeCell[] = [];
  cells.periods.forEach((period, t) => {
    const data = included.map((item, j) => indicatorPeriod(item, period, cells.grid[j]?.[t] ?? [], composite.method, parents));
    scales.push(...data.map((d) => d.scale));
    out.push(...periodCells(layerId, period, cells.areas, included, data, minWeightShare));
  });

  for (const { indicator } of included) {
    const mine = scales.filter((s) => s.indicatorId === indicator.id);
    const empty = mine.filter((s) => s.areas === 0).map((s) => s.period);
    const constant = mine.filter((s) => s.constant).map((s) => s.period);
    if (empty.length > 0) warnings.push(`"${indicator.id}" has no values in the layer "${layerId}" in ${empty.join(', ')}; the index there rests on the other indicators`);
    if (constant.length > 0) warnings.push(`"${indicator.id}" has the same value in every area in ${constant.join(', ')}; it counts as average (${composite.method === 'z-score' ? '0' : '0.5'}) for every area there`);
  }

  return {
    label: composite.label,
    method: composite.method,
    layerId,
    shrinkTowards: plan.layerId,
    minWeightShare,
    indicators: included.map((x) => ({ id: x.indicator.id, weight: x.weight, direction: x.direction, shrunk: x.shrink })),
    excluded: selection.excluded,
    periods: cells.periods,
    scales,
    cells: out,
    warnings,
  };
}
