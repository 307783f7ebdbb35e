/** Ordering of flags: severity first, then how sure (a smaller p sorts first). */
import { SEVERITY_RANK, type Flag, type FlagSeverity } from './types';

/** A tie-breaker in [0, 1) that grows as p shrinks: 1 − 1/(1 + −log10 p). */
export function certainty(p: number): number {
  if (!(p < 1)) return 0;
  const digits = -Math.log10(Math.max(p, 1e-300));
  return 1 - 1 / (1 + digits);
}

export function sortKeyFor(severity: FlagSeverity, tieBreaker: number): number {
  return SEVERITY_RANK[severity] + Math.min(0.999999, Math.max(0, tieBreaker));
}

/** Most severe first; ties by period (latest first), then kind, indicator, area. */
export function compareFlags(a: Flag, b: Flag): number {
  return (
    b.sortKey - a.sortKey ||
    b.period - a.period ||
    a.kind.localeCompare(b.kind) ||
    (a.indicatorId ?? a.classificationId ?? '').localeCompare(b.indicatorId ?? b.classificationId ?? '') ||
    a.areaId.localeCompare(b.areaId, undefined, { numeric: true })
  );
}
