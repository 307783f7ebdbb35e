/**
 * The columns of a comparison: the chosen areas (two to four), the bydele they lie in
 * (each once), and the municipality — every indicator's cell for each, in one period.
 */
import type { ExtractManifest } from '../../../shared/extract/manifest';
import { cellKey, type PackResults } from '../../../shared/indicators/results';
import type { AreaInfo } from '../map/layer-view';

export const MAX_COMPARED = 4;

export interface CompareColumn {
  key: string;
  label: string;
  kind: 'area' | 'parent' | 'municipality';
  /** The cell of an indicator in the period (undefined: no cell). */
  cell(indicatorId: string): { value: number | null; lower: number | null; upper: number | null; small: boolean } | undefined;
}

export function compareColumns(
  results: PackResults,
  manifest: ExtractManifest,
  layerId: string,
  areas: readonly AreaInfo[],
  chosenIds: readonly string[],
  period: number,
  municipalityLabel: string,
): CompareColumn[] {
  const index = new Map(results.cells.filter((c) => c.period === period).map((c) => [`${c.layerId}|${cellKey(c.indicatorId, period, c.areaId)}`, c]));
  const lookup = (layer: string, areaId: string) => (indicatorId: string) => index.get(`${layer}|${cellKey(indicatorId, period, areaId)}`);
  const chosen = chosenIds.map((id) => areas.find((a) => a.id === id)).filter((a): a is AreaInfo => a !== undefined);
  const columns: CompareColumn[] = chosen.map((a) => ({ key: `area:${a.id}`, label: a.name, kind: 'area', cell: lookup(layerId, a.id) }));
  const parentLayer = manifest.areaLayers.find((l) => l.id === layerId)?.parent?.layer;
  if (parentLayer) {
    const seen = new Set<string>();
    for (const a of chosen) {
      if (!a.parentId || seen.has(a.parentId)) continue;
      seen.add(a.parentId);
      columns.push({ key: `parent:${a.parentId}`, label: a.parentName ?? a.parentId, kind: 'parent', cell: lookup(parentLayer, a.parentId) });
    }
  }
  const municipality = new Map(results.municipality.filter((m) => m.period === period).map((m) => [m.indicatorId, m]));
  columns.push({
    key: 'municipality',
    label: municipalityLabel,
    kind: 'municipality',
    cell: (indicatorId) => {
      const m = municipality.get(indicatorId);
      return m ? { value: m.value, lower: m.lower, upper: m.upper, small: false } : undefined;
    },
  });
  return columns;
}
