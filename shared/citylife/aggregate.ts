/**
 * Aggregates of city-life registrations for the views: sites on the map sized by volume, the
 * hour-of-day × weekday heat map, daily and weekly profiles, mode and activity mixes and the
 * comparison of sites.
 *
 * Every rate is per observed time, so a site watched for more hours does not look busier:
 * for people moving, people per observed hour; for people staying (snapshots), people per
 * snapshot. The observed time of a cell is kept beside its sum, so a view can grey out cells
 * that were never observed instead of showing them as zero.
 *
 * Placement, in Europe/Copenhagen local time:
 * - hour × weekday cells and the daily profile take windows of at most one hour (and every
 *   staying snapshot), by the local hour and weekday of their start;
 * - the weekly profile takes every window that lies within one local day;
 * - longer windows (multi-day totals) count in site totals only.
 *
 * One pass over the registrations (summarise) builds per-site accumulators; every view is
 * then a cheap combination of them. O(n) and allocation-light for ~10⁶ registrations.
 */
import type { CityLifeStudy, Position, Registration, RegistrationKind } from './model';
import { DAY_MS, HOUR_MS, startOfLocalDay, toWallClock, weekdayOfDay } from './time';
import { collectWindows } from './windows';

export const WEEKDAYS = 7;
export const HOURS = 24;
const CELLS = WEEKDAYS * HOURS;

export interface SummaryOptions {
  /** 'moving' (default): people per observed hour; 'staying': people per snapshot. */
  kind?: RegistrationKind;
  /** Only windows starting at or after this instant (epoch ms). */
  from?: number;
  /** Only windows starting before this instant. */
  to?: number;
}

export interface SiteSummary {
  siteId: string;
  name: string;
  centroid: Position | null;
  areaId?: string;
  /** People counted in all windows. */
  total: number;
  /** Distinct observation windows. */
  windows: number;
  /** Observed time in hours (moving) or number of snapshots (staying). */
  exposure: number;
  /** total / exposure; null when never observed. */
  rate: number | null;
  first: number | null;
  last: number | null;
  /** Local days with at least one window. */
  days: number;
  /** Index weekday × 24 + hour (weekday 0 = Monday); windows ≤ 1 h (all snapshots). */
  cellSum: Float64Array;
  cellExposure: Float64Array;
  /** By weekday; windows within one local day. */
  weekdaySum: Float64Array;
  weekdayExposure: Float64Array;
  /** Fully observed local days per weekday and the people counted on them. */
  fullDays: Int32Array;
  fullDaySum: Float64Array;
  /** People in windows too long for the hour × weekday cells. */
  unplacedInCells: number;
}

export interface StudySummary {
  kind: RegistrationKind;
  exposureUnit: 'hours' | 'snapshots';
  sites: SiteSummary[];
}

/** One pass over the registrations: per-site totals and hour × weekday accumulators. */
export function summarise(study: CityLifeStudy, options: SummaryOptions = {}): StudySummary {
  const kind = options.kind ?? 'moving';
  const w = collectWindows(study, { kind, from: options.from, to: options.to });
  const staying = kind === 'staying';
  const sites: SiteSummary[] = study.sites.map((s) => ({
    siteId: s.id,
    name: s.name,
    centroid: s.centroid,
    ...(s.areaId !== undefined ? { areaId: s.areaId } : {}),
    total: 0,
    windows: 0,
    exposure: 0,
    rate: null,
    first: null,
    last: null,
    days: 0,
    cellSum: new Float64Array(CELLS),
    cellExposure: new Float64Array(CELLS),
    weekdaySum: new Float64Array(WEEKDAYS),
    weekdayExposure: new Float64Array(WEEKDAYS),
    fullDays: new Int32Array(WEEKDAYS),
    fullDaySum: new Float64Array(WEEKDAYS),
    unplacedInCells: 0,
  }));
  // Per site and local day: people and observed hours, for days and full days.
  const dayMaps: Map<number, [number, number]>[] = study.sites.map(() => new Map());
  for (let i = 0; i < w.n; i++) {
    const s = sites[w.site[i]!]!;
    const start = w.start[i]!;
    const end = w.end[i]!;
    const count = w.count[i]!;
    const hours = (end - start) / HOUR_MS;
    const exposure = staying ? 1 : hours;
    s.total += count;
    s.windows++;
    s.exposure += exposure;
    if (s.first === null || start < s.first) s.first = start;
    if (s.last === null || end > s.last) s.last = end;
    const wall = toWallClock(start);
    const day = Math.floor(wall / DAY_MS);
    const weekday = weekdayOfDay(day);
    const hour = Math.floor((wall - day * DAY_MS) / HOUR_MS);
    if (staying || hours <= 1) {
      const cell = weekday * HOURS + hour;
      s.cellSum[cell]! += count;
      s.cellExposure[cell]! += exposure;
    } else s.unplacedInCells += count;
    // Within one local day: the end is no later than the next local midnight.
    if (end - start <= 25 * HOUR_MS && toWallClock(end) <= (day + 1) * DAY_MS) {
      s.weekdaySum[weekday]! += count;
      s.weekdayExposure[weekday]! += exposure;
      const acc = dayMaps[w.site[i]!]!.get(day);
      if (acc) {
        acc[0] += count;
        acc[1] += end - start;
      } else dayMaps[w.site[i]!]!.set(day, [count, end - start]);
    }
  }
  sites.forEach((s, k) => {
    s.rate = s.exposure > 0 ? s.total / s.exposure : null;
    const days = dayMaps[k]!;
    s.days = days.size;
    if (staying) return;
    for (const [day, [count, observed]] of days) {
      const length = startOfLocalDay(day + 1) - startOfLocalDay(day);
      if (observed >= length - 60_000) {
        const wd = weekdayOfDay(day);
        s.fullDays[wd]!++;
        s.fullDaySum[wd]! += count;
      }
    }
  });
  return { kind, exposureUnit: staying ? 'snapshots' : 'hours', sites };
}

function chosen(summary: StudySummary, siteIds?: readonly string[]): SiteSummary[] {
  if (!siteIds) return summary.sites;
  const want = new Set(siteIds);
  return summary.sites.filter((s) => want.has(s.siteId));
}

// ---------------------------------------------------------------------------------------
// Map: sites sized by volume.

export interface SiteVolume {
  siteId: string;
  name: string;
  centroid: Position | null;
  total: number;
  exposure: number;
  /** People per observed hour (moving) or per snapshot (staying); null when never observed. */
  rate: number | null;
  /** rate / the largest rate among the sites (0–1); null when never observed. */
  relative: number | null;
}

/** Volume per site for the map, normalised by observed time. */
export function siteVolumes(summary: StudySummary, siteIds?: readonly string[]): SiteVolume[] {
  const list = chosen(summary, siteIds);
  let max = 0;
  for (const s of list) if (s.rate !== null && s.rate > max) max = s.rate;
  return list.map((s) => ({
    siteId: s.siteId,
    name: s.name,
    centroid: s.centroid,
    total: s.total,
    exposure: s.exposure,
    rate: s.rate,
    relative: s.rate === null ? null : max > 0 ? s.rate / max : 0,
  }));
}

/** A circle radius whose area is proportional to the volume: maxRadius × √relative. */
export function circleRadius(relative: number | null, maxRadius: number, minRadius = 3): number {
  if (relative === null || !(relative > 0)) return minRadius;
  return Math.max(minRadius, maxRadius * Math.sqrt(relative));
}

// ---------------------------------------------------------------------------------------
// Heat map and profiles.

export interface HeatMatrix {
  /** [weekday 0 = Monday][hour 0–23]. */
  sum: number[][];
  /** Observed hours (or snapshots) per cell; 0 = never observed (grey). */
  exposure: number[][];
  /** sum / exposure; null when never observed. */
  mean: (number | null)[][];
  /** The largest mean, for the colour scale (0 when nothing was observed). */
  maxMean: number;
  /** People in windows longer than an hour, left out of the cells. */
  unplaced: number;
}

/** The hour-of-day × weekday matrix over the chosen sites (all when absent). */
export function heatMatrix(summary: StudySummary, siteIds?: readonly string[]): HeatMatrix {
  const sum = new Float64Array(CELLS);
  const exposure = new Float64Array(CELLS);
  let unplaced = 0;
  for (const s of chosen(summary, siteIds)) {
    for (let c = 0; c < CELLS; c++) {
      sum[c]! += s.cellSum[c]!;
      exposure[c]! += s.cellExposure[c]!;
    }
    unplaced += s.unplacedInCells;
  }
  let maxMean = 0;
  const rows = (a: Float64Array) => Array.from({ length: WEEKDAYS }, (_, d) => Array.from(a.subarray(d * HOURS, (d + 1) * HOURS)));
  const mean = Array.from({ length: WEEKDAYS }, (_, d) =>
    Array.from({ length: HOURS }, (_, h) => {
      const e = exposure[d * HOURS + h]!;
      if (!(e > 0)) return null;
      const m = sum[d * HOURS + h]! / e;
      if (m > maxMean) maxMean = m;
      return m;
    }),
  );
  return { sum: rows(sum), exposure: rows(exposure), mean, maxMean, unplaced };
}

export interface HourPoint {
  hour: number;
  sum: number;
  exposure: number;
  /** People per observed hour (or per snapshot) at this hour of day; null when never observed. */
  mean: number | null;
}

/** Mean by hour of day: all days, Monday–Friday or Saturday–Sunday. */
export function dailyProfile(summary: StudySummary, siteIds?: readonly string[], days: 'all' | 'weekdays' | 'weekend' = 'all'): HourPoint[] {
  const m = heatMatrix(summary, siteIds);
  const dayList = days === 'all' ? [0, 1, 2, 3, 4, 5, 6] : days === 'weekdays' ? [0, 1, 2, 3, 4] : [5, 6];
  return Array.from({ length: HOURS }, (_, hour) => {
    let sum = 0;
    let exposure = 0;
    for (const d of dayList) {
      sum += m.sum[d]![hour]!;
      exposure += m.exposure[d]![hour]!;
    }
    return { hour, sum, exposure, mean: exposure > 0 ? sum / exposure : null };
  });
}

export interface WeekdayPoint {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  sum: number;
  exposure: number;
  /** People per observed hour (or per snapshot) on this weekday; null when never observed. */
  mean: number | null;
  /** Fully observed days of this weekday (moving only). */
  fullDays: number;
  /** People per fully observed day; null without full days. */
  meanPerFullDay: number | null;
}

/** Mean by weekday, over windows that lie within one local day. */
export function weeklyProfile(summary: StudySummary, siteIds?: readonly string[]): WeekdayPoint[] {
  const list = chosen(summary, siteIds);
  return Array.from({ length: WEEKDAYS }, (_, weekday) => {
    let sum = 0;
    let exposure = 0;
    let fullDays = 0;
    let fullSum = 0;
    for (const s of list) {
      sum += s.weekdaySum[weekday]!;
      exposure += s.weekdayExposure[weekday]!;
      fullDays += s.fullDays[weekday]!;
      fullSum += s.fullDaySum[weekday]!;
    }
    return {
      weekday,
      sum,
      exposure,
      mean: exposure > 0 ? sum / exposure : null,
      fullDays,
      meanPerFullDay: fullDays > 0 ? fullSum / fullDays : null,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Mixes.

export type MixField = 'mode' | 'direction' | 'posture' | 'activity' | 'ageGroup' | 'gender' | 'group';

export interface MixRow {
  key: string;
  count: number;
  /** Share of the people with this field recorded (0–1). */
  share: number;
}

export interface Mix {
  field: MixField;
  kind: RegistrationKind;
  /** Largest first. */
  rows: MixRow[];
  /** People with the field recorded (for activities: mentions, as one person may do two things). */
  recorded: number;
  /** People without it. */
  unspecified: number;
}

export interface MixOptions extends SummaryOptions {
  siteIds?: readonly string[];
}

/**
 * Shares by mode, direction, posture, activity, age group, gender or group size. Activities
 * are multi-valued: each mention counts, and shares are of mentions.
 */
export function mix(study: CityLifeStudy, field: MixField, options: MixOptions = {}): Mix {
  const kind = options.kind ?? (field === 'mode' || field === 'direction' ? 'moving' : 'staying');
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const want = options.siteIds ? new Set(options.siteIds) : null;
  const tally = new Map<string, number>();
  let recorded = 0;
  let unspecified = 0;
  const add = (key: string, n: number) => {
    tally.set(key, (tally.get(key) ?? 0) + n);
    recorded += n;
  };
  const read = (r: Registration): string | undefined => r[field as Exclude<MixField, 'activity'>];
  for (const r of study.counts) {
    if (r.kind !== kind || r.start < from || r.start >= to || r.count === 0) continue;
    if (want && !want.has(r.siteId)) continue;
    if (field === 'activity') {
      if (r.activities) for (const a of r.activities) add(a, r.count);
      else if (r.activity !== undefined) add(r.activity, r.count);
      else unspecified += r.count;
      continue;
    }
    const v = read(r);
    if (v === undefined) unspecified += r.count;
    else add(v, r.count);
  }
  const rows = [...tally.entries()]
    .map(([key, count]) => ({ key, count, share: recorded > 0 ? count / recorded : 0 }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { field, kind, rows, recorded, unspecified };
}

// ---------------------------------------------------------------------------------------
// Comparison of sites.

export interface SiteComparisonRow {
  siteId: string;
  name: string;
  total: number;
  exposure: number;
  rate: number | null;
  /** Rate on Monday–Friday and on Saturday–Sunday (cells, windows ≤ 1 h). */
  weekdayRate: number | null;
  weekendRate: number | null;
  /** The local hour of day with the highest mean (all days), and that mean. */
  peakHour: number | null;
  peakRate: number | null;
  days: number;
  /** rate ÷ the mean of the compared sites' rates (1 = average). */
  indexToMean: number | null;
  first: number | null;
  last: number | null;
}

export function compareSites(summary: StudySummary, siteIds?: readonly string[]): SiteComparisonRow[] {
  const list = chosen(summary, siteIds);
  const rates = list.map((s) => s.rate).filter((r): r is number => r !== null);
  const meanRate = rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  return list.map((s) => {
    let wdSum = 0;
    let wdExp = 0;
    let weSum = 0;
    let weExp = 0;
    const hourSum = new Float64Array(HOURS);
    const hourExp = new Float64Array(HOURS);
    for (let d = 0; d < WEEKDAYS; d++) {
      for (let h = 0; h < HOURS; h++) {
        const c = d * HOURS + h;
        if (d < 5) {
          wdSum += s.cellSum[c]!;
          wdExp += s.cellExposure[c]!;
        } else {
          weSum += s.cellSum[c]!;
          weExp += s.cellExposure[c]!;
        }
        hourSum[h]! += s.cellSum[c]!;
        hourExp[h]! += s.cellExposure[c]!;
      }
    }
    let peakHour: number | null = null;
    let peakRate: number | null = null;
    for (let h = 0; h < HOURS; h++) {
      if (!(hourExp[h]! > 0)) continue;
      const m = hourSum[h]! / hourExp[h]!;
      if (peakRate === null || m > peakRate) {
        peakRate = m;
        peakHour = h;
      }
    }
    return {
      siteId: s.siteId,
      name: s.name,
      total: s.total,
      exposure: s.exposure,
      rate: s.rate,
      weekdayRate: wdExp > 0 ? wdSum / wdExp : null,
      weekendRate: weExp > 0 ? weSum / weExp : null,
      peakHour,
      peakRate,
      days: s.days,
      indexToMean: s.rate !== null && meanRate !== null && meanRate > 0 ? s.rate / meanRate : null,
      first: s.first,
      last: s.last,
    };
  });
}
