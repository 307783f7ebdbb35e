/**
 * Unpacks a decrypted extract (a zip archive) in memory and checks it against its
 * manifest before anything is loaded, so a bad extract never half-loads.
 */
import { unzipSync } from 'fflate';
import { ExtractError } from './errors';
import {
  MANIFEST_FILE,
  SUPPORTED_MAJOR_VERSION,
  majorVersion,
  manifestSchema,
  type ExtractManifest,
} from './manifest';

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

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch (err) {
    throw new ExtractError('not-an-extract', `the decrypted content is not a zip archive (${String(err)})`);
  }
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

export function unpackExtract(plaintext: Uint8Array): UnpackedExtract {
  const files = unzip(plaintext);
  const manifestBytes = files[MANIFEST_FILE];
  if (!manifestBytes) throw new ExtractError('invalid-manifest', `the archive has no ${MANIFEST_FILE}`);
  const manifest = parseManifest(new TextDecoder().decode(manifestBytes));

  const tables = new Map<string, Uint8Array>();
  for (const table of manifest.tables) {
    const bytes = files[table.file];
    if (!bytes) throw new ExtractError('missing-table', `table "${table.name}" (${table.file})`);
    tables.set(table.name, bytes);
  }
  const layers = new Map<string, GeoJsonFeatureCollection>();
  for (const layer of manifest.areaLayers) {
    const bytes = files[layer.file];
    if (!bytes) throw new ExtractError('missing-table', `area layer "${layer.id}" (${layer.file})`);
    const fc = parseLayer(layer.file, bytes);
    for (const [index, feature] of fc.features.entries()) {
      const id = feature.properties?.[layer.idProperty];
      if (typeof id !== 'string' || id === '') {
        throw new ExtractError(
          'schema-mismatch',
          `area layer "${layer.id}": feature ${index + 1} has no "${layer.idProperty}"`,
        );
      }
    }
    layers.set(layer.id, fc);
  }
  if (!layers.has(manifest.baseLayer)) {
    throw new ExtractError('invalid-manifest', `baseLayer "${manifest.baseLayer}" is not among areaLayers`);
  }
  return { manifest, tables, layers };
}
