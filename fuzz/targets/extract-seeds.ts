/**
 * Valid extracts to start from: the unit-test fixture, a two-layer fixture with a parent
 * link and an events table, and the demo extract's plaintext archive (decrypted once per
 * worker: scrypt at 2^18 costs about a second, so archive-level cases mutate plaintext).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync } from 'fflate';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { MANIFEST_FILE, type ExtractManifest } from '../../shared/extract/manifest';
import { buildArchive } from '../../shared/extract/pack';
import { tinyContents, tinyManifest } from '../../shared/extract/test-fixtures';
import type { GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import { bydelLayer, districtLayer } from '../../shared/builder/testing/fixtures';
import type { ArchiveEntry } from '../mutate';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fixture with two nested layers (basisdistrikt → bydel) and person-period plus events tables. */
export function nestedArchive(): Uint8Array {
  const base = tinyManifest();
  const manifest: ExtractManifest = {
    ...base,
    areaLayers: [
      { ...base.areaLayers[0]!, parent: { layer: 'bydel', property: 'bydel_id' } },
      { id: 'bydel', label: { da: 'Bydel', en: 'City district' }, file: 'geo/bydel.geojson', idProperty: 'area_id', nameProperty: 'name', parent: null },
    ],
    tables: [
      ...base.tables,
      {
        name: 'events',
        kind: 'events',
        file: 'tables/events.parquet',
        columns: [
          { name: 'period', type: 'INTEGER', nullable: false },
          { name: 'person_id', type: 'VARCHAR', nullable: false },
          { name: 'district_id', type: 'VARCHAR', nullable: false },
          { name: 'type', type: 'VARCHAR', nullable: false },
        ],
      },
    ],
  };
  const tiny = tinyContents();
  return buildArchive({
    manifest,
    tables: new Map([...tiny.tables, ['events', new Uint8Array([80, 65, 82, 49, 1, 2, 3, 80, 65, 82, 49])]]),
    layers: new Map([
      ['basisdistrikt', districtLayer() as GeoJsonFeatureCollection],
      ['bydel', bydelLayer() as GeoJsonFeatureCollection],
    ]),
  });
}

export function tinyArchive(): Uint8Array {
  return buildArchive(tinyContents());
}

let demoPlaintext: Promise<Uint8Array> | null = null;

/** The demo extract's plaintext (in memory only, like the app). */
export function demoArchive(): Promise<Uint8Array> {
  demoPlaintext ??= (async () => {
    const bytes = new Uint8Array(await readFile(`${REPO_ROOT}resources/demo/demo.bdx`));
    const result = await decryptAgeInMemory(bytes, { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
    if (!result.ok) throw new Error(`the demo extract does not open: ${result.error.code}`);
    return result.plaintext;
  })();
  return demoPlaintext;
}

/** An archive's entries, stored as the builder stores them (Parquet stored, JSON deflated). */
export function entriesOf(archive: Uint8Array): ArchiveEntry[] {
  return Object.entries(unzipSync(archive)).map(([name, content]) => ({ name, content, method: name.endsWith('.parquet') ? 0 : 8 }));
}

export function manifestOf(entries: readonly ArchiveEntry[]): ExtractManifest {
  const entry = entries.find((e) => e.name === MANIFEST_FILE);
  if (!entry) throw new Error('seed archive without a manifest');
  return JSON.parse(new TextDecoder().decode(entry.content)) as ExtractManifest;
}

export const text = (value: unknown): Uint8Array => strToU8(JSON.stringify(value));
