/**
 * unpackExtract on archives that break the format in ways the fuzz suite found (fuzz/README.md):
 * features that are not Features, zip bombs and lying sizes, invalid geometry, duplicate ids,
 * and property values that the area map, its SQL and the layer view cannot turn into text.
 * Each is refused with an ExtractError naming where the problem is, before anything loads.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { ExtractError, type ExtractErrorCode } from './errors';
import { checkLayerFeatures } from './layer-check';
import { MAX_ARCHIVE_ENTRIES } from './limits';
import type { ExtractManifest } from './manifest';
import { tinyContents, tinyManifest } from './test-fixtures';
import { unpackExtract, type UnpackOptions } from './unpack';

const PERSONS = tinyContents().tables.get('persons')!;

/** basisdistrikt (two features, parent bydel via "bydel_id") → bydel (one feature). */
function nestedManifest(): ExtractManifest {
  const base = tinyManifest();
  return {
    ...base,
    areaLayers: [
      { ...base.areaLayers[0]!, parent: { layer: 'bydel', property: 'bydel_id' } },
      { id: 'bydel', label: { da: 'Bydel', en: 'City district' }, file: 'geo/bydel.geojson', idProperty: 'area_id', nameProperty: 'name', parent: null },
    ],
  };
}

const square = (lon: number, lat: number, size = 0.01) => [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]];

function feature(properties: Record<string, unknown>, geometry: unknown = { type: 'Polygon', coordinates: square(12, 55) }): Record<string, unknown> {
  return { type: 'Feature', properties, geometry };
}

function districts(): Record<string, unknown>[] {
  return [
    feature({ area_id: '101', name: 'Nord', bydel_id: '1' }, { type: 'Polygon', coordinates: square(12, 55) }),
    feature({ area_id: '102', name: 'Syd', bydel_id: '1' }, { type: 'MultiPolygon', coordinates: [square(12.01, 55), square(12.03, 55)] }),
  ];
}

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

interface ArchiveParts {
  manifest?: ExtractManifest;
  /** GeoJSON text or a value to stringify, by file. */
  layers?: Record<string, unknown>;
  extra?: Zippable;
}

function archive(parts: ArchiveParts = {}): Uint8Array {
  const manifest = parts.manifest ?? nestedManifest();
  const layers: Record<string, unknown> = {
    'geo/basisdistrikt.geojson': collection(districts()),
    'geo/bydel.geojson': collection([feature({ area_id: '1', name: 'Sundby' }, { type: 'Polygon', coordinates: square(12, 55, 0.05) })]),
    ...parts.layers,
  };
  const files: Zippable = {
    'manifest.json': strToU8(JSON.stringify(manifest)),
    'tables/persons.parquet': [PERSONS, { level: 0 }],
    ...parts.extra,
  };
  for (const layer of manifest.areaLayers) {
    const content = layers[layer.file];
    files[layer.file] = strToU8(typeof content === 'string' ? content : JSON.stringify(content));
  }
  return zipSync(files);
}

/** The base layer with one feature changed. */
function withDistrict(index: number, change: (f: Record<string, unknown>) => void): Uint8Array {
  const features = districts();
  change(features[index]!);
  return archive({ layers: { 'geo/basisdistrikt.geojson': collection(features) } });
}

function refusal(bytes: Uint8Array, options?: UnpackOptions): ExtractError {
  let result: unknown;
  try {
    result = unpackExtract(bytes, options);
  } catch (err) {
    if (err instanceof ExtractError) return err;
    throw new Error(`threw ${String(err)}, not an ExtractError`, { cause: err });
  }
  throw new Error(`accepted (${typeof result}), expected a refusal`);
}

function expectRefused(bytes: Uint8Array, code: ExtractErrorCode, detail: RegExp, options?: UnpackOptions): void {
  const err = refusal(bytes, options);
  expect(`${err.code}: ${err.detail ?? ''}`).toMatch(new RegExp(`^${code}: `));
  expect(err.detail).toMatch(detail);
}

// --- zip surgery: fflate writes no duplicates and no lies, so patch its output -------------

interface CentralRecord {
  name: string;
  at: number;
}

function centralRecords(zip: Uint8Array): CentralRecord[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22; // fflate writes no comment
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const records: CentralRecord[] = [];
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    records.push({ name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), at });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return records;
}

/** Rewrites an entry's declared sizes in its central record (and local header). */
function lie(zip: Uint8Array, name: string, sizes: { size?: number; compressedSize?: number }): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const record = centralRecords(out).find((r) => r.name === name);
  if (!record) throw new Error(`no entry ${name}`);
  const local = view.getUint32(record.at + 42, true);
  if (sizes.size !== undefined) {
    view.setUint32(record.at + 24, sizes.size, true);
    view.setUint32(local + 22, sizes.size, true);
  }
  if (sizes.compressedSize !== undefined) {
    view.setUint32(record.at + 20, sizes.compressedSize, true);
    view.setUint32(local + 18, sizes.compressedSize, true);
  }
  return out;
}

/** Renames every occurrence of a name (same length) in the headers. */
function rename(zip: Uint8Array, from: string, to: string): Uint8Array {
  const a = strToU8(from);
  const b = strToU8(to);
  expect(b.length).toBe(a.length);
  const out = zip.slice();
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((byte, k) => out[i + k] === byte)) out.set(b, i);
  }
  return out;
}

describe('the fixtures of this file', () => {
  it('make an extract that opens', () => {
    const unpacked = unpackExtract(archive());
    expect(unpacked.layers.get('basisdistrikt')?.features).toHaveLength(2);
    expect([...unpacked.tables.get('persons')!]).toEqual([...PERSONS]);
  });
});

describe('unpack-null-feature: features that are not Feature objects', () => {
  it.each([
    ['null', null, /feature 2 is null, not a GeoJSON Feature/],
    ['a number', 7, /feature 2 is a number, not a GeoJSON Feature/],
    ['a list', [], /feature 2 is a list, not a GeoJSON Feature/],
    ['an object without type', { properties: { area_id: '103' } }, /feature 2 is an object without "type": "Feature"/],
  ])('refuses a feature that is %s', (_, value, detail) => {
    const features: unknown[] = districts();
    features[1] = value;
    const bytes = archive({ layers: { 'geo/basisdistrikt.geojson': collection(features) } });
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": /);
    expectRefused(bytes, 'schema-mismatch', detail);
  });

  it.each([null, 'x', [], 7])('refuses a feature whose properties are %j', (properties) => {
    expectRefused(withDistrict(0, (f) => (f['properties'] = properties)), 'schema-mismatch', /^area layer "basisdistrikt": feature 1 has no properties object/);
  });
});

describe('unpack-no-size-limit: declared sizes, entry count and duplicate names, checked before inflating', () => {
  it('refuses an entry declaring 4 GiB at once, naming it (also one the manifest does not list)', () => {
    const listed = lie(archive(), 'tables/persons.parquet', { size: 0xffffffff });
    expectRefused(listed, 'too-large', /^entry "tables\/persons\.parquet" declares 4096 MiB unpacked; this app opens extracts up to 512 MiB$/);
    const unlisted = lie(archive({ extra: { 'README.txt': [strToU8('hej'), { level: 0 }] } }), 'README.txt', { size: 0xfffffffe });
    expectRefused(unlisted, 'too-large', /^entry "README\.txt" declares 4096 MiB/);
  });

  it('refuses entries whose declared sizes add up to more than the limit (an overlap bomb), naming the largest', () => {
    // Nine records declaring 64 MiB each (as nine records sharing one deflate stream do): 576 MiB in all.
    const extra: Zippable = {};
    for (let k = 0; k < 9; k++) extra[`tables/bomb-${k}.parquet`] = [strToU8('x'), { level: 0 }];
    let bytes = archive({ extra });
    for (let k = 0; k < 9; k++) bytes = lie(bytes, `tables/bomb-${k}.parquet`, { size: 64 * 2 ** 20 });
    expectRefused(bytes, 'too-large', /^the archive's entries declare 577 MiB unpacked in all \(the largest, "tables\/bomb-0\.parquet", 64 MiB\)/);
  });

  it('counts every entry against the limit, listed or not (a limit set small here)', () => {
    const bytes = archive({ extra: { 'docs/zeros.bin': new Uint8Array(1 << 20) } }); // 1 MiB deflated to ~1 KB
    expect(bytes.length).toBeLessThan(20_000);
    expectRefused(bytes, 'too-large', /the archive's entries declare 2 MiB unpacked in all \(the largest, "docs\/zeros\.bin", 1 MiB\); this app opens extracts up to 1 MiB/, {
      maxUnpackedBytes: 1 << 20,
    });
    expect(unpackExtract(bytes, { maxUnpackedBytes: 2 << 20 }).layers.size).toBe(2);
  });

  it(`refuses more than ${MAX_ARCHIVE_ENTRIES} entries`, () => {
    const extra: Zippable = {};
    for (let k = 0; k <= MAX_ARCHIVE_ENTRIES; k++) extra[`geo/extra-${k}.geojson`] = [new Uint8Array(0), { level: 0 }];
    expectRefused(archive({ extra }), 'too-large', new RegExp(`^the archive holds ${MAX_ARCHIVE_ENTRIES + 5} entries; an extract holds at most ${MAX_ARCHIVE_ENTRIES}$`));
  });

  it('inflates only manifest.json and the entries the manifest lists', () => {
    // An unlisted entry whose deflate stream is garbage: never inflated, so never a problem.
    const bytes = archive({ extra: { 'notes/broken.txt': strToU8('some notes that deflate') } });
    const record = centralRecords(bytes).find((r) => r.name === 'notes/broken.txt')!;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const local = view.getUint32(record.at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    bytes.fill(0xff, start, start + view.getUint32(record.at + 20, true));
    expect(unpackExtract(bytes).layers.size).toBe(2);
  });

  it('refuses a deflated entry that inflates to less or more than it declares, naming it', () => {
    const bytes = archive();
    const layerSize = JSON.stringify(collection(districts())).length;
    expectRefused(lie(bytes, 'geo/basisdistrikt.geojson', { size: layerSize + 100 }), 'damaged', /entry "geo\/basisdistrikt\.geojson" inflates to \d+ bytes, not the \d+ it declares/);
    expectRefused(lie(bytes, 'geo/basisdistrikt.geojson', { size: Math.floor(layerSize / 2) }), 'damaged', /entry "geo\/basisdistrikt\.geojson" inflates to more than the \d+ bytes it declares/);
  });

  it('stops inflating a stream at its declared size (a 16 MiB stream declaring 1 KiB)', () => {
    const zeros = deflateSync(new Uint8Array(16 * 2 ** 20), { level: 9 });
    const files: Zippable = { 'manifest.json': strToU8(JSON.stringify(tinyManifest())), 'tables/persons.parquet': [zeros, { level: 0 }] };
    let bytes: Uint8Array = zipSync(files);
    // Make the stored Parquet entry a deflated one holding the zero stream, declaring 1 KiB.
    const record = centralRecords(bytes).find((r) => r.name === 'tables/persons.parquet')!;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint16(record.at + 10, 8, true);
    view.setUint16(view.getUint32(record.at + 42, true) + 8, 8, true);
    bytes = lie(bytes, 'tables/persons.parquet', { size: 1024 });
    const started = performance.now();
    expectRefused(bytes, 'damaged', /entry "tables\/persons\.parquet" inflates to more than the 1024 bytes it declares/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a stored entry whose sizes disagree or that runs past the archive', () => {
    const bytes = archive();
    expectRefused(lie(bytes, 'tables/persons.parquet', { size: 5 }), 'damaged', /stored entry "tables\/persons\.parquet" declares 5 bytes but holds 10/);
    expectRefused(lie(bytes, 'tables/persons.parquet', { size: 1e6, compressedSize: 1e6 }), 'damaged', /entry "tables\/persons\.parquet" runs past the end of the archive/);
  });

  it('refuses two entries with the same name, whichever the manifest lists', () => {
    const twoManifests = rename(archive({ extra: { 'manifest.jsoo': strToU8(JSON.stringify({ ...nestedManifest(), baseLayer: 'bydel' })) } }), 'manifest.jsoo', 'manifest.json');
    expect(centralRecords(twoManifests).filter((r) => r.name === 'manifest.json')).toHaveLength(2);
    expectRefused(twoManifests, 'invalid-manifest', /^the archive holds two entries named "manifest\.json"$/);
    const twoTables = rename(archive({ extra: { 'tables/persons.parquef': [PERSONS, { level: 0 }] } }), 'tables/persons.parquef', 'tables/persons.parquet');
    expectRefused(twoTables, 'invalid-manifest', /two entries named "tables\/persons\.parquet"/);
  });

  it('reads names as names: "../" and absolute names are just entries the manifest does not list', () => {
    const bytes = archive({ extra: { '../manifest.json': strToU8('{}'), '/etc/passwd': strToU8('x'), 'geo/../manifest.json': strToU8('[]') } });
    expect(unpackExtract(bytes).manifest).toEqual(nestedManifest());
  });

  it('refuses a manifest that gives two tables one file', () => {
    const manifest = tinyManifest();
    manifest.tables.push({ ...manifest.tables[0]!, name: 'persons_again' });
    expectRefused(archive({ manifest }), 'invalid-manifest', /tables\.1\.file: table "persons_again" names the same file as table "persons"/);
  });
});

/**
 * A stored-only zip64 archive as some writers make it for any size: every size and offset in
 * the central records is 0xFFFFFFFF with the real values in a zip64 extra field, and the end
 * record points to a zip64 end record.
 */
function zip64Archive(files: Record<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const u64 = (view: DataView, at: number, value: number) => {
    view.setUint32(at, value % 2 ** 32, true);
    view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
  };
  for (const [name, content] of Object.entries(files)) {
    const n = strToU8(name);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 45, true);
    lv.setUint32(18, content.length, true);
    lv.setUint32(22, content.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const record = new Uint8Array(46 + n.length + 28);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, 45, true);
    cv.setUint32(20, 0xffffffff, true);
    cv.setUint32(24, 0xffffffff, true);
    cv.setUint16(28, n.length, true);
    cv.setUint16(30, 28, true);
    cv.setUint32(42, 0xffffffff, true);
    record.set(n, 46);
    const extra = 46 + n.length;
    cv.setUint16(extra, 1, true);
    cv.setUint16(extra + 2, 24, true);
    u64(cv, extra + 4, content.length); // uncompressed
    u64(cv, extra + 12, content.length); // compressed
    u64(cv, extra + 20, offset); // local header
    chunks.push(local, content);
    central.push(record);
    offset += local.length + content.length;
  }
  const directorySize = central.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(56 + 20 + 22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06064b50, true);
  u64(ev, 4, 44);
  ev.setUint16(12, 45, true);
  ev.setUint16(14, 45, true);
  u64(ev, 24, central.length);
  u64(ev, 32, central.length);
  u64(ev, 40, directorySize);
  u64(ev, 48, offset);
  ev.setUint32(56, 0x07064b50, true);
  u64(ev, 64, offset + directorySize);
  ev.setUint32(72, 1, true);
  ev.setUint32(76, 0x06054b50, true);
  ev.setUint16(84, 0xffff, true);
  ev.setUint16(86, 0xffff, true);
  ev.setUint32(88, 0xffffffff, true);
  ev.setUint32(92, 0xffffffff, true);
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('zip64 archives', () => {
  const files = () => ({
    'manifest.json': strToU8(JSON.stringify(nestedManifest())),
    'tables/persons.parquet': PERSONS,
    'geo/basisdistrikt.geojson': strToU8(JSON.stringify(collection(districts()))),
    'geo/bydel.geojson': strToU8(JSON.stringify(collection([feature({ area_id: '1', name: 'Sundby' })]))),
  });

  it('open with the sizes and offsets of their zip64 records', () => {
    const unpacked = unpackExtract(zip64Archive(files()));
    expect(unpacked.manifest).toEqual(nestedManifest());
    expect([...unpacked.tables.get('persons')!]).toEqual([...PERSONS]);
    expect(unpacked.layers.get('basisdistrikt')?.features).toHaveLength(2);
  });

  it('are held to the same limits', () => {
    expectRefused(zip64Archive(files()), 'too-large', /the archive holds 4 entries; an extract holds at most 3/, { maxEntries: 3 });
  });
});

describe('unpack-geometry-unchecked: Polygon or MultiPolygon in EPSG:4326 (docs/extract-format.md §5)', () => {
  const ring4 = [[12, 55], [12.01, 55], [12.01, 55.01], [12, 55]];
  it.each<[string, unknown, RegExp]>([
    ['null geometry', null, /has no geometry/],
    ['no geometry', undefined, /has no geometry/],
    ['a Point', { type: 'Point', coordinates: [12, 55] }, /geometry type is "Point"; an area layer holds Polygon or MultiPolygon/],
    ['a LineString', { type: 'LineString', coordinates: [[12, 55], [12.1, 55]] }, /geometry type is "LineString"/],
    ['a lower-case type', { type: 'polygon', coordinates: [ring4] }, /geometry type is "polygon"/],
    ['a WKT string', 'POLYGON((12 55, 12.1 55, 12 55.1, 12 55))', /geometry is a string, not a GeoJSON geometry/],
    ['no coordinates', { type: 'Polygon' }, /a polygon has no rings/],
    ['no rings', { type: 'Polygon', coordinates: [] }, /a polygon has no rings/],
    ['a MultiPolygon without polygons', { type: 'MultiPolygon', coordinates: [] }, /a MultiPolygon has no polygons/],
    ['a MultiPolygon one level short', { type: 'MultiPolygon', coordinates: [ring4] }, /a ring has 2 positions/],
    ['a ring of 3 positions', { type: 'Polygon', coordinates: [[[12, 55], [12.01, 55], [12, 55]]] }, /a ring has 3 positions; a closed ring needs at least 4/],
    ['an unclosed ring', { type: 'Polygon', coordinates: [[[12, 55], [12.01, 55], [12.01, 55.01], [12, 55.01]]] }, /a ring is not closed/],
    ['string coordinates', { type: 'Polygon', coordinates: [[['12', '55'], ['12.01', '55'], ['12.01', '55.01'], ['12', '55']]] }, /position 1 of a ring holds a value that is not a finite number/],
    ['null coordinates', { type: 'Polygon', coordinates: [[[null, null], [1, 1], [1, 2], [null, null]]] }, /position 1 of a ring holds a value that is not a finite number/],
    ['a one-number position', { type: 'Polygon', coordinates: [[[12], [12.01], [12.02], [12]]] }, /position 1 of a ring is not \[longitude, latitude\]/],
    ['UTM metres (EPSG:25832)', { type: 'Polygon', coordinates: [[[720000, 6170000], [721000, 6170000], [721000, 6171000], [720000, 6170000]]] }, /position 1 of a ring is outside longitude −180…180, latitude −90…90/],
    ['latitude 95', { type: 'Polygon', coordinates: [[[12, 95], [12.01, 55], [12.01, 55.01], [12, 95]]] }, /position 1 of a ring is outside/],
    ['a bad hole', { type: 'Polygon', coordinates: [...square(12, 55), [[12.001, 55.001], [12.002, 55.001], [12.001, 55.001]]] }, /a ring has 3 positions/],
  ])('refuses %s, naming layer and feature', (_, geometry, detail) => {
    const bytes = withDistrict(1, (f) => {
      if (geometry === undefined) delete f['geometry'];
      else f['geometry'] = geometry;
    });
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": feature 2 \(id "102"\): /);
    expectRefused(bytes, 'schema-mismatch', detail);
  });

  it('refuses non-finite coordinates written as 1e999', () => {
    const text = JSON.stringify(collection(districts())).replace('[12.01,55]', '[1e999,55]');
    expect(text).toContain('1e999');
    expectRefused(archive({ layers: { 'geo/basisdistrikt.geojson': text } }), 'schema-mismatch', /feature 1 \(id "101"\): position 2 of a ring holds a value that is not a finite number/);
  });

  it('accepts positions with an altitude, holes, and the edges of the range', () => {
    const bytes = withDistrict(0, (f) => {
      f['geometry'] = {
        type: 'Polygon',
        coordinates: [
          [[-180, -90, 0], [180, -90, 0], [180, 90, 12.5], [-180, 90, 0], [-180, -90, 0]],
          [[0, 0], [1, 0], [1, 1], [0, 0]],
        ],
      };
    });
    expect(unpackExtract(bytes).layers.get('basisdistrikt')?.features).toHaveLength(2);
  });

  it('checks a layer of a million vertices in O(vertices): well under half a second', () => {
    const ring = Array.from({ length: 10_000 }, (_, i) => [12 + Math.cos((2 * Math.PI * i) / 10_000) / 100, 55 + Math.sin((2 * Math.PI * i) / 10_000) / 100]);
    ring.push(ring[0]!);
    const features = Array.from({ length: 100 }, (_, i) => feature({ area_id: String(1000 + i), name: `Område ${i}`, bydel_id: '1' }, { type: 'Polygon', coordinates: [ring] }));
    const manifest = nestedManifest();
    const started = performance.now();
    checkLayerFeatures(manifest, manifest.areaLayers[0]!, features);
    expect(performance.now() - started).toBeLessThan(500); // about 10 ms here; inflating and parsing the same layer takes ~50× that
    features[99]!['geometry'] = { type: 'Polygon', coordinates: [[...ring.slice(0, -1), [12.5, 55.5]]] };
    expect(() => checkLayerFeatures(manifest, manifest.areaLayers[0]!, features)).toThrow(/feature 100 \(id "1099"\): a ring is not closed/);
  });
});

describe('unpack-duplicate-ids: an id occurs once per layer', () => {
  it('refuses two features with the same id, naming layer, id and both features', () => {
    const bytes = withDistrict(1, (f) => ((f['properties'] as Record<string, unknown>)['area_id'] = '101'));
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": id "101" occurs twice \(features 1 and 2\); ids are unique in a layer$/);
  });

  it('accepts the same id in different layers', () => {
    const bydel = collection([feature({ area_id: '101', name: 'Sundby' })]);
    const manifest = nestedManifest();
    const bytes = archive({ manifest, layers: { 'geo/bydel.geojson': bydel } });
    expect(unpackExtract(bytes).layers.get('bydel')?.features).toHaveLength(1);
  });
});

describe('unpack-layer-property-text: ids, names and parent ids are text', () => {
  const props = (f: Record<string, unknown>) => f['properties'] as Record<string, unknown>;

  it.each<[string, unknown, RegExp]>([
    ['NUL', '1\u00000', /feature 1: "area_id" contains a control character/],
    ['a line break', '10\n1', /feature 1: "area_id" contains a control character/],
    ['a number', 101, /feature 1: "area_id" is a number; ids are text/],
    ['an object', { toString: 1 }, /feature 1: "area_id" is an object; ids are text/],
    ['spaces around it', ' 101', /feature 1: "area_id" " 101" has spaces before or after it/],
    ['only spaces', '  ', /feature 1: "area_id" " {2}" has spaces before or after it/],
    ['empty', '', /feature 1 has no "area_id"/],
  ])('refuses an id with %s', (_, id, detail) => {
    expectRefused(withDistrict(0, (f) => (props(f)['area_id'] = id)), 'schema-mismatch', detail);
  });

  it.each<[string, unknown]>([
    ['{"toString":1}', { toString: 1 }],
    ['an object', { da: 'Nord' }],
    ['a list', ['Nord']],
    ['true', true],
  ])('refuses a name that is %s, naming layer, feature and property', (_, name) => {
    const bytes = withDistrict(0, (f) => (props(f)['name'] = name));
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": feature 1 \(id "101"\): name property "name" is (an object|a list|a boolean), not text or a number$/);
  });

  it('refuses a name written as 1e999 (not finite)', () => {
    const text = JSON.stringify(collection(districts())).replace('"name":"Syd"', '"name":1e999');
    expectRefused(archive({ layers: { 'geo/basisdistrikt.geojson': text } }), 'schema-mismatch', /feature 2 \(id "102"\): name property "name" is a non-finite number/);
  });

  it.each<[string, unknown, RegExp]>([
    ['an object', { toString: 1 }, /parent property "bydel_id" is an object, not text or a number/],
    ['NUL', '1\u0000', /parent property "bydel_id" contains a control character/],
    ['a list', ['1'], /parent property "bydel_id" is a list/],
  ])('refuses a parent id that is %s', (_, parent, detail) => {
    const bytes = withDistrict(1, (f) => (props(f)['bydel_id'] = parent));
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": feature 2 \(id "102"\): /);
    expectRefused(bytes, 'schema-mismatch', detail);
  });

  it('refuses a base feature linking another layer ("<layer>_id") with a value that is not text', () => {
    const manifest = nestedManifest();
    manifest.areaLayers[0]!.parent = null; // then the area map reads basisdistrikt.bydel_id as a link
    const bytes = archive({
      manifest,
      layers: { 'geo/basisdistrikt.geojson': collection([feature({ area_id: '101', name: 'Nord', bydel_id: { toString: [] } })]) },
    });
    expectRefused(bytes, 'schema-mismatch', /^area layer "basisdistrikt": feature 1 \(id "101"\): property "bydel_id" is an object, not text or a number$/);
  });

  it('refuses a list property that cannot be read as text (the area map reads lists of base ids)', () => {
    const withList = (list: unknown) =>
      archive({ layers: { 'geo/bydel.geojson': collection([feature({ area_id: '1', name: 'Sundby', district_ids: list })]) } });
    expectRefused(withList(['101', { toString: 1 }]), 'schema-mismatch', /^area layer "bydel": feature 1 \(id "1"\): property "district_ids" is a list that cannot be read as text/);
    // A list nested 10 000 deep (String() on it overflows the stack), written as text: stringify would overflow too.
    const deep = JSON.stringify(collection([feature({ area_id: '1', name: 'Sundby', district_ids: 'DEEP' })])).replace('"DEEP"', `${'['.repeat(10_000)}"101"${']'.repeat(10_000)}`);
    expectRefused(archive({ layers: { 'geo/bydel.geojson': deep } }), 'schema-mismatch', /property "district_ids" is a list that cannot be read as text/);
    expect(unpackExtract(withList(['101', 102, null, [1, [2]], { name: 'x' }])).layers.get('bydel')?.features).toHaveLength(1);
  });

  it('accepts names and parent ids that are finite numbers, and absent or null ones', () => {
    const features = districts();
    props(features[0]!)['name'] = 7;
    props(features[0]!)['bydel_id'] = null;
    delete props(features[1]!)['name'];
    const unpacked = unpackExtract(archive({ layers: { 'geo/basisdistrikt.geojson': collection(features) } }));
    expect(unpacked.layers.get('basisdistrikt')?.features[0]?.properties['name']).toBe(7);
  });
});
