/**
 * Explainable flags for one area layer of a computed pack: funnel-plot outliers,
 * negative development, official-threshold crossings and the watch list, and spatial
 * hot spots, each with its evidence and a Danish and English text, sorted by severity;
 * plus the evidence views the flags link to (funnel plots, trend series, cluster maps).
 * Pure: runs in the renderer, a worker, the CLI and tests alike. See docs/flags.md.
 */
import type { IndicatorPack } from '../indicators/pack';
import type { PackResults } from '../indicators/results';
import { createFlagContext, type FlagContext, type FlagOptions, type FlagSettings } from './context';
import { developmentFlags, trendSeries } from './development';
import { skipReason, SKIP_REASONS } from './eligibility';
import { withExplanation } from './explain';
import { funnelData, funnelFlags } from './funnel';
import { hotSpotData, hotSpotFlags } from './hot-spots';
import { compareFlags } from './severity';
import { thresholdFlags } from './thresholds';
import { SEVERITY_RANK, type Flag, type FlagKind, type FlagSeverity, type FunnelData, type HotSpotData, type SkippedCheck, type TrendSeries, type UnexplainedFlag } from './types';

export interface FlagAnalysis {
  layerId: string;
  /** The periods flags were reported for. */
  periods: number[];
  settings: Omit<FlagSettings, 'kinds'> & { kinds: FlagKind[] };
  /** Most severe first (Flag.sortKey), then latest period. */
  flags: Flag[];
  /** Checks not run, per indicator and kind, with the reason. */
  skipped: SkippedCheck[];
  /** A funnel plot per examined indicator and reported period. */
  funnels: FunnelData[];
  /** Every area's series and development tests per examined indicator. */
  trends: TrendSeries[];
  /** Local and global spatial statistics per examined indicator and reported period. */
  hotSpots: HotSpotData[];
}

const PER_INDICATOR_KINDS = ['funnel-outlier', 'negative-development', 'hot-spot'] as const;

/**
 * Runs the flag checks on a context made by createFlagContext. The per-kind functions and
 * evidence views (funnelData, trendSeries, hotSpotData) can be called on the same context
 * afterwards and reuse what it has computed.
 */
export function analyseFlags(ctx: FlagContext): FlagAnalysis {
  const { settings } = ctx;
  const detected: UnexplainedFlag[] = [];
  const skipped: SkippedCheck[] = [];
  const funnels: FunnelData[] = [];
  const trends: TrendSeries[] = [];
  const hotSpots: HotSpotData[] = [];
  for (const id of ctx.unknownIndicatorIds) skipped.push(...PER_INDICATOR_KINDS.map((kind) => ({ indicatorId: id, kind, code: 'not-in-pack' as const, reason: SKIP_REASONS['not-in-pack'] })));
  for (const indicator of ctx.examined) {
    for (const kind of PER_INDICATOR_KINDS) {
      if (!settings.kinds.has(kind)) continue;
      const skip = skipReason(indicator, kind, ctx.weights !== null);
      if (skip) {
        skipped.push(skip);
        continue;
      }
      if (kind === 'funnel-outlier') {
        detected.push(...funnelFlags(ctx, indicator));
        for (const period of settings.periods) funnels.push(funnelData(ctx, indicator, period));
      } else if (kind === 'negative-development') {
        detected.push(...developmentFlags(ctx, indicator));
        for (const areaId of ctx.cells.areaIds) trends.push(trendSeries(ctx, indicator, areaId));
      } else {
        detected.push(...hotSpotFlags(ctx, indicator));
        for (const period of settings.periods) hotSpots.push(hotSpotData(ctx, indicator, period));
      }
    }
  }
  if (settings.kinds.has('threshold') || settings.kinds.has('watch')) detected.push(...thresholdFlags(ctx));
  const explain = { pack: ctx.pack, areaNames: ctx.areaNames };
  const flags = detected.map((f) => withExplanation(f, explain)).sort(compareFlags);
  return {
    layerId: settings.layerId,
    periods: settings.periods,
    settings: { ...settings, kinds: [...settings.kinds] },
    flags,
    skipped,
    funnels,
    trends,
    hotSpots,
  };
}

/** Flags, their evidence and the evidence views for one layer of a computed pack. */
export function computeFlags(pack: IndicatorPack, results: PackResults, options: FlagOptions): FlagAnalysis {
  return analyseFlags(createFlagContext(pack, results, options));
}

export interface FlagFilter {
  kinds?: readonly FlagKind[];
  indicatorIds?: readonly string[];
  classificationIds?: readonly string[];
  areaIds?: readonly string[];
  periods?: readonly number[];
  /** Only flags at least this severe. */
  minSeverity?: FlagSeverity;
}

/** The flags list's filters (by kind, indicator or classification, area, period, severity); order kept. */
export function filterFlags(flags: readonly Flag[], filter: FlagFilter): Flag[] {
  const set = <T>(xs: readonly T[] | undefined) => (xs ? new Set(xs) : null);
  const kinds = set(filter.kinds);
  const indicators = set(filter.indicatorIds);
  const classifications = set(filter.classificationIds);
  const areas = set(filter.areaIds);
  const periods = set(filter.periods);
  const min = filter.minSeverity ? SEVERITY_RANK[filter.minSeverity] : 0;
  return flags.filter(
    (f) =>
      (!kinds || kinds.has(f.kind)) &&
      (!indicators || (f.indicatorId !== null && indicators.has(f.indicatorId))) &&
      (!classifications || (f.classificationId !== null && classifications.has(f.classificationId))) &&
      (!areas || areas.has(f.areaId)) &&
      (!periods || periods.has(f.period)) &&
      SEVERITY_RANK[f.severity] >= min,
  );
}

/** The most severe flag of each area in a period, for map marks (flags sorted as computeFlags returns them). */
export function strongestFlagByArea(flags: readonly Flag[], period: number): Map<string, Flag> {
  const out = new Map<string, Flag>();
  for (const f of flags) {
    if (f.period !== period) continue;
    const seen = out.get(f.areaId);
    if (!seen || f.sortKey > seen.sortKey) out.set(f.areaId, f);
  }
  return out;
}

export { createFlagContext, indexLayer, type FlagContext, type FlagOptions, type FlagSettings, type LayerCells } from './context';
export { developmentAt, developmentFlags, trendSeries, MIN_TREND_PERIODS } from './development';
export { SKIP_REASONS, skipReason } from './eligibility';
export { KIND_LABEL, SEVERITY_LABEL, explainFlag, type ExplainContext } from './explain';
export { funnelData, funnelFlags, funnelModel } from './funnel';
export { connectedGroups, hotSpotData, hotSpotFlags } from './hot-spots';
export { compareFlags } from './severity';
export { thresholdFlags } from './thresholds';
export * from './types';
