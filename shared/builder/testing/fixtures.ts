/**
 * A tiny input folder for builder tests ("Testby", three base districts in two bydele near
 * Copenhagen City Hall), with helpers to vary one thing at a time. Synthetic data only.
 */
import type { InputFile } from '../input-files';

export type Position = [number, number];

/** A closed counterclockwise square. */
export function square(x: number, y: number, size: number): Position[] {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Latin-1 bytes (= Windows-1252 for Danish letters: æ 0xE6, ø 0xF8, å 0xE5). */
export const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

export function files(record: Record<string, string | Uint8Array | object>): InputFile[] {
  return Object.entries(record).map(([name, content]) => ({
    name,
    bytes: typeof content === 'string' ? utf8(content) : content instanceof Uint8Array ? content : utf8(JSON.stringify(content)),
  }));
}

/** Districts in EPSG:4326, 0.01° squares (about 630 × 1 100 m) west of City Hall. */
export function districtLayer(): object {
  const feature = (id: string, name: string, bydel: string, x: number) => ({
    type: 'Feature',
    properties: { area_id: id, name, bydel_id: bydel },
    geometry: { type: 'Polygon', coordinates: [square(x, 55.67, 0.01)] },
  });
  return {
    type: 'FeatureCollection',
    features: [feature('0101', 'Åkanten', 'B1', 12.5), feature('0102', 'Søparken', 'B1', 12.51), feature('0103', 'Ørestien', 'B2', 12.52)],
  };
}

export function bydelLayer(): object {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { area_id: 'B1', name: 'Nord' }, geometry: { type: 'Polygon', coordinates: [[[12.5, 55.67], [12.52, 55.67], [12.52, 55.68], [12.5, 55.68], [12.5, 55.67]]] } },
      { type: 'Feature', properties: { area_id: 'B2', name: 'Syd' }, geometry: { type: 'Polygon', coordinates: [square(12.52, 55.67, 0.01)] } },
    ],
  };
}

export const PERSONS_CSV = [
  'period;person_id;district_id;age;income;school_absence',
  '2023;A1;0101;34;312.500;',
  '2024;A1;0101;35;325.000;',
  '2023;A2;0102;9;0;0,05',
  '2024;A2;0103;10;0;0,125',
  '2024;A3;0103;71;198.400,50;',
].join('\r\n');

export function spec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    municipality: { code: '0999', name: 'Testby Kommune (fiktiv)' },
    periods: [2023, 2024],
    baseLayer: 'basisdistrikt',
    baseAreaColumn: 'district_id',
    areaLayers: [
      { id: 'basisdistrikt', file: 'geo/basisdistrikt.geojson', idProperty: 'area_id', nameProperty: 'name', parent: { layer: 'bydel', property: 'bydel_id' } },
      { id: 'bydel', file: 'geo/bydel.geojson', idProperty: 'area_id', nameProperty: 'name' },
    ],
    tables: [
      {
        name: 'persons',
        kind: 'person-period',
        file: 'persons.csv',
        columns: [
          { name: 'period', type: 'INTEGER' },
          { name: 'person_id', type: 'VARCHAR' },
          { name: 'district_id', type: 'VARCHAR' },
          { name: 'age', type: 'INTEGER' },
          { name: 'income', type: 'DOUBLE' },
          { name: 'school_absence', type: 'DOUBLE' },
        ],
      },
    ],
    sources: [{ name: 'Unit test', description: 'Synthetic data' }],
    producer: { name: 'Tests' },
    synthetic: true,
    ...overrides,
  };
}

/** The whole folder; pass replacements by file name (null removes a file). */
export function testFolder(replace: Record<string, string | Uint8Array | object | null> = {}): InputFile[] {
  const base: Record<string, string | Uint8Array | object | null> = {
    'extract.json': spec(),
    'geo/basisdistrikt.geojson': districtLayer(),
    'geo/bydel.geojson': bydelLayer(),
    'persons.csv': PERSONS_CSV,
    ...replace,
  };
  return files(Object.fromEntries(Object.entries(base).filter((e): e is [string, string | Uint8Array | object] => e[1] !== null)));
}

export const CREATED = '2025-01-15T00:00:00Z';
