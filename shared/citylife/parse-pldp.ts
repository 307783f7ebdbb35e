/**
 * Import of registrations in the shape of the Gehl Institute's Public Life Data Protocol
 * (PLDP, beta of September 2017) as JSON: a study, its locations (GeoJSON point, line or
 * area) and its surveys — people-moving counts and people-staying snapshots, each with a time
 * window and data points carrying mode, posture, activities and perceived age and gender.
 *
 * Key spellings of the protocol's tools are all read: snake_case (`time_start`,
 * `location_id`, `data_points`, as in the protocol and CommonSpace's database) and camelCase
 * (`timeStart`, `locationId`, `dataPoints`), `records` or `data_points` inside each survey, or
 * a top-level `data_points` list whose entries name their `survey_id`. A data point is one
 * person unless it carries a `count`. A survey with no data points is a window observed with
 * nobody in it (count 0), never a missing window.
 *
 * Never throws on bad input, never returns a half-loaded study: any error gives ok: false
 * with the first problems listed and the total counted.
 */
import { centroidOf, checkGeometry } from './geometry';
import { at, failure, IssueList, show, type Issue, type ParseResult } from './issues';
import { locateJsonError } from './json-position';
import {
  normaliseAgeGroup,
  normaliseGender,
  normaliseGroup,
  normaliseMode,
  normaliseWord,
  type CityLifeStudy,
  type Registration,
  type RegistrationKind,
  type Site,
  type SiteGeometry,
} from './model';
import { FIRST_SANE_YEAR, formatPair, isSaneInstant, LAST_SANE_YEAR, resolveTimestamp } from './time';
import { finishStudy, isRecord, pick, readCount, text } from './values';
import type { GapOptions } from './gaps';

/** One data point: a person (count 1) or `count` people sharing the same attributes. */
export interface PldpRecord {
  count?: number;
  mode?: string;
  posture?: string;
  activities?: string[];
  age?: string;
  gender?: string;
  direction?: string;
  groups?: string;
}

export interface PldpSurvey {
  id: string;
  /** The location's id. */
  location: string;
  kind: 'people_moving' | 'people_staying';
  /** ISO 8601, with an offset or in local Danish time. */
  time_start: string;
  time_stop: string;
  records: PldpRecord[];
  [extra: string]: unknown;
}

export interface PldpLocation {
  id: string;
  name: string;
  geometry?: SiteGeometry;
  area_id?: string;
  [extra: string]: unknown;
}

/** The document shape written by the synthetic generator and documented in docs/city-life.md. */
export interface PldpDocument {
  protocol_version?: string;
  study: { id: string; name: string; [extra: string]: unknown };
  locations: PldpLocation[];
  surveys: PldpSurvey[];
}

export interface ParseOptions {
  /** The file's name, for messages. */
  file?: string;
  gaps?: GapOptions;
}

const STUDY_ID = ['id', 'study_id', 'studyId'];
const STUDY_NAME = ['name', 'title', 'study_name', 'studyName'];
const KIND = ['kind', 'type', 'survey_type', 'surveyType', 'study_type', 'studyType'];
const LOCATION_ID = ['id', 'location_id', 'locationId'];
const LOCATION_NAME = ['name', 'name_primary', 'namePrimary', 'title', 'label'];
const GEOMETRY = ['geometry', 'location', 'survey_location', 'surveyLocation', 'shape'];
const AREA_ID = ['area_id', 'areaId'];
const SURVEY_ID = ['id', 'survey_id', 'surveyId'];
const SURVEY_LOCATION = ['location', 'location_id', 'locationId', 'site', 'site_id', 'siteId'];
const TIME_START = ['time_start', 'timeStart', 'start_date', 'startDate', 'start_time', 'startTime', 'start'];
const TIME_STOP = ['time_stop', 'timeStop', 'time_end', 'timeEnd', 'end_date', 'endDate', 'end_time', 'endTime', 'stop', 'end'];
const RECORDS = ['records', 'data_points', 'dataPoints', 'data'];
const RECORD_SURVEY = ['survey', 'survey_id', 'surveyId'];

/** Survey or study kinds as PLDP tools write them. */
export function readKind(value: unknown): RegistrationKind | null {
  const t = typeof value === 'string' ? value.trim().toLowerCase().replace(/[\s-]+/g, '_') : '';
  if (/^(people_?moving(_?count)?|movement|moving|flow)$/.test(t)) return 'moving';
  if (/^(people_?staying(_?count)?|stationary(_activity_mapping)?|staying|stationary_count)$/.test(t)) return 'staying';
  return null;
}

/**
 * How deep a PLDP document may nest arrays and objects. The deepest thing the protocol holds
 * is a MultiPolygon's position (document → locations → location → geometry → coordinates →
 * polygon → ring → position: 8 levels); anything far deeper is not PLDP, and is refused before
 * any recursive step (describing a value for a message, checking a geometry) could run out
 * of stack on it.
 */
export const MAX_PLDP_DEPTH = 64;

/** The JSON path of the first array or object nested deeper than `limit`, or null. Iterative. */
export function tooDeepPath(doc: unknown, limit: number): string | null {
  interface Frame {
    value: object;
    depth: number;
    parent: Frame | null;
    key: string | number;
  }
  const stack: Frame[] = [];
  if (typeof doc === 'object' && doc !== null) stack.push({ value: doc, depth: 1, parent: null, key: '' });
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > limit) {
      const parts: string[] = [];
      for (let f: Frame | null = frame; f !== null && f.parent !== null; f = f.parent) {
        parts.push(typeof f.key === 'number' ? `[${f.key}]` : f.parent.parent === null ? f.key : `.${f.key}`);
      }
      const path = parts.reverse().join('');
      return path.length > 80 ? `${path.slice(0, 77)}…` : path;
    }
    const value = frame.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child: unknown = value[i];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: i });
      }
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child: unknown = (value as Record<string, unknown>)[keys[i]!];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: keys[i]! });
      }
    }
  }
  return null;
}

function decode(input: string | Uint8Array): string {
  const s = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Parses PLDP JSON text (or its bytes, UTF-8). */
export function parsePldp(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const problems = new IssueList();
  const file = options.file;
  const source = decode(input);
  if (source.trim() === '') {
    problems.add('empty-input', { da: 'Filen er tom. Vælg en PLDP-fil i JSON.', en: 'The file is empty. Choose a PLDP file in JSON.' }, { file });
    return failure(problems, []);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(source) as unknown;
  } catch {
    const pos = locateJsonError(source);
    const found = pos?.found === null || pos === null ? null : pos.found;
    problems.add(
      'json-syntax',
      pos
        ? {
            da: `Filen er ikke gyldig JSON: fejl på linje ${pos.line}, kolonne ${pos.column}${found === null ? ' (filen slutter for tidligt)' : ` ved ${JSON.stringify(found)}`}. Ret filen (ofte et manglende eller ekstra komma eller en manglende parentes), og prøv igen.`,
            en: `The file is not valid JSON: error at line ${pos.line}, column ${pos.column}${found === null ? ' (the file ends too early)' : ` at ${JSON.stringify(found)}`}. Fix the file (often a missing or extra comma or a missing bracket) and try again.`,
          }
        : { da: 'Filen er ikke gyldig JSON. Ret filen, og prøv igen.', en: 'The file is not valid JSON. Fix the file and try again.' },
      { file, ...(pos ? { row: pos.line } : {}) },
    );
    return failure(problems, []);
  }
  return parsePldpObject(doc, options);
}

/** Parses an already decoded PLDP document. */
export function parsePldpObject(doc: unknown, options: ParseOptions = {}): ParseResult {
  const problems = new IssueList();
  const warnings: Issue[] = [];
  const file = options.file;
  const where = (path: string, extra: { siteId?: string; field?: string } = {}) => ({ file, path, ...extra });
  if (!isRecord(doc)) {
    problems.add(
      'not-an-object',
      {
        da: 'Filen er ikke et PLDP-dokument: den skal være et JSON-objekt med "study", "locations" og "surveys".',
        en: 'The file is not a PLDP document: it must be a JSON object with "study", "locations" and "surveys".',
      },
      { file },
    );
    return failure(problems, warnings);
  }
  const deep = tooDeepPath(doc, MAX_PLDP_DEPTH);
  if (deep !== null) {
    problems.add(
      'bad-value',
      at(
        { path: deep },
        {
          da: `filen er indlejret mere end ${MAX_PLDP_DEPTH} niveauer dybt her. Et PLDP-dokument er kun få niveauer dybt; ret filen, eller eksportér den igen fra værktøjet.`,
          en: `the file is nested more than ${MAX_PLDP_DEPTH} levels deep here. A PLDP document is only a few levels deep; fix the file or export it again from the tool.`,
        },
      ),
      { file, path: deep },
    );
    return failure(problems, warnings);
  }
  const studyObj: Record<string, unknown> = isRecord(doc.study)
    ? doc.study
    : Array.isArray(doc.studies) && isRecord(doc.studies[0])
      ? doc.studies[0]
      : doc;
  const studyId = text(pick(studyObj, STUDY_ID)?.value) ?? 'pldp';
  const studyName = text(pick(studyObj, STUDY_NAME)?.value) ?? studyId;
  const studyKind = readKind(pick(studyObj, KIND)?.value);

  // Locations.
  const locPick = pick(doc, ['locations', 'sites']) ?? pick(studyObj, ['locations', 'sites']);
  const sites: Site[] = [];
  const siteIds = new Set<string>();
  if (!locPick || !Array.isArray(locPick.value)) {
    problems.add(
      'missing-field',
      {
        da: 'Feltet "locations" mangler eller er ikke en liste. Tilføj stederne med id, navn og geometri.',
        en: 'The field "locations" is missing or not a list. Add the sites with id, name and geometry.',
      },
      where('locations', { field: 'locations' }),
    );
  } else {
    let withoutGeometry = 0;
    locPick.value.forEach((loc: unknown, j: number) => {
      const path = `${locPick.key}[${j}]`;
      if (!isRecord(loc)) {
        problems.add('not-an-object', at({ path }, { da: 'stedet er ikke et objekt.', en: 'the site is not an object.' }), where(path));
        return;
      }
      const id = text(pick(loc, LOCATION_ID)?.value);
      if (id === undefined) {
        problems.add('missing-field', at({ path }, { da: 'stedet mangler "id". Giv hvert sted et entydigt id.', en: 'the site lacks "id". Give every site a unique id.' }), where(path, { field: 'id' }));
        return;
      }
      if (siteIds.has(id)) {
        problems.add(
          'duplicate-id',
          at({ path }, { da: `sted-id'et "${id}" findes to gange. Giv hvert sted sit eget id.`, en: `the site id "${id}" occurs twice. Give every site its own id.` }),
          where(path, { siteId: id, field: 'id' }),
        );
        return;
      }
      siteIds.add(id);
      const name = text(pick(loc, LOCATION_NAME)?.value) ?? id;
      const g = pick(loc, GEOMETRY);
      let geometry: SiteGeometry | null = null;
      if (g) {
        const c = checkGeometry(g.value);
        if (!c.ok) {
          problems.add(c.code, at({ path: `${path}.${g.key}` }, { da: `sted "${id}": ${c.message.da}`, en: `site "${id}": ${c.message.en}` }), where(`${path}.${g.key}`, { siteId: id, field: g.key }));
          return;
        }
        geometry = c.geometry;
      } else withoutGeometry++;
      const areaId = text(pick(loc, AREA_ID)?.value);
      sites.push({ id, name, geometry, centroid: geometry ? centroidOf(geometry) : null, ...(areaId !== undefined ? { areaId } : {}) });
    });
    if (withoutGeometry > 0) {
      warnings.push({
        code: 'no-geometry',
        message: {
          da: `${withoutGeometry} ${withoutGeometry === 1 ? 'sted har' : 'steder har'} ingen geometri og vises ikke på kortet. Tilføj "geometry" (GeoJSON i EPSG:4326), hvis de skal med.`,
          en: `${withoutGeometry} ${withoutGeometry === 1 ? 'site has' : 'sites have'} no geometry and are not shown on the map. Add "geometry" (GeoJSON in EPSG:4326) to show them.`,
        },
        where: { file, field: 'geometry' },
      });
    }
  }

  // Data points kept apart from their surveys (CommonSpace exports), grouped by survey id.
  const loose = new Map<string, unknown[]>();
  const loosePick = pick(doc, ['data_points', 'dataPoints']);
  if (loosePick && Array.isArray(loosePick.value)) {
    loosePick.value.forEach((p: unknown, m: number) => {
      const sid = isRecord(p) ? text(pick(p, RECORD_SURVEY)?.value) : undefined;
      if (sid === undefined) {
        const path = `${loosePick.key}[${m}]`;
        problems.add(
          'missing-field',
          at({ path }, { da: 'datapunktet siger ikke, hvilken optælling (survey_id) det hører til. Tilføj "survey_id".', en: 'the data point does not say which survey (survey_id) it belongs to. Add "survey_id".' }),
          where(path, { field: 'survey_id' }),
        );
        return;
      }
      const list = loose.get(sid) ?? [];
      list.push(p);
      loose.set(sid, list);
    });
  }

  // Surveys.
  const counts: Registration[] = [];
  const survPick = pick(doc, ['surveys']) ?? pick(studyObj, ['surveys']);
  if (!survPick || !Array.isArray(survPick.value)) {
    problems.add(
      'missing-field',
      {
        da: 'Feltet "surveys" mangler eller er ikke en liste. Tilføj optællingerne (people_moving / people_staying).',
        en: 'The field "surveys" is missing or not a list. Add the counts (people_moving / people_staying).',
      },
      where('surveys', { field: 'surveys' }),
    );
    return failure(problems, warnings);
  }
  const surveyIds = new Set<string>();
  let ambiguous = 0;
  survPick.value.forEach((sv: unknown, k: number) => {
    const path = `surveys[${k}]`;
    if (!isRecord(sv)) {
      problems.add('not-an-object', at({ path }, { da: 'optællingen er ikke et objekt.', en: 'the survey is not an object.' }), where(path));
      return;
    }
    const id = text(pick(sv, SURVEY_ID)?.value) ?? `#${k + 1}`;
    const label = { da: `optælling "${id}"`, en: `survey "${id}"` };
    if (surveyIds.has(id)) {
      problems.add(
        'duplicate-id',
        at({ path }, { da: `optællings-id'et "${id}" findes to gange. Giv hver optælling sit eget id.`, en: `the survey id "${id}" occurs twice. Give every survey its own id.` }),
        where(path, { field: 'id' }),
      );
      return;
    }
    surveyIds.add(id);
    const locRef = pick(sv, SURVEY_LOCATION);
    const siteId = text(locRef?.value);
    if (siteId === undefined) {
      problems.add(
        'missing-field',
        at({ path }, { da: `${label.da} siger ikke, hvilket sted den er fra. Tilføj "location" med stedets id.`, en: `${label.en} does not say which site it is from. Add "location" with the site's id.` }),
        where(path, { field: 'location' }),
      );
      return;
    }
    if (!siteIds.has(siteId)) {
      problems.add(
        'unknown-site',
        at(
          { path: `${path}.${locRef!.key}` },
          {
            da: `${label.da} er fra stedet "${siteId}", som ikke findes under "locations". Tilføj stedet, eller ret id'et.`,
            en: `${label.en} is from the site "${siteId}", which is not among "locations". Add the site or fix the id.`,
          },
        ),
        where(`${path}.${locRef!.key}`, { siteId, field: locRef!.key }),
      );
      return;
    }
    const kindPick = pick(sv, KIND);
    const kind = kindPick ? readKind(kindPick.value) : studyKind;
    if (kind === null) {
      problems.add(
        kindPick ? 'unknown-kind' : 'missing-field',
        at(
          { path },
          kindPick
            ? {
                da: `${label.da} har typen ${show(kindPick.value)}; brug "people_moving" (bevægelse) eller "people_staying" (ophold).`,
                en: `${label.en} has the kind ${show(kindPick.value)}; use "people_moving" or "people_staying".`,
              }
            : {
                da: `${label.da} mangler "kind": "people_moving" (bevægelse) eller "people_staying" (ophold).`,
                en: `${label.en} lacks "kind": "people_moving" or "people_staying".`,
              },
        ),
        where(path, { siteId, field: kindPick?.key ?? 'kind' }),
      );
      return;
    }
    // Time window.
    const times: number[] = [];
    for (const [keys, field] of [
      [TIME_START, 'time_start'],
      [TIME_STOP, 'time_stop'],
    ] as const) {
      const p = pick(sv, keys);
      if (!p) {
        problems.add(
          'missing-field',
          at({ path }, { da: `${label.da} mangler "${field}". Angiv tidspunktet (ISO 8601, fx 2024-05-01T08:00).`, en: `${label.en} lacks "${field}". Give the time (ISO 8601, e.g. 2024-05-01T08:00).` }),
          where(path, { siteId, field }),
        );
        return;
      }
      const r =
        typeof p.value === 'number' && Number.isFinite(p.value)
          ? ({ ok: true, ms: p.value, ambiguous: false } as const)
          : typeof p.value === 'string'
            ? resolveTimestamp(p.value)
            : ({ ok: false, reason: 'unparsable' } as const);
      if (!r.ok) {
        problems.add(
          r.reason === 'nonexistent' ? 'nonexistent-local-time' : 'bad-timestamp',
          at(
            { path: `${path}.${p.key}` },
            r.reason === 'nonexistent'
              ? {
                  da: `tidspunktet ${show(p.value)} findes ikke i dansk tid (sommertid springer timen over). Angiv tiden med forskydning, fx +02:00.`,
                  en: `the time ${show(p.value)} does not exist in Danish time (summer time skips that hour). Give the time with an offset, e.g. +02:00.`,
                }
              : {
                  da: `tidspunktet ${show(p.value)} kan ikke læses. Skriv det som ISO 8601, fx 2024-05-01T08:00 eller 2024-05-01T08:00:00+02:00.`,
                  en: `the time ${show(p.value)} cannot be read. Write it in ISO 8601, e.g. 2024-05-01T08:00 or 2024-05-01T08:00:00+02:00.`,
                },
          ),
          where(`${path}.${p.key}`, { siteId, field: p.key }),
        );
        return;
      }
      if (!isSaneInstant(r.ms)) {
        problems.add(
          'bad-timestamp',
          at(
            { path: `${path}.${p.key}` },
            {
              da: `tidspunktet ${show(p.value)} ligger uden for årene ${FIRST_SANE_YEAR}–${LAST_SANE_YEAR}. Ret tidspunktet (ISO 8601, fx 2024-05-01T08:00; et tal er millisekunder siden 1970-01-01 UTC).`,
              en: `the time ${show(p.value)} is outside the years ${FIRST_SANE_YEAR}–${LAST_SANE_YEAR}. Fix the time (ISO 8601, e.g. 2024-05-01T08:00; a number is milliseconds since 1970-01-01 UTC).`,
            },
          ),
          where(`${path}.${p.key}`, { siteId, field: p.key }),
        );
        return;
      }
      if (r.ambiguous) ambiguous++;
      times.push(r.ms);
    }
    const [start, end] = times as [number, number];
    if (end < start) {
      const [a, b] = formatPair(end, start);
      problems.add(
        'end-before-start',
        at({ path }, { da: `${label.da}: slut (${a}) ligger før start (${b}). Ret tidsrummet i filen.`, en: `${label.en}: the end (${a}) is before the start (${b}). Fix the time window in the file.` }),
        { ...where(path, { siteId, field: 'time_stop' }), from: end, to: start },
      );
      return;
    }
    if (end === start && kind === 'moving') {
      problems.add(
        'empty-window',
        at(
          { path },
          {
            da: `${label.da}: start og slut er ens; en optælling af bevægelse skal have et tidsrum. Ret slut-tidspunktet.`,
            en: `${label.en}: start and end are equal; a people-moving count needs a time window. Fix the end time.`,
          },
        ),
        { ...where(path, { siteId, field: 'time_stop' }), from: start, to: end },
      );
      return;
    }
    // Data points.
    const recPick = pick(sv, RECORDS);
    const records: unknown[] | null = recPick ? (Array.isArray(recPick.value) ? recPick.value : null) : (loose.get(id) ?? []);
    if (records === null) {
      problems.add(
        'bad-value',
        at({ path: `${path}.${recPick!.key}` }, { da: 'datapunkterne skal være en liste.', en: 'the data points must be a list.' }),
        where(`${path}.${recPick!.key}`, { siteId, field: recPick!.key }),
      );
      return;
    }
    const recKey = recPick?.key ?? 'data_points';
    const before = counts.length;
    records.forEach((rec: unknown, m: number) => {
      if (!isRecord(rec)) {
        const rp = `${path}.${recKey}[${m}]`;
        problems.add('not-an-object', at({ path: rp }, { da: 'datapunktet er ikke et objekt.', en: 'the data point is not an object.' }), where(rp, { siteId }));
        return;
      }
      const c = pick(rec, ['count', 'n', 'people']);
      let count = 1;
      if (c) {
        const rc = readCount(c.value);
        if (!rc.ok) {
          const rp = `${path}.${recKey}[${m}].${c.key}`;
          problems.add(rc.code, at({ path: rp }, rc.message), where(rp, { siteId, field: c.key }));
          return;
        }
        count = rc.count;
      }
      const reg: Registration = { siteId, start, end, kind, count };
      const mode = text(rec.mode);
      if (mode !== undefined) reg.mode = normaliseMode(mode);
      const posture = text(rec.posture);
      if (posture !== undefined) reg.posture = normaliseWord(posture);
      const acts = pick(rec, ['activities', 'activity']);
      if (acts) {
        // A list, or text listing them; never String() on anything else (an object's toString may be anything).
        const raw: unknown[] = Array.isArray(acts.value) ? acts.value : typeof acts.value === 'string' ? acts.value.split(/[,;]/) : [acts.value];
        const list = raw.map((a) => text(a)).filter((a): a is string => a !== undefined).map(normaliseWord);
        if (list.length > 0) reg.activity = list[0]!;
        if (list.length > 1) reg.activities = list;
      }
      const age = text(pick(rec, ['age', 'age_group', 'ageGroup'])?.value);
      if (age !== undefined) reg.ageGroup = normaliseAgeGroup(age);
      const gender = text(pick(rec, ['gender', 'gender_observed', 'genderObserved'])?.value);
      if (gender !== undefined) reg.gender = normaliseGender(gender);
      const direction = text(rec.direction);
      if (direction !== undefined) reg.direction = direction;
      const group = text(pick(rec, ['groups', 'group'])?.value);
      if (group !== undefined) reg.group = normaliseGroup(group);
      counts.push(reg);
    });
    if (counts.length === before && problems.empty) counts.push({ siteId, start, end, kind, count: 0 });
  });
  if (problems.empty && counts.length === 0) {
    problems.add('no-registrations', { da: 'Filen indeholder ingen optællinger. Tilføj mindst én under "surveys".', en: 'The file holds no counts. Add at least one under "surveys".' }, { file });
  }
  if (ambiguous > 0) {
    warnings.push({
      code: 'ambiguous-local-time',
      message: {
        da: `${ambiguous} tidspunkter uden forskydning lå i timen, der forekommer to gange, når sommertiden slutter; de er læst som sommertid. Angiv forskydningen (+01:00/+02:00) for at være entydig.`,
        en: `${ambiguous} times without an offset fell in the hour that occurs twice when summer time ends; they were read as summer time. Give the offset (+01:00/+02:00) to be unambiguous.`,
      },
      where: { file },
    });
  }
  if (!problems.empty) return failure(problems, warnings);
  const study: CityLifeStudy = { id: studyId, name: studyName, sites, counts, source: 'pldp' };
  return finishStudy(study, problems, warnings, options.gaps);
}
