/**
 * What every flag module shares: the resolved settings, the layer's cells indexed for
 * lookup, the spatial weights (built once from the geometry) and memo tables, so that
 * "since when" can look back over earlier periods without recomputing them.
 */
import type { Indicator, IndicatorPack } from '../indicators/pack';
import type { PackCell, PackResults } from '../indicators/results';
import type { OverdispersionMethod } from '../stats/funnel';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED, contiguityWeights, type PolygonFeatureCollection, type SpatialWeights } from '../stats/spatial';
import { FLAG_KINDS, type FlagKind } from './types';

export interface FlagOptions {
  /** The area layer flagged (e.g. "basisdistrikt"). */
  layerId: string;
  /** The layer's polygons (GeoJSON, `area_id` property), for the hot spots' queen contiguity. */
  geometry?: PolygonFeatureCollection | null;
  /** Weights built earlier (contiguityWeights), instead of geometry. */
  weights?: SpatialWeights | null;
  /** Property holding the area id in `geometry` (default "area_id"). */
  idProperty?: string;
  /** Periods to report flags for (default: every period of the results). Earlier periods are still read for "since". */
  periods?: readonly number[];
  /** Indicators to examine (default: all of the pack). Classifications are examined when 'threshold' or 'watch' is among the kinds. */
  indicatorIds?: readonly string[];
  /** Flag kinds to compute (default: all). */
  kinds?: readonly FlagKind[];
  /** Funnel over-dispersion adjustment (default 'additive', as FunnelPlotR). */
  overdispersion?: 'none' | OverdispersionMethod;
  /** Seed of the permutations (default 12345): the same seed gives the same flags. */
  seed?: number;
  /** Conditional permutations per indicator and period (default 999). */
  permutations?: number;
  /**
   * Hot spots only where they survive Benjamini–Hochberg false-discovery-rate control
   * (default false, as GeoDa's default map: then areas significant at p ≤ α are warnings
   * and those that also survive the FDR control alarms).
   */
  fdr?: boolean;
  /** Significance level of the hot-spot and development tests (default 0.05). */
  alpha?: number;
  /** Which development tests must show the worsening (default 'either'; both → alarm). */
  developmentRequire?: 'either' | 'both' | 'trend' | 'year-on-year';
  /** Watch list margin, relative to the limit (default 0.1: within 10 % of the limit, e.g. 36–40 % for "> 40 %"). */
  watchMargin?: number;
  /** Evaluate classifications that need a contested indicator (default false). */
  includeContested?: boolean;
  /** Data period P is judged by the rules of list year P + offset (default 0). */
  listYearOffset?: number;
  /** Points of each funnel curve (default 60). */
  curvePoints?: number;
  /** Area names for the explanations (default: the geometry's `name` property, else the id). */
  areaNames?: ReadonlyMap<string, string>;
}

export interface FlagSettings {
  layerId: string;
  periods: number[];
  kinds: ReadonlySet<FlagKind>;
  overdispersion: 'none' | OverdispersionMethod;
  seed: number;
  permutations: number;
  fdr: boolean;
  alpha: number;
  developmentRequire: 'either' | 'both' | 'trend' | 'year-on-year';
  watchMargin: number;
  includeContested: boolean;
  listYearOffset: number;
  curvePoints: number;
}

type MunicipalityRow = PackResults['municipality'][number];

/** The cells of one layer, indexed. */
export interface LayerCells {
  layerId: string;
  /** Every period of the results, ascending. */
  periods: number[];
  /** The layer's areas in the results' order. */
  areaIds: string[];
  cell(indicatorId: string, period: number, areaId: string): PackCell | undefined;
  /** The cells of an indicator and period, in areaIds order. */
  cellsOf(indicatorId: string, period: number): PackCell[];
  municipality(indicatorId: string, period: number): MunicipalityRow | undefined;
}

export function indexLayer(results: PackResults, layerId: string): LayerCells {
  const byKey = new Map<string, PackCell>();
  const byIndicatorPeriod = new Map<string, PackCell[]>();
  const areaIds: string[] = [];
  const seenAreas = new Set<string>();
  const periods = new Set<number>();
  for (const c of results.cells) {
    periods.add(c.period);
    if (c.layerId !== layerId) continue;
    byKey.set(`${c.indicatorId}|${c.period}|${c.areaId}`, c);
    const group = `${c.indicatorId}|${c.period}`;
    const list = byIndicatorPeriod.get(group);
    if (list) list.push(c);
    else byIndicatorPeriod.set(group, [c]);
    if (!seenAreas.has(c.areaId)) {
      seenAreas.add(c.areaId);
      areaIds.push(c.areaId);
    }
  }
  const municipality = new Map<string, MunicipalityRow>();
  for (const m of results.municipality) {
    periods.add(m.period);
    municipality.set(`${m.indicatorId}|${m.period}`, m);
  }
  return {
    layerId,
    periods: [...periods].sort((a, b) => a - b),
    areaIds,
    cell: (indicatorId, period, areaId) => byKey.get(`${indicatorId}|${period}|${areaId}`),
    cellsOf: (indicatorId, period) => byIndicatorPeriod.get(`${indicatorId}|${period}`) ?? [],
    municipality: (indicatorId, period) => municipality.get(`${indicatorId}|${period}`),
  };
}

export interface FlagContext {
  pack: IndicatorPack;
  results: PackResults;
  settings: FlagSettings;
  cells: LayerCells;
  indicators: ReadonlyMap<string, Indicator>;
  /** Indicators examined (options.indicatorIds, else all), in pack order. */
  examined: Indicator[];
  /** Ids in options.indicatorIds that the pack does not have. */
  unknownIndicatorIds: string[];
  /** Queen contiguity of the layer, or null without geometry. */
  weights: SpatialWeights | null;
  areaNames: ReadonlyMap<string, string>;
  /** Memo tables of the modules (funnel and hot spots per indicator and period, development per cell). */
  memo: Map<string, unknown>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, not ${v}`);
  return v;
}

export function createFlagContext(pack: IndicatorPack, results: PackResults, options: FlagOptions): FlagContext {
  const cells = indexLayer(results, options.layerId);
  const alpha = positive(options.alpha, 0.05, 'alpha');
  if (!(alpha < 1)) throw new RangeError(`alpha must be below 1, not ${alpha}`);
  const permutations = positive(options.permutations, DEFAULT_PERMUTATIONS, 'permutations');
  if (!Number.isInteger(permutations)) throw new RangeError(`permutations must be a whole number, not ${permutations}`);
  const watchMargin = options.watchMargin ?? 0.1;
  if (!(watchMargin >= 0) || !Number.isFinite(watchMargin)) throw new RangeError(`watchMargin must be ≥ 0, not ${watchMargin}`);
  const known = new Set(cells.periods);
  const periods = options.periods ? [...new Set(options.periods)].filter((p) => known.has(p)).sort((a, b) => a - b) : cells.periods;
  const settings: FlagSettings = {
    layerId: options.layerId,
    periods,
    kinds: new Set(options.kinds ?? FLAG_KINDS),
    overdispersion: options.overdispersion ?? 'additive',
    seed: options.seed ?? DEFAULT_SEED,
    permutations,
    fdr: options.fdr ?? false,
    alpha,
    developmentRequire: options.developmentRequire ?? 'either',
    watchMargin,
    includeContested: options.includeContested ?? false,
    listYearOffset: options.listYearOffset ?? 0,
    curvePoints: Math.max(2, Math.round(options.curvePoints ?? 60)),
  };
  const indicators = new Map(pack.indicators.map((i) => [i.id, i]));
  const wanted = options.indicatorIds ? new Set(options.indicatorIds) : null;
  const examined = pack.indicators.filter((i) => wanted === null || wanted.has(i.id));
  let weights = options.weights ?? null;
  if (!weights && options.geometry && settings.kinds.has('hot-spot')) {
    weights = contiguityWeights(options.geometry, { kind: 'queen', idProperty: options.idProperty ?? 'area_id' });
  }
  const unknownIndicatorIds = [...(wanted ?? [])].filter((id) => !indicators.has(id));
  const areaNames = options.areaNames ?? namesFrom(options.geometry ?? null, options.idProperty ?? 'area_id');
  return { pack, results, settings, cells, indicators, examined, unknownIndicatorIds, weights, areaNames, memo: new Map() };
}

/** Area names from the features' `name` property. */
function namesFrom(geometry: PolygonFeatureCollection | null, idProperty: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of geometry?.features ?? []) {
    const id = f.properties?.[idProperty];
    const name = f.properties?.['name'];
    if (id !== undefined && id !== null && typeof name === 'string' && name !== '') names.set(String(id), name);
  }
  return names;
}

/** Memoises a computation in the context under a key. */
export function memoised<T>(ctx: FlagContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

/**
 * The first period of the unbroken run of flagged periods that ends at `period`, walking
 * back over the results' periods (a period missing from the results breaks nothing: the
 * list is what the extract holds).
 */
export function sinceOf(ctx: FlagContext, period: number, flaggedAt: (period: number) => boolean): number {
  const periods = ctx.cells.periods;
  let since = period;
  for (let i = periods.indexOf(period) - 1; i >= 0; i--) {
    const p = periods[i] as number;
    if (!flaggedAt(p)) break;
    since = p;
  }
  return since;
}

/** The periods of the results before `period`, ascending. */
export function periodsUpTo(ctx: FlagContext, period: number): number[] {
  return ctx.cells.periods.filter((p) => p <= period);
}
