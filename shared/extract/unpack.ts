/**
 * Unpacks a decrypted extract (a zip archive) in memory and checks it against its
 * manifest before anything is loaded, so a bad extract never half-loads.
 */
import { ExtractError } from './errors';
import { checkLayerFeatures } from './layer-check';
import { MAX_ARCHIVE_ENTRIES, maxUnpackedBytes } from './limits';
import {
  MANIFEST_FILE,
  SUPPORTED_MAJOR_VERSION,
  majorVersion,
  manifestSchema,
  type ExtractManifest,
} from './manifest';
import { entryLabel, readZipDirectory, readZipEntry, type ZipEntryInfo } from './zip-read';

export interface UnpackedExtract {
  manifest: ExtractManifest;
  /** Parquet bytes by table name. */
  tables: Map<string, Uint8Array>;
  /** Parsed GeoJSON by layer id. */
  layers: Map<string, GeoJsonFeatureCollection>;
}

export interface GeoJsonFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
}

export interface UnpackOptions {
  /** Most the archive's entries may declare in all, unpacked (default: maxUnpackedBytes of the archive's size). */
  maxUnpackedBytes?: number;
  /** Most entries the archive may hold (default MAX_ARCHIVE_ENTRIES). */
  maxEntries?: number;
}

const mib = (n: number) => `${Math.ceil(n / (1024 * 1024))} MiB`;

/**
 * The archive's directory by entry name, refused before anything is inflated when it holds
 * too many entries, a name twice, or declares more than `maxBytes` unpacked (in one entry or in all).
 */
function directory(plaintext: Uint8Array, maxBytes: number, maxEntries: number): Map<string, ZipEntryInfo> {
  const entries = readZipDirectory(plaintext, maxEntries);
  const byName = new Map<string, ZipEntryInfo>();
  let total = 0;
  let largest: ZipEntryInfo | null = null;
  for (const entry of entries) {
    if (byName.has(entry.name)) throw new ExtractError('invalid-manifest', `the archive holds two entries named ${entryLabel(entry.name)}`);
    byName.set(entry.name, entry);
    if (entry.size > maxBytes) {
      throw new ExtractError('too-large', `entry ${entryLabel(entry.name)} declares ${mib(entry.size)} unpacked; this app opens extracts up to ${mib(maxBytes)}`);
    }
    total += entry.size;
    if (!largest || entry.size > largest.size) largest = entry;
  }
  if (total > maxBytes && largest) {
    throw new ExtractError(
      'too-large',
      `the archive's entries declare ${mib(total)} unpacked in all (the largest, ${entryLabel(largest.name)}, ${mib(largest.size)}); this app opens extracts up to ${mib(maxBytes)}`,
    );
  }
  return byName;
}

export function parseManifest(text: string): ExtractManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ExtractError('invalid-manifest', `${MANIFEST_FILE} is not valid JSON`);
  }
  // Version first: a future format may differ in every other field.
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'string' && majorVersion(version) !== SUPPORTED_MAJOR_VERSION) {
    throw new ExtractError(
      'unsupported-version',
      `format version ${version}; this app reads version ${SUPPORTED_MAJOR_VERSION}.x`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ExtractError('invalid-manifest', issues);
  }
  return parsed.data;
}

function parseLayer(name: string, bytes: Uint8Array): GeoJsonFeatureCollection {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ExtractError('invalid-manifest', `${name} is not valid GeoJSON`);
  }
  const fc = json as Partial<GeoJsonFeatureCollection> | null;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ExtractError('invalid-manifest', `${name} is not a GeoJSON FeatureCollection`);
  }
  return fc as GeoJsonFeatureCollection;
}

/**
 * The extract in a decrypted archive, checked against its manifest. Only manifest.json and the
 * entries the manifest lists are inflated, each to exactly the size it declares. Every
 * problem is an ExtractError.
 */
export function unpackExtract(plaintext: Uint8Array, options: UnpackOptions = {}): UnpackedExtract {
  const entries = directory(plaintext, options.maxUnpackedBytes ?? maxUnpackedBytes(plaintext.length), options.maxEntries ?? MAX_ARCHIVE_ENTRIES);
  const manifestEntry = entries.get(MANIFEST_FILE);
  if (!manifestEntry) throw new ExtractError('invalid-manifest', `the archive has no ${MANIFEST_FILE}`);
  const manifest = parseManifest(new TextDecoder().decode(readZipEntry(plaintext, manifestEntry)));

  // manifestSchema gives every table and layer its own file, so each entry is inflated at most once.
  const tables = new Map<string, Uint8Array>();
  for (const table of manifest.tables) {
    const entry = entries.get(table.file);
    if (!entry) throw new ExtractError('missing-table', `table "${table.name}" (${table.file})`);
    tables.set(table.name, readZipEntry(plaintext, entry));
  }
  const layers = new Map<string, GeoJsonFeatureCollection>();
  for (const layer of manifest.areaLayers) {
    const entry = entries.get(layer.file);
    if (!entry) throw new ExtractError('missing-table', `area layer "${layer.id}" (${layer.file})`);
    const fc = parseLayer(layer.file, readZipEntry(plaintext, entry));
    checkLayerFeatures(manifest, layer, fc.features);
    layers.set(layer.id, fc);
  }
  if (!layers.has(manifest.baseLayer)) {
    throw new ExtractError('invalid-manifest', `baseLayer "${manifest.baseLayer}" is not among areaLayers`);
  }
  return { manifest, tables, layers };
}
