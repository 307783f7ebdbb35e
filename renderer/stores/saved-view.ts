/**
 * The analyst's view of an extract (pack, indicator, period, layer, selection, comparison,
 * map options) kept between sessions, so reopening the same extract resumes where she
 * left off. Only ids and choices are stored — never a figure from the extract.
 */
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { ClassMethod } from '../../shared/stats/classify';
import type { RateSmoothing } from '../features/map/smoothing';

export interface SavedView {
  packId: string;
  indicatorId: string;
  period: number;
  layerId: string;
  selectedAreaId: string | null;
  compareIds: string[];
  baseline: number | null;
  smoothing: RateSmoothing;
  classMethod: ClassMethod;
}

const PREFIX = 'bydelsmonitor.view.';
/** Views of this many extracts are kept; the least recently used go first. */
const KEEP = 20;

/** The same extract: same municipality, producer and creation time. */
export function extractKey(manifest: ExtractManifest): string {
  return `${manifest.municipality.code}|${manifest.producer.name}|${manifest.created}`;
}

function storage(): Storage | null {
  return globalThis.localStorage ?? null;
}

export function loadView(key: string): SavedView | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { view?: SavedView };
    return value.view ?? null;
  } catch {
    return null;
  }
}

export function saveView(key: string, view: SavedView, now = Date.now()): void {
  const store = storage();
  if (!store) return;
  store.setItem(PREFIX + key, JSON.stringify({ view, used: now }));
  const entries: { name: string; used: number }[] = [];
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (!name?.startsWith(PREFIX)) continue;
    try {
      entries.push({ name, used: (JSON.parse(store.getItem(name) ?? '{}') as { used?: number }).used ?? 0 });
    } catch {
      entries.push({ name, used: 0 });
    }
  }
  entries.sort((a, b) => b.used - a.used);
  for (const old of entries.slice(KEEP)) store.removeItem(old.name);
}

/** A saved view, checked against the extract: unknown periods, layers or areas are dropped. */
export function validView(view: SavedView, manifest: ExtractManifest, areaIds: ReadonlySet<string>): Partial<SavedView> {
  const layerOk = manifest.areaLayers.some((l) => l.id === view.layerId);
  const periodOk = manifest.periods.includes(view.period);
  const areasOk = layerOk && view.layerId === manifest.baseLayer;
  return {
    packId: view.packId,
    indicatorId: view.indicatorId,
    ...(periodOk ? { period: view.period } : {}),
    ...(layerOk ? { layerId: view.layerId } : {}),
    // Area ids of other layers are checked when that layer's areas are known; base ids here.
    selectedAreaId: !layerOk ? null : areasOk && view.selectedAreaId !== null && !areaIds.has(view.selectedAreaId) ? null : view.selectedAreaId,
    compareIds: !layerOk ? [] : areasOk ? view.compareIds.filter((id) => areaIds.has(id)) : view.compareIds,
    baseline: view.baseline !== null && manifest.periods.includes(view.baseline) ? view.baseline : null,
    smoothing: view.smoothing,
    classMethod: view.classMethod,
  };
}
