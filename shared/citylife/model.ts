/**
 * The normalised model of city-life registrations (programme element 4): counts of people
 * moving through or staying in public spaces, from manual counts (the Gehl Institute's
 * Public Life Data Protocol), counting sensors (a simple CSV) or the extract tables
 * `city-life-sites` and `city-life-counts`. These data hold no personal information but
 * stay local like everything else.
 *
 * Times are instants (epoch ms, UTC); hour-of-day and weekday are read in Europe/Copenhagen
 * local time (see time.ts). Coordinates are EPSG:4326 [lon, lat].
 */

export type Position = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

/** A site's GeoJSON geometry (RFC 7946, EPSG:4326). */
export type SiteGeometry = PointGeometry | LineStringGeometry | PolygonGeometry;

export interface Site {
  id: string;
  name: string;
  /** Null when the source gives no position (a sensor file without a site list). */
  geometry: SiteGeometry | null;
  /** [lon, lat] for the map circle; null without geometry. */
  centroid: Position | null;
  /** The area (e.g. basisdistrikt) the site lies in, when the source says. */
  areaId?: string;
  /** Length of one interval of a regular series (sensors), in ms, as inferred on import. */
  intervalMs?: number;
}

/** People moving through (a flow over a time window) or staying (people present in a snapshot). */
export type RegistrationKind = 'moving' | 'staying';

export interface Registration {
  siteId: string;
  /** Window start, epoch ms (UTC). */
  start: number;
  /** Window end (exclusive), epoch ms; equal to start only for an instantaneous staying snapshot. */
  end: number;
  kind: RegistrationKind;
  /** Number of people, a whole number ≥ 0. A window observed with nobody in it has one registration with count 0. */
  count: number;
  direction?: string;
  /** Normalised: walking, cycling, running, other, or the source's own word in lower case. */
  mode?: string;
  posture?: string;
  /** The first (or only) activity. */
  activity?: string;
  /** Every activity when more than one was recorded for the same people. */
  activities?: string[];
  /** Perceived age group as the source writes it (PLDP: 0-14, 15-24, 25-64, 65+). */
  ageGroup?: string;
  /** Perceived gender: male, female or unknown (normalised), or the source's own word. */
  gender?: string;
  /** Size class of the group the people were in (PLDP "groups": 1, 2, 3-7, 8+). */
  group?: string;
}

export type StudySource = 'pldp' | 'sensor' | 'extract';

export interface CityLifeStudy {
  id: string;
  name: string;
  sites: Site[];
  counts: Registration[];
  source: StudySource;
}

/** A Danish and an English text. */
export interface Bilingual {
  da: string;
  en: string;
}

// ---------------------------------------------------------------------------------------
// Vocabulary: the words sources use for the same thing, mapped to one.

const MODE_WORDS: Record<string, string> = {
  walking: 'walking',
  walk: 'walking',
  walker: 'walking',
  pedestrian: 'walking',
  pedestrians: 'walking',
  foot: 'walking',
  'on foot': 'walking',
  gående: 'walking',
  fodgænger: 'walking',
  fodgængere: 'walking',
  gang: 'walking',
  cycling: 'cycling',
  cycle: 'cycling',
  cyclist: 'cycling',
  cyclists: 'cycling',
  bicycle: 'cycling',
  bicyclist: 'cycling',
  bike: 'cycling',
  cykel: 'cycling',
  cyklist: 'cycling',
  cyklister: 'cycling',
  cykling: 'cycling',
  running: 'running',
  runner: 'running',
  jogging: 'running',
  jogger: 'running',
  løb: 'running',
  løber: 'running',
  other: 'other',
  andet: 'other',
  andre: 'other',
};

/** One word for a mode of moving: walking, cycling, running, other; anything else stays as written (lower case). */
export function normaliseMode(raw: string): string {
  const key = raw.trim().toLowerCase().replace(/_/g, ' ');
  return MODE_WORDS[key] ?? key;
}

const GENDER_WORDS: Record<string, string> = {
  male: 'male',
  m: 'male',
  man: 'male',
  men: 'male',
  mand: 'male',
  mænd: 'male',
  female: 'female',
  f: 'female',
  k: 'female',
  woman: 'female',
  women: 'female',
  kvinde: 'female',
  kvinder: 'female',
  unknown: 'unknown',
  ukendt: 'unknown',
  other: 'unknown',
};

export function normaliseGender(raw: string): string {
  const key = raw.trim().toLowerCase();
  return GENDER_WORDS[key] ?? key;
}

/** PLDP writes age groups as "age_0-14" or "0-14"; both become "0-14". */
export function normaliseAgeGroup(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^age[_\s-]?/, '')
    .replace(/\s+/g, '');
}

/** PLDP group sizes "group_3-7" → "3-7". */
export function normaliseGroup(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^group[_\s-]?/, '');
}

/** Lower case, underscores as in PLDP ("sitting_formal", "recreation_active"). */
export function normaliseWord(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '_');
}
