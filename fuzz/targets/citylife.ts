/**
 * citylife: city-life registration files as the city-life screen imports them
 * (renderer/features/citylife/load.ts): PLDP JSON → parsePldp, and counter CSV → parseSensorCsv
 * (with or without a site list). A refusal must list problems with a code and a Danish and
 * English message; an accepted study must hold what model.ts promises (whole counts ≥ 0,
 * windows with end ≥ start, every registration at a known site, centroids in EPSG:4326) and
 * go through the screen's summaries (summarise, site volumes, heat matrix, profiles, mix).
 */
import type { Issue, ParseResult } from '../../shared/citylife/issues';
import type { CityLifeStudy, Site } from '../../shared/citylife/model';
import { parsePldp } from '../../shared/citylife/parse-pldp';
import { parseSensorCsv } from '../../shared/citylife/parse-sensor-csv';
import { compareSites, dailyProfile, heatMatrix, mix, siteVolumes, summarise, weeklyProfile } from '../../shared/citylife/aggregate';
import { formatIsoLocal, HOUR_MS } from '../../shared/citylife/time';
import { mutateCsv, mutateJson, type Json, type Rng } from '../mutate';
import { assertThat, checkBilingual, consumer, describe, isNonEmptyText, type FuzzInput, type FuzzTarget, type Verdict } from '../target';

const PLDP_SEED: Json = {
  study: { id: 'S1', name: 'Torvestudie' },
  locations: [
    { id: 'L1', name: 'Torvet', geometry: { type: 'Polygon', coordinates: [[[12.5, 55.6], [12.501, 55.6], [12.501, 55.601], [12.5, 55.601], [12.5, 55.6]]] } },
    { id: 'L2', name: 'Gaden', geometry: { type: 'LineString', coordinates: [[12.51, 55.61], [12.511, 55.61]] } },
    { id: 'L3', name: 'Bænken', geometry: { type: 'Point', coordinates: [12.52, 55.62] } },
  ],
  surveys: [
    { id: 'M1', location: 'L2', kind: 'people_moving', time_start: '2024-05-01T08:00', time_stop: '2024-05-01T08:10', records: [{ mode: 'pedestrian', direction: 'nord' }, { mode: 'bicyclist', count: 3 }, { count: 2, mode: 'walking' }] },
    { id: 'M2', location: 'L2', kind: 'people_moving', time_start: '2024-05-01T09:00', time_stop: '2024-05-01T09:10', records: [] },
    {
      id: 'S1',
      location: 'L1',
      kind: 'people_staying',
      time_start: '2024-05-01T12:00:00+02:00',
      time_stop: '2024-05-01T12:15:00+02:00',
      records: [
        { posture: 'sitting_formal', activities: ['consuming', 'conversing'], age: 'age_25-64', gender: 'female', groups: 'group_2' },
        { posture: 'standing', activities: ['conversing'], age: '65+', gender: 'male', count: 2 },
      ],
    },
  ],
};

const SITES: Site[] = [
  { id: 'S1', name: 'Nørregade', geometry: { type: 'Point', coordinates: [12.55, 55.68] }, centroid: [12.55, 55.68] },
  { id: 'S2', name: 'Havnen', geometry: { type: 'Point', coordinates: [12.56, 55.69] }, centroid: [12.56, 55.69] },
];

/** Two days of hourly counts at two sites, both directions, 29 March–1 April 2024 (over the DST change). */
function sensorSeed(): string {
  const lines = ['site;timestamp;direction;count'];
  const from = Date.UTC(2024, 2, 30, 6);
  for (const site of ['S1', 'S2']) {
    for (let h = 0; h < 48; h++) {
      const t = formatIsoLocal(from + h * HOUR_MS);
      lines.push(`${site};${t};ind;${(h * 7) % 40}`, `${site};${t};ud;${(h * 5) % 30}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
const SENSOR_SEED = sensorSeed();

const PLDP_STRINGS = ['people_moving', 'people_staying', 'stationary', 'L1', 'L2', 'L9', 'Point', 'LineString', 'Polygon', '2024-05-01T08:00', '2024-02-30T08:00', '2024-03-31T02:30', '2024-10-27T02:30', '24:00', 'pedestrian', 'age_0-14', 'group_8-plus'];

function generate(rng: Rng): FuzzInput {
  if (rng.chance(0.5)) return { variant: 'pldp', bytes: mutateJson(rng, PLDP_SEED, { strings: PLDP_STRINGS, maxEdits: 4 }) };
  return { variant: rng.chance(0.5) ? 'sensor' : 'sensor+sites', bytes: mutateCsv(rng, SENSOR_SEED, ';') };
}

function checkIssues(issues: unknown, what: string): void {
  assertThat(Array.isArray(issues), 'bad-error', () => `${what} is ${describe(issues)}`);
  for (const issue of issues as Issue[]) {
    assertThat(isNonEmptyText(issue.code), 'bad-error', () => `${what}: an issue without a code: ${describe(issue)}`);
    checkBilingual(issue.message, `${what}: ${issue.code}`);
  }
}

function checkStudy(study: CityLifeStudy): void {
  assertThat(Array.isArray(study.sites) && Array.isArray(study.counts), 'accepted-invalid', 'a study without sites or counts lists');
  const ids = new Set<string>();
  for (const site of study.sites) {
    assertThat(typeof site.id === 'string' && !ids.has(site.id), 'accepted-invalid', () => `site id ${describe(site.id)} is missing or repeated`);
    ids.add(site.id);
    if (site.centroid !== null) {
      const [lon, lat] = site.centroid;
      assertThat(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90, 'accepted-invalid', () => `site ${site.id}: centroid ${describe(site.centroid)} is not a position in EPSG:4326`);
    }
  }
  for (const [i, r] of study.counts.entries()) {
    const where = `registration ${i + 1}`;
    assertThat(ids.has(r.siteId), 'accepted-invalid', () => `${where}: site ${describe(r.siteId)} is not among the study's sites`);
    assertThat(Number.isInteger(r.count) && r.count >= 0, 'accepted-invalid', () => `${where}: count ${describe(r.count)} is not a whole number ≥ 0`);
    assertThat(Number.isFinite(r.start) && Number.isFinite(r.end) && r.end >= r.start, 'accepted-invalid', () => `${where}: window ${describe(r.start)}–${describe(r.end)}`);
    assertThat(r.kind === 'moving' || r.kind === 'staying', 'accepted-invalid', () => `${where}: kind ${describe(r.kind)}`);
  }
}

async function run(input: FuzzInput): Promise<Verdict> {
  let result: ParseResult;
  if (input.variant === 'pldp') result = parsePldp(input.bytes, { file: 'studie.json' });
  else if (input.variant === 'sensor') result = parseSensorCsv(input.bytes, { file: 'tæller.csv' });
  else if (input.variant === 'sensor+sites') result = parseSensorCsv(input.bytes, { file: 'tæller.csv', sites: SITES });
  else throw new Error(`unknown variant "${input.variant}"`);
  const r = result as { ok?: unknown } | null;
  assertThat(r !== null && typeof r === 'object' && typeof r.ok === 'boolean', 'bad-result', () => `the parser returned ${describe(result)}`);
  checkIssues(result.warnings, 'warnings');
  if (!result.ok) {
    assertThat(result.problems.length > 0 && result.problemCount >= result.problems.length, 'bad-error', () => `a refusal with ${result.problems.length} problems listed of ${result.problemCount}`);
    checkIssues(result.problems, 'problems');
    return { status: 'refused', code: result.problems[0]!.code };
  }
  checkStudy(result.study);
  const study = result.study;
  for (const kind of ['moving', 'staying'] as const) {
    const summary = await consumer(`summarise ${kind} (shared/citylife/aggregate.ts)`, () => summarise(study, { kind }));
    await consumer('site volumes, heat matrix, profiles, comparison (aggregate.ts)', () => {
      siteVolumes(summary);
      heatMatrix(summary);
      dailyProfile(summary);
      dailyProfile(summary, undefined, 'weekend');
      weeklyProfile(summary);
      compareSites(summary);
    });
  }
  await consumer('mix (aggregate.ts)', () => {
    for (const field of ['mode', 'direction', 'posture', 'activity', 'ageGroup', 'gender', 'group'] as const) mix(study, field);
  });
  return { status: 'accepted' };
}

export const citylifeTarget: FuzzTarget = {
  name: 'citylife',
  description: 'city-life files: PLDP JSON → parsePldp, counter CSV → parseSensorCsv (with and without a site list); accepted studies through the screen’s summaries',
  defaultCases: 1500,
  generate,
  run,
};
