/**
 * Seeded synthetic city-life registrations for the fictional municipality ("Sundby Kommune
 * (fiktiv)"): eight sites inside its districts, hourly counts of people moving (by direction
 * and mode) over a number of weeks, people-staying snapshots with posture, activity and
 * perceived age and gender at three squares, a few sensor outages, and a planted effect: a
 * temporary installation at one site (CL01 "Torvet") from an intervention date raises people
 * moving by `effect` (default +30 %) and people staying by `stayingEffect`; every other site
 * is an untreated control. No real data, no clock, no Math.random.
 *
 * The mean count of a site in an hour is
 *   base × weekly rhythm (weekday × hour, by site type) × season (shared) × weather_day^sensitivity × effect,
 * where the day's weather is a gamma multiplier shared by all sites (mean 1) and each site
 * reacts to it with its own sensitivity, so days move sites together but not equally; the
 * hour's count is negative binomial (Poisson with a gamma-distributed mean).
 *
 * Exports the same registrations as a PLDP JSON document, a sensor CSV (moving counts per
 * site, hour and direction), a site CSV and the row objects of the extract tables
 * `city-life-sites` and `city-life-counts`, with the ground truth alongside.
 */
import { DEMO_SEED } from '../../shared/extract/demo.ts';
import type { CityLifeStudy, Position as LonLat, Registration, Site, SiteGeometry } from '../../shared/citylife/model.ts';
import { centroidOf } from '../../shared/citylife/geometry.ts';
import type { PldpDocument, PldpRecord, PldpSurvey } from '../../shared/citylife/parse-pldp.ts';
import type { ExtractRow } from '../../shared/citylife/from-extract.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayNumberOf, formatDayNumber, formatIsoLocal, localParts, startOfLocalDay } from '../../shared/citylife/time.ts';
import proj4 from 'proj4';
import { groupBydele, nameAreas } from './areas.ts';
import { buildTessellation, ringCentroid, UTM32_PROJ4, type Tessellation } from './geometry.ts';
import { Rng } from './random.ts';
import type { Position } from './types.ts';

export interface CityLifeSynthOptions {
  seed: number;
  /** The municipality whose districts the sites lie in (default: the demo's). */
  municipalitySeed?: number;
  /** First day, a local date 'YYYY-MM-DD' (default 2024-03-04, a Monday). */
  start?: string;
  /** Length in weeks (default 26). */
  weeks?: number;
  /** The intervention starts on the first day of this week (default weeks / 2). */
  interventionWeek?: number;
  /** Multiplier on people moving at the treated site after the intervention (default 1.3). */
  effect?: number;
  /** Multiplier on people staying at the treated site after the intervention (default 1.5). */
  stayingEffect?: number;
  /** Number of sites, 2–8 (default 8). */
  siteCount?: number;
  /** Sensor outages (default 3). */
  gaps?: number;
  /** People-staying snapshots at the squares (default true). */
  staying?: boolean;
  /** Split people moving by mode (default true; false gives one registration per direction). */
  modes?: boolean;
}

export type SiteType = 'commuter' | 'leisure' | 'mixed';

export interface SyntheticSite {
  id: string;
  name: string;
  areaId: string;
  type: SiteType;
  geometry: SiteGeometry;
  /** Mean people per hour over the week, before season and weather. */
  baseRate: number;
  weatherSensitivity: number;
  staying: boolean;
  directions: [string, string];
}

export interface CityLifeGroundTruth {
  seed: number;
  municipalitySeed: number;
  treatedSiteId: string;
  controlSiteIds: string[];
  stayingSiteIds: string[];
  /** First day of the intervention (local date). */
  interventionDate: string;
  /** Inclusive local dates. */
  before: [string, string];
  after: [string, string];
  effect: number;
  stayingEffect: number;
  gaps: { siteId: string; from: number; to: number }[];
  totals: {
    moving: number;
    staying: number;
    movingBySite: Record<string, number>;
    stayingBySite: Record<string, number>;
    /** Observed hourly windows of people moving. */
    movingWindows: number;
    stayingSnapshots: number;
  };
  sites: SyntheticSite[];
}

export interface SyntheticCityLife {
  study: CityLifeStudy;
  groundTruth: CityLifeGroundTruth;
  /** The study as a PLDP document (JSON.stringify it for a file). */
  toPldp(): PldpDocument;
  /** People moving per site, hour and direction, `;`-separated, timestamps with offset. */
  toSensorCsv(): string;
  /** site_id;name;lon;lat;area_id. */
  toSitesCsv(): string;
  /** Row objects of the extract tables. */
  toExtractRows(): { sites: ExtractRow[]; counts: ExtractRow[] };
}

// ---------------------------------------------------------------------------------------
// Sites.

interface Blueprint {
  id: string;
  name: string;
  shape: 'Point' | 'LineString' | 'Polygon';
  type: SiteType;
  staying: boolean;
}

const BLUEPRINTS: Blueprint[] = [
  { id: 'CL01', name: 'Torvet', shape: 'Polygon', type: 'leisure', staying: true },
  { id: 'CL02', name: 'Stationspladsen', shape: 'Point', type: 'commuter', staying: false },
  { id: 'CL03', name: 'Havnepromenaden', shape: 'LineString', type: 'leisure', staying: true },
  { id: 'CL04', name: 'Skolegade', shape: 'LineString', type: 'commuter', staying: false },
  { id: 'CL05', name: 'Biblioteksparken', shape: 'Polygon', type: 'mixed', staying: true },
  { id: 'CL06', name: 'Kanalbroen', shape: 'LineString', type: 'mixed', staying: false },
  { id: 'CL07', name: 'Engvej', shape: 'Point', type: 'commuter', staying: false },
  { id: 'CL08', name: 'Strandstien', shape: 'LineString', type: 'leisure', staying: false },
];

/** Rank (by distance from the municipality's centre) of the district each site is placed in. */
const DISTRICT_RANKS = [0, 3, 7, 12, 18, 25, 33, 42];

interface Districts {
  centroids: Position[];
  codes: string[];
  order: number[];
}

const districtCache = new Map<number, Districts>();

/** The municipality's districts as generateMunicipality makes them (same streams), without the population. */
function districtsOf(municipalitySeed: number): Districts {
  const cached = districtCache.get(municipalitySeed);
  if (cached) return cached;
  const root = Rng.fromSeed(municipalitySeed, 'sundby');
  let tess: Tessellation | null = null;
  for (let attempt = 0; attempt < 25 && !tess; attempt++) {
    try {
      tess = buildTessellation(root.fork(`geometry/${attempt}`), 84);
    } catch {
      tess = null;
    }
  }
  if (!tess) throw new Error('could not build the district tessellation');
  const group = groupBydele(root.fork('bydele'), tess.centroids, tess.areas, tess.rook);
  const centre = ringCentroid(tess.outline.slice(0, -1));
  const naming = nameAreas(tess.centroids, tess.areas, group, centre);
  const order = tess.centroids
    .map((c, i) => ({ i, d: Math.hypot(c[0] - centre[0], c[1] - centre[1]) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.i);
  const out = { centroids: tess.centroids, codes: naming.districtCode, order };
  districtCache.set(municipalitySeed, out);
  return out;
}

const toLonLat = proj4(UTM32_PROJ4, 'EPSG:4326');

function lonLat(x: number, y: number): LonLat {
  const [lon, lat] = toLonLat.forward([x, y]) as [number, number];
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

function siteGeometry(shape: Blueprint['shape'], c: Position): SiteGeometry {
  const [x, y] = c;
  if (shape === 'Point') return { type: 'Point', coordinates: lonLat(x, y) };
  if (shape === 'LineString') return { type: 'LineString', coordinates: [lonLat(x - 15, y), lonLat(x + 15, y)] };
  const ring = [lonLat(x - 30, y - 20), lonLat(x + 30, y - 20), lonLat(x + 30, y + 20), lonLat(x - 30, y + 20)];
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

// ---------------------------------------------------------------------------------------
// Rhythms.

function bump(h: number, centre: number, width: number): number {
  return Math.exp(-0.5 * ((h - centre) / width) ** 2);
}

/** Relative intensity by site type, local weekday (0 = Monday) and hour (mid-hour). */
function rhythm(type: SiteType, weekday: number, hour: number): number {
  const h = hour + 0.5;
  const weekend = weekday >= 5;
  const night = 0.04;
  const commuter = weekend
    ? night + 0.5 * bump(h, 12, 3.5) + 0.35 * bump(h, 17, 3)
    : night + 2.6 * bump(h, 8, 1.1) + 2.2 * bump(h, 16.5, 1.4) + 0.9 * bump(h, 12.5, 2.5);
  const leisure = weekend
    ? night + 2.2 * bump(h, 14, 3.2) + 0.8 * bump(h, 20, 2)
    : night + 0.8 * bump(h, 12.5, 2) + 1.4 * bump(h, 17.5, 2.4) + (weekday === 4 ? 0.6 * bump(h, 21, 1.5) : 0);
  if (type === 'commuter') return commuter;
  if (type === 'leisure') return leisure;
  return 0.5 * (commuter + leisure);
}

/** Mean of the rhythm over the week's 168 hours, for normalising. */
function rhythmMean(type: SiteType): number {
  let s = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) s += rhythm(type, d, h);
  return s / 168;
}

/** Shared seasonal multiplier: low in early spring, highest in July. */
function season(dayNumber: number): number {
  const d = new Date(dayNumber * DAY_MS);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = (dayNumber * DAY_MS - start) / DAY_MS;
  return 1 + 0.2 * Math.sin((2 * Math.PI * (dayOfYear - 105)) / 365);
}

/** Gamma(shape, scale = 1/shape): mean 1 (Marsaglia & Tsang 2000). */
function gammaMeanOne(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / shape;
  }
}

const WEATHER_SHAPE = 12; // day-to-day sd ≈ 29 %
const HOURLY_SHAPE = 8; // hour-to-hour extra-Poisson sd ≈ 35 %

const MODES = ['walking', 'cycling', 'running', 'other'] as const;
const POSTURES = ['standing', 'sitting_formal', 'sitting_informal', 'lying', 'leaning'] as const;
const POSTURE_WEIGHTS = [0.35, 0.33, 0.2, 0.05, 0.07];
const ACTIVITIES = ['conversing', 'consuming', 'recreation_passive', 'electronic_engagement', 'recreation_active', 'waiting_other'] as const;
const ACTIVITY_WEIGHTS = [0.3, 0.2, 0.2, 0.1, 0.1, 0.1];
const AGES = ['0-14', '15-24', '25-64', '65+'] as const;
const AGE_WEIGHTS = [0.15, 0.15, 0.55, 0.15];
const GENDERS = ['male', 'female', 'unknown'] as const;
const GENDER_WEIGHTS = [0.48, 0.48, 0.04];
const STAYING_DAYS = [1, 3, 5]; // Tuesday, Thursday, Saturday
const STAYING_HOURS = [10, 13, 16, 19];
const SNAPSHOT_MS = 10 * MINUTE_MS;

function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`start must be YYYY-MM-DD, not ${text}`);
  return dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function generateCityLife(options: CityLifeSynthOptions): SyntheticCityLife {
  const seed = options.seed;
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  const municipalitySeed = options.municipalitySeed ?? DEMO_SEED;
  const weeks = options.weeks ?? 26;
  const firstDay = parseDay(options.start ?? '2024-03-04');
  const interventionWeek = options.interventionWeek ?? Math.floor(weeks / 2);
  const effect = options.effect ?? 1.3;
  const stayingEffect = options.stayingEffect ?? 1.5;
  const siteCount = Math.max(2, Math.min(BLUEPRINTS.length, options.siteCount ?? BLUEPRINTS.length));
  const gapCount = options.gaps ?? 3;
  const withStaying = options.staying ?? true;
  const withModes = options.modes ?? true;
  if (!(weeks >= 2) || !(interventionWeek >= 1 && interventionWeek < weeks)) throw new Error('the intervention week must lie inside the study');

  const root = Rng.fromSeed(seed, 'citylife');
  const districts = districtsOf(municipalitySeed);
  const siteRng = root.fork('sites');
  const sites: SyntheticSite[] = BLUEPRINTS.slice(0, siteCount).map((b, k) => {
    const district = districts.order[DISTRICT_RANKS[k]! % districts.order.length]!;
    const baseRate = Math.round(Math.exp(siteRng.uniform(Math.log(40), Math.log(300))));
    return {
      id: b.id,
      name: b.name,
      areaId: districts.codes[district]!,
      type: b.type,
      geometry: siteGeometry(b.shape, districts.centroids[district]!),
      baseRate,
      weatherSensitivity: Math.round(siteRng.uniform(0.6, 1.4) * 100) / 100,
      staying: withStaying && b.staying,
      directions: b.shape === 'LineString' ? ['nord', 'syd'] : ['ind', 'ud'],
    };
  });
  const treated = sites[0]!;
  const modeShares = sites.map(() => {
    const w = [siteRng.uniform(0.55, 0.8), siteRng.uniform(0.12, 0.35), siteRng.uniform(0.02, 0.06), siteRng.uniform(0.01, 0.04)];
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / s);
  });
  const directionShare = sites.map(() => siteRng.uniform(0.42, 0.58));
  const stayingBase = sites.map(() => siteRng.uniform(8, 25));

  const lastDay = firstDay + weeks * 7 - 1;
  const interventionDay = firstDay + interventionWeek * 7;
  const interventionStart = startOfLocalDay(interventionDay);
  const studyStart = startOfLocalDay(firstDay);
  const studyEnd = startOfLocalDay(lastDay + 1);

  // Weather: one multiplier per day, shared by all sites.
  const weatherRng = root.fork('weather');
  const weather = new Float64Array(lastDay - firstDay + 1);
  for (let d = 0; d < weather.length; d++) weather[d] = gammaMeanOne(weatherRng, WEATHER_SHAPE);

  // Sensor outages: site, start hour, length 6–72 h.
  const gapRng = root.fork('gaps');
  const gaps: { siteId: string; from: number; to: number }[] = [];
  const totalHours = Math.round((studyEnd - studyStart) / HOUR_MS);
  for (let g = 0; g < gapCount; g++) {
    const site = sites[gapRng.int(sites.length)]!;
    const from = studyStart + gapRng.int(Math.max(1, totalHours - 80)) * HOUR_MS;
    gaps.push({ siteId: site.id, from, to: from + gapRng.intBetween(6, 72) * HOUR_MS });
  }
  gaps.sort((a, b) => a.siteId.localeCompare(b.siteId) || a.from - b.from);
  const inGap = (siteId: string, t: number) => gaps.some((g) => g.siteId === siteId && t >= g.from && t < g.to);

  const counts: Registration[] = [];
  const movingBySite: Record<string, number> = {};
  const stayingBySite: Record<string, number> = {};
  let movingWindows = 0;
  let stayingSnapshots = 0;
  sites.forEach((site, s) => {
    movingBySite[site.id] = 0;
    stayingBySite[site.id] = 0;
    const rng = root.fork(`counts/${site.id}`);
    const norm = rhythmMean(site.type);
    const shares = modeShares[s]!;
    for (let t = studyStart; t < studyEnd; t += HOUR_MS) {
      // Draw before the gap test, so an outage never shifts the other hours' numbers.
      const p = localParts(t);
      const dayIndex = p.dayNumber - firstDay;
      const mean =
        site.baseRate *
        (rhythm(site.type, p.weekday, p.hour) / norm) *
        season(p.dayNumber) *
        weather[dayIndex]! ** site.weatherSensitivity *
        (site === treated && t >= interventionStart ? effect : 1);
      const hourly = mean * gammaMeanOne(rng, HOURLY_SHAPE);
      const cells: { direction: string; mode?: string; count: number }[] = [];
      for (let dir = 0; dir < 2; dir++) {
        const dShare = dir === 0 ? directionShare[s]! : 1 - directionShare[s]!;
        if (withModes) {
          for (let m = 0; m < MODES.length; m++) cells.push({ direction: site.directions[dir]!, mode: MODES[m]!, count: rng.poisson(hourly * dShare * shares[m]!) });
        } else cells.push({ direction: site.directions[dir]!, count: rng.poisson(hourly * dShare) });
      }
      if (inGap(site.id, t)) continue;
      movingWindows++;
      let any = false;
      for (const c of cells) {
        if (c.count === 0) continue;
        any = true;
        const reg: Registration = { siteId: site.id, start: t, end: t + HOUR_MS, kind: 'moving', count: c.count, direction: c.direction };
        if (c.mode !== undefined) reg.mode = c.mode;
        counts.push(reg);
        movingBySite[site.id]! += c.count;
      }
      if (!any) counts.push({ siteId: site.id, start: t, end: t + HOUR_MS, kind: 'moving', count: 0 });
    }
    if (!site.staying) return;
    const srng = root.fork(`staying/${site.id}`);
    for (let day = firstDay; day <= lastDay; day++) {
      const weekday = (((day + 3) % 7) + 7) % 7;
      if (!STAYING_DAYS.includes(weekday)) continue;
      for (const hour of STAYING_HOURS) {
        const t = startOfLocalDay(day) + hour * HOUR_MS; // no transitions at these hours
        const weekend = weekday >= 5;
        const shape = (weekend ? 1.3 : 1) * (0.6 + bump(hour + 0.5, 14.5, 3));
        const mean =
          stayingBase[s]! *
          shape *
          season(day) *
          weather[day - firstDay]! ** (site.weatherSensitivity * 1.5) *
          (site === treated && t >= interventionStart ? stayingEffect : 1);
        const n = srng.poisson(mean * gammaMeanOne(srng, HOURLY_SHAPE));
        stayingSnapshots++;
        const tally = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const key = [
            POSTURES[srng.weightedIndex(POSTURE_WEIGHTS)]!,
            ACTIVITIES[srng.weightedIndex(ACTIVITY_WEIGHTS)]!,
            AGES[srng.weightedIndex(AGE_WEIGHTS)]!,
            GENDERS[srng.weightedIndex(GENDER_WEIGHTS)]!,
          ].join('|');
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
        if (n === 0) counts.push({ siteId: site.id, start: t, end: t + SNAPSHOT_MS, kind: 'staying', count: 0 });
        for (const key of [...tally.keys()].sort()) {
          const [posture, activity, ageGroup, gender] = key.split('|') as [string, string, string, string];
          counts.push({ siteId: site.id, start: t, end: t + SNAPSHOT_MS, kind: 'staying', count: tally.get(key)!, posture, activity, ageGroup, gender });
        }
        stayingBySite[site.id]! += n;
      }
    }
  });

  const modelSites: Site[] = sites.map((s) => ({ id: s.id, name: s.name, geometry: s.geometry, centroid: centroidOf(s.geometry), areaId: s.areaId }));
  const study: CityLifeStudy = {
    id: `sundby-byliv-${seed}`,
    name: 'Byliv i Sundby (syntetisk)',
    sites: modelSites,
    counts,
    source: 'pldp',
  };
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const groundTruth: CityLifeGroundTruth = {
    seed,
    municipalitySeed,
    treatedSiteId: treated.id,
    controlSiteIds: sites.slice(1).map((s) => s.id),
    stayingSiteIds: sites.filter((s) => s.staying).map((s) => s.id),
    interventionDate: formatDayNumber(interventionDay),
    before: [formatDayNumber(firstDay), formatDayNumber(interventionDay - 1)],
    after: [formatDayNumber(interventionDay), formatDayNumber(lastDay)],
    effect,
    stayingEffect,
    gaps,
    totals: { moving: sum(movingBySite), staying: sum(stayingBySite), movingBySite, stayingBySite, movingWindows, stayingSnapshots },
    sites,
  };

  return {
    study,
    groundTruth,
    toPldp: () => toPldp(study, sites),
    toSensorCsv: () => toSensorCsv(study, sites),
    toSitesCsv: () => toSitesCsv(sites),
    toExtractRows: () => toExtractRows(study, sites),
  };
}

// ---------------------------------------------------------------------------------------
// Exports.

/** Registrations grouped by (site, kind, start, end), in order of first appearance. */
function byWindow(study: CityLifeStudy): Registration[][] {
  const groups = new Map<string, Registration[]>();
  for (const r of study.counts) {
    const key = `${r.siteId}|${r.kind}|${r.start}|${r.end}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

function toPldp(study: CityLifeStudy, sites: SyntheticSite[]): PldpDocument {
  const surveys: PldpSurvey[] = byWindow(study).map((regs, i) => {
    const first = regs[0]!;
    const records: PldpRecord[] = [];
    for (const r of regs) {
      if (r.count === 0) continue;
      const rec: PldpRecord = { count: r.count };
      if (r.mode !== undefined) rec.mode = r.mode;
      if (r.direction !== undefined) rec.direction = r.direction;
      if (r.posture !== undefined) rec.posture = r.posture;
      if (r.activity !== undefined) rec.activities = [r.activity];
      if (r.ageGroup !== undefined) rec.age = r.ageGroup;
      if (r.gender !== undefined) rec.gender = r.gender;
      records.push(rec);
    }
    return {
      id: `${first.siteId}-${first.kind === 'moving' ? 'M' : 'S'}-${String(i + 1).padStart(6, '0')}`,
      location: first.siteId,
      kind: first.kind === 'moving' ? 'people_moving' : 'people_staying',
      time_start: formatIsoLocal(first.start),
      time_stop: formatIsoLocal(first.end),
      method: first.kind === 'moving' ? 'digital' : 'analog',
      representation: 'absolute',
      records,
    };
  });
  return {
    protocol_version: '1.0',
    study: { id: study.id, name: study.name, project: 'Syntetiske data til Bydelsmonitor', scale: 'neighborhood' },
    locations: sites.map((s) => ({ id: s.id, name: s.name, geometry: s.geometry, area_id: s.areaId })),
    surveys,
  };
}

function toSensorCsv(study: CityLifeStudy, sites: SyntheticSite[]): string {
  const directions = new Map(sites.map((s) => [s.id, s.directions]));
  const lines = ['site;timestamp;direction;count'];
  for (const regs of byWindow(study)) {
    const first = regs[0]!;
    if (first.kind !== 'moving') continue;
    const perDirection = new Map<string, number>();
    for (const r of regs) if (r.direction !== undefined) perDirection.set(r.direction, (perDirection.get(r.direction) ?? 0) + r.count);
    const site = first.siteId;
    // Both directions are written, with 0 where nobody passed.
    const dirs = directions.get(site)!;
    const stamp = formatIsoLocal(first.start);
    for (const d of dirs) lines.push(`${site};${stamp};${d};${perDirection.get(d) ?? 0}`);
  }
  return lines.join('\n') + '\n';
}

function toSitesCsv(sites: SyntheticSite[]): string {
  const lines = ['site_id;name;lon;lat;area_id'];
  for (const s of sites) {
    const c = centroidOf(s.geometry);
    lines.push(`${s.id};${s.name};${c[0].toFixed(7)};${c[1].toFixed(7)};${s.areaId}`);
  }
  return lines.join('\n') + '\n';
}

function toExtractRows(study: CityLifeStudy, sites: SyntheticSite[]): { sites: ExtractRow[]; counts: ExtractRow[] } {
  const siteRows: ExtractRow[] = sites.map((s) => {
    const c = centroidOf(s.geometry);
    return { site_id: s.id, name: s.name, lon: c[0], lat: c[1], area_id: s.areaId, geometry: JSON.stringify(s.geometry) };
  });
  const countRows: ExtractRow[] = study.counts.map((r) => ({
    site_id: r.siteId,
    date: formatDayNumber(localParts(r.start).dayNumber),
    start: formatIsoLocal(r.start),
    end: formatIsoLocal(r.end),
    count: r.count,
    kind: r.kind,
    direction: r.direction ?? null,
    mode: r.mode ?? null,
    posture: r.posture ?? null,
    activity: r.activity ?? null,
    age_group: r.ageGroup ?? null,
    gender: r.gender ?? null,
  }));
  return { sites: siteRows, counts: countRows };
}
