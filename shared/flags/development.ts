/**
 * Negative development: at each period, a trend over the last N periods (logistic
 * regression for shares, Poisson for event rates, with Cochran–Armitage or its Poisson
 * analogue as the score-test cross-check) and the change from the previous period
 * (pooled two-proportion z-test, or the exact conditional test for rates), combined by
 * shared/stats/trend.ts negativeDevelopment: a test counts when its change is in the
 * worsening direction, statistically clear (p < α) and at least the pack's minimum
 * meaningful change per period. Flagged when the required tests count (default: either);
 * an alarm when both do.
 *
 * The trend needs at least 3 periods with a population; before that only the
 * year-on-year test can flag.
 */
import { developmentSetting, type Indicator } from '../indicators/pack';
import { intervalMethod } from '../indicators/results';
import { negativeDevelopment, trendFor, yearOnYearFor, type TrendPoint, type TrendResult } from '../stats/trend';
import { memoised, periodsUpTo, sinceOf, type FlagContext } from './context';
import { certainty, sortKeyFor } from './severity';
import type { DevelopmentEvidence, DevelopmentFlag, TrendEvidence, TrendSeries, YearOnYearEvidence } from './types';

/** Fewest periods with a population for a trend (two points are the year-on-year test). */
export const MIN_TREND_PERIODS = 3;

export interface DevelopmentTestResult {
  severity: 'alarm' | 'warning' | null;
  evidence: DevelopmentEvidence;
}

function trendEvidence(trend: TrendResult, verdict: TrendEvidence['verdict']): TrendEvidence | null {
  if (trend.unavailable !== null) return null;
  const { slope, lower, upper, pValue, changePerPeriod, changeLower, changeUpper } = trend;
  if (slope === null || lower === null || upper === null || pValue === null || changePerPeriod === null || changeLower === null || changeUpper === null) return null;
  return {
    model: trend.model,
    periods: trend.periods,
    changePerPeriod,
    changeLower,
    changeUpper,
    slope,
    slopeLower: lower,
    slopeUpper: upper,
    pValue,
    scoreTestP: trend.scoreTest?.pValue ?? null,
    verdict,
  };
}

function usable(points: readonly TrendPoint[]): number {
  return points.filter((p) => p.denominator > 0).length;
}

function computeTest(ctx: FlagContext, indicator: Indicator, areaId: string, period: number): DevelopmentTestResult | null {
  const setting = developmentSetting(indicator);
  const method = intervalMethod(indicator);
  if (!setting || (method !== 'wilson' && method !== 'poisson-exact')) return null;
  const current = ctx.cells.cell(indicator.id, period, areaId);
  if (!current || !(current.denominator > 0)) return null;
  const before = periodsUpTo(ctx, period);
  const window = before.slice(Math.max(0, before.length - setting.periods));
  const cells = window.map((p) => ctx.cells.cell(indicator.id, p, areaId));
  const points: TrendPoint[] = window.map((p, i) => ({ period: p, numerator: cells[i]?.numerator ?? 0, denominator: cells[i]?.denominator ?? 0 }));
  const enough = usable(points) >= MIN_TREND_PERIODS;
  const trend = enough ? trendFor(method, points) : null;

  const previousPeriod = before.length >= 2 ? (before[before.length - 2] as number) : null;
  const previous = previousPeriod === null ? undefined : ctx.cells.cell(indicator.id, previousPeriod, areaId);
  const yoy = previous && previous.denominator > 0 ? yearOnYearFor(method, previous, current) : null;
  if (trend === null && yoy === null) return null;

  const direction = indicator.direction === 'higher-is-better' ? 'higher-is-better' : 'higher-is-worse';
  const decision = negativeDevelopment({
    trend: trend && trend.unavailable === null ? trend : null,
    yearOnYear: yoy,
    direction,
    minChangePerPeriod: setting.minChange,
    alpha: ctx.settings.alpha,
    require: ctx.settings.developmentRequire,
  });

  const municipalityChange = memoised(ctx, `development-municipality|${indicator.id}|${period}`, () => {
    const points: TrendPoint[] = window.map((p) => {
      const m = ctx.cells.municipality(indicator.id, p);
      return { period: p, numerator: m?.numerator ?? 0, denominator: m?.denominator ?? 0 };
    });
    return usable(points) >= MIN_TREND_PERIODS ? (trendFor(method, points)?.changePerPeriod ?? null) : null;
  });

  const yearOnYear: YearOnYearEvidence | null =
    yoy && previousPeriod !== null
      ? {
          previousPeriod,
          method: yoy.method,
          previous: yoy.previous,
          current: yoy.current,
          difference: yoy.difference,
          lower: yoy.lower,
          upper: yoy.upper,
          pValue: yoy.pValue,
          verdict: decision.yearOnYear.verdict,
        }
      : null;
  const used = trend ? cells : [previous, current];
  const evidence: DevelopmentEvidence = {
    model: method === 'wilson' ? 'logistic' : 'poisson',
    trend: trend ? trendEvidence(trend, decision.trend.verdict) : null,
    trendUnavailable: trend === null ? 'too-few-periods' : trend.unavailable,
    yearOnYear,
    basis: decision.basis,
    minChange: setting.minChange,
    minChangeSource: setting.source,
    window: setting.periods,
    alpha: ctx.settings.alpha,
    require: ctx.settings.developmentRequire,
    municipalityChangePerPeriod: municipalityChange,
    value: current.value,
    small: used.some((c) => c !== undefined && c.denominator > 0 && c.small),
  };
  const severity = decision.negative ? (decision.basis.length === 2 ? 'alarm' : 'warning') : null;
  return { severity, evidence };
}

/** The development test of an area ending at a period (null when there is nothing to test). */
export function developmentAt(ctx: FlagContext, indicator: Indicator, areaId: string, period: number): DevelopmentTestResult | null {
  return memoised(ctx, `development|${indicator.id}|${areaId}|${period}`, () => computeTest(ctx, indicator, areaId, period));
}

/** An area's series with intervals and reference values, and the test at each period (the trend chart). */
export function trendSeries(ctx: FlagContext, indicator: Indicator, areaId: string): TrendSeries {
  const periods = ctx.cells.periods;
  const tested = developmentSetting(indicator) !== null;
  return {
    indicatorId: indicator.id,
    layerId: ctx.settings.layerId,
    areaId,
    points: periods.map((period) => {
      const c = ctx.cells.cell(indicator.id, period, areaId);
      return {
        period,
        value: c?.value ?? null,
        lower: c?.lower ?? null,
        upper: c?.upper ?? null,
        numerator: c?.numerator ?? 0,
        denominator: c?.denominator ?? 0,
        small: c?.small ?? true,
        reference: c?.reference ?? null,
      };
    }),
    tests: periods.map((period) => {
      const test = tested ? developmentAt(ctx, indicator, areaId, period) : null;
      return { period, severity: test?.severity ?? null, evidence: test?.evidence ?? null };
    }),
  };
}

/** Development flags of an indicator in the reported periods (without text; see explain.ts). */
export function developmentFlags(ctx: FlagContext, indicator: Indicator): Omit<DevelopmentFlag, 'explanation'>[] {
  const flags: Omit<DevelopmentFlag, 'explanation'>[] = [];
  const layerId = ctx.settings.layerId;
  for (const period of ctx.settings.periods) {
    for (const areaId of ctx.cells.areaIds) {
      const test = developmentAt(ctx, indicator, areaId, period);
      if (!test || test.severity === null) continue;
      const { evidence } = test;
      const pValues = [
        evidence.basis.includes('trend') ? evidence.trend?.pValue : undefined,
        evidence.basis.includes('year-on-year') ? evidence.yearOnYear?.pValue : undefined,
      ].filter((p): p is number => p !== undefined);
      flags.push({
        id: `negative-development|${indicator.id}|${layerId}|${areaId}|${period}`,
        kind: 'negative-development',
        severity: test.severity,
        sortKey: sortKeyFor(test.severity, certainty(Math.min(1, ...pValues))),
        indicatorId: indicator.id,
        classificationId: null,
        thresholdId: null,
        layerId,
        areaId,
        period,
        since: sinceOf(ctx, period, (p) => (developmentAt(ctx, indicator, areaId, p)?.severity ?? null) !== null),
        link: { view: 'trend-chart', layerId, areaId, period, indicatorId: indicator.id, classificationId: null },
        evidence,
      });
    }
  }
  return flags;
}
