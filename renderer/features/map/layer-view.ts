/**
 * One area layer as the workspace shows it: its geography, the property naming each
 * feature's id, and its areas with names and parents (e.g. basisdistrikt → bydel).
 */
import type { ExtractManifest } from '../../../shared/extract/manifest';
import type { GeoJsonFeatureCollection } from '../../../shared/extract/unpack';

export interface AreaInfo {
  id: string;
  name: string;
  parentId: string | null;
  parentName: string | null;
}

export interface LayerView {
  layerId: string;
  geometry: GeoJsonFeatureCollection;
  idProperty: string;
  areas: AreaInfo[];
}

function parentNames(manifest: ExtractManifest, layers: ReadonlyMap<string, GeoJsonFeatureCollection>, parentLayerId: string | undefined): Map<string, string> {
  const def = manifest.areaLayers.find((l) => l.id === parentLayerId);
  const layer = parentLayerId ? layers.get(parentLayerId) : undefined;
  if (!def || !layer) return new Map();
  return new Map(layer.features.map((f) => [String(f.properties[def.idProperty]), String(f.properties[def.nameProperty])]));
}

/** The layer's view, or null when the extract has no geography for it. */
export function layerView(manifest: ExtractManifest, layers: ReadonlyMap<string, GeoJsonFeatureCollection>, layerId: string): LayerView | null {
  const def = manifest.areaLayers.find((l) => l.id === layerId);
  const geometry = layers.get(layerId);
  if (!def || !geometry) return null;
  const names = parentNames(manifest, layers, def.parent?.layer);
  const areas = geometry.features.map((f) => {
    const parentId = def.parent ? String(f.properties[def.parent.property] ?? '') || null : null;
    return {
      id: String(f.properties[def.idProperty]),
      name: String(f.properties[def.nameProperty] ?? ''),
      parentId,
      parentName: parentId ? (names.get(parentId) ?? null) : null,
    };
  });
  return { layerId, geometry, idProperty: def.idProperty, areas };
}
