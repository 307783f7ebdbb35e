/**
 * Observation windows: the distinct (site, start, end) time windows in which a site was
 * observed, with the people counted in them summed over direction, mode and the other
 * attributes. A window is the unit of exposure: the time a site was watched is the sum of
 * its windows' lengths (each window once, however many registrations it holds), and a window
 * in which nobody was seen still counts as observed (a registration with count 0).
 *
 * O(n) in the registrations, with numeric hashing only (no string keys).
 */
import type { CityLifeStudy, RegistrationKind } from './model';

export interface ObservationWindows {
  n: number;
  /** Index into study.sites. */
  site: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** People counted in the window (all registrations of the kind summed). */
  count: Float64Array;
}

export interface WindowOptions {
  kind: RegistrationKind;
  /** Only windows starting at or after this instant. */
  from?: number;
  /** Only windows starting before this instant. */
  to?: number;
  /** Only these sites (ids); all when absent. */
  siteIds?: readonly string[];
}

/** Site id → index in study.sites. */
export function siteIndexOf(study: CityLifeStudy): Map<string, number> {
  const m = new Map<string, number>();
  study.sites.forEach((s, i) => m.set(s.id, i));
  return m;
}

export function collectWindows(study: CityLifeStudy, options: WindowOptions): ObservationWindows {
  const index = siteIndexOf(study);
  const wanted = options.siteIds ? new Set(options.siteIds) : null;
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const perSite: (Map<number, number> | null)[] = study.sites.map((s) => (wanted === null || wanted.has(s.id) ? new Map<number, number>() : null));
  const site: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const count: number[] = [];
  // Windows at one site sharing a start but not an end are chained.
  const next: number[] = [];
  for (const r of study.counts) {
    if (r.kind !== options.kind || r.start < from || r.start >= to) continue;
    const s = index.get(r.siteId);
    if (s === undefined) continue;
    const map = perSite[s];
    if (!map) continue;
    let w = map.get(r.start) ?? -1;
    const head = w;
    while (w !== -1 && end[w] !== r.end) w = next[w]!;
    if (w === -1) {
      w = site.length;
      site.push(s);
      start.push(r.start);
      end.push(r.end);
      count.push(0);
      next.push(head);
      map.set(r.start, w);
    }
    count[w]! += r.count;
  }
  return {
    n: site.length,
    site: Int32Array.from(site),
    start: Float64Array.from(start),
    end: Float64Array.from(end),
    count: Float64Array.from(count),
  };
}
