/**
 * City-life registrations from the extract tables `city-life-sites` and `city-life-counts`,
 * given as row objects (as DuckDB returns them, or as read from a CSV).
 *
 * city-life-sites:  site_id, name, lon, lat, optional area_id, optional geometry (GeoJSON text)
 * city-life-counts: site_id, either `date` (a whole local day) or `start` and `end`
 *                   (timestamps), count, optional kind (moving | staying, default moving),
 *                   direction, mode, posture, activity, age_group, gender
 *
 * Timestamps may be ISO text (with an offset, or local Danish time without one), Date objects
 * or epoch milliseconds. A Date or a number from a DuckDB TIMESTAMP (without time zone) holds
 * the wall clock as if it were UTC, so by default they are read as local wall-clock time
 * (`numericTimes: 'wall-clock'`); give `'instant'` for TIMESTAMPTZ columns. A `date` is a
 * local calendar day: 'YYYY-MM-DD' text, a Date, epoch ms of its UTC midnight or days since
 * 1970-01-01 (Arrow's date32).
 *
 * An empty count is a missing observation (the window is not observed), never zero.
 */
import { centroidOf, checkGeometry } from './geometry';
import { at, failure, IssueList, show, type Issue, type IssueWhere, type ParseResult } from './issues';
import {
  normaliseAgeGroup,
  normaliseGender,
  normaliseMode,
  normaliseWord,
  type CityLifeStudy,
  type Registration,
  type RegistrationKind,
  type Site,
  type SiteGeometry,
} from './model';
import { DAY_MS, dayNumberOf, formatPair, fromWallClock, parseTimestampText, startOfLocalDay } from './time';
import { finishStudy, pick, readCount, text } from './values';
import type { ParseOptions } from './parse-pldp';

export type ExtractRow = Record<string, unknown>;

export interface ExtractOptions extends ParseOptions {
  studyId?: string;
  studyName?: string;
  /** How to read Date objects and numbers in `start`/`end`: wall clock as UTC (DuckDB TIMESTAMP, default) or true instants. */
  numericTimes?: 'wall-clock' | 'instant';
}

const SITE_ID = ['site_id', 'siteId', 'site', 'id', 'sted_id', 'sted'];
const SITE_NAME = ['name', 'navn', 'site_name', 'siteName'];
const LON = ['lon', 'lng', 'longitude', 'long', 'x', 'længde'];
const LAT = ['lat', 'latitude', 'y', 'bredde'];

/** A coordinate as a number, or text with a decimal point or comma. */
function readCoordinate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/.test(value)) return Number(value.trim().replace(',', '.'));
  return null;
}

/**
 * Validates site rows (from the extract table or a site CSV). Problems are added to the list;
 * the valid sites are returned.
 */
export function readSiteRows(rows: readonly ExtractRow[], problems: IssueList, placeOf: (i: number) => IssueWhere): Site[] {
  const sites: Site[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const w = placeOf(i);
    const id = text(pick(row, SITE_ID)?.value);
    if (id === undefined) {
      problems.add('missing-field', at(w, { da: 'stedet mangler site_id. Giv hvert sted et entydigt id.', en: 'the site lacks site_id. Give every site a unique id.' }), { ...w, field: 'site_id' });
      return;
    }
    if (seen.has(id)) {
      problems.add(
        'duplicate-id',
        at(w, { da: `sted-id'et "${id}" findes to gange. Giv hvert sted sit eget id.`, en: `the site id "${id}" occurs twice. Give every site its own id.` }),
        { ...w, siteId: id, field: 'site_id' },
      );
      return;
    }
    seen.add(id);
    const name = text(pick(row, SITE_NAME)?.value) ?? id;
    let geometry: SiteGeometry | null = null;
    const g = pick(row, ['geometry', 'geojson']);
    const geometryText = g && !(typeof g.value === 'string' && g.value.trim() === '') ? g : null;
    if (geometryText) {
      const c = checkGeometry(geometryText.value);
      if (!c.ok) {
        problems.add(c.code, at(w, { da: `sted "${id}": ${c.message.da}`, en: `site "${id}": ${c.message.en}` }), { ...w, siteId: id, field: geometryText.key });
        return;
      }
      geometry = c.geometry;
    } else {
      const lonPick = pick(row, LON);
      const latPick = pick(row, LAT);
      const lonEmpty = !lonPick || (typeof lonPick.value === 'string' && lonPick.value.trim() === '');
      const latEmpty = !latPick || (typeof latPick.value === 'string' && latPick.value.trim() === '');
      if (!lonEmpty || !latEmpty) {
        const lon = lonEmpty ? null : readCoordinate(lonPick!.value);
        const lat = latEmpty ? null : readCoordinate(latPick!.value);
        if (lon === null || lat === null) {
          problems.add(
            'bad-geometry',
            at(w, {
              da: `sted "${id}": lon/lat (${show(lonPick?.value)}, ${show(latPick?.value)}) er ikke to tal. Skriv længde- og breddegrad i grader (EPSG:4326).`,
              en: `site "${id}": lon/lat (${show(lonPick?.value)}, ${show(latPick?.value)}) are not two numbers. Write longitude and latitude in degrees (EPSG:4326).`,
            }),
            { ...w, siteId: id, field: 'lon' },
          );
          return;
        }
        const c = checkGeometry({ type: 'Point', coordinates: [lon, lat] });
        if (!c.ok) {
          problems.add(c.code, at(w, { da: `sted "${id}": ${c.message.da}`, en: `site "${id}": ${c.message.en}` }), { ...w, siteId: id, field: 'lon' });
          return;
        }
        geometry = c.geometry;
      }
    }
    const areaId = text(pick(row, ['area_id', 'areaId'])?.value);
    sites.push({ id, name, geometry, centroid: geometry ? centroidOf(geometry) : null, ...(areaId !== undefined ? { areaId } : {}) });
  });
  return sites;
}

type TimeRead = { ok: true; ms: number; ambiguous: boolean } | { ok: false; nonexistent: boolean };

function readTime(value: unknown, numericTimes: 'wall-clock' | 'instant', cache?: Map<string, TimeRead>): TimeRead {
  if (typeof value === 'string' && cache) {
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = readTime(value, numericTimes);
      if (cache.size >= 200_000) cache.clear();
      cache.set(value, hit);
    }
    return hit;
  }
  if (value instanceof Date || typeof value === 'number' || typeof value === 'bigint') {
    const n = value instanceof Date ? value.getTime() : Number(value);
    if (!Number.isFinite(n)) return { ok: false, nonexistent: false };
    if (numericTimes === 'instant') return { ok: true, ms: n, ambiguous: false };
    const r = fromWallClock(n);
    return r.ms === null ? { ok: false, nonexistent: true } : { ok: true, ms: r.ms, ambiguous: r.status === 'ambiguous' };
  }
  if (typeof value !== 'string') return { ok: false, nonexistent: false };
  const p = parseTimestampText(value);
  if (!p) return { ok: false, nonexistent: false };
  if (p.kind === 'instant') return { ok: true, ms: p.ms, ambiguous: false };
  const r = fromWallClock(p.wall);
  return r.ms === null ? { ok: false, nonexistent: true } : { ok: true, ms: r.ms, ambiguous: r.status === 'ambiguous' };
}

/** A local calendar day as a day number, from 'YYYY-MM-DD' (or Danish) text, a Date, epoch ms or date32 days. */
function readDate(value: unknown): number | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? Math.floor(t / DAY_MS) : null;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isFinite(n)) return null;
    // Arrow date32 gives days; DuckDB-wasm rows give ms of UTC midnight.
    return Math.abs(n) < 1e7 ? Math.floor(n) : Math.floor(n / DAY_MS);
  }
  if (typeof value !== 'string') return null;
  const p = parseTimestampText(value);
  if (!p || p.kind !== 'local' || !p.dateOnly) return null;
  const d = new Date(p.wall);
  return dayNumberOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const KIND_WORDS: Record<string, RegistrationKind> = {
  moving: 'moving',
  people_moving: 'moving',
  bevægelse: 'moving',
  staying: 'staying',
  people_staying: 'staying',
  ophold: 'staying',
};

/**
 * Reads count rows against known sites, adding problems; returns the registrations and how
 * many rows had no count. `placeOf` says where a row is (file and line, or table and index).
 */
export function readCountRows(
  rows: readonly ExtractRow[],
  siteIds: ReadonlySet<string>,
  problems: IssueList,
  placeOf: (i: number) => IssueWhere,
  numericTimes: 'wall-clock' | 'instant',
): { counts: Registration[]; rowOf: number[]; missingCounts: number; ambiguous: number } {
  const counts: Registration[] = [];
  const rowOf: number[] = [];
  let missingCounts = 0;
  let ambiguous = 0;
  const timeCache = new Map<string, TimeRead>();
  rows.forEach((row, i) => {
    // Where the row is, built only for a message.
    const w = () => placeOf(i);
    const siteId = text(pick(row, SITE_ID)?.value);
    if (siteId === undefined) {
      problems.add('missing-field', at(w(), { da: 'rækken mangler site_id.', en: 'the row lacks site_id.' }), { ...w(), field: 'site_id' });
      return;
    }
    if (!siteIds.has(siteId)) {
      problems.add(
        'unknown-site',
        at(w(), {
          da: `stedet "${siteId}" findes ikke blandt stederne. Tilføj det til stedtabellen, eller ret id'et.`,
          en: `the site "${siteId}" is not among the sites. Add it to the site table or fix the id.`,
        }),
        { ...w(), siteId, field: 'site_id' },
      );
      return;
    }
    let start: number;
    let end: number;
    const datePick = pick(row, ['date', 'dato', 'day']);
    const startPick = pick(row, ['start', 'time_start', 'timeStart', 'start_time', 'timestamp']);
    if (startPick) {
      const endPick = pick(row, ['end', 'time_end', 'time_stop', 'timeStop', 'end_time', 'stop', 'slut']);
      if (!endPick) {
        problems.add(
          'missing-field',
          at(w(), { da: 'rækken har start men ingen slut. Angiv "end" (eller brug "date" for et helt døgn).', en: 'the row has a start but no end. Give "end" (or use "date" for a whole day).' }),
          { ...w(), siteId, field: 'end' },
        );
        return;
      }
      const times: number[] = [];
      for (const p of [startPick, endPick]) {
        const r = readTime(p.value, numericTimes, timeCache);
        if (!r.ok) {
          problems.add(
            r.nonexistent ? 'nonexistent-local-time' : 'bad-timestamp',
            at(
              w(),
              r.nonexistent
                ? {
                    da: `tidspunktet ${show(p.value)} i "${p.key}" findes ikke i dansk tid (sommertid springer timen over). Angiv tiden med forskydning, fx +02:00.`,
                    en: `the time ${show(p.value)} in "${p.key}" does not exist in Danish time (summer time skips that hour). Give the time with an offset, e.g. +02:00.`,
                  }
                : {
                    da: `tidspunktet ${show(p.value)} i "${p.key}" kan ikke læses. Skriv det som ISO 8601, fx 2024-05-01T08:00.`,
                    en: `the time ${show(p.value)} in "${p.key}" cannot be read. Write it in ISO 8601, e.g. 2024-05-01T08:00.`,
                  },
            ),
            { ...w(), siteId, field: p.key },
          );
          return;
        }
        if (r.ambiguous) ambiguous++;
        times.push(r.ms);
      }
      [start, end] = times as [number, number];
    } else if (datePick) {
      const day = readDate(datePick.value);
      if (day === null) {
        problems.add(
          'bad-timestamp',
          at(w(), { da: `datoen ${show(datePick.value)} kan ikke læses. Skriv den som ÅÅÅÅ-MM-DD.`, en: `the date ${show(datePick.value)} cannot be read. Write it as YYYY-MM-DD.` }),
          { ...w(), siteId, field: datePick.key },
        );
        return;
      }
      start = startOfLocalDay(day);
      end = startOfLocalDay(day + 1);
    } else {
      problems.add(
        'missing-field',
        at(w(), { da: 'rækken har hverken "date" eller "start"/"end". Angiv tidsrummet.', en: 'the row has neither "date" nor "start"/"end". Give the time window.' }),
        { ...w(), siteId, field: 'date' },
      );
      return;
    }
    const kindText = text(row.kind);
    const kind: RegistrationKind | undefined = kindText === undefined ? 'moving' : KIND_WORDS[kindText.toLowerCase()];
    if (kind === undefined) {
      problems.add(
        'unknown-kind',
        at(w(), { da: `typen ${show(kindText)} kendes ikke; brug "moving" eller "staying".`, en: `the kind ${show(kindText)} is unknown; use "moving" or "staying".` }),
        { ...w(), siteId, field: 'kind' },
      );
      return;
    }
    if (end < start) {
      const [a, b] = formatPair(end, start);
      problems.add(
        'end-before-start',
        at(w(), { da: `slut (${a}) ligger før start (${b}). Ret tidsrummet.`, en: `the end (${a}) is before the start (${b}). Fix the time window.` }),
        { ...w(), siteId, field: 'end', from: end, to: start },
      );
      return;
    }
    if (end === start && kind === 'moving') {
      problems.add(
        'empty-window',
        at(w(), { da: 'start og slut er ens; en optælling af bevægelse skal have et tidsrum. Ret slut-tidspunktet.', en: 'start and end are equal; a people-moving count needs a time window. Fix the end time.' }),
        { ...w(), siteId, field: 'end', from: start, to: end },
      );
      return;
    }
    const c = readCount(pick(row, ['count', 'antal', 'n'])?.value);
    if (!c.ok) {
      if (c.missing) {
        missingCounts++;
        return;
      }
      problems.add(c.code, at(w(), c.message), { ...w(), siteId, field: 'count' });
      return;
    }
    const reg: Registration = { siteId, start, end, kind, count: c.count };
    const direction = text(row.direction);
    if (direction !== undefined) reg.direction = direction;
    const mode = text(row.mode);
    if (mode !== undefined) reg.mode = normaliseMode(mode);
    const posture = text(row.posture);
    if (posture !== undefined) reg.posture = normaliseWord(posture);
    const activity = text(row.activity);
    if (activity !== undefined) reg.activity = normaliseWord(activity);
    const age = text(pick(row, ['age_group', 'ageGroup', 'age'])?.value);
    if (age !== undefined) reg.ageGroup = normaliseAgeGroup(age);
    const gender = text(row.gender);
    if (gender !== undefined) reg.gender = normaliseGender(gender);
    counts.push(reg);
    rowOf.push(i);
  });
  return { counts, rowOf, missingCounts, ambiguous };
}

export function missingCountWarning(n: number, file: string | undefined): Issue {
  return {
    code: 'missing-count',
    message: {
      da: `${n} ${n === 1 ? 'række' : 'rækker'} uden antal er læst som ikke observeret (ikke som nul).`,
      en: `${n} ${n === 1 ? 'row' : 'rows'} without a count were read as not observed (not as zero).`,
    },
    where: file !== undefined ? { file } : {},
  };
}

export function ambiguousWarning(n: number, file: string | undefined): Issue {
  return {
    code: 'ambiguous-local-time',
    message: {
      da: `${n} tidspunkter uden forskydning lå i timen, der forekommer to gange, når sommertiden slutter; de er læst som sommertid. Angiv forskydningen (+01:00/+02:00) for at være entydig.`,
      en: `${n} times without an offset fell in the hour that occurs twice when summer time ends; they were read as summer time. Give the offset (+01:00/+02:00) to be unambiguous.`,
    },
    where: file !== undefined ? { file } : {},
  };
}

/** A study from the rows of `city-life-sites` and `city-life-counts`. */
export function fromExtractTables(siteRows: readonly ExtractRow[], countRows: readonly ExtractRow[], options: ExtractOptions = {}): ParseResult {
  const problems = new IssueList();
  const warnings: Issue[] = [];
  const sitesFile = 'city-life-sites';
  const countsFile = 'city-life-counts';
  const sites = readSiteRows(siteRows, problems, (i) => ({ file: sitesFile, row: i + 1 }));
  if (!problems.empty) return failure(problems, warnings);
  const withoutGeometry = sites.filter((s) => s.geometry === null).length;
  if (withoutGeometry > 0) {
    warnings.push({
      code: 'no-geometry',
      message: {
        da: `${withoutGeometry} ${withoutGeometry === 1 ? 'sted har' : 'steder har'} ingen koordinater og vises ikke på kortet.`,
        en: `${withoutGeometry} ${withoutGeometry === 1 ? 'site has' : 'sites have'} no coordinates and are not shown on the map.`,
      },
      where: { file: sitesFile },
    });
  }
  const read = readCountRows(countRows, new Set(sites.map((s) => s.id)), problems, (i) => ({ file: countsFile, row: i + 1 }), options.numericTimes ?? 'wall-clock');
  if (read.missingCounts > 0) warnings.push(missingCountWarning(read.missingCounts, countsFile));
  if (read.ambiguous > 0) warnings.push(ambiguousWarning(read.ambiguous, countsFile));
  checkDuplicateWindows(read.counts, read.rowOf, problems, (i) => ({ file: countsFile, row: i + 1 }));
  if (problems.empty && read.counts.length === 0) {
    problems.add('no-registrations', { da: 'Tabellen city-life-counts har ingen optællinger.', en: 'The table city-life-counts holds no counts.' }, { file: countsFile });
  }
  if (!problems.empty) return failure(problems, warnings);
  const study: CityLifeStudy = { id: options.studyId ?? 'extract', name: options.studyName ?? 'Byliv', sites, counts: read.counts, source: 'extract' };
  return finishStudy(study, problems, warnings, options.gaps);
}

/** The same site, window, kind and attributes twice is a duplicate row: its people would be counted twice. */
export function checkDuplicateWindows(counts: readonly Registration[], rowOf: readonly number[], problems: IssueList, placeOf: (i: number) => IssueWhere): void {
  const seen = new Map<string, number>();
  counts.forEach((r, i) => {
    const key = `${r.siteId}\u0000${r.kind}\u0000${r.start}\u0000${r.end}\u0000${r.direction ?? ''}\u0000${r.mode ?? ''}\u0000${r.posture ?? ''}\u0000${r.activity ?? ''}\u0000${r.ageGroup ?? ''}\u0000${r.gender ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const [a, b] = formatPair(r.start, r.end);
    const w = placeOf(rowOf[i]!);
    const other = placeOf(rowOf[first]!).row;
    problems.add(
      'duplicate-row',
      at(w, {
        da: `stedet "${r.siteId}" har samme tidsrum ${a}–${b}${r.direction ? ` og retning "${r.direction}"` : ''} som række ${other}. Slet den ene, så ingen tælles to gange.`,
        en: `the site "${r.siteId}" has the same window ${a}–${b}${r.direction ? ` and direction "${r.direction}"` : ''} as row ${other}. Delete one so that nobody is counted twice.`,
      }),
      { ...w, siteId: r.siteId, from: r.start, to: r.end },
    );
  });
}
