/**
 * Small hand-built packs, results and geometry for the flag modules' unit tests. Results
 * go through the real buildPackResults, so values, intervals and references are the
 * engine's.
 */
import type { LayerArea } from '../indicators/areas';
import { MUNICIPALITY_LAYER, type EngineRow } from '../indicators/compile';
import type { Classification, Indicator, IndicatorPack } from '../indicators/pack';
import { buildPackResults, type PackResults, type ReferenceRow } from '../indicators/results';
import type { PolygonFeatureCollection } from '../stats/spatial';

export const LAYER = 'district';

export function shareIndicator(id: string, patch: Partial<Indicator> = {}): Indicator {
  return {
    id,
    label: { da: `Andel ${id}`, en: `Share ${id}` },
    description: { da: id, en: id },
    unit: 'share',
    direction: 'higher-is-worse',
    population: [],
    numerator: { kind: 'persons', where: [] },
    minPopulation: 20,
    ...patch,
  };
}

export function rateIndicator(id: string, patch: Partial<Indicator> = {}): Indicator {
  return shareIndicator(id, { unit: 'per1000', numerator: { kind: 'event', types: ['x'], count: 'events' }, ...patch });
}

export function meanIndicator(id: string, patch: Partial<Indicator> = {}): Indicator {
  return shareIndicator(id, { unit: 'mean', numerator: { kind: 'value', column: 'v', statistic: 'mean' }, ...patch });
}

export function packOf(indicators: Indicator[], classifications?: Classification[]): IndicatorPack {
  return {
    format: 'bydelsmonitor-pack',
    version: '1.0',
    id: 'test',
    label: { da: 'Test', en: 'Test' },
    description: { da: 'Test', en: 'Test' },
    indicators,
    ...(classifications ? { classifications } : {}),
  };
}

export interface CountRow {
  indicatorId: string;
  period: number;
  areaId: string;
  numerator: number;
  denominator: number;
  /** Means: Σ values² (numerator is Σ values). */
  sumSq?: number;
}

/**
 * PackResults for one layer from counts: the municipality row sums the areas (as the
 * engine's municipality pseudo-layer does); every area in `areaIds` gets a cell.
 */
export function resultsOf(
  indicators: Indicator[],
  rows: readonly CountRow[],
  areaIds: readonly string[],
  periods: readonly number[],
  references: readonly ReferenceRow[] = [],
): PackResults {
  const engine: EngineRow[] = rows.map((r) => ({
    indicator_id: r.indicatorId,
    layer_id: LAYER,
    period: r.period,
    area_id: r.areaId,
    numerator: r.numerator,
    denominator: r.denominator,
    sum_sq: r.sumSq ?? null,
    median: null,
  }));
  const totals = new Map<string, EngineRow>();
  for (const r of engine) {
    const key = `${r.indicator_id}|${r.period}`;
    const t = totals.get(key) ?? { ...r, layer_id: MUNICIPALITY_LAYER, area_id: '0999', numerator: 0, denominator: 0, sum_sq: r.sum_sq === null ? null : 0 };
    t.numerator = (t.numerator ?? 0) + (r.numerator ?? 0);
    t.denominator += r.denominator;
    if (t.sum_sq !== null) t.sum_sq += r.sum_sq ?? 0;
    totals.set(key, t);
  }
  const areas: LayerArea[] = [...areaIds.map((areaId) => ({ layerId: LAYER, areaId, name: `Område ${areaId}` })), { layerId: MUNICIPALITY_LAYER, areaId: '0999', name: 'Kommune' }];
  return buildPackResults([...engine, ...totals.values()], indicators, areas, periods, references);
}

/** Rows of one indicator and period from [areaId, numerator, denominator] triples. */
export function rowsOf(indicatorId: string, period: number, counts: readonly (readonly [string, number, number])[]): CountRow[] {
  return counts.map(([areaId, numerator, denominator]) => ({ indicatorId, period, areaId, numerator, denominator }));
}

/**
 * A cols × rows grid of unit squares, ids "r{row}c{col}" (queen neighbours share an
 * edge or a corner), plus optional islands far away.
 */
export function gridGeometry(cols: number, rows: number, islands: readonly string[] = []): { geometry: PolygonFeatureCollection; ids: string[] } {
  const features: PolygonFeatureCollection['features'][number][] = [];
  const ids: string[] = [];
  const square = (x: number, y: number) => ({
    type: 'Polygon',
    coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
  });
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const id = `r${r}c${c}`;
      ids.push(id);
      features.push({ properties: { area_id: id }, geometry: square(c, r) });
    }
  }
  islands.forEach((id, i) => {
    ids.push(id);
    features.push({ properties: { area_id: id }, geometry: square(100 + 10 * i, 100) });
  });
  return { geometry: { features }, ids };
}
