/**
 * Funnel-plot outliers (Spiegelhalter 2005): each area of the layer against the
 * indicator's reference value (the municipality, or the region/nation when the extract has
 * it), with limits that depend on the area's population: exact binomial for shares,
 * exact Poisson for event rates (shared/stats/funnel.ts), a normal approximation for
 * means (normal-funnel.ts). Medians and counts get no funnel (eligibility.ts).
 *
 * An area is flagged only on the worse side of the indicator's direction: beyond the
 * 99.8 % limit is an alarm, beyond the 95 % limit a warning. For counts the flag also
 * needs the exact tail of the area's own count to be that extreme (FunnelPoint.exactClass),
 * so a count that sits just over an interpolated limit of a tiny area is drawn but not
 * flagged (the point's `level` says which).
 */
import type { Indicator } from '../indicators/pack';
import { intervalMethod, type PackCell, type ReferenceLevel } from '../indicators/results';
import { normalCdf } from '../stats/distributions';
import {
  classifyFunnel,
  estimateOverdispersion,
  funnelCurve,
  funnelPoint,
  type FunnelClass,
  type FunnelKind,
  type FunnelLimits,
  type OverdispersionEstimate,
} from '../stats/funnel';
import { memoised, sinceOf, type FlagContext } from './context';
import { worseSign } from './eligibility';
import { normalFunnel } from './normal-funnel';
import { certainty, sortKeyFor } from './severity';
import type { FunnelAreaPoint, FunnelData, FunnelEvidence, FunnelFlag, FunnelModel, FunnelOverdispersion } from './types';

type Level = 'alarm' | 'warning' | null;

function levelOf(cls: FunnelClass, sign: 1 | -1): Level {
  if (cls === (sign > 0 ? 'above-alarm' : 'below-alarm')) return 'alarm';
  if (cls === (sign > 0 ? 'above-warning' : 'below-warning')) return 'warning';
  return null;
}

function sideOf(cls: FunnelClass, sign: 1 | -1): FunnelAreaPoint['side'] {
  if (cls === 'inside') return 'inside';
  return cls.startsWith('above') === sign > 0 ? 'worse' : 'better';
}

/** The less severe of two levels: both the drawn limit and the exact tail must agree. */
function lesser(a: Level, b: Level): Level {
  if (a === null || b === null) return null;
  return a === 'warning' || b === 'warning' ? 'warning' : 'alarm';
}

export function funnelModel(indicator: Indicator): FunnelModel | null {
  const method = intervalMethod(indicator);
  if (method === 'wilson') return 'binomial';
  if (method === 'poisson-exact') return 'poisson';
  if (method === 't') return 'normal';
  return null;
}

/** z on the scale of the limits with the applied adjustment (Spiegelhalter 2005b; FunnelPlotR). */
function adjustedZ(kind: FunnelKind, value: number, n: number, target: number, z: number | null, od: OverdispersionEstimate | null): number | null {
  if (z === null || !od || od.applied === 'none') return z;
  if (od.applied === 'multiplicative') return z / Math.sqrt(od.phi ?? 1);
  const within = kind === 'binomial' ? (target * (1 - target)) / n : 1 / (4 * n);
  const spread = Math.sqrt(within + (od.tau2 ?? 0));
  return kind === 'binomial' ? (value - target) / spread : (Math.sqrt(value) - Math.sqrt(target)) / spread;
}

interface FunnelCore {
  data: Omit<FunnelData, 'curve'>;
  /** Limits at any denominator, for the curve. */
  limitsAt: ((n: number) => FunnelLimits) | null;
  kind: FunnelKind | null;
  od: OverdispersionEstimate | null;
}

const noOverdispersion = (requested: FunnelOverdispersion['requested'], units: number): FunnelOverdispersion => ({
  requested,
  applied: 'none',
  phi: null,
  tau2: null,
  units,
});

function computeCore(ctx: FlagContext, indicator: Indicator, period: number): FunnelCore {
  const model = funnelModel(indicator) ?? 'normal';
  const cells = ctx.cells.cellsOf(indicator.id, period);
  const placed = cells.filter((c): c is PackCell & { value: number } => c.denominator > 0 && c.value !== null && Number.isFinite(c.value));
  const placedIds = new Set(placed.map((c) => c.areaId));
  const empty = cells.filter((c) => !placedIds.has(c.areaId)).map((c) => c.areaId);
  const first = cells[0];
  const target = first?.reference ?? null;
  const targetLevel: ReferenceLevel | null = first ? (first.referenceLevel ?? indicator.reference ?? 'municipality') : null;
  const requested = ctx.settings.overdispersion;
  const base = {
    indicatorId: indicator.id,
    layerId: ctx.settings.layerId,
    period,
    model,
    target,
    targetLevel,
    overdispersion: noOverdispersion(requested, 0),
    standardDeviation: null,
    points: [] as FunnelAreaPoint[],
    empty,
  };
  const unavailable = (da: string, en: string): FunnelCore => ({ data: { ...base, unavailable: { da, en } }, limitsAt: null, kind: null, od: null });
  if (cells.length === 0) return unavailable('ingen områder i laget for perioden', 'no areas in the layer for the period');
  if (target === null || !Number.isFinite(target)) return unavailable('ingen referenceværdi for perioden', 'no reference value for the period');
  if (model === 'binomial' && !(target >= 0 && target <= 1)) return unavailable('referenceværdien er ikke en andel', 'the reference value is not a share');
  if (placed.length === 0) return unavailable('ingen områder med befolkning', 'no areas with a population');
  const sign = worseSign(indicator);
  const p = (z: number | null) => (z === null ? 1 : normalCdf(-sign * z));

  if (model === 'normal') {
    const funnel = normalFunnel(
      placed.map((c) => ({ n: c.denominator, value: c.value, lower: c.lower, upper: c.upper })),
      target,
      requested,
    );
    if (!funnel) return unavailable('ingen intervaller at beregne spredningen fra', 'no intervals to estimate the spread from');
    const points = placed.map((c): FunnelAreaPoint => {
      const limits = funnel.limits(c.denominator);
      const cls = classifyFunnel(c.value, limits);
      const zAdjusted = funnel.zAdjusted(c.value, c.denominator);
      return {
        areaId: c.areaId,
        numerator: c.numerator,
        denominator: c.denominator,
        value: c.value,
        limits,
        class: cls,
        exactClass: null,
        z: funnel.z(c.value, c.denominator),
        zAdjusted,
        pValue: p(zAdjusted),
        side: sideOf(cls, sign),
        level: levelOf(cls, sign),
        small: c.small,
      };
    });
    return {
      data: { ...base, overdispersion: funnel.overdispersion, standardDeviation: funnel.sd, points, unavailable: null },
      limitsAt: funnel.limits,
      kind: null,
      od: null,
    };
  }

  const kind: FunnelKind = model;
  const od = requested === 'none' ? null : estimateOverdispersion(placed, { kind, target, method: requested });
  const overdispersion: FunnelOverdispersion = od
    ? { requested, applied: od.applied, phi: od.phi, tau2: od.tau2, units: od.units }
    : noOverdispersion(requested, placed.length);
  const options = { kind, target, overdispersion: od };
  const points = placed.map((c): FunnelAreaPoint => {
    const point = funnelPoint(c.numerator, c.denominator, options);
    if (!point) throw new Error(`funnel: no point for ${indicator.id} ${period} ${c.areaId}`);
    const zAdjusted = adjustedZ(kind, point.value, c.denominator, target, point.z, od);
    const applied = od !== null && od.applied !== 'none';
    return {
      areaId: c.areaId,
      numerator: c.numerator,
      denominator: c.denominator,
      value: point.value,
      limits: point.limits,
      class: point.class,
      exactClass: point.exactClass,
      z: point.z,
      zAdjusted,
      pValue: applied ? p(zAdjusted) : sign > 0 ? point.upperTailP : point.lowerTailP,
      side: sideOf(point.class, sign),
      level: lesser(levelOf(point.class, sign), levelOf(point.exactClass, sign)),
      small: c.small,
    };
  });
  return { data: { ...base, overdispersion, points, unavailable: null }, limitsAt: null, kind, od };
}

function core(ctx: FlagContext, indicator: Indicator, period: number): FunnelCore {
  return memoised(ctx, `funnel|${indicator.id}|${period}`, () => computeCore(ctx, indicator, period));
}

/** Limits at denominators spaced evenly on a log scale over the areas' range. */
function curveOf(ctx: FlagContext, c: FunnelCore): FunnelLimits[] {
  const ns = c.data.points.map((p) => p.denominator);
  if (ns.length === 0 || c.data.target === null) return [];
  const min = Math.min(...ns);
  const max = Math.max(...ns);
  const points = ctx.settings.curvePoints;
  if (c.kind) return funnelCurve({ kind: c.kind, target: c.data.target, overdispersion: c.od }, { min, max, points });
  if (!c.limitsAt) return [];
  const out: FunnelLimits[] = [];
  for (let i = 0; i < points; i++) {
    const n = min * Math.exp((Math.log(max / min) * i) / (points - 1));
    if (out.length === 0 || n > (out[out.length - 1] as FunnelLimits).n) out.push(c.limitsAt(n));
  }
  return out;
}

/** The funnel plot of an indicator in a period (with the curve for drawing). */
export function funnelData(ctx: FlagContext, indicator: Indicator, period: number): FunnelData {
  return memoised(ctx, `funnel-data|${indicator.id}|${period}`, () => {
    const c = core(ctx, indicator, period);
    return { ...c.data, curve: curveOf(ctx, c) };
  });
}

function levelAt(ctx: FlagContext, indicator: Indicator, period: number, areaId: string): Level {
  return core(ctx, indicator, period).data.points.find((p) => p.areaId === areaId)?.level ?? null;
}

/** Funnel flags of an indicator in the reported periods (without text; see explain.ts). */
export function funnelFlags(ctx: FlagContext, indicator: Indicator): Omit<FunnelFlag, 'explanation'>[] {
  const flags: Omit<FunnelFlag, 'explanation'>[] = [];
  const layerId = ctx.settings.layerId;
  for (const period of ctx.settings.periods) {
    const { data } = core(ctx, indicator, period);
    if (data.target === null || data.targetLevel === null) continue;
    for (const point of data.points) {
      if (point.level === null) continue;
      const evidence: FunnelEvidence = {
        model: data.model,
        numerator: point.numerator,
        denominator: point.denominator,
        value: point.value,
        target: data.target,
        targetLevel: data.targetLevel,
        ratio: data.target > 0 ? point.value / data.target : null,
        limits: point.limits,
        class: point.class,
        exactClass: point.exactClass,
        z: point.z,
        zAdjusted: point.zAdjusted,
        pValue: point.pValue,
        overdispersion: data.overdispersion,
        standardDeviation: data.standardDeviation,
        small: point.small,
        minPopulation: indicator.minPopulation,
      };
      flags.push({
        id: `funnel-outlier|${indicator.id}|${layerId}|${point.areaId}|${period}`,
        kind: 'funnel-outlier',
        severity: point.level,
        sortKey: sortKeyFor(point.level, certainty(point.pValue)),
        indicatorId: indicator.id,
        classificationId: null,
        thresholdId: null,
        layerId,
        areaId: point.areaId,
        period,
        since: sinceOf(ctx, period, (p) => levelAt(ctx, indicator, p, point.areaId) !== null),
        link: { view: 'funnel-plot', layerId, areaId: point.areaId, period, indicatorId: indicator.id, classificationId: null },
        evidence,
      });
    }
  }
  return flags;
}
