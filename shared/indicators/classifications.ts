/**
 * Evaluates a pack's classifications (e.g. "udsat boligområde", "parallelsamfund",
 * "omdannelsesområde") for every area of every layer and every period of computed
 * results. Pure: no Node, no DOM.
 *
 * Per classification, layer, area and data period P the rules of list year
 * P + listYearOffset apply (the rule's fromPeriod/toPeriod are list years). The parts of
 * a rule must all hold:
 * - residents: the count indicator `residentsIndicator` ≥ minResidents;
 * - gates: every gate threshold is met;
 * - criteria: at least minMet of the criterion thresholds are met;
 * - persistence: the area met any of `persistence.of` in each of the last `years`
 *   periods, the current one included (each year under that year's rules).
 *
 * Statuses use three-valued logic plus one: a missing value (e.g. a 2-year window in the
 * first period, or a relative threshold without a reference value) makes a part
 * 'unknown', and the rule is 'unknown' only if the missing values could change the
 * outcome (1 of 4 criteria met and 1 unknown, 2 required → unknown; 2 met → met; a
 * failed gate → not met whatever is missing). A rule that needs a contested indicator
 * (directly or through persistence) is 'not-evaluated' when includeContested is false:
 * its other criteria are still shown, the contested values are not.
 */
import { formatIndicatorValue, formatNumber } from '../format/number';
import type { Classification, Indicator, IndicatorPack, LocalizedText, Threshold } from './pack';
import type { PackCell, PackResults, ReferenceLevel } from './results';

export type ClassificationStatus = 'met' | 'not-met' | 'unknown' | 'not-evaluated';

export interface EvaluateOptions {
  /** Evaluate rules that need a contested indicator (the non-Western origin criterion). */
  includeContested: boolean;
  /** Data period P is judged by the rules of list year P + listYearOffset (default 0). */
  listYearOffset?: number;
}

/** One gate or criterion of a rule, for one area and period. */
export interface ConditionResult {
  role: 'gate' | 'criterion';
  thresholdId: string;
  indicatorId: string;
  comparison: Threshold['comparison'];
  relativeTo: 'absolute' | 'reference';
  /** The threshold's own number: 0.4 for "> 40 %", 3 for "≥ 3 × the national average". */
  thresholdValue: number;
  /** The indicator's value in its unit basis (shares 0–1, DKK); null when missing or not evaluated. */
  value: number | null;
  /** What the value was compared with: thresholdValue, or thresholdValue × reference. */
  limit: number | null;
  /** The reference value used by a relative threshold (null for absolute thresholds). */
  reference: number | null;
  /** Where that reference came from (the municipality stands in for a missing region/nation). */
  referenceLevel: ReferenceLevel | null;
  status: ClassificationStatus;
  /** The indicator is contested (see Indicator.contested). */
  contested: boolean;
  /**
   * Signed distance from the limit in the indicator's unit basis, oriented so that ≥ 0 is
   * on the side that meets the criterion (for gt/gte: value − limit; for lt/lte: limit −
   * value); 0 exactly at the limit. A not-met criterion with distance ≥ −margin is within
   * the margin below its threshold (see withinMargin). Null when value or limit is missing.
   */
  distance: number | null;
  /** The cell's population is below the indicator's minimum (value uncertain). */
  small: boolean;
}

export interface PersistenceYear {
  period: number;
  listYear: number;
  status: ClassificationStatus;
  /** The classification that was met that year, if any. */
  metBy: string | null;
}

export interface ClassificationResult {
  classificationId: string;
  layerId: string;
  areaId: string;
  /** The data period. */
  period: number;
  /** The list year whose rules were applied (period + listYearOffset). */
  listYear: number;
  status: ClassificationStatus;
  /** Why, in both languages (which parts failed, which values were missing, what was not evaluated). */
  reason: LocalizedText;
  /** Residents (the classification's residents indicator), when it has a residents gate. */
  residents: number | null;
  minResidents: number | null;
  residentsStatus: ClassificationStatus | null;
  gates: ConditionResult[];
  criteria: ConditionResult[];
  criteriaMet: number;
  criteriaUnknown: number;
  minMet: number | null;
  /** Year by year, for persistence rules; null otherwise and when not evaluated. */
  persistence: PersistenceYear[] | null;
  /** Contested indicators the rule needs (directly or through persistence). */
  contestedIndicators: string[];
}

/** Values within this relative tolerance of the limit count as exactly at it (3 × 0.01 ≠ 0.03 in floating point). */
const TIE_TOLERANCE = 1e-12;

/** The oriented distance of a value from its limit (≥ 0: on the meeting side); see ConditionResult.distance. */
export function distanceToLimit(comparison: Threshold['comparison'], value: number, limit: number): number {
  const raw = comparison === 'gt' || comparison === 'gte' ? value - limit : limit - value;
  return Math.abs(raw) <= TIE_TOLERANCE * Math.max(Math.abs(value), Math.abs(limit)) ? 0 : raw;
}

/** Whether the value meets the limit (exact ties within the tolerance count as equal). */
export function meetsLimit(comparison: Threshold['comparison'], value: number, limit: number): boolean {
  const d = distanceToLimit(comparison, value, limit);
  return comparison === 'gte' || comparison === 'lte' ? d >= 0 : d > 0;
}

/**
 * For the watch list: a criterion that is not met but whose value lies within `margin`
 * (in the indicator's unit basis, e.g. 0.05 = 5 percentage points for a share) of its limit.
 */
export function withinMargin(condition: ConditionResult, margin: number): boolean {
  return condition.status === 'not-met' && condition.distance !== null && condition.distance >= -margin;
}

/** The contested indicators a classification needs, directly or through persistence. */
export function contestedIndicatorsOf(pack: IndicatorPack, classificationId: string): string[] {
  const thresholds = thresholdIndex(pack);
  const byId = new Map((pack.classifications ?? []).map((c) => [c.id, c]));
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const c = byId.get(id);
    if (!c) return;
    for (const t of [...(c.gates ?? []), ...(c.criteria ?? [])]) {
      const ind = thresholds.get(t)?.indicator;
      if (ind?.contested !== undefined) found.add(ind.id);
    }
    for (const of of c.persistence?.of ?? []) visit(of);
  };
  visit(classificationId);
  return [...found].sort();
}

/** Whether a classification applies to a list year. */
export function inForce(c: Classification, listYear: number): boolean {
  return (c.fromPeriod === undefined || listYear >= c.fromPeriod) && (c.toPeriod === undefined || listYear <= c.toPeriod);
}

interface ThresholdRef {
  indicator: Indicator;
  threshold: Threshold;
}

function thresholdIndex(pack: IndicatorPack): Map<string, ThresholdRef> {
  const index = new Map<string, ThresholdRef>();
  for (const indicator of pack.indicators) {
    for (const threshold of indicator.thresholds ?? []) if (threshold.id !== undefined) index.set(threshold.id, { indicator, threshold });
  }
  return index;
}

/** AND: any not-met decides; then unknown; then not-evaluated. */
function all(statuses: readonly ClassificationStatus[]): ClassificationStatus {
  if (statuses.includes('not-met')) return 'not-met';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('not-evaluated')) return 'not-evaluated';
  return 'met';
}

/** OR: any met decides; then unknown; then not-evaluated. */
function any(statuses: readonly ClassificationStatus[]): ClassificationStatus {
  if (statuses.includes('met')) return 'met';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('not-evaluated')) return 'not-evaluated';
  return 'not-met';
}

function atLeast(statuses: readonly ClassificationStatus[], k: number): ClassificationStatus {
  const met = statuses.filter((s) => s === 'met').length;
  const open = statuses.filter((s) => s === 'unknown' || s === 'not-evaluated').length;
  if (met >= k) return 'met';
  if (met + open < k) return 'not-met';
  return statuses.includes('unknown') ? 'unknown' : 'not-evaluated';
}

const cellKey = (indicatorId: string, layerId: string, period: number, areaId: string) => `${indicatorId}|${layerId}|${period}|${areaId}`;

const list = (items: readonly string[]) => items.join(', ');

/**
 * Every classification of the pack for every layer × area × period of the results where
 * its rule is in force (ordered by classification, then layer and area as in the
 * results, then period).
 */
export function evaluateClassifications(pack: IndicatorPack, results: PackResults, options: EvaluateOptions): ClassificationResult[] {
  const classifications = pack.classifications ?? [];
  if (classifications.length === 0) return [];
  const offset = options.listYearOffset ?? 0;
  const thresholds = thresholdIndex(pack);
  const indicators = new Map(pack.indicators.map((i) => [i.id, i]));
  const byId = new Map(classifications.map((c) => [c.id, c]));
  const cells = new Map<string, PackCell>();
  const areas = new Map<string, { layerId: string; areaId: string }>();
  const periodSet = new Set<number>();
  for (const c of results.cells) {
    cells.set(cellKey(c.indicatorId, c.layerId, c.period, c.areaId), c);
    const area = `${c.layerId}|${c.areaId}`;
    if (!areas.has(area)) areas.set(area, { layerId: c.layerId, areaId: c.areaId });
    periodSet.add(c.period);
  }
  for (const m of results.municipality) periodSet.add(m.period);
  const periods = [...periodSet].sort((a, b) => a - b);
  const contested = new Map(classifications.map((c) => [c.id, contestedIndicatorsOf(pack, c.id)]));

  const condition = (role: ConditionResult['role'], thresholdId: string, layerId: string, areaId: string, period: number, evaluate: boolean): ConditionResult => {
    const ref = thresholds.get(thresholdId);
    if (!ref) throw new Error(`classification threshold "${thresholdId}" is not in the pack`);
    const { indicator, threshold } = ref;
    const relativeTo = threshold.relativeTo ?? 'absolute';
    const isContested = indicator.contested !== undefined;
    const base = {
      role,
      thresholdId,
      indicatorId: indicator.id,
      comparison: threshold.comparison,
      relativeTo,
      thresholdValue: threshold.value,
      contested: isContested,
    };
    if (!evaluate) {
      return {
        ...base,
        value: null,
        limit: relativeTo === 'absolute' ? threshold.value : null,
        reference: null,
        referenceLevel: null,
        status: 'not-evaluated',
        distance: null,
        small: false,
      };
    }
    const cell = cells.get(cellKey(indicator.id, layerId, period, areaId));
    const value = cell?.value ?? null;
    const reference = relativeTo === 'reference' ? (cell?.reference ?? null) : null;
    const referenceLevel = relativeTo === 'reference' ? (cell?.referenceLevel ?? indicator.reference ?? 'municipality') : null;
    const limit = relativeTo === 'reference' ? (reference === null ? null : threshold.value * reference) : threshold.value;
    const known = value !== null && Number.isFinite(value) && limit !== null && Number.isFinite(limit);
    return {
      ...base,
      value,
      limit,
      reference,
      referenceLevel,
      status: known ? (meetsLimit(threshold.comparison, value, limit) ? 'met' : 'not-met') : 'unknown',
      distance: known ? distanceToLimit(threshold.comparison, value, limit) : null,
      small: cell?.small ?? true,
    };
  };

  const memo = new Map<string, ClassificationResult>();
  const evaluate = (c: Classification, layerId: string, areaId: string, period: number): ClassificationResult => {
    const key = `${c.id}|${layerId}|${areaId}|${period}`;
    const cached = memo.get(key);
    if (cached) return cached;
    const listYear = period + offset;
    const needs = contested.get(c.id) ?? [];
    const evaluated = options.includeContested || needs.length === 0;
    const conditionFor = (role: ConditionResult['role']) => (id: string) => {
      const ind = thresholds.get(id)?.indicator;
      return condition(role, id, layerId, areaId, period, evaluated || ind?.contested === undefined);
    };
    const gates = (c.gates ?? []).map(conditionFor('gate'));
    const criteria = (c.criteria ?? []).map(conditionFor('criterion'));
    const minMet = criteria.length > 0 ? (c.minMet ?? criteria.length) : null;

    let residents: number | null = null;
    let residentsStatus: ClassificationStatus | null = null;
    if (c.minResidents !== undefined) {
      const id = c.residentsIndicator ?? '';
      if (!indicators.has(id)) throw new Error(`classification "${c.id}": residents indicator "${id}" is not in the pack`);
      const v = cells.get(cellKey(id, layerId, period, areaId))?.value ?? null;
      residents = v;
      residentsStatus = v === null ? 'unknown' : v >= c.minResidents ? 'met' : 'not-met';
    }

    let persistence: PersistenceYear[] | null = null;
    if (c.persistence && evaluated) {
      persistence = [];
      for (let k = c.persistence.years - 1; k >= 0; k--) {
        const p = period - k;
        const year: PersistenceYear = { period: p, listYear: p + offset, status: 'unknown', metBy: null };
        if (periodSet.has(p)) {
          const statuses: ClassificationStatus[] = [];
          for (const ofId of c.persistence.of) {
            const of = byId.get(ofId);
            if (!of || !inForce(of, p + offset)) continue;
            const r = evaluate(of, layerId, areaId, p);
            statuses.push(r.status);
            if (r.status === 'met' && year.metBy === null) year.metBy = of.id;
          }
          // No rule of the list was in force that year: the area cannot have been listed.
          year.status = any(statuses);
        }
        persistence.push(year);
      }
    }

    const parts: ClassificationStatus[] = [];
    if (residentsStatus !== null) parts.push(residentsStatus);
    parts.push(...gates.map((g) => g.status));
    if (minMet !== null) parts.push(atLeast(criteria.map((x) => x.status), minMet));
    if (persistence) parts.push(all(persistence.map((y) => y.status)));
    const status: ClassificationStatus = evaluated ? all(parts) : 'not-evaluated';

    const result: ClassificationResult = {
      classificationId: c.id,
      layerId,
      areaId,
      period,
      listYear,
      status,
      reason: { da: '', en: '' },
      residents,
      minResidents: c.minResidents ?? null,
      residentsStatus,
      gates,
      criteria,
      criteriaMet: criteria.filter((x) => x.status === 'met').length,
      criteriaUnknown: criteria.filter((x) => x.status === 'unknown').length,
      minMet,
      persistence,
      contestedIndicators: needs,
    };
    result.reason = reasonOf(result, c);
    memo.set(key, result);
    return result;
  };

  const out: ClassificationResult[] = [];
  for (const c of classifications) {
    for (const { layerId, areaId } of areas.values()) {
      for (const period of periods) {
        if (inForce(c, period + offset)) out.push(evaluate(c, layerId, areaId, period));
      }
    }
  }
  return out;
}

function reasonOf(r: ClassificationResult, c: Classification): LocalizedText {
  if (r.status === 'not-evaluated') {
    return {
      da: `Ikke vurderet: reglen bruger det omstridte kriterium ${list(r.contestedIndicators)} (ikkevestlig herkomst, jf. EU-Domstolens sag C-417/23), som er slået fra. Slå omstridte kriterier til for at vurdere den.`,
      en: `Not evaluated: the rule uses the contested criterion ${list(r.contestedIndicators)} (non-Western origin, cf. EU Court case C-417/23), which is switched off. Switch on contested criteria to evaluate it.`,
    };
  }
  const da: string[] = [];
  const en: string[] = [];
  if (r.residentsStatus !== null && r.minResidents !== null) {
    const n = (language: 'da' | 'en') => (r.residents === null ? '?' : formatNumber(r.residents, language));
    const min = (language: 'da' | 'en') => formatNumber(r.minResidents ?? 0, language);
    if (r.residentsStatus === 'not-met') {
      da.push(`færre end ${min('da')} beboere (${n('da')})`);
      en.push(`fewer than ${min('en')} residents (${n('en')})`);
    } else if (r.residentsStatus === 'unknown') {
      da.push('antal beboere ukendt');
      en.push('number of residents unknown');
    } else {
      da.push(`${n('da')} beboere (mindst ${min('da')})`);
      en.push(`${n('en')} residents (at least ${min('en')})`);
    }
  }
  for (const g of r.gates) {
    const word = { met: ['opfyldt', 'met'], 'not-met': ['ikke opfyldt', 'not met'], unknown: ['ukendt (manglende værdi)', 'unknown (missing value)'], 'not-evaluated': ['ikke vurderet', 'not evaluated'] }[g.status];
    da.push(`betingelse ${g.thresholdId} ${word[0]}`);
    en.push(`gate ${g.thresholdId} ${word[1]}`);
  }
  if (r.minMet !== null) {
    const missing = r.criteria.filter((x) => x.status === 'unknown').map((x) => x.thresholdId);
    da.push(`${r.criteriaMet} af ${r.criteria.length} kriterier opfyldt (mindst ${r.minMet} kræves)${missing.length > 0 ? `; mangler værdi for ${list(missing)}` : ''}`);
    en.push(`${r.criteriaMet} of ${r.criteria.length} criteria met (at least ${r.minMet} required)${missing.length > 0 ? `; no value for ${list(missing)}` : ''}`);
  }
  if (r.persistence && c.persistence) {
    const names = c.persistence.of;
    const metYears = r.persistence.filter((y) => y.status === 'met').length;
    const open = r.persistence.filter((y) => y.status === 'unknown').map((y) => String(y.period));
    const failed = r.persistence.filter((y) => y.status === 'not-met').map((y) => String(y.period));
    da.push(
      `${list(names)} i ${metYears} af de seneste ${c.persistence.years} år` +
        (failed.length > 0 ? `; ikke i ${list(failed)}` : '') +
        (open.length > 0 ? `; ukendt i ${list(open)}` : ''),
    );
    en.push(
      `${list(names)} in ${metYears} of the last ${c.persistence.years} years` +
        (failed.length > 0 ? `; not in ${list(failed)}` : '') +
        (open.length > 0 ? `; unknown in ${list(open)}` : ''),
    );
  }
  const head = { met: ['Opfyldt', 'Met'], 'not-met': ['Ikke opfyldt', 'Not met'], unknown: ['Ukendt: manglende værdier kan ændre udfaldet', 'Unknown: missing values could change the outcome'] }[r.status];
  return { da: `${head[0]}: ${da.join('; ')}.`, en: `${head[1]}: ${en.join('; ')}.` };
}

const OPERATORS: Record<Threshold['comparison'], string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };
const STATUS_TEXT: Record<ClassificationStatus, LocalizedText> = {
  met: { da: 'opfyldt', en: 'met' },
  'not-met': { da: 'ikke opfyldt', en: 'not met' },
  unknown: { da: 'ukendt', en: 'unknown' },
  'not-evaluated': { da: 'ikke vurderet', en: 'not evaluated' },
};
const LEVEL_TEXT: Record<ReferenceLevel, LocalizedText> = {
  municipality: { da: 'kommunen', en: 'the municipality' },
  region: { da: 'regionen', en: 'the region' },
  nation: { da: 'landet', en: 'the nation' },
};

/** A status in words ("opfyldt" / "met", …). */
export function statusText(status: ClassificationStatus, language: 'da' | 'en'): string {
  return STATUS_TEXT[status][language];
}

/**
 * One gate or criterion in words, e.g. "outside_2018_gt_40: 49,2 % > 40,0 % (opfyldt)" or
 * "income_2018_lt_55pct_region: 270.000 kr. < 0,55 × 573.000 kr. (kommunen) = 315.150 kr. (opfyldt)".
 */
export function describeCondition(condition: ConditionResult, unit: Indicator['unit'], language: 'da' | 'en'): string {
  const fmt = (v: number | null) => formatIndicatorValue(v, unit, language);
  const status = STATUS_TEXT[condition.status][language];
  if (condition.status === 'not-evaluated') return `${condition.thresholdId}: ${status}`;
  const op = OPERATORS[condition.comparison];
  const value = condition.value === null ? (language === 'da' ? 'ingen værdi' : 'no value') : fmt(condition.value);
  if (condition.relativeTo === 'absolute') return `${condition.thresholdId}: ${value} ${op} ${fmt(condition.limit)} (${status})`;
  const factor = formatNumber(condition.thresholdValue, language, Number.isInteger(condition.thresholdValue) ? 0 : 2);
  const level = condition.referenceLevel ? ` (${LEVEL_TEXT[condition.referenceLevel][language]})` : '';
  const reference = condition.reference === null ? (language === 'da' ? 'ingen reference' : 'no reference') : fmt(condition.reference);
  return `${condition.thresholdId}: ${value} ${op} ${factor} × ${reference}${level}${condition.limit === null ? '' : ` = ${fmt(condition.limit)}`} (${status})`;
}
