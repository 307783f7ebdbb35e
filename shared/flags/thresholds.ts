/**
 * Threshold crossings and the watch list, from the pack's classifications (the official
 * criteria for vulnerable housing areas, shared/indicators/classifications.ts) and from
 * indicator thresholds that no classification uses:
 * - 'threshold', alarm: the area meets a classification (e.g. udsat boligområde);
 * - 'threshold', warning: the area crosses a standalone threshold of an indicator;
 * - 'watch': a criterion (or gate, or standalone threshold) not met, but within the
 *   margin of its limit, relative to the limit (default 10 %: 36–40 % for "> 40 %"),
 *   in a rule that is in force and not met. One watch flag per threshold, area and
 *   period, naming every such rule.
 * Rules that need a contested indicator are not evaluated unless asked
 * (includeContested); they give neither flag. Context and contested indicators' own
 * standalone thresholds give no flags.
 */
import {
  distanceToLimit,
  evaluateClassifications,
  meetsLimit,
  withinMargin,
  type ClassificationResult,
  type ConditionResult,
} from '../indicators/classifications';
import type { Indicator, Threshold } from '../indicators/pack';
import { memoised, sinceOf, type FlagContext } from './context';
import { sortKeyFor } from './severity';
import type { ThresholdFlag, WatchEvidence, WatchFlag } from './types';

type Unexplained<T> = Omit<T, 'explanation'>;

function classificationResults(ctx: FlagContext): Map<string, ClassificationResult> {
  return memoised(ctx, 'classifications', () => {
    const out = new Map<string, ClassificationResult>();
    if ((ctx.pack.classifications ?? []).length === 0) return out;
    const all = evaluateClassifications(ctx.pack, ctx.results, { includeContested: ctx.settings.includeContested, listYearOffset: ctx.settings.listYearOffset });
    for (const r of all) if (r.layerId === ctx.settings.layerId) out.set(`${r.classificationId}|${r.areaId}|${r.period}`, r);
    return out;
  });
}

/** Within the margin of the limit, relative to |limit|. */
function near(condition: ConditionResult, margin: number): boolean {
  return condition.limit !== null && withinMargin(condition, margin * Math.abs(condition.limit));
}

function watchEvidence(condition: ConditionResult, margin: number, classifications: WatchEvidence['classifications']): WatchEvidence {
  const shortBy = Math.max(0, -(condition.distance ?? 0));
  const limit = Math.abs(condition.limit ?? 0);
  return { condition, classifications, margin, shortBy, shortByRelative: limit > 0 ? shortBy / limit : 0, small: condition.small };
}

interface StandaloneThreshold {
  indicator: Indicator;
  threshold: Threshold;
  /** The threshold's id, or indicator#index when it has none. */
  key: string;
}

/** Thresholds of directional, uncontested indicators that no classification names. */
function standaloneThresholds(ctx: FlagContext): StandaloneThreshold[] {
  return memoised(ctx, 'standalone-thresholds', () => findStandalone(ctx));
}

function findStandalone(ctx: FlagContext): StandaloneThreshold[] {
  const used = new Set<string>();
  for (const c of ctx.pack.classifications ?? []) for (const id of [...(c.gates ?? []), ...(c.criteria ?? [])]) used.add(id);
  const out: StandaloneThreshold[] = [];
  for (const indicator of ctx.examined) {
    if (indicator.direction === 'context' || indicator.contested !== undefined) continue;
    (indicator.thresholds ?? []).forEach((threshold, i) => {
      if (threshold.id !== undefined && used.has(threshold.id)) return;
      out.push({ indicator, threshold, key: threshold.id ?? `${indicator.id}#${i + 1}` });
    });
  }
  return out;
}

/** A standalone threshold for one area and period, as classifications.ts describes a criterion. */
function evaluateStandalone(ctx: FlagContext, s: StandaloneThreshold, areaId: string, period: number): ConditionResult | null {
  const listYear = period + ctx.settings.listYearOffset;
  const t = s.threshold;
  if ((t.fromPeriod !== undefined && listYear < t.fromPeriod) || (t.toPeriod !== undefined && listYear > t.toPeriod)) return null;
  const cell = ctx.cells.cell(s.indicator.id, period, areaId);
  const relativeTo = t.relativeTo ?? 'absolute';
  const value = cell?.value ?? null;
  const reference = relativeTo === 'reference' ? (cell?.reference ?? null) : null;
  const limit = relativeTo === 'reference' ? (reference === null ? null : t.value * reference) : t.value;
  const known = value !== null && Number.isFinite(value) && limit !== null && Number.isFinite(limit);
  return {
    role: 'criterion',
    thresholdId: s.key,
    indicatorId: s.indicator.id,
    comparison: t.comparison,
    relativeTo,
    thresholdValue: t.value,
    value,
    limit,
    reference,
    referenceLevel: relativeTo === 'reference' ? (cell?.referenceLevel ?? s.indicator.reference ?? 'municipality') : null,
    status: known ? (meetsLimit(t.comparison, value, limit) ? 'met' : 'not-met') : 'unknown',
    distance: known ? distanceToLimit(t.comparison, value, limit) : null,
    small: cell?.small ?? true,
    contested: false,
  };
}

/** Watch candidates of one area and period from the classifications: threshold id → condition and rules. */
function classificationWatch(ctx: FlagContext, areaId: string, period: number): Map<string, { condition: ConditionResult; rules: WatchEvidence['classifications'] }> {
  return memoised(ctx, `watch|${areaId}|${period}`, () => {
    const results = classificationResults(ctx);
    const metThresholds = new Set<string>();
    const found = new Map<string, { condition: ConditionResult; rules: WatchEvidence['classifications'] }>();
    for (const c of ctx.pack.classifications ?? []) {
      const r = results.get(`${c.id}|${areaId}|${period}`);
      if (!r) continue;
      const conditions = [...r.gates, ...r.criteria];
      if (r.status === 'met') conditions.forEach((x) => metThresholds.add(x.thresholdId));
      if (r.status !== 'not-met' && r.status !== 'unknown') continue;
      for (const condition of conditions) {
        if (!near(condition, ctx.settings.watchMargin)) continue;
        const entry = found.get(condition.thresholdId) ?? { condition, rules: [] };
        entry.rules.push({ id: c.id, status: r.status, criteriaMet: r.criteriaMet, minMet: r.minMet });
        found.set(condition.thresholdId, entry);
      }
    }
    // An area already listed under a rule that uses the threshold needs no watch on it.
    for (const id of metThresholds) found.delete(id);
    return found;
  });
}

function link(ctx: FlagContext, areaId: string, period: number, indicatorId: string | null, classificationId: string | null) {
  return { view: 'criteria' as const, layerId: ctx.settings.layerId, areaId, period, indicatorId, classificationId };
}

/** Classification and standalone threshold flags, and the watch list, in the reported periods (without text). */
export function thresholdFlags(ctx: FlagContext): (Unexplained<ThresholdFlag> | Unexplained<WatchFlag>)[] {
  const wantThreshold = ctx.settings.kinds.has('threshold');
  const wantWatch = ctx.settings.kinds.has('watch');
  const flags: (Unexplained<ThresholdFlag> | Unexplained<WatchFlag>)[] = [];
  const layerId = ctx.settings.layerId;
  const results = classificationResults(ctx);
  const margin = ctx.settings.watchMargin;
  for (const period of ctx.settings.periods) {
    for (const areaId of ctx.cells.areaIds) {
      for (const c of ctx.pack.classifications ?? []) {
        const r = results.get(`${c.id}|${areaId}|${period}`);
        if (!wantThreshold || !r || r.status !== 'met') continue;
        flags.push({
          id: `threshold|${c.id}|${layerId}|${areaId}|${period}`,
          kind: 'threshold',
          severity: 'alarm',
          sortKey: sortKeyFor('alarm', r.criteria.length > 0 ? r.criteriaMet / (r.criteria.length + 1) : 0.5),
          indicatorId: null,
          classificationId: c.id,
          thresholdId: null,
          layerId,
          areaId,
          period,
          since: sinceOf(ctx, period, (p) => results.get(`${c.id}|${areaId}|${p}`)?.status === 'met'),
          link: link(ctx, areaId, period, null, c.id),
          evidence: {
            source: 'classification',
            listYear: r.listYear,
            residents: r.residents,
            minResidents: r.minResidents,
            conditions: [...r.gates, ...r.criteria],
            criteriaMet: r.criteriaMet,
            minMet: r.minMet,
            persistence: r.persistence,
            reason: r.reason,
            small: [...r.gates, ...r.criteria].some((x) => x.status === 'met' && x.small),
          },
        });
      }
      if (wantWatch) {
        for (const [thresholdId, { condition, rules }] of classificationWatch(ctx, areaId, period)) {
          const evidence = watchEvidence(condition, margin, rules);
          flags.push({
            id: `watch|${thresholdId}|${layerId}|${areaId}|${period}`,
            kind: 'watch',
            severity: 'watch',
            sortKey: sortKeyFor('watch', 1 - evidence.shortByRelative / Math.max(margin, 1e-9)),
            indicatorId: condition.indicatorId,
            classificationId: rules[0]?.id ?? null,
            thresholdId,
            layerId,
            areaId,
            period,
            since: sinceOf(ctx, period, (p) => classificationWatch(ctx, areaId, p).has(thresholdId)),
            link: link(ctx, areaId, period, condition.indicatorId, rules[0]?.id ?? null),
            evidence,
          });
        }
      }
      for (const s of standaloneThresholds(ctx)) {
        const condition = evaluateStandalone(ctx, s, areaId, period);
        if (!condition) continue;
        const metAt = (p: number) => evaluateStandalone(ctx, s, areaId, p)?.status === 'met';
        const nearAt = (p: number) => {
          const x = evaluateStandalone(ctx, s, areaId, p);
          return x !== null && near(x, margin);
        };
        if (wantThreshold && condition.status === 'met') {
          flags.push({
            id: `threshold|${s.key}|${layerId}|${areaId}|${period}`,
            kind: 'threshold',
            severity: 'warning',
            sortKey: sortKeyFor('warning', Math.abs(condition.limit ?? 0) > 0 ? Math.min(1, (condition.distance ?? 0) / Math.abs(condition.limit ?? 1)) : 0),
            indicatorId: s.indicator.id,
            classificationId: null,
            thresholdId: s.key,
            layerId,
            areaId,
            period,
            since: sinceOf(ctx, period, metAt),
            link: link(ctx, areaId, period, s.indicator.id, null),
            evidence: {
              source: 'indicator-threshold',
              listYear: period + ctx.settings.listYearOffset,
              residents: null,
              minResidents: null,
              conditions: [condition],
              criteriaMet: 1,
              minMet: null,
              persistence: null,
              reason: { da: '', en: '' },
              small: condition.small,
            },
          });
        } else if (wantWatch && near(condition, margin)) {
          const evidence = watchEvidence(condition, margin, []);
          flags.push({
            id: `watch|${s.key}|${layerId}|${areaId}|${period}`,
            kind: 'watch',
            severity: 'watch',
            sortKey: sortKeyFor('watch', 1 - evidence.shortByRelative / Math.max(margin, 1e-9)),
            indicatorId: s.indicator.id,
            classificationId: null,
            thresholdId: s.key,
            layerId,
            areaId,
            period,
            since: sinceOf(ctx, period, nearAt),
            link: link(ctx, areaId, period, s.indicator.id, null),
            evidence,
          });
        }
      }
    }
  }
  return flags;
}
