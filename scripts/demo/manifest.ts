/** The manifest of an extract built from the synthetic generator's output. */
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { TableData } from '../../shared/extract/parquet-write';

export const PERSON_COLUMNS = [
  ['period', 'INTEGER', false],
  ['person_id', 'VARCHAR', false],
  ['district_id', 'VARCHAR', false],
  ['age', 'INTEGER', false],
  ['sex', 'VARCHAR', false],
  ['household', 'VARCHAR', false],
  ['origin', 'VARCHAR', false],
  ['education', 'VARCHAR', true],
  ['labour_status', 'VARCHAR', false],
  ['income', 'INTEGER', false],
  ['benefit', 'VARCHAR', false],
  ['school_absence', 'DOUBLE', true],
] as const;

export const EVENT_COLUMNS = [
  ['period', 'INTEGER', false],
  ['person_id', 'VARCHAR', false],
  ['district_id', 'VARCHAR', false],
  ['type', 'VARCHAR', false],
  ['detail', 'VARCHAR', true],
] as const;

export const CITY_LIFE_SITE_COLUMNS = [
  ['site_id', 'VARCHAR', false],
  ['name', 'VARCHAR', false],
  ['lon', 'DOUBLE', false],
  ['lat', 'DOUBLE', false],
  ['area_id', 'VARCHAR', true],
  ['geometry', 'VARCHAR', true],
] as const;

/** Times are local ISO text with their offset; `date` is the local day (the builder's daily shape). */
export const CITY_LIFE_COUNT_COLUMNS = [
  ['site_id', 'VARCHAR', false],
  ['date', 'DATE', false],
  ['start', 'VARCHAR', false],
  ['end', 'VARCHAR', false],
  ['count', 'INTEGER', false],
  ['kind', 'VARCHAR', false],
  ['direction', 'VARCHAR', true],
  ['mode', 'VARCHAR', true],
  ['posture', 'VARCHAR', true],
  ['activity', 'VARCHAR', true],
  ['age_group', 'VARCHAR', true],
  ['gender', 'VARCHAR', true],
] as const;

export interface SyntheticManifestInput {
  municipality: { code: string; name: string };
  periods: number[];
  tables: readonly TableData[];
  seed: number;
  created: string;
}

export function syntheticManifest(input: SyntheticManifestInput): ExtractManifest {
  const kinds: Record<string, ExtractManifest['tables'][number]['kind']> = {
    persons: 'person-period',
    events: 'events',
    citylife_sites: 'city-life-sites',
    citylife_counts: 'city-life-counts',
  };
  return {
    format: 'bydelsmonitor-extract',
    formatVersion: '1.0',
    municipality: input.municipality,
    periods: input.periods,
    baseLayer: 'basisdistrikt',
    baseAreaColumn: 'district_id',
    areaLayers: [
      {
        id: 'basisdistrikt',
        label: { da: 'Basisdistrikt', en: 'Base district' },
        file: 'geo/basisdistrikt.geojson',
        idProperty: 'area_id',
        nameProperty: 'name',
        parent: { layer: 'bydel', property: 'bydel_id' },
      },
      {
        id: 'bydel',
        label: { da: 'Bydel', en: 'City district' },
        file: 'geo/bydel.geojson',
        idProperty: 'area_id',
        nameProperty: 'name',
        parent: null,
      },
      {
        id: 'boligomraade',
        label: { da: 'Boligområde', en: 'Housing estate' },
        file: 'geo/boligomraade.geojson',
        idProperty: 'area_id',
        nameProperty: 'name',
        parent: null,
      },
    ],
    tables: input.tables.map((table) => ({
      name: table.name,
      kind: kinds[table.name] ?? 'aggregates',
      file: `tables/${table.name}.parquet`,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.values.includes(null) })),
    })),
    sources: [
      {
        name: 'Bydelsmonitor synthetic generator',
        description: `Seeded synthetic municipality (seed ${input.seed}); no real persons.`,
      },
    ],
    producer: { name: 'Bydelsmonitor project', tool: 'scripts/build-demo.ts' },
    created: input.created,
    synthetic: true,
  };
}
