/** A tiny, valid extract for unit tests (fake Parquet bytes: unpacking does not parse them). */
import type { ExtractManifest } from './manifest';
import type { ExtractContents } from './pack';
import type { GeoJsonFeatureCollection } from './unpack';

export function tinyManifest(): ExtractManifest {
  return {
    format: 'bydelsmonitor-extract',
    formatVersion: '1.0',
    municipality: { code: '0999', name: 'Testby Kommune (fiktiv)' },
    periods: [2023, 2024],
    baseLayer: 'basisdistrikt',
    baseAreaColumn: 'district_id',
    areaLayers: [
      {
        id: 'basisdistrikt',
        label: { da: 'Basisdistrikt', en: 'Base district' },
        file: 'geo/basisdistrikt.geojson',
        idProperty: 'area_id',
        nameProperty: 'name',
        parent: null,
      },
    ],
    tables: [
      {
        name: 'persons',
        kind: 'person-period',
        file: 'tables/persons.parquet',
        columns: [
          { name: 'period', type: 'INTEGER', nullable: false },
          { name: 'person_id', type: 'VARCHAR', nullable: false },
          { name: 'district_id', type: 'VARCHAR', nullable: false },
        ],
      },
    ],
    sources: [{ name: 'unit test' }],
    producer: { name: 'tests' },
    created: '2025-01-01T00:00:00Z',
    synthetic: true,
  };
}

export function tinyLayer(): GeoJsonFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { area_id: '101', name: 'Testkvarteret' },
        geometry: { type: 'Polygon', coordinates: [[[12, 55], [12.01, 55], [12.01, 55.01], [12, 55]]] },
      },
    ],
  };
}

export function tinyContents(manifest: ExtractManifest = tinyManifest()): ExtractContents {
  return {
    manifest,
    tables: new Map([['persons', new Uint8Array([80, 65, 82, 49, 0, 0, 80, 65, 82, 49])]]),
    layers: new Map([['basisdistrikt', tinyLayer()]]),
  };
}
