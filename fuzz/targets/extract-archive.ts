/**
 * extract-archive: decrypted extract archives (zip) through unpackExtract, the step the app
 * runs on every plaintext (renderer/engine/open-extract.ts, scripts/compute/cli.ts).
 * Mutations work on the archive's bytes, on its entries (manifest, GeoJSON layers, Parquet
 * bytes, entry names) and on the zip container (bombs, duplicate names, lying sizes).
 */
import type { Json } from '../mutate';
import { mutateBytes, mutateJson, OVERLAP_BOMB, toRawEntry, zeros, zipEntries, zipWithTrick, ZIP_TRICKS, type ArchiveEntry, type Rng } from '../mutate';
import type { FuzzInput, FuzzTarget } from '../target';
import { demoArchive, entriesOf, manifestOf, nestedArchive, tinyArchive } from './extract-seeds';
import { unpackVerdict } from './extract-checks';

type SeedName = 'tiny' | 'nested' | 'demo';

const seeds = new Map<SeedName, Promise<ArchiveEntry[]>>();

function seedEntries(name: SeedName): Promise<ArchiveEntry[]> {
  let entries = seeds.get(name);
  if (!entries) {
    entries = (async () => {
      const archive = name === 'tiny' ? tinyArchive() : name === 'nested' ? nestedArchive() : await demoArchive();
      const list = entriesOf(archive);
      for (const e of list) toRawEntry(e); // compress once; cases reuse unchanged entries
      return list;
    })();
    seeds.set(name, entries);
  }
  return entries;
}

const decoder = new TextDecoder();

/** Geometry that breaks the format in the ways real files and attackers do. */
function badGeometry(rng: Rng): Json {
  return rng.pick<Json>([
    null,
    'POLYGON((12 55, 12.1 55, 12 55.1, 12 55))',
    { type: 'Point', coordinates: [12.5, 55.6] },
    { type: 'LineString', coordinates: [[12.5, 55.6], [12.6, 55.7]] },
    { type: 'GeometryCollection', geometries: [] },
    { type: 'Polygon' },
    { type: 'Polygon', coordinates: null },
    { type: 'Polygon', coordinates: [] },
    { type: 'Polygon', coordinates: [[]] },
    { type: 'Polygon', coordinates: [[[12.5, 55.6]]] },
    { type: 'Polygon', coordinates: [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.7]]] },
    { type: 'Polygon', coordinates: [[['12.5', '55.6'], ['12.6', '55.6'], ['12.6', '55.7'], ['12.5', '55.6']]] },
    { type: 'Polygon', coordinates: [[[null, null], [1, 1], [1, 2], [null, null]]] },
    { type: 'Polygon', coordinates: [[[720000, 6170000], [721000, 6170000], [721000, 6171000], [720000, 6170000]]] },
    { type: 'Polygon', coordinates: [[[55.6, 12.5], [55.6, 12.6], [55.7, 12.6], [55.6, 12.5]]] },
    { type: 'Polygon', coordinates: [[[12.5], [12.6], [12.7], [12.5]]] },
    { type: 'Polygon', coordinates: 'x' },
    { type: 'Polygon', coordinates: [[[[12.5, 55.6]]]] },
    { type: 'MultiPolygon', coordinates: [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.6]]] },
    { type: 'MultiPolygon', coordinates: [] },
    { type: 'polygon', coordinates: [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.6]]] },
  ]);
}

/** Feature-level damage a generic JSON mutation rarely finds. */
function mutateLayer(rng: Rng, fc: Json, idProperty: string): Uint8Array {
  const features = (fc as { features?: Json[] }).features;
  if (!Array.isArray(features) || features.length === 0 || rng.chance(0.4)) {
    return mutateJson(rng, fc, { strings: [idProperty, 'area_id', 'name', 'Feature', 'FeatureCollection', 'Polygon', 'MultiPolygon'] });
  }
  const copy = structuredClone(fc) as { features: Json[] };
  const i = rng.int(copy.features.length);
  const feature = copy.features[i] as { [key: string]: Json };
  switch (rng.int(8)) {
    case 0:
      copy.features[i] = rng.pick<Json>([null, 1, 'Feature', [], { type: 'Feature' }]);
      break;
    case 1:
      feature['properties'] = rng.pick<Json>([null, [], 'x', 7, {}]);
      break;
    case 2: {
      const properties = (feature['properties'] ?? {}) as { [key: string]: Json };
      properties[idProperty] = rng.pick<Json>([101, '', ' ', null, true, ['101'], { toString: 'x' }, '\u0000', 'a'.repeat(100_000)]);
      feature['properties'] = properties;
      break;
    }
    case 3: {
      const properties = (feature['properties'] ?? {}) as { [key: string]: Json };
      const key = rng.pick(['name', 'bydel_id', 'boligomraade_id', 'district_ids']);
      properties[key] = rng.pick<Json>([{ toString: 1 }, { valueOf: null, toString: null }, [null], [1, [2]], 1e308, '\u0000', null]);
      feature['properties'] = properties;
      break;
    }
    case 4:
      feature['geometry'] = badGeometry(rng);
      break;
    case 5:
      // The same id twice (a copy of another feature).
      copy.features.push(structuredClone(copy.features[rng.int(copy.features.length)]!));
      break;
    case 6:
      copy.features = rng.pick<Json[]>([[], Array.from({ length: rng.pick([1000, 20_000]) }, () => structuredClone(feature))]);
      break;
    default:
      return mutateJson(rng, copy as unknown as Json, { strings: [idProperty] });
  }
  return new TextEncoder().encode(JSON.stringify(copy));
}

const MANIFEST_STRINGS = [
  'bydelsmonitor-extract',
  '1.0',
  '2.0',
  '0.9',
  '1.99',
  '01.0',
  'basisdistrikt',
  'bydel',
  'district_id',
  'persons',
  'events',
  'person-period',
  'city-life-counts',
  'VARCHAR',
  'DOUBLE',
  'tables/persons.parquet',
  'tables/events.parquet',
  'tables/../manifest.json',
  'tables/x.parquet',
  'geo/basisdistrikt.geojson',
  'geo/bydel.geojson',
  '../geo/basisdistrikt.geojson',
  'manifest.json',
  '2025-01-01T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '0999',
  'area_id',
  'name',
];

type Kind = 'bytes' | 'manifest' | 'layer' | 'table' | 'entries' | 'container';
const KINDS: readonly [Kind, number][] = [
  ['bytes', 12],
  ['manifest', 33],
  ['layer', 27],
  ['table', 5],
  ['entries', 10],
  ['container', 13],
];

async function generate(rng: Rng): Promise<FuzzInput> {
  const seedName = rng.pick<SeedName>(['tiny', 'tiny', 'nested', 'nested', 'demo']);
  const entries = (await seedEntries(seedName)).map((e) => ({ ...e }));
  const kind = KINDS[rng.weightedIndex(KINDS.map(([, w]) => w))]![0];
  const variant = `${seedName}/${kind}`;
  const replace = (index: number, content: Uint8Array, method?: 0 | 8) => {
    const old = entries[index]!;
    entries[index] = { name: old.name, content, method: method ?? old.method };
  };
  switch (kind) {
    case 'bytes': {
      const archive = zipEntries(entries);
      // Most flips land in the central directory and end record, where the structure is.
      const tail: [number, number] = [Math.max(0, archive.length - 2048), archive.length];
      return { variant, bytes: mutateBytes(rng, archive, rng.chance(0.6) ? { focus: tail } : {}) };
    }
    case 'manifest': {
      const i = entries.findIndex((e) => e.name === 'manifest.json');
      replace(i, mutateJson(rng, manifestOf(entries) as unknown as Json, { strings: MANIFEST_STRINGS, maxEdits: 4 }));
      break;
    }
    case 'layer': {
      const layers = entries.map((e, i) => [e, i] as const).filter(([e]) => e.name.endsWith('.geojson'));
      const [entry, i] = rng.pick(layers);
      const def = manifestOf(entries).areaLayers.find((l) => l.file === entry.name);
      replace(i, mutateLayer(rng, JSON.parse(decoder.decode(entry.content)) as Json, def?.idProperty ?? 'area_id'));
      break;
    }
    case 'table': {
      const tables = entries.map((e, i) => [e, i] as const).filter(([e]) => e.name.endsWith('.parquet'));
      const [entry, i] = rng.pick(tables);
      const content = rng.chance(0.2) ? rng.pick([new Uint8Array(0), new TextEncoder().encode('not parquet')]) : mutateBytes(rng, entry.content, { focus: [entry.content.length - 512, entry.content.length] });
      replace(i, content);
      break;
    }
    case 'entries': {
      const i = rng.int(entries.length);
      switch (rng.int(4)) {
        case 0:
          entries.splice(i, 1);
          break;
        case 1:
          entries.push({ name: rng.pick(['tables/extra.parquet', 'geo/extra.geojson', 'README.txt', 'manifest.json.bak', '__MACOSX/._manifest.json']), content: new Uint8Array(64), method: 0 });
          break;
        case 2:
          entries[i] = { ...entries[i]!, name: rng.pick(['Manifest.json', 'manifest.JSON', `./${entries[i]!.name}`, `${entries[i]!.name}.bak`, 'tables/persons.parquet']), raw: undefined };
          break;
        default:
          entries[i] = { ...entries[i]!, method: entries[i]!.method === 0 ? 8 : 0, raw: undefined };
      }
      break;
    }
    case 'container': {
      // A bomb costs seconds while unpack-no-size-limit is pending (it is inflated in full): about one a run
      // here, and one in every run from corpus/regressions/.
      const trick = rng.chance(0.02) ? 'overlap-bomb' : rng.pick(ZIP_TRICKS.filter((t) => t !== 'overlap-bomb'));
      return { variant: `${variant}:${trick}`, bytes: zipWithTrick(rng, entries, trick) };
    }
  }
  return { variant, bytes: zipEntries(entries) };
}

export const extractArchiveTarget: FuzzTarget = {
  name: 'extract-archive',
  description: 'decrypted extract archives (zip: manifest.json, tables/*.parquet, geo/*.geojson) → unpackExtract, then the area map, layer view and contiguity the app builds from the result',
  defaultCases: 400,
  slowDivisor: 4,
  // A bomb takes ~3 s to inflate while unpack-no-size-limit is pending (fuzz/pending.ts); then it is refused at once.
  budgetMs: 15_000,
  async setup() {
    await Promise.all((['tiny', 'nested', 'demo'] as const).map(seedEntries));
    zeros(OVERLAP_BOMB.streamBytes);
  },
  generate,
  run: (input) => unpackVerdict(input.bytes),
};
