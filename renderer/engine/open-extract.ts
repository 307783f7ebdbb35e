/**
 * The open pipeline: decrypt (host) → unpack → load into DuckDB-wasm → compute.
 * It either returns a complete extract or an error; on error every resource it
 * created is released, so nothing is ever half-loaded.
 */
import type { ExtractHandle, Host, OpenSecret } from '../../shared/host/contract';
import { ExtractError, type ExtractErrorInfo } from '../../shared/extract/errors';
import { unpackExtract, type GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { IndicatorResults, PackResults } from '../../shared/indicators/results';
import type { Indicator, IndicatorPack } from '../../shared/indicators/pack';
import { computePack } from '../../shared/indicators/run';
import { AnalyticEngine } from './duckdb';


export type LoadStage = 'decrypting' | 'unpacking' | 'loading' | 'computing';

export interface AreaInfo {
  id: string;
  name: string;
  parentId: string | null;
  parentName: string | null;
}

export interface LoadedExtract {
  handle: ExtractHandle;
  manifest: ExtractManifest;
  baseLayer: GeoJsonFeatureCollection;
  areas: AreaInfo[];
  /** The indicators the map and panel show: the whole pack, context indicators included. */
  pack: readonly Indicator[];
  /** The whole computed pack. */
  indicatorPack: IndicatorPack;
  /** Base-layer cells and municipality values, for the map and panel. */
  results: IndicatorResults;
  /** Every layer, every indicator of the pack (values, intervals, references). */
  packResults: PackResults;
  engine: AnalyticEngine;
}

export type OpenResult = { ok: true; extract: LoadedExtract } | { ok: false; error: ExtractErrorInfo };

function toErrorInfo(err: unknown, fallback: ExtractErrorInfo): ExtractErrorInfo {
  if (err instanceof ExtractError) return err.toInfo();
  return { ...fallback, detail: `${fallback.detail ?? ''} ${err instanceof Error ? err.message : String(err)}`.trim() };
}

function parentNameIndex(
  manifest: ExtractManifest,
  layers: Map<string, GeoJsonFeatureCollection>,
  parentLayerId: string | undefined,
): Map<string, string> {
  const def = manifest.areaLayers.find((l) => l.id === parentLayerId);
  const layer = parentLayerId ? layers.get(parentLayerId) : undefined;
  if (!def || !layer) return new Map();
  return new Map(layer.features.map((f) => [String(f.properties[def.idProperty]), String(f.properties[def.nameProperty])]));
}

export async function openExtract(
  host: Host,
  handle: ExtractHandle,
  secret: OpenSecret,
  indicatorPack: IndicatorPack,
  onStage: (stage: LoadStage) => void,
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
    engine = await AnalyticEngine.start();
    for (const table of manifest.tables) {
      const bytes = tables.get(table.name);
      if (!bytes) throw new ExtractError('missing-table', table.name);
      let columns: string[];
      try {
        columns = await engine.loadParquetTable(table.name, bytes);
      } catch (err) {
        throw new ExtractError('schema-mismatch', `table "${table.name}" could not be read as Parquet (${String(err)})`);
      }
      const missing = table.columns.map((c) => c.name).filter((name) => !columns.includes(name));
      if (missing.length > 0) {
        throw new ExtractError('schema-mismatch', `table "${table.name}" lacks columns: ${missing.join(', ')}`);
      }
    }

    onStage('computing');
    const computed = await computePack(engine, indicatorPack.indicators, manifest, layers);
    const parentNames = parentNameIndex(manifest, layers, baseLayerDef.parent?.layer);
    const areas: AreaInfo[] = baseLayer.features.map((f) => {
      const parentId = baseLayerDef.parent ? String(f.properties[baseLayerDef.parent.property] ?? '') || null : null;
      return {
        id: String(f.properties[baseLayerDef.idProperty]),
        name: String(f.properties[baseLayerDef.nameProperty] ?? ''),
        parentId,
        parentName: parentId ? (parentNames.get(parentId) ?? null) : null,
      };
    });
    const pack = indicatorPack.indicators;
    const results: IndicatorResults = {
      cells: computed.results.cells
        .filter((c) => c.layerId === manifest.baseLayer)
        .map(({ indicatorId, period, areaId, numerator, denominator, value, lower, upper, small }) => ({
          indicatorId, period, areaId, numerator, denominator, value, lower, upper, small,
        })),
      municipality: computed.results.municipality.map(({ indicatorId, period, numerator, denominator, value }) => ({ indicatorId, period, numerator: numerator ?? 0, denominator, value })),
    };
    return {
      ok: true,
      extract: { handle, manifest, baseLayer, areas, pack, indicatorPack, results, packResults: computed.results, engine },
    };
  } catch (err) {
    engine?.terminate();
    return { ok: false, error: toErrorInfo(err, { code: 'schema-mismatch', detail: 'the indicators could not be computed:' }) };
  }
}
