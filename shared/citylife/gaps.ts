/**
 * Gaps in city-life series, per site.
 *
 * A regular series (a sensor's 15-minute or hourly intervals, or daily totals) has a step:
 * the most common distance between consecutive window starts. A missing step is a gap.
 * An irregular series (manual counts on chosen days) is checked day by day instead: when
 * the site was observed on at least half the days between its first and last registration
 * (a daily programme), the days without any registration are gaps; a sparser series is a
 * sample of days by design and has no gaps.
 *
 * Gaps are warnings: a missing interval is unobserved, never zero, and every rate is per
 * observed time. A site whose regular series misses more than `maxMissingShare` (default
 * 50 %) of its intervals is an error on import: then the file is more likely cut, or two
 * sites share an id, than a sensor with a few outages. Raise the limit when the outage is
 * known.
 */
import type { Issue } from './issues';
import type { CityLifeStudy, RegistrationKind } from './model';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDayNumber, formatLocal, localDayNumber, startOfLocalDay } from './time';
import { collectWindows } from './windows';

export interface Gap {
  siteId: string;
  /** First missing instant. */
  from: number;
  /** End of the gap (the next observed window's start). */
  to: number;
  /** Missing intervals (unit 'intervals') or days (unit 'days'). */
  missing: number;
  unit: 'intervals' | 'days';
}

export interface SiteCoverage {
  siteId: string;
  /** 'intervals' for a regular series, 'days' for a daily programme, null for a sample of days or too few windows. */
  unit: 'intervals' | 'days' | null;
  /** The step of a regular series in ms (null unless unit = 'intervals'; daily series have unit 'days'). */
  intervalMs: number | null;
  /** First and last window start. */
  first: number | null;
  last: number | null;
  observed: number;
  missing: number;
  /** missing / (observed + missing); 0 without a unit. */
  missingShare: number;
}

export interface GapOptions {
  kind?: RegistrationKind;
  /** Above this share of missing intervals a site's series is an error on import (default 0.5; 1 never). */
  maxMissingShare?: number;
}

export const DEFAULT_MAX_MISSING_SHARE = 0.5;

/** Share of consecutive steps equal to the modal step for a series to count as regular. */
const REGULAR_SHARE = 0.8;

function modalStep(diffs: number[]): { step: number; share: number } {
  const tally = new Map<number, number>();
  for (const d of diffs) tally.set(d, (tally.get(d) ?? 0) + 1);
  let step = 0;
  let best = 0;
  for (const [d, n] of tally) {
    if (n > best || (n === best && d < step)) {
      best = n;
      step = d;
    }
  }
  return { step, share: diffs.length > 0 ? best / diffs.length : 0 };
}

export function detectGaps(study: CityLifeStudy, options: GapOptions = {}): { gaps: Gap[]; coverage: SiteCoverage[] } {
  const kind = options.kind ?? 'moving';
  const w = collectWindows(study, { kind });
  const startsBySite: number[][] = study.sites.map(() => []);
  for (let i = 0; i < w.n; i++) startsBySite[w.site[i]!]!.push(w.start[i]!);
  const gaps: Gap[] = [];
  const coverage: SiteCoverage[] = [];
  study.sites.forEach((site, s) => {
    const starts = Float64Array.from(new Set(startsBySite[s]!)).sort();
    const first = starts.length > 0 ? starts[0]! : null;
    const last = starts.length > 0 ? starts[starts.length - 1]! : null;
    const none: SiteCoverage = { siteId: site.id, unit: null, intervalMs: null, first, last, observed: starts.length, missing: 0, missingShare: 0 };
    if (starts.length < 3) {
      coverage.push(none);
      return;
    }
    const diffs: number[] = [];
    for (let i = 1; i < starts.length; i++) diffs.push(starts[i]! - starts[i - 1]!);
    const modal = modalStep(diffs);
    const step = site.intervalMs ?? modal.step;
    const regular = site.intervalMs !== undefined || modal.share >= REGULAR_SHARE;
    if (regular && step < 23 * HOUR_MS) {
      let missing = 0;
      for (let i = 1; i < starts.length; i++) {
        const d = starts[i]! - starts[i - 1]!;
        if (d > step * 1.5) {
          const m = Math.round(d / step) - 1;
          missing += m;
          gaps.push({ siteId: site.id, from: starts[i - 1]! + step, to: starts[i]!, missing: m, unit: 'intervals' });
        }
      }
      coverage.push({ ...none, unit: 'intervals', intervalMs: step, observed: starts.length, missing, missingShare: missing / (starts.length + missing) });
      return;
    }
    // Day by day: daily totals (a step of a day, 23 or 25 hours around summer time) or a daily programme.
    const days = Int32Array.from(new Set(Array.from(starts, (t) => localDayNumber(t)))).sort();
    const span = days[days.length - 1]! - days[0]! + 1;
    const daily = (regular && step >= 23 * HOUR_MS) || days.length / span >= 0.5;
    if (!daily || days.length < 2) {
      coverage.push(none);
      return;
    }
    let missing = 0;
    for (let i = 1; i < days.length; i++) {
      const d = days[i]! - days[i - 1]!;
      if (d > 1) {
        missing += d - 1;
        gaps.push({ siteId: site.id, from: startOfLocalDay(days[i - 1]! + 1), to: startOfLocalDay(days[i]!), missing: d - 1, unit: 'days' });
      }
    }
    coverage.push({ ...none, unit: 'days', observed: days.length, missing, missingShare: missing / (days.length + missing) });
  });
  return { gaps, coverage };
}

/** "30 timer" / "30 hours", "2 dage" / "2 days", "45 minutter" / "45 minutes". */
export function formatDuration(ms: number): { da: string; en: string } {
  const plural = (n: number, da1: string, daN: string, en1: string, enN: string) => ({
    da: `${n} ${n === 1 ? da1 : daN}`,
    en: `${n} ${n === 1 ? en1 : enN}`,
  });
  if (ms >= 2 * DAY_MS && ms % DAY_MS === 0) return plural(ms / DAY_MS, 'dag', 'dage', 'day', 'days');
  if (ms >= HOUR_MS) {
    const h = Math.round((ms / HOUR_MS) * 10) / 10;
    const da = String(h).replace('.', ',');
    return { da: `${da} ${h === 1 ? 'time' : 'timer'}`, en: `${h} ${h === 1 ? 'hour' : 'hours'}` };
  }
  return plural(Math.round(ms / MINUTE_MS), 'minut', 'minutter', 'minute', 'minutes');
}

/**
 * Gap warnings (one per site with gaps) and errors (sites over the missing-share limit), as
 * import issues.
 */
export function gapIssues(
  study: CityLifeStudy,
  found: { gaps: Gap[]; coverage: SiteCoverage[] },
  options: GapOptions = {},
): { warnings: Issue[]; errors: Issue[] } {
  const limit = options.maxMissingShare ?? DEFAULT_MAX_MISSING_SHARE;
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  const nameOf = new Map(study.sites.map((s) => [s.id, s.name]));
  const bySite = new Map<string, Gap[]>();
  for (const g of found.gaps) {
    const list = bySite.get(g.siteId) ?? [];
    list.push(g);
    bySite.set(g.siteId, list);
  }
  for (const c of found.coverage) {
    const list = bySite.get(c.siteId);
    if (!list || list.length === 0 || c.first === null || c.last === null) continue;
    const label = `«${nameOf.get(c.siteId) ?? c.siteId}» (${c.siteId})`;
    const pct = Math.round(c.missingShare * 100);
    const from = c.unit === 'days' ? formatDayNumber(localDayNumber(c.first)) : formatLocal(c.first);
    const to = c.unit === 'days' ? formatDayNumber(localDayNumber(c.last)) : formatLocal(c.last);
    if (c.missingShare > limit) {
      errors.push({
        code: 'gaps-exceed-threshold',
        message: {
          da: `Sted ${label} mangler data i ${pct} % af perioden ${from} – ${to} (grænsen er ${Math.round(limit * 100)} %). Tjek at filen er hel, og at hvert sted har sit eget id; er udfaldet kendt, så hæv grænsen for huller.`,
          en: `Site ${label} lacks data for ${pct}% of the period ${from} – ${to} (the limit is ${Math.round(limit * 100)}%). Check that the file is complete and that each site has its own id; if the outage is known, raise the gap limit.`,
        },
        where: { siteId: c.siteId, from: c.first, to: c.last },
      });
      continue;
    }
    const firstGap = list[0]!;
    const missingTime = c.unit === 'intervals' && c.intervalMs !== null ? formatDuration(c.missing * c.intervalMs) : formatDuration(c.missing * DAY_MS);
    const firstText =
      firstGap.unit === 'days'
        ? `${formatDayNumber(localDayNumber(firstGap.from))} – ${formatDayNumber(localDayNumber(firstGap.to) - 1)}`
        : `${formatLocal(firstGap.from)} – ${formatLocal(firstGap.to)}`;
    warnings.push({
      code: 'gaps',
      message: {
        da: `Sted ${label}: ${list.length} ${list.length === 1 ? 'hul' : 'huller'} i tidsserien, i alt ${missingTime.da} uden data (${pct} %; første: ${firstText}). Huller tæller ikke som nul: tal pr. time bygger kun på observeret tid.`,
        en: `Site ${label}: ${list.length} ${list.length === 1 ? 'gap' : 'gaps'} in the series, ${missingTime.en} without data in all (${pct}%; first: ${firstText}). Gaps do not count as zero: rates per hour rest on observed time only.`,
      },
      where: { siteId: c.siteId, from: firstGap.from, to: firstGap.to },
    });
  }
  return { warnings, errors };
}
