/**
 * Which area of every layer each base area belongs to, from the extract's manifest and
 * geography: the base layer itself; its parent chain (basisdistrikt → bydel → …, via the
 * manifest's `parent`); and any other layer whose id the base features name in a
 * `<layer>_id` property (basisdistrikt.boligomraade_id) or whose features list base ids in
 * an array property (boligomraade.district_ids). Plus the municipality pseudo-layer.
 * The rows become the area_map table the engine joins on.
 */
import type { ExtractManifest } from '../extract/manifest';
import type { GeoJsonFeatureCollection } from '../extract/unpack';
import { AREA_MAP_TABLE, MUNICIPALITY_LAYER, identifier, literal } from './compile';

export interface AreaMapRow {
  layerId: string;
  baseAreaId: string;
  areaId: string;
}

export interface LayerArea {
  layerId: string;
  areaId: string;
  name: string;
}

export interface AreaMap {
  rows: AreaMapRow[];
  /** Every area of every layer (also those without residents), in layer order. */
  areas: LayerArea[];
  /** Layers that could not be related to the base layer (left out, with the reason). */
  unmapped: { layerId: string; reason: string }[];
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

export function buildAreaMap(manifest: ExtractManifest, layers: ReadonlyMap<string, GeoJsonFeatureCollection>): AreaMap {
  const baseDef = manifest.areaLayers.find((l) => l.id === manifest.baseLayer);
  const base = layers.get(manifest.baseLayer);
  if (!baseDef || !base) throw new Error(`the base layer "${manifest.baseLayer}" is missing`);
  const baseIds = base.features.map((f) => text(f.properties[baseDef.idProperty])).filter((id): id is string => id !== null);
  const baseIdSet = new Set(baseIds);
  const rows: AreaMapRow[] = [];
  const areas: LayerArea[] = [];
  const unmapped: AreaMap['unmapped'] = [];

  // Parent chain: base id → id in each ancestor layer.
  const ancestry = new Map<string, Map<string, string | null>>(); // layerId → baseId → areaId
  let currentDef = baseDef;
  let current = new Map(base.features.map((f) => [text(f.properties[baseDef.idProperty]) ?? '', f] as const));
  let toBase = new Map<string, string[]>(baseIds.map((id) => [id, [id]])); // current-layer id → base ids
  const seen = new Set([baseDef.id]);
  while (currentDef.parent && !seen.has(currentDef.parent.layer)) {
    const parentDef = manifest.areaLayers.find((l) => l.id === currentDef.parent?.layer);
    const parentLayer = parentDef ? layers.get(parentDef.id) : undefined;
    if (!parentDef || !parentLayer) break;
    const mapping = new Map<string, string | null>();
    const nextToBase = new Map<string, string[]>();
    for (const [id, feature] of current) {
      const parentId = text(feature.properties[currentDef.parent.property]);
      for (const baseId of toBase.get(id) ?? []) mapping.set(baseId, parentId);
      if (parentId !== null) nextToBase.set(parentId, [...(nextToBase.get(parentId) ?? []), ...(toBase.get(id) ?? [])]);
    }
    ancestry.set(parentDef.id, mapping);
    seen.add(parentDef.id);
    currentDef = parentDef;
    current = new Map(parentLayer.features.map((f) => [text(f.properties[parentDef.idProperty]) ?? '', f] as const));
    toBase = nextToBase;
  }

  for (const def of manifest.areaLayers) {
    const layer = layers.get(def.id);
    if (!layer) continue;
    const ids = layer.features.map((f) => ({ id: text(f.properties[def.idProperty]), name: text(f.properties[def.nameProperty]) }));
    const known = new Set(ids.map((x) => x.id).filter((id): id is string => id !== null));
    let mapping: Map<string, string | null> | null = null;
    if (def.id === baseDef.id) mapping = new Map(baseIds.map((id) => [id, id]));
    else if (ancestry.has(def.id)) mapping = ancestry.get(def.id) ?? null;
    else if (base.features.some((f) => `${def.id}_id` in f.properties)) {
      mapping = new Map(base.features.map((f) => [text(f.properties[baseDef.idProperty]) ?? '', text(f.properties[`${def.id}_id`])]));
    } else {
      const listProperty = Object.keys(layer.features[0]?.properties ?? {}).find((key) =>
        layer.features.every((f) => Array.isArray(f.properties[key]) && (f.properties[key] as unknown[]).every((v) => baseIdSet.has(String(v)))),
      );
      if (listProperty) {
        mapping = new Map();
        for (const f of layer.features) {
          const areaId = text(f.properties[def.idProperty]);
          for (const baseId of f.properties[listProperty] as unknown[]) mapping.set(String(baseId), areaId);
        }
      }
    }
    if (!mapping) {
      unmapped.push({ layerId: def.id, reason: `no parent link, no "${def.id}_id" property on ${baseDef.id} and no list of ${baseDef.id} ids` });
      continue;
    }
    for (const x of ids) if (x.id !== null) areas.push({ layerId: def.id, areaId: x.id, name: x.name ?? x.id });
    for (const baseId of baseIds) {
      const areaId = mapping.get(baseId);
      if (areaId !== null && areaId !== undefined && known.has(areaId)) rows.push({ layerId: def.id, baseAreaId: baseId, areaId });
    }
  }
  const code = manifest.municipality.code;
  areas.push({ layerId: MUNICIPALITY_LAYER, areaId: code, name: manifest.municipality.name });
  for (const baseId of baseIds) rows.push({ layerId: MUNICIPALITY_LAYER, baseAreaId: baseId, areaId: code });
  return { rows, areas, unmapped };
}

/** Statements creating the area_map table (VARCHAR columns) with these rows. */
export function areaMapSql(rows: readonly AreaMapRow[]): string[] {
  const table = identifier(AREA_MAP_TABLE);
  const statements = [`CREATE OR REPLACE TABLE ${table} (layer_id VARCHAR, base_area_id VARCHAR, area_id VARCHAR)`];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => `(${literal(r.layerId)}, ${literal(r.baseAreaId)}, ${literal(r.areaId)})`)
      .join(', ');
    statements.push(`INSERT INTO ${table} VALUES ${values}`);
  }
  return statements;
}
