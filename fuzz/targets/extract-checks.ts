/**
 * Judging an extract's outcome: a refusal must be an ExtractError (or ExtractErrorInfo)
 * with a known code and the Danish and English message for it; a load must hold what
 * UnpackedExtract promises and what docs/extract-format.md specifies, and the steps the
 * app runs next on it (area map, its SQL, the layer view, contiguity) must work.
 */
import { ExtractError, isExtractErrorInfo } from '../../shared/extract/errors';
import { DEFAULT_MAX_EXTRACT_BYTES } from '../../shared/extract/limits';
import { manifestSchema } from '../../shared/extract/manifest';
import { unpackExtract, type UnpackedExtract } from '../../shared/extract/unpack';
import { EXTRACT_ERROR_MESSAGES } from '../../shared/i18n/messages';
import { areaMapSql, buildAreaMap } from '../../shared/indicators/areas';
import { contiguityWeights, type PolygonFeatureCollection } from '../../shared/stats/spatial/weights';
import { layerView } from '../../renderer/features/map/layer-view';
import { declaredUnpackedSize } from '../zip';
import { assertThat, consumer, describe, isNonEmptyText, type Verdict } from '../target';

/** An ExtractErrorInfo with a known code, the message for it in both languages, and a string detail if any. */
export function checkErrorInfo(info: unknown): string {
  assertThat(isExtractErrorInfo(info), 'bad-error', () => `not an ExtractErrorInfo with a known code: ${describe(info)}`);
  const { code, detail } = info;
  assertThat(isNonEmptyText(EXTRACT_ERROR_MESSAGES.da[code]), 'bad-error', `no Danish message for "${code}"`);
  assertThat(isNonEmptyText(EXTRACT_ERROR_MESSAGES.en[code]), 'bad-error', `no English message for "${code}"`);
  assertThat(detail === undefined || typeof detail === 'string', 'bad-error', () => `detail is not text: ${describe(detail)}`);
  return code;
}

/** The verdict for something an extract parser threw: its documented error, or a crash (rethrown). */
export function refusal(err: unknown): Verdict {
  if (err instanceof ExtractError) return { status: 'refused', code: checkErrorInfo(err.toInfo()) };
  throw err;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7946 positions in EPSG:4326: [lon, lat(, alt)] with finite numbers in range. */
function positionProblem(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return `a position is not [lon, lat]: ${describe(p)}`;
  if (!p.every((v) => typeof v === 'number' && Number.isFinite(v))) return `a position holds a non-finite or non-number value: ${describe(p)}`;
  const [lon, lat] = p as number[];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) return `a position is outside EPSG:4326 (lon ±180, lat ±90): ${describe(p)}`;
  return null;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return `a linear ring has fewer than 4 positions: ${describe(ring)}`;
  for (const p of ring) {
    const problem = positionProblem(p);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return `a linear ring is not closed: ${describe(first)} … ${describe(last)}`;
  return null;
}

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return `a polygon has no rings: ${describe(rings)}`;
  for (const ring of rings) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return null;
}

/** Why a feature's geometry is not a Polygon/MultiPolygon in EPSG:4326, or null when it is one. */
export function geometryProblem(geometry: unknown): string | null {
  if (!isPlainObject(geometry)) return `geometry is ${describe(geometry)}, not a Polygon or MultiPolygon`;
  if (geometry['type'] === 'Polygon') return polygonProblem(geometry['coordinates']);
  if (geometry['type'] === 'MultiPolygon') {
    const polygons = geometry['coordinates'];
    if (!Array.isArray(polygons) || polygons.length === 0) return `a MultiPolygon has no polygons: ${describe(polygons)}`;
    for (const polygon of polygons) {
      const problem = polygonProblem(polygon);
      if (problem) return problem;
    }
    return null;
  }
  return `geometry type ${describe(geometry['type'])}, not Polygon or MultiPolygon`;
}

/** Invariant names, so pending bugs can name the one they break. */
export const INVARIANTS = {
  manifest: 'manifest',
  tables: 'tables',
  layerShape: 'layer-shape',
  layerGeometry: 'layer-geometry',
  layerIdsUnique: 'layer-ids-unique',
  bomb: 'decompression-bomb',
} as const;

function invalid(invariant: string, message: string): never {
  assertThat(false, 'accepted-invalid', `[${invariant}] ${message}`);
}

/** What UnpackedExtract promises and the format specifies; then the app's next steps on it. */
export async function checkUnpacked(u: UnpackedExtract): Promise<void> {
  const manifest = manifestSchema.safeParse(u.manifest);
  if (!manifest.success) invalid(INVARIANTS.manifest, `the returned manifest does not pass the manifest schema: ${manifest.error.issues[0]?.message ?? ''}`);
  for (const table of u.manifest.tables) {
    if (!(u.tables.get(table.name) instanceof Uint8Array)) invalid(INVARIANTS.tables, `no bytes for table "${table.name}"`);
  }
  for (const def of u.manifest.areaLayers) {
    const fc = u.layers.get(def.id);
    if (!fc) invalid(INVARIANTS.layerShape, `no collection for layer "${def.id}"`);
    if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) invalid(INVARIANTS.layerShape, `layer "${def.id}" is not a FeatureCollection`);
    const ids = new Set<string>();
    for (const [i, feature] of (fc.features as unknown[]).entries()) {
      const where = `layer "${def.id}" feature ${i + 1}`;
      if (!isPlainObject(feature)) invalid(INVARIANTS.layerShape, `${where} is ${describe(feature)}, not a Feature object`);
      if (!isPlainObject(feature['properties'])) invalid(INVARIANTS.layerShape, `${where}: properties is ${describe(feature['properties'])}, not an object`);
      const id = feature['properties'][def.idProperty];
      if (typeof id !== 'string' || id === '') invalid(INVARIANTS.layerShape, `${where}: id property "${def.idProperty}" is ${describe(id)}`);
      const problem = geometryProblem(feature['geometry']);
      if (problem) invalid(INVARIANTS.layerGeometry, `${where}: ${problem}`);
      if (ids.has(id)) invalid(INVARIANTS.layerIdsUnique, `${where}: id ${describe(id)} occurs twice in the layer`);
      ids.add(id);
    }
  }
  await consumer('buildAreaMap (computePack, shared/indicators/areas.ts)', () => {
    const map = buildAreaMap(u.manifest, u.layers);
    return areaMapSql(map.rows);
  });
  for (const def of u.manifest.areaLayers) {
    await consumer(`layerView "${def.id}" (renderer/features/map/layer-view.ts)`, () => layerView(u.manifest, u.layers, def.id));
    await consumer(`contiguityWeights "${def.id}" (shared/stats/spatial/weights.ts)`, () =>
      contiguityWeights(u.layers.get(def.id) as unknown as PolygonFeatureCollection, { kind: 'queen', idProperty: def.idProperty }),
    );
  }
}

/** unpackExtract on a decrypted archive, judged. */
export async function unpackVerdict(plaintext: Uint8Array): Promise<Verdict> {
  let unpacked: UnpackedExtract;
  try {
    unpacked = unpackExtract(plaintext);
  } catch (err) {
    return refusal(err);
  }
  const declared = declaredUnpackedSize(plaintext);
  if (declared > DEFAULT_MAX_EXTRACT_BYTES) {
    invalid(INVARIANTS.bomb, `an archive whose entries inflate to ${Math.round(declared / 2 ** 20)} MiB (limit ${DEFAULT_MAX_EXTRACT_BYTES / 2 ** 20} MiB, shared/extract/limits.ts) was unpacked in full and accepted`);
  }
  await checkUnpacked(unpacked);
  return { status: 'accepted' };
}
