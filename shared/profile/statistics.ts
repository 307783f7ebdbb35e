/**
 * From aggregates to "the characteristics that differ most": differences in shares
 * (Newcombe's hybrid score interval, Cohen's h) and in means (Welch's interval, Cohen's
 * d), with disclosure control — counts below the minimum cell size are suppressed, with
 * complementary suppression within each column so a suppressed count cannot be worked
 * back from the total — ranked by the size of the standardised effect. Pure functions of
 * aggregates: nothing here sees, lists or scores a person. References in
 * docs/target-group.md.
 */
import { normalQuantile, studentTQuantile } from '../stats/distributions';
import { wilsonInterval, type Interval } from '../stats/intervals';
import {
  allowedCategories,
  CONFIDENCE,
  filterColumns,
  MIN_CELL,
  MIN_GROUP_SIZE,
  ZERO_IS_SAFE,
  type Category,
  type ProfileColumn,
  type TargetGroupDefinition,
} from './definition';

// ---------------------------------------------------------------------------------------
// The statistics.

function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * Newcombe's hybrid score interval for p1 − p2 = x1/n1 − x2/n2 from independent samples
 * (Newcombe 1998, method 10): with Wilson limits (l1, u1) and (l2, u2),
 *   lower = d − √((p1 − l1)² + (u2 − p2)²),  upper = d + √((u1 − p1)² + (p2 − l2)²).
 * Null when either n is 0.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, confidence = CONFIDENCE): Interval | null {
  const z = zFor(confidence);
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    lower: Math.max(-1, d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2)),
    upper: Math.min(1, d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2)),
  };
}

/** Cohen's h = 2·asin √p1 − 2·asin √p2 (Cohen 1988, ch. 6): 0.2 small, 0.5 medium, 0.8 large. */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

export interface MeanSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
}

/**
 * Welch's interval for μ1 − μ2 (Welch 1947; Satterthwaite's degrees of freedom): the
 * difference ± t(1 − α/2; ν)·√(s1²/n1 + s2²/n2). Null with fewer than 2 values on either
 * side or no spread at all.
 */
export function welchInterval(a: MeanSummary, b: MeanSummary, confidence = CONFIDENCE): (Interval & { df: number }) | null {
  if (!(a.n >= 2 && b.n >= 2)) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(se2);
  const d = a.mean - b.mean;
  return { lower: d - half, upper: d + half, df };
}

/**
 * Cohen's d = (μ1 − μ2) / s_pooled, s_pooled = √(((n1 − 1)s1² + (n2 − 1)s2²) / (n1 + n2 − 2))
 * (Cohen 1988, ch. 2). Null when there is no spread to standardise by.
 */
export function cohensD(a: MeanSummary, b: MeanSummary): number | null {
  if (!(a.n + b.n > 2)) return null;
  const pooled = Math.sqrt(((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / (a.n + b.n - 2));
  return pooled > 0 ? (a.mean - b.mean) / pooled : null;
}

// ---------------------------------------------------------------------------------------
// Disclosure control.

/** One population's counts of one column (their total is published), and which are zero by definition. */
export interface ColumnCounts {
  counts: readonly number[];
  /**
   * Categories the group's own conditions exclude (e.g. employed persons in a group of
   * unemployed): a zero there says nothing about anyone and needs no protection.
   */
  structural: readonly boolean[];
}

export type RowStatus = 'shown' | 'small' | 'complementary';

/**
 * Suppression of the rows (categories) of one column, each row showing one count per
 * population. Primary: a row is suppressed when any of its counts is below minCell (zero
 * included unless zeroIsSafe), unless that count is a structural zero. Complementary: the total of each
 * population is published, so as long as a population's suppressed counts could be worked
 * back from it — a single suppressed count, or suppressed counts summing to less than
 * minCell — the row with that population's smallest shown count is suppressed too. Then,
 * given everything shown, each suppressed count can lie anywhere in [0, S], S ≥ minCell
 * the sum of its population's suppressed counts: at least minCell apart, the protection
 * the design brief asks for (no suppressed count can be narrowed to, say, 1–3).
 */
export function suppressRows(populations: readonly ColumnCounts[], minCell = MIN_CELL, zeroIsSafe = ZERO_IS_SAFE): RowStatus[] {
  const rows = populations[0]?.counts.length ?? 0;
  const known = (p: ColumnCounts, i: number) => p.structural[i] === true && p.counts[i] === 0;
  const unsafe = (n: number) => n < minCell && !(zeroIsSafe && n === 0);
  const status: RowStatus[] = Array.from({ length: rows }, (_, i) =>
    populations.some((p) => !known(p, i) && unsafe(p.counts[i] ?? 0)) ? 'small' : 'shown',
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of populations) {
      const hidden = status.flatMap((s, i) => (s !== 'shown' && !known(p, i) ? [i] : []));
      if (hidden.length === 0) continue;
      const sum = hidden.reduce((acc, i) => acc + (p.counts[i] ?? 0), 0);
      if (hidden.length >= 2 && sum >= minCell) continue;
      let next = -1;
      status.forEach((s, i) => {
        if (s === 'shown' && !known(p, i) && (next < 0 || (p.counts[i] ?? 0) < (p.counts[next] ?? 0))) next = i;
      });
      if (next >= 0) {
        status[next] = 'complementary';
        changed = true;
      }
    }
  }
  return status;
}

// ---------------------------------------------------------------------------------------
// The profile.

/** The aggregates a profile is made from (what compileProfileQuery returns, parsed). */
export interface ProfileAggregates {
  groupSize: number;
  comparisonSize: number;
  /** Persons in both populations (the comparison includes the group, or overlapping areas). */
  overlap: number;
  categories: { column: string; category: Category; group: number; comparison: number }[];
  numeric: { column: string; group: MeanSummary; comparison: MeanSummary }[];
}

export type Characteristic = { kind: 'share'; column: string; category: Category } | { kind: 'mean'; column: string };

interface RowBase {
  /** Stable id: "column=category" ("column=" + "∅" for a missing value) or the column name. */
  id: string;
  characteristic: Characteristic;
  contested: boolean;
  /** The column is used in the group's conditions: the difference is (partly) by definition, so it is not ranked. */
  inDefinition: boolean;
}

export interface ShownRow extends RowBase {
  suppressed: false;
  /** Share (0–1) or mean of the group, and of the comparison. */
  group: number;
  comparison: number;
  /** Standard deviations of a mean row (null for shares, or with a single value). */
  groupSd: number | null;
  comparisonSd: number | null;
  difference: number;
  /** Newcombe (shares) or Welch (means) interval of the difference; null where undefined. */
  interval: Interval | null;
  effect: number | null;
  effectMeasure: 'cohens-h' | 'cohens-d';
  /** 1 = differs most; null for rows not ranked (in the definition, or no effect size). */
  rank: number | null;
}

export interface SuppressedRow extends RowBase {
  suppressed: true;
  /** 'small': a count below the minimum cell size; 'complementary': to protect another suppressed count. */
  reason: 'small' | 'complementary';
  rank: null;
}

export type ProfileRow = ShownRow | SuppressedRow;

export type TargetGroupProfile =
  | {
      status: 'ok';
      period: number;
      groupSize: number;
      comparisonSize: number;
      /** Whether the comparison holds all, some or none of the group (intervals assume independent samples). */
      overlap: 'none' | 'partial' | 'all';
      /** Ranked rows first (rank 1 first), then shown rows not ranked, then suppressed rows. */
      rows: ProfileRow[];
      minCell: number;
      /** Whether zero counts were published (see ZERO_IS_SAFE). */
      zeroIsSafe: boolean;
      confidence: number;
    }
  | {
      /** The group or the comparison is smaller than minGroupSize: no profile (and no size shown). */
      status: 'too-small';
      population: 'group' | 'comparison' | 'both';
      minGroupSize: number;
    };

export interface ProfileOptions {
  minCell?: number;
  /** Publish zero counts (default ZERO_IS_SAFE). */
  zeroIsSafe?: boolean;
  minGroupSize?: number;
  confidence?: number;
}

export const MISSING_CATEGORY_ID = '∅';

export function characteristicId(c: Characteristic): string {
  return c.kind === 'mean' ? c.column : `${c.column}=${c.category ?? MISSING_CATEGORY_ID}`;
}

function rankValue(row: ProfileRow): number | null {
  return !row.suppressed && !row.inDefinition && row.effect !== null && Number.isFinite(row.effect) ? Math.abs(row.effect) : null;
}

/**
 * Turns aggregates into a ranked profile. `columns` are the characteristics in the order
 * to list them (contested ones already left out unless included); aggregates of other
 * columns are ignored.
 */
export function buildProfile(
  aggregates: ProfileAggregates,
  columns: readonly ProfileColumn[],
  definition: TargetGroupDefinition,
  options: ProfileOptions = {},
): TargetGroupProfile {
  const minCell = options.minCell ?? MIN_CELL;
  const minGroupSize = Math.max(options.minGroupSize ?? MIN_GROUP_SIZE, minCell);
  const confidence = options.confidence ?? CONFIDENCE;
  const groupSmall = aggregates.groupSize < minGroupSize;
  const comparisonSmall = aggregates.comparisonSize < minGroupSize;
  if (groupSmall || comparisonSmall) {
    return { status: 'too-small', population: groupSmall && comparisonSmall ? 'both' : groupSmall ? 'group' : 'comparison', minGroupSize };
  }
  const { groupSize: n1, comparisonSize: n2 } = aggregates;
  const defined = filterColumns(definition.conditions);
  const sameConditions = (definition.comparisonConditions ?? 'none') === 'same';
  const rows: ProfileRow[] = [];

  for (const column of columns) {
    const base = { contested: column.contested !== null, inDefinition: defined.has(column.name) };
    if (column.kind === 'numeric') {
      const agg = aggregates.numeric.find((a) => a.column === column.name);
      if (!agg) continue;
      const characteristic: Characteristic = { kind: 'mean', column: column.name };
      const id = characteristicId(characteristic);
      if (agg.group.n < minCell || agg.comparison.n < minCell) {
        rows.push({ id, characteristic, ...base, suppressed: true, reason: 'small', rank: null });
        continue;
      }
      rows.push({
        id,
        characteristic,
        ...base,
        suppressed: false,
        group: agg.group.mean,
        comparison: agg.comparison.mean,
        groupSd: agg.group.n >= 2 ? agg.group.sd : null,
        comparisonSd: agg.comparison.n >= 2 ? agg.comparison.sd : null,
        difference: agg.group.mean - agg.comparison.mean,
        interval: (() => {
          const w = welchInterval(agg.group, agg.comparison, confidence);
          return w ? { lower: w.lower, upper: w.upper } : null;
        })(),
        effect: cohensD(agg.group, agg.comparison),
        effectMeasure: 'cohens-d',
        rank: null,
      });
      continue;
    }
    const cells = aggregates.categories.filter((a) => a.column === column.name);
    const allowed = allowedCategories(definition.conditions, column.name);
    const excluded = (category: Category) => allowed !== null && !allowed.has(category);
    // Rows zero by definition in both populations say nothing: left out.
    const kept = cells.filter((c) => !(excluded(c.category) && c.group === 0 && sameConditions && c.comparison === 0));
    const status = suppressRows(
      [
        { counts: kept.map((c) => c.group), structural: kept.map((c) => excluded(c.category)) },
        { counts: kept.map((c) => c.comparison), structural: kept.map((c) => sameConditions && excluded(c.category)) },
      ],
      minCell,
      options.zeroIsSafe ?? ZERO_IS_SAFE,
    );
    kept.forEach((cell, i) => {
      const characteristic: Characteristic = { kind: 'share', column: column.name, category: cell.category };
      const id = characteristicId(characteristic);
      const s = status[i] ?? 'small';
      if (s !== 'shown') {
        rows.push({ id, characteristic, ...base, suppressed: true, reason: s, rank: null });
        return;
      }
      const p1 = cell.group / n1;
      const p2 = cell.comparison / n2;
      rows.push({
        id,
        characteristic,
        ...base,
        suppressed: false,
        group: p1,
        comparison: p2,
        groupSd: null,
        comparisonSd: null,
        difference: p1 - p2,
        interval: newcombeInterval(cell.group, n1, cell.comparison, n2, confidence),
        effect: cohensH(p1, p2),
        effectMeasure: 'cohens-h',
        rank: null,
      });
    });
  }

  const ranked = rows
    .filter((r) => rankValue(r) !== null)
    .sort((a, b) => (rankValue(b) ?? 0) - (rankValue(a) ?? 0) || a.id.localeCompare(b.id));
  ranked.forEach((r, i) => {
    if (!r.suppressed) r.rank = i + 1;
  });
  const unranked = rows.filter((r) => !r.suppressed && r.rank === null);
  const suppressed = rows.filter((r) => r.suppressed);
  return {
    status: 'ok',
    period: definition.period,
    groupSize: n1,
    comparisonSize: n2,
    overlap: aggregates.overlap === 0 ? 'none' : aggregates.overlap >= n1 ? 'all' : 'partial',
    rows: [...ranked, ...unranked, ...suppressed],
    minCell,
    zeroIsSafe: options.zeroIsSafe ?? ZERO_IS_SAFE,
    confidence,
  };
}
