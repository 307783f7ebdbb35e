/**
 * builder: the data team's input folder → buildExtract (shared/builder/build.ts), with one
 * file of the unit-test folder (shared/builder/testing/fixtures.ts) mutated: the persons
 * table as CSV in Danish dialects (delimiters, quotes, BOMs, Windows-1252, UTF-16,
 * suppression markers, decimal commas), as XLSX or as Parquet; a layer as GeoJSON or as a
 * zipped shapefile; or extract.json itself.
 *
 * Every problem in the report must have a code and a Danish and English message and fix;
 * a build that succeeds must produce an extract the app opens: archived, it goes through
 * unpackExtract and the extract-archive checks, and each table's Parquet columns are the
 * ones its manifest declares.
 */
import { readFileSync } from 'node:fs';
import { buildArchive } from '../../shared/extract/pack';
import { writeParquet } from '../../shared/extract/parquet-write';
import { unpackExtract } from '../../shared/extract/unpack';
import { buildExtract, type BuildReport } from '../../shared/builder/index';
import { readParquetFile } from '../../shared/builder/tables/read-parquet';
import { ProblemList } from '../../shared/builder/problems';
import { bydelLayer, CREATED, districtLayer, files, PERSONS_CSV, spec, testFolder } from '../../shared/builder/testing/fixtures';
import { PRJ_ETRS89_UTM32N, writeShapefile, zipShapefile, type Position } from '../../shared/builder/testing/write-shapefile';
import type { InputFile } from '../../shared/builder/input-files';
import { unzipSync } from 'fflate';
import { mutateBytes, mutateCsv, mutateJson, zipEntries, zipWithTrick, ZIP_TRICKS, type ArchiveEntry, type Json, type Rng } from '../mutate';
import { assertThat, checkBilingual, consumer, describe, isNonEmptyText, Violation, type FuzzInput, type FuzzTarget, type Verdict } from '../target';
import { checkUnpacked, refusal } from './extract-checks';

/** The pseudonymisation secret a mutated extract.json may ask for (32 characters; protects nothing). */
const PSEUDONYM_SECRET = 'fuzz-pseudonym-secret-0123456789';

type Template = 'csv' | 'xlsx' | 'parquet' | 'geojson' | 'shapefile' | 'spec';

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

function personsParquet(): Uint8Array {
  const rows = PERSONS_CSV.split('\r\n').slice(1).map((l) => l.split(';'));
  const num = (s: string) => (s === '' ? null : Number(s.replace(/\./g, '').replace(',', '.')));
  return writeParquet({
    name: 'persons',
    columns: [
      { name: 'period', type: 'INTEGER', values: rows.map((r) => Number(r[0])) },
      { name: 'person_id', type: 'VARCHAR', values: rows.map((r) => r[1]!) },
      { name: 'district_id', type: 'VARCHAR', values: rows.map((r) => r[2]!) },
      { name: 'age', type: 'INTEGER', values: rows.map((r) => Number(r[3])) },
      { name: 'income', type: 'DOUBLE', values: rows.map((r) => num(r[4]!)) },
      { name: 'school_absence', type: 'DOUBLE', values: rows.map((r) => num(r[5]!)) },
    ],
  });
}

function districtShapefile(): Uint8Array {
  const features = [
    { properties: { area_id: '0101', name: 'Åkanten', bydel_id: 'B1' }, polygons: [[square(724000, 6176000, 500)]] },
    { properties: { area_id: '0102', name: 'Søparken', bydel_id: 'B1' }, polygons: [[square(724500, 6176000, 500)]] },
    { properties: { area_id: '0103', name: 'Ørestien', bydel_id: 'B2' }, polygons: [[square(725000, 6176000, 500)]] },
  ];
  const fields = [
    { name: 'area_id', type: 'C', length: 8 },
    { name: 'name', type: 'C', length: 40 },
    { name: 'bydel_id', type: 'C', length: 4 },
  ] as const;
  return zipShapefile('basisdistrikt', { ...writeShapefile(features, fields), prj: PRJ_ETRS89_UTM32N });
}

interface Folder {
  /** The file a case replaces. */
  file: string;
  /** The folder around it. */
  files: () => InputFile[];
  seed: () => Uint8Array;
}

function specWith(change: (s: Record<string, unknown>) => void): Record<string, unknown> {
  const s = spec();
  change(s);
  return s;
}

const persons = (file: string) => (s: Record<string, unknown>) => {
  (s['tables'] as Record<string, unknown>[])[0]!['file'] = file;
};

const FOLDERS: Record<Template, Folder> = {
  csv: { file: 'persons.csv', files: () => testFolder(), seed: () => new TextEncoder().encode(PERSONS_CSV) },
  xlsx: {
    file: 'persons.xlsx',
    files: () => testFolder({ 'extract.json': specWith(persons('persons.xlsx')), 'persons.csv': null }),
    seed: () => new Uint8Array(readFileSync(new URL('../corpus/seeds/persons.xlsx', import.meta.url))),
  },
  parquet: { file: 'persons.parquet', files: () => testFolder({ 'extract.json': specWith(persons('persons.parquet')), 'persons.csv': null }), seed: personsParquet },
  geojson: { file: 'geo/basisdistrikt.geojson', files: () => testFolder(), seed: () => new TextEncoder().encode(JSON.stringify(districtLayer())) },
  shapefile: {
    file: 'geo/basisdistrikt.zip',
    files: () =>
      testFolder({
        'extract.json': specWith((s) => {
          (s['areaLayers'] as Record<string, unknown>[])[0]!['file'] = 'geo/basisdistrikt.zip';
        }),
        'geo/basisdistrikt.geojson': null,
      }),
    seed: districtShapefile,
  },
  spec: { file: 'extract.json', files: () => testFolder(), seed: () => new TextEncoder().encode(JSON.stringify(spec())) },
};

const TEMPLATE_WEIGHTS: readonly [Template, number][] = [
  ['csv', 30],
  ['geojson', 20],
  ['spec', 20],
  ['parquet', 12],
  ['shapefile', 10],
  ['xlsx', 8],
];

const seedCache = new Map<Template, Uint8Array>();
function seedOf(t: Template): Uint8Array {
  let s = seedCache.get(t);
  if (!s) {
    s = FOLDERS[t].seed();
    seedCache.set(t, s);
  }
  return s;
}

const GEO_STRINGS = ['FeatureCollection', 'Feature', 'Polygon', 'MultiPolygon', 'area_id', 'name', 'bydel_id', '0101', 'B1', 'urn:ogc:def:crs:EPSG::25832', 'EPSG:4326', 'EPSG:3857', 'urn:ogc:def:crs:OGC:1.3:CRS84'];
const SPEC_STRINGS = ['person-period', 'events', 'aggregates', 'reference', 'city-life-sites', 'city-life-counts', 'VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'persons.csv', 'geo/bydel.geojson', 'basisdistrikt', 'bydel', 'district_id', 'person_id', 'EPSG:25832', 'windows-1252', ';', '\t', 'Personer'];

/** GeoJSON edits: a legacy crs member (with coordinates to match, or not), then structure. */
function mutateGeoJson(rng: Rng, seed: Uint8Array): Uint8Array {
  const fc = JSON.parse(new TextDecoder().decode(seed)) as { [key: string]: Json };
  if (rng.chance(0.3)) {
    fc['crs'] = { type: 'name', properties: { name: rng.pick(['urn:ogc:def:crs:EPSG::25832', 'EPSG:25833', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:3857', 'EPSG:4326', '', 'x']) } };
    if (rng.chance(0.5)) {
      // Metres near Copenhagen, as an EPSG:25832 export would hold.
      for (const f of fc['features'] as { geometry: { coordinates: number[][][] } }[]) {
        f.geometry.coordinates = f.geometry.coordinates.map((ring) => ring.map(([x, y]) => [724000 + (x! - 12.5) * 63_000, 6170000 + (y! - 55.67) * 111_000]));
      }
    }
    if (rng.chance(0.5)) return new TextEncoder().encode(JSON.stringify(fc));
  }
  return mutateJson(rng, fc, { strings: GEO_STRINGS, maxEdits: 3 });
}

/** Zip-based inputs (XLSX, zipped shapefile): mutate one entry, or the container. */
function mutateZipInput(rng: Rng, seed: Uint8Array): Uint8Array {
  const entries: ArchiveEntry[] = Object.entries(unzipSync(seed)).map(([name, content]) => ({ name, content, method: 8 }));
  const r = rng.next();
  if (r < 0.15) return mutateBytes(rng, seed);
  if (r < 0.25) return zipWithTrick(rng, entries, rng.pick(ZIP_TRICKS.filter((t) => t !== 'overlap-bomb' || rng.chance(0.2))));
  const entry = rng.pick(entries);
  const isText = /\.(xml|rels|prj|cpg)$/i.test(entry.name);
  entry.content = isText && rng.chance(0.7) ? mutateText(rng, new TextDecoder().decode(entry.content)) : mutateBytes(rng, entry.content);
  return zipEntries(entries);
}

/** Text edits for XML and .prj: values, tags and attributes swapped for nasty ones. */
function mutateText(rng: Rng, text: string): Uint8Array {
  const nasty = ['', '<', '&', '&amp;', ']]>', '"', 'NaN', '1e999', '-1', '99999999999', 'A1048577', 'XFD1', '<x>'.repeat(10_000), '<!DOCTYPE x [<!ENTITY a "aaaa">]>'];
  const out = rng.chance(0.5)
    ? text.replace(/>([^<]{0,40})</g, (m, inner: string) => (rng.chance(0.15) ? `>${rng.pick(nasty)}<` : `>${inner}<`))
    : text.replace(/="([^"]{0,40})"/g, (m, value: string) => (rng.chance(0.15) ? `="${rng.pick(nasty)}"` : `="${value}"`));
  return new TextEncoder().encode(out);
}

async function generate(rng: Rng): Promise<FuzzInput> {
  const template = TEMPLATE_WEIGHTS[rng.weightedIndex(TEMPLATE_WEIGHTS.map(([, w]) => w))]![0];
  const seed = seedOf(template);
  let bytes: Uint8Array;
  switch (template) {
    case 'csv':
      bytes = mutateCsv(rng, PERSONS_CSV, ';');
      break;
    case 'geojson':
      bytes = rng.chance(0.5) ? mutateGeoJson(rng, seed) : mutateJson(rng, (rng.chance(0.5) ? districtLayer() : bydelLayer()) as Json, { strings: GEO_STRINGS });
      break;
    case 'spec':
      bytes = mutateJson(rng, spec() as Json, { strings: SPEC_STRINGS, maxEdits: 4 });
      break;
    case 'parquet':
      bytes = mutateBytes(rng, seed, rng.chance(0.6) ? { focus: [Math.max(0, seed.length - 400), seed.length] } : {});
      break;
    case 'xlsx':
    case 'shapefile':
      bytes = mutateZipInput(rng, seed);
      break;
  }
  return { variant: `${template}:${FOLDERS[template].file}`, bytes };
}

const INTERNAL_ERROR = /TypeError|RangeError|ReferenceError|Cannot read propert|is not a function|is not iterable|Maximum call stack|Invalid array length|undefined is not/;

function checkReport(report: BuildReport): string {
  assertThat(report !== null && typeof report === 'object' && Array.isArray(report.problems), 'bad-result', () => `the report is ${describe(report)}`);
  for (const p of report.problems) {
    assertThat(isNonEmptyText(p.code), 'bad-error', () => `a problem without a code: ${describe(p)}`);
    assertThat(p.severity === 'error' || p.severity === 'warning', 'bad-error', () => `problem ${p.code} has severity ${describe(p.severity)}`);
    checkBilingual(p.message, `problem ${p.code}: message`);
    checkBilingual(p.fix, `problem ${p.code}: fix`);
  }
  const errors = report.problems.filter((p) => p.severity === 'error');
  assertThat(report.errors === errors.length && report.ok === (errors.length === 0), 'bad-result', () => `report says ok=${report.ok}, errors=${report.errors}, but lists ${errors.length} errors`);
  const first = errors[0];
  if (!first) return '';
  // A library's internal error caught and shown as "cannot be read" is a clear refusal, but worth counting apart.
  return first.code === 'file-unreadable' && INTERNAL_ERROR.test(first.message.en) ? 'file-unreadable (internal error caught)' : first.code;
}

async function run(input: FuzzInput): Promise<Verdict> {
  const template = input.variant.slice(0, input.variant.indexOf(':')) as Template;
  const folder = FOLDERS[template];
  if (!folder) throw new Error(`unknown template in variant "${input.variant}"`);
  const inputs = [...folder.files().filter((f) => f.name !== folder.file), ...files({ [folder.file]: input.bytes })];
  const result = await buildExtract(inputs, { created: CREATED, pseudonymSecret: PSEUDONYM_SECRET });
  assertThat(result !== null && typeof result === 'object' && typeof result.ok === 'boolean', 'bad-result', () => `buildExtract returned ${describe(result)}`);
  const code = checkReport(result.report);
  if (!result.ok) {
    assertThat(code !== '', 'bad-result', 'the build failed, but its report lists no error');
    return { status: 'refused', code };
  }
  assertThat(result.report.ok, 'bad-result', 'the build succeeded with a report that is not ok');
  // What the builder made must open in the app.
  let unpacked;
  try {
    unpacked = unpackExtract(buildArchive(result.contents));
  } catch (err) {
    const refused = refusal(err);
    throw new Violation('accepted-invalid', `[builder-output] the builder accepted the input, but the app refuses the extract it built: ${refused.status === 'refused' ? refused.code : ''} (${err instanceof Error ? err.message : String(err)})`);
  }
  await checkUnpacked(unpacked);
  for (const table of unpacked.manifest.tables) {
    const problems = new ProblemList();
    const raw = await consumer(`reading the built Parquet of "${table.name}"`, () => readParquetFile({ name: table.file, bytes: unpacked.tables.get(table.name)! }, problems, {}));
    const declared = table.columns.map((c) => c.name).join(', ');
    assertThat(raw !== null && raw.header.join(', ') === declared, 'accepted-invalid', () => `[builder-output] table "${table.name}": Parquet columns (${raw?.header.join(', ') ?? 'unreadable'}) differ from the manifest's (${declared})`);
  }
  return { status: 'accepted' };
}

export const builderTarget: FuzzTarget = {
  name: 'builder',
  description: 'input folders with one mutated file (CSV/XLSX/Parquet table, GeoJSON/shapefile layer, extract.json) → buildExtract; successful builds archived and opened like extracts',
  defaultCases: 1000,
  async setup() {
    for (const t of Object.keys(FOLDERS) as Template[]) seedOf(t);
    // The unmutated folders must build, or the fuzzer would only ever see refusals.
    for (const t of Object.keys(FOLDERS) as Template[]) {
      const folder = FOLDERS[t];
      const result = await buildExtract([...folder.files().filter((f) => f.name !== folder.file), ...files({ [folder.file]: seedOf(t) })], { created: CREATED });
      if (!result.ok) throw new Error(`fuzz/targets/builder.ts: the ${t} seed folder does not build: ${result.report.problems.filter((p) => p.severity === 'error').map((p) => p.message.en).join('; ')}`);
    }
  },
  generate,
  run,
};
