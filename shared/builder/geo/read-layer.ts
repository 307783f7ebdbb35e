/**
 * One area layer: GeoJSON or zipped shapefile → CRS decided (never guessed) → polygons
 * checked and safely repaired → reprojected to EPSG:4326 → GeoJSON for the extract.
 */
import { unzipSync } from 'fflate';
import type { ShapefileCollection } from 'shapefile';
import type { GeoJsonFeature, GeoJsonFeatureCollection } from '../../extract/unpack';
import { extensionOf, type InputFile } from '../input-files';
import type { ProblemList, ProblemPlace } from '../problems';
import type { AreaLayerSpec } from '../spec';
import { crsFromPrj, isGeographic, readGeoJsonCrs, toWgs84, type CrsReading, type Position, type SupportedCrs } from './crs';
import { checkGeometry } from './polygons';

export interface LayerSummary {
  id: string;
  file: string;
  format: 'geojson' | 'shapefile';
  crs: SupportedCrs | null;
  /** Where the CRS came from. */
  crsSource: 'file' | 'extract.json' | 'geojson-default' | null;
  features: number;
  rewound: number;
  closed: number;
  duplicatesRemoved: number;
}

export interface ReadLayer {
  spec: AreaLayerSpec;
  collection: GeoJsonFeatureCollection;
  /** Feature ids in file order (as strings), for the code checks. */
  ids: string[];
  summary: LayerSummary;
}

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates?: unknown } | null;
}

/** WGS84 box around Denmark (with Bornholm and Skagen), to catch a wrong CRS. */
const DENMARK = { minLon: 7.5, maxLon: 15.7, minLat: 54.4, maxLat: 58.0 };
const DECIMALS = 1e7; // 1 cm

async function readShapefileZip(
  file: InputFile,
  spec: AreaLayerSpec,
  problems: ProblemList,
  place: ProblemPlace,
): Promise<{ features: RawFeature[]; crs: CrsReading } | null> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes);
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: `not a zip archive (${String(err)})` }, place);
    return null;
  }
  const names = Object.keys(entries).filter((n) => !n.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'));
  const shps = names.filter((n) => extensionOf(n) === 'shp');
  const shp = shps.length === 1 ? shps[0] : shps.find((n) => n.toLowerCase().endsWith(`${spec.id.toLowerCase()}.shp`));
  if (shps.length === 0) {
    problems.add('shapefile-parts', { detail: 'no .shp file' }, place);
    return null;
  }
  if (!shp) {
    problems.add('shapefile-parts', { detail: `several .shp files (${shps.sort().join(', ')})` }, place);
    return null;
  }
  const base = shp.slice(0, -4).toLowerCase();
  const part = (ext: string) => {
    const name = names.find((n) => n.toLowerCase() === `${base}.${ext}`);
    return name === undefined ? undefined : entries[name];
  };
  const dbf = part('dbf');
  if (!dbf) {
    problems.add('shapefile-parts', { detail: `no .dbf file beside ${shp}` }, place);
    return null;
  }
  const prj = part('prj');
  const cpg = part('cpg');
  const encoding = spec.encoding ?? (cpg ? cpgEncoding(new TextDecoder().decode(cpg)) : 'windows-1252');
  let collection: ShapefileCollection;
  try {
    const shapefile = await import('shapefile');
    // Copies: the reader wants buffers of its own, not views into the unzipped archive.
    collection = await shapefile.read(entries[shp]!.slice(), dbf.slice(), { encoding });
  } catch (err) {
    problems.add('file-unreadable', { file: `${file.name}:${shp}`, detail: err instanceof Error ? err.message : String(err) }, place);
    return null;
  }
  const crs: CrsReading = prj ? crsFromPrj(new TextDecoder().decode(prj)) : { kind: 'none' };
  return { features: collection.features.map((f) => ({ properties: f.properties ?? {}, geometry: f.geometry })), crs };
}

function cpgEncoding(text: string): string {
  const t = text.trim().toLowerCase();
  if (t.includes('utf') && t.includes('8')) return 'utf-8';
  if (/^(ansi\s*)?1252$|windows-?1252|cp1252/.test(t)) return 'windows-1252';
  if (/8859-?1\b|latin-?1/.test(t)) return 'iso-8859-1';
  return 'windows-1252';
}

function readGeoJson(file: InputFile, problems: ProblemList, place: ProblemPlace): { features: RawFeature[]; crs: CrsReading } | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: `not valid JSON (${err instanceof Error ? err.message : String(err)})` }, place);
    return null;
  }
  const fc = json as { type?: unknown; features?: unknown } | null;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    problems.add('geo-not-collection', {}, place);
    return null;
  }
  const features = (fc.features as unknown[]).map((f) => {
    const feature = f as { properties?: unknown; geometry?: unknown } | null;
    const properties = feature?.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, unknown>) : {};
    const geometry = feature?.geometry && typeof feature.geometry === 'object' ? (feature.geometry as RawFeature['geometry']) : null;
    return { properties, geometry };
  });
  return { features, crs: readGeoJsonCrs(json) };
}

function decideCrs(
  format: LayerSummary['format'],
  reading: CrsReading,
  stated: SupportedCrs | undefined,
  problems: ProblemList,
  place: ProblemPlace,
): { crs: SupportedCrs; source: NonNullable<LayerSummary['crsSource']> } | null {
  if (reading.kind === 'known') {
    if (stated && stated !== reading.crs) {
      problems.add('crs-conflict', { inFile: `${reading.crs} (${reading.text})`, stated }, place);
      return null;
    }
    return { crs: reading.crs, source: 'file' };
  }
  if (reading.kind === 'unknown') {
    if (!stated) {
      problems.add('crs-unknown', { described: reading.text }, place);
      return null;
    }
    problems.add('crs-stated', { described: reading.text, stated }, place);
    return { crs: stated, source: 'extract.json' };
  }
  if (stated) return { crs: stated, source: 'extract.json' };
  if (format === 'shapefile') {
    problems.add('crs-missing', {}, place);
    return null;
  }
  // RFC 7946: GeoJSON without a crs member is WGS84 longitude, latitude.
  return { crs: 'EPSG:4326', source: 'geojson-default' };
}

/**
 * Array levels above a position in GeoJSON "coordinates": a MultiPolygon's positions are
 * coordinates[polygon][ring][position], three levels down. Anything deeper is not a
 * geometry; checkGeometry refuses it (poly-coordinates).
 */
const MAX_POSITION_DEPTH = 3;

/** Visits the finite [x, y] positions at most MAX_POSITION_DEPTH arrays down; iterative, so nesting of any depth is safe. */
function eachPosition(coordinates: unknown, visit: (x: number, y: number) => void): void {
  const stack: [unknown, number][] = [[coordinates, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (!Array.isArray(value)) continue;
    if (typeof value[0] === 'number') {
      const [x, y] = value as unknown[];
      if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) visit(x, y);
      continue;
    }
    if (depth >= MAX_POSITION_DEPTH) continue;
    // Pushed in reverse so positions are visited in file order.
    for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], depth + 1]);
  }
}

/** Do the coordinates fit the CRS? Catches metres read as degrees and swapped axes. */
function coordinatesFit(features: readonly RawFeature[], crs: SupportedCrs, problems: ProblemList, place: ProblemPlace): boolean {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of features) {
    eachPosition(f.geometry?.coordinates, (x, y) => {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    });
  }
  if (!Number.isFinite(minX)) return true;
  const degreesLike = minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
  if (isGeographic(crs)) {
    if (!degreesLike) {
      problems.add('crs-coordinates', { crs, looksLike: 'metres' }, place);
      return false;
    }
    const swapped = minX >= DENMARK.minLat && maxX <= DENMARK.maxLat && minY >= DENMARK.minLon && maxY <= DENMARK.maxLon;
    const fits = minX >= DENMARK.minLon && maxX <= DENMARK.maxLon && minY >= DENMARK.minLat && maxY <= DENMARK.maxLat;
    if (swapped && !fits) {
      problems.add('crs-coordinates', { crs, looksLike: 'swapped' }, place);
      return false;
    }
    return true;
  }
  if (degreesLike) {
    problems.add('crs-coordinates', { crs, looksLike: 'degrees' }, place);
    return false;
  }
  return true;
}

/**
 * How deep lists and objects may nest in a property value: as deep as the reader allows for
 * lists (shared/extract/layer-check.ts). Properties are carried into the extract as they are
 * (e.g. boligomraade's district_ids, a list of codes); a value nested thousands deep would
 * overflow JSON.stringify when the archive is written.
 */
const MAX_PROPERTY_DEPTH = 16;

/**
 * Whether a property value is one the extract cannot carry: lists/objects nested more than
 * MAX_PROPERTY_DEPTH levels, or a list holding an object with its own "toString" key (the
 * reader reads lists as text with String(), which such an object breaks). Iterative, so any
 * depth is safe.
 */
function unwritableProperty(value: unknown): boolean {
  const stack: [unknown, number, boolean][] = [[value, 0, false]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth, inList] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > MAX_PROPERTY_DEPTH) return true;
    if (Array.isArray(item)) {
      for (const child of item) stack.push([child, depth + 1, true]);
      continue;
    }
    if (inList && Object.hasOwn(item, 'toString')) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1, false]);
  }
  return false;
}

/** A geometry's "type" for a message: text cut short; a list or object is not spelled out (String() of a deeply nested array overflows the stack). */
function typeText(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object' && value !== null) return '{…}';
  return String(value);
}

/** A feature's own property (never one inherited from Object.prototype, such as "__proto__" or "constructor"). */
function own(properties: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(properties, key) ? properties[key] : undefined;
}

function idText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value === 'string' ? value : '').trim();
  return text === '' ? null : text;
}

/** A longitude, latitude in degrees: finite and within ±180, ±90. */
function isLonLat(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/**
 * Reprojects checked polygons to WGS84, rounded to 1 cm. 'unprojectable' when a position
 * has no longitude, latitude (proj4 gives Infinity or NaN far outside the zone, e.g. an
 * easting of 33 849 088 m in UTM), which JSON would write as null; 'too-few' when rounding
 * leaves a ring under four positions.
 */
function project(polygons: Position[][][], convert: (p: Position) => Position): Position[][][] | 'unprojectable' | 'too-few' {
  const round = (v: number) => Math.round(v * DECIMALS) / DECIMALS;
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (const ring of polygon) {
      const projected: Position[] = [];
      for (const [i, p] of ring.entries()) {
        const [lon, lat] = convert(p);
        if (!isLonLat(lon, lat)) return 'unprojectable';
        const q: Position = [round(lon), round(lat)];
        const last = projected[projected.length - 1];
        // Rounding to 1 cm can merge neighbours: at that precision they are one point.
        if (i === ring.length - 1) projected.push([...projected[0]!] as Position);
        else if (!last || last[0] !== q[0] || last[1] !== q[1]) projected.push(q);
      }
      if (projected.length < 4) return 'too-few';
      rings.push(projected);
    }
    out.push(rings);
  }
  return out;
}

export async function readLayer(spec: AreaLayerSpec, file: InputFile, problems: ProblemList): Promise<ReadLayer | null> {
  const place: ProblemPlace = { layer: spec.id, file: file.name };
  const ext = extensionOf(file.name);
  const format: LayerSummary['format'] | null = ext === 'zip' ? 'shapefile' : ext === 'geojson' || ext === 'json' ? 'geojson' : null;
  if (!format) {
    problems.add('file-format', { file: file.name, expected: '.geojson/.json (GeoJSON) or .zip (zipped shapefile)' }, place);
    return null;
  }
  const raw = format === 'shapefile' ? await readShapefileZip(file, spec, problems, place) : readGeoJson(file, problems, place);
  if (!raw) return null;
  const decided = decideCrs(format, raw.crs, spec.crs, problems, place);
  if (!decided || !coordinatesFit(raw.features, decided.crs, problems, place)) return null;
  const convert = toWgs84(decided.crs);

  const summary: LayerSummary = {
    id: spec.id,
    file: file.name,
    format,
    crs: decided.crs,
    crsSource: decided.source,
    features: raw.features.length,
    rewound: 0,
    closed: 0,
    duplicatesRemoved: 0,
  };
  const features: GeoJsonFeature[] = [];
  const ids: string[] = [];
  const firstFeatureOf = new Map<string, number>();
  const duplicates = new Set<string>();
  let outside = false;
  raw.features.forEach((f, index) => {
    const n = index + 1;
    const id = idText(own(f.properties, spec.idProperty));
    const at = id ?? undefined;
    if (id === null) problems.addFeature('geo-id-missing', { property: spec.idProperty }, place, n);
    else if (firstFeatureOf.has(id)) duplicates.add(id);
    else firstFeatureOf.set(id, n);
    if (!f.geometry) {
      problems.addFeature('geo-no-geometry', {}, place, n, at);
      return;
    }
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      problems.addFeature('geo-geometry-type', { type: typeText(f.geometry.type) }, place, n, at);
      return;
    }
    const checked = checkGeometry(f.geometry);
    for (const e of checked.errors) problems.addFeature(e, {}, place, n, at);
    if (checked.repairs.rewound) {
      summary.rewound++;
      problems.addFeature('poly-rewound', { fromShapefile: format === 'shapefile' }, place, n, at);
    }
    if (checked.repairs.closed) {
      summary.closed++;
      problems.addFeature('poly-closed', {}, place, n, at);
    }
    if (checked.repairs.duplicatesRemoved > 0) {
      summary.duplicatesRemoved += checked.repairs.duplicatesRemoved;
      problems.addFeature('poly-duplicate-vertices', {}, place, n, at);
    }
    if (!checked.polygons) return;
    const projected = project(checked.polygons, convert);
    if (projected === 'unprojectable') {
      problems.addFeature('poly-projection', { crs: decided.crs }, place, n, at);
      return;
    }
    if (projected === 'too-few') {
      problems.addFeature('poly-too-few', {}, place, n, at);
      return;
    }
    for (const polygon of projected) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          if (lon < DENMARK.minLon || lon > DENMARK.maxLon || lat < DENMARK.minLat || lat > DENMARK.maxLat) outside = true;
        }
      }
    }
    const unwritable = Object.keys(f.properties).find((key) => unwritableProperty(f.properties[key]));
    if (unwritable !== undefined) {
      problems.addFeature('geo-property-nested', { property: unwritable, levels: MAX_PROPERTY_DEPTH }, place, n, at);
      return;
    }
    // Without a prototype, so a property named e.g. "__proto__" (in the file or extract.json) is an ordinary key.
    const properties = Object.assign(Object.create(null) as Record<string, unknown>, f.properties);
    if (id !== null) properties[spec.idProperty] = id;
    const name = idText(properties[spec.nameProperty]);
    if (name === null) {
      problems.addFeature('geo-name-missing', { property: spec.nameProperty }, place, n, at);
      properties[spec.nameProperty] = id ?? '';
    }
    if (spec.parent) {
      const parent = idText(properties[spec.parent.property]);
      properties[spec.parent.property] = parent;
    }
    if (id !== null) ids.push(id);
    features.push({
      type: 'Feature',
      properties,
      geometry: projected.length === 1 && checked.type === 'Polygon' ? { type: 'Polygon', coordinates: projected[0] } : { type: 'MultiPolygon', coordinates: projected },
    });
  });
  if (duplicates.size > 0) {
    const list = [...duplicates].sort();
    problems.add('geo-id-duplicate', { property: spec.idProperty, ids: list.slice(0, 10), total: list.length }, place);
  }
  if (outside) problems.add('geo-outside-denmark', {}, place);
  return { spec, collection: { type: 'FeatureCollection', features }, ids, summary };
}
