/**
 * The open pipeline: decrypt (host) → unpack → load into DuckDB-wasm → compute.
 * It either returns a complete extract or an error; on error every resource it
 * created is released, so nothing is ever half-loaded.
 */
import type { ExtractHandle, Host, OpenSecret } from '../../shared/host/contract';
import { ExtractError, type ExtractErrorInfo } from '../../shared/extract/errors';
import { unpackExtract, type GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { IndicatorPack } from '../../shared/indicators/pack';
import { formatPackProblem } from '../../shared/indicators/schema';
import { analysePack, type PackAnalysis } from './analyse-pack';
import { AnalyticEngine, isOutOfMemory } from './duckdb';
import { layerView, type AreaInfo } from '../features/map/layer-view';

export type { AreaInfo } from '../features/map/layer-view';

export type LoadStage = 'decrypting' | 'unpacking' | 'loading' | 'computing';

export interface LoadedExtract {
  handle: ExtractHandle;
  manifest: ExtractManifest;
  baseLayer: GeoJsonFeatureCollection;
  /** Every area layer's geography (the area map is built from them for each pack; the map shows any of them). */
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>;
  areas: AreaInfo[];
  /** The pack being looked at, computed; replaced when the analyst picks another pack. */
  analysis: PackAnalysis;
  engine: AnalyticEngine;
}

export type OpenResult = { ok: true; extract: LoadedExtract } | { ok: false; error: ExtractErrorInfo };

function toErrorInfo(err: unknown, fallback: ExtractErrorInfo): ExtractErrorInfo {
  if (err instanceof ExtractError) return err.toInfo();
  return { ...fallback, detail: `${fallback.detail ?? ''} ${err instanceof Error ? err.message : String(err)}`.trim() };
}

export async function openExtract(
  host: Host,
  handle: ExtractHandle,
  secret: OpenSecret,
  indicatorPack: IndicatorPack,
  onStage: (stage: LoadStage) => void,
  startEngine: () => Promise<AnalyticEngine> = AnalyticEngine.start,
): Promise<OpenResult> {
  onStage('decrypting');
  const decrypted = await host.decryptExtract(handle, secret);
  if (!decrypted.ok) return decrypted;

  onStage('unpacking');
  let unpacked;
  try {
    unpacked = unpackExtract(decrypted.plaintext);
  } catch (err) {
    return { ok: false, error: toErrorInfo(err, { code: 'invalid-manifest' }) };
  }
  const { manifest, tables, layers } = unpacked;
  const baseLayerDef = manifest.areaLayers.find((l) => l.id === manifest.baseLayer);
  const baseLayer = layers.get(manifest.baseLayer);
  if (!baseLayerDef || !baseLayer) return { ok: false, error: { code: 'invalid-manifest', detail: 'no base layer' } };

  onStage('loading');
  let engine: AnalyticEngine | null = null;
  try {
    engine = await startEngine();
    for (const table of manifest.tables) {
      const bytes = tables.get(table.name);
      if (!bytes) throw new ExtractError('missing-table', table.name);
      let columns: string[];
      try {
        columns = await engine.loadParquetTable(table.name, bytes);
      } catch (err) {
        if (isOutOfMemory(err)) throw outOfMemory(table.name, err);
        throw new ExtractError('schema-mismatch', `table "${table.name}" could not be read as Parquet (${String(err)})`);
      }
      const missing = table.columns.map((c) => c.name).filter((name) => !columns.includes(name));
      if (missing.length > 0) {
        throw new ExtractError('schema-mismatch', `table "${table.name}" lacks columns: ${missing.join(', ')}`);
      }
    }

    onStage('computing');
    const analysed = await analysePack(engine, indicatorPack, manifest, layers);
    if (!analysed.ok) {
      throw new ExtractError('schema-mismatch', analysed.problems.map((p) => formatPackProblem(p, 'en')).join('; '));
    }
    const areas: AreaInfo[] = layerView(manifest, layers, manifest.baseLayer)?.areas ?? [];
    return { ok: true, extract: { handle, manifest, baseLayer, layers, areas, analysis: analysed.analysis, engine } };
  } catch (err) {
    engine?.terminate();
    if (isOutOfMemory(err)) return { ok: false, error: outOfMemory(null, err).toInfo() };
    return { ok: false, error: toErrorInfo(err, { code: 'schema-mismatch', detail: 'the indicators could not be computed:' }) };
  }
}

/** The heap ran full while loading or computing: the extract is too large for this window. */
function outOfMemory(table: string | null, err: unknown): ExtractError {
  const where = table ? `while loading table "${table}"` : 'while computing the indicators';
  return new ExtractError('too-large', `the app ran out of memory ${where} (${err instanceof Error ? err.message : String(err)}); open a smaller extract or compute it on native DuckDB with npm run compute`);
}
