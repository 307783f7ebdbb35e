/**
 * Builds an encrypted extract from the synthetic generator: column arrays → Parquet (the
 * project's one writer, shared/extract/parquet-write.ts) → zip with manifest and GeoJSON →
 * age. Used for the committed demo and for larger generated municipalities in benchmarks.
 * The demo (seed DEMO_SEED, scale 1) carries marker pseudonyms for a few persons
 * (scripts/demo/markers.ts); nothing else differs from the generator's output.
 */
import { generateMunicipality } from '../synth/generate';
import { writeParquetTables, type TableData } from '../../shared/extract/parquet-write';
import { buildArchive, encryptExtract } from '../../shared/extract/pack';
import type { GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import { DEMO_SEED } from '../../shared/extract/demo';
import { CITY_LIFE_COUNT_COLUMNS, CITY_LIFE_SITE_COLUMNS, EVENT_COLUMNS, PERSON_COLUMNS, syntheticManifest } from './manifest';
import { DEMO_MARKED_PERSONS, plantMarkers, type MarkedPerson } from './markers';
import { generateCityLife } from '../synth/citylife';

type Columns = Record<string, readonly (string | number | boolean | null)[]>;

function tableData(name: string, columns: Columns, spec: readonly (readonly [string, TableData['columns'][number]['type'], boolean])[]): TableData {
  return {
    name,
    columns: spec.map(([column, type]) => {
      const values = columns[column];
      if (!values) throw new Error(`generator output lacks ${name}.${column}`);
      return { name: column, type, values };
    }),
  };
}

export interface SyntheticExtract {
  archive: Uint8Array;
  groundTruth: unknown;
}

/** The demo's marked persons for the demo's seed and scale, else none. */
export function defaultMarkedPersons(seed: number, scale: number): readonly MarkedPerson[] {
  return seed === DEMO_SEED && scale === 1 ? DEMO_MARKED_PERSONS : [];
}

/**
 * The plaintext archive (never written to disk) and the generator's ground truth. `marked`
 * persons get their marker pseudonym in both tables; each must be in the generator's output.
 */
export async function buildSyntheticArchive(
  seed: number,
  scale = 1,
  marked: readonly MarkedPerson[] = defaultMarkedPersons(seed, scale),
): Promise<SyntheticExtract> {
  const municipality = generateMunicipality({ seed, scale });
  const known = new Set(municipality.persons.person_id);
  const missing = marked.filter((p) => !known.has(p.original)).map((p) => p.original);
  if (missing.length > 0) throw new Error(`marked persons not in the generator's output (update scripts/demo/markers.ts): ${missing.join(', ')}`);
  const persons = { ...municipality.persons, person_id: plantMarkers(municipality.persons.person_id, marked) };
  const events = { ...municipality.events, person_id: plantMarkers(municipality.events.person_id, marked) };
  const tables = [
    { ...tableData('persons', persons as unknown as Columns, PERSON_COLUMNS), orderBy: ['person_id', 'period'] },
    { ...tableData('events', events as unknown as Columns, EVENT_COLUMNS), orderBy: ['person_id', 'period', 'type'] },
    ...cityLifeTables(seed),
  ];
  const parquet = writeParquetTables(tables);
  const { periods } = municipality.municipality;
  const manifest = syntheticManifest({
    municipality: { code: municipality.municipality.code, name: municipality.municipality.name },
    periods,
    tables,
    seed,
    // Fixed, so the same seed gives the same archive.
    created: `${periods[periods.length - 1]! + 1}-01-15T00:00:00Z`,
  });
  const layers = new Map<string, GeoJsonFeatureCollection>(
    Object.entries(municipality.layers).map(([id, fc]) => [id, fc as unknown as GeoJsonFeatureCollection]),
  );
  return { archive: buildArchive({ manifest, tables: parquet, layers }), groundTruth: municipality.groundTruth };
}

/** Half a year of city-life registrations at sites in the same municipality (a planted +30 % at one site). */
function cityLifeTables(seed: number): TableData[] {
  const rows = generateCityLife({ seed, municipalitySeed: seed }).toExtractRows();
  const columns = (list: readonly Record<string, unknown>[]): Columns => {
    const out: Record<string, (string | number | boolean | null)[]> = {};
    for (const row of list) for (const [key, value] of Object.entries(row)) (out[key] ??= []).push((value ?? null) as string | number | boolean | null);
    return out;
  };
  return [
    tableData('citylife_sites', columns(rows.sites), CITY_LIFE_SITE_COLUMNS),
    tableData('citylife_counts', columns(rows.counts), CITY_LIFE_COUNT_COLUMNS),
  ];
}

export async function buildSyntheticExtract(
  seed: number,
  passphrase: string,
  scale = 1,
  marked: readonly MarkedPerson[] = defaultMarkedPersons(seed, scale),
): Promise<Uint8Array> {
  const { archive } = await buildSyntheticArchive(seed, scale, marked);
  return encryptExtract(archive, { passphrase });
}
