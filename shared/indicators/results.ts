/**
 * Turns raw counts into the result cube: area × period × indicator with value,
 * interval, the municipality value and a small-population flag.
 */
import { meanTInterval, poissonExactInterval, wilsonInterval } from '../stats/intervals';
import type { LayerArea } from './areas';
import { MUNICIPALITY_LAYER, type EngineRow } from './compile';
import { countsEvents, type Indicator } from './pack';

export interface CountRow {
  indicator_id: string;
  period: number;
  area_id: string;
  numerator: number;
  denominator: number;
}

export interface IndicatorCell {
  indicatorId: string;
  period: number;
  areaId: string;
  numerator: number;
  denominator: number;
  /** Proportion 0–1 (the unit only changes display); null when the population is empty. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Population below the indicator's minimum: shown, but marked as uncertain. */
  small: boolean;
}

export interface MunicipalityValue {
  indicatorId: string;
  period: number;
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface IndicatorResults {
  cells: IndicatorCell[];
  municipality: MunicipalityValue[];
}

export function cellKey(indicatorId: string, period: number, areaId: string): string {
  return `${indicatorId}|${period}|${areaId}`;
}

export function buildResults(
  rows: readonly CountRow[],
  pack: readonly Indicator[],
  areaIds: readonly string[],
  periods: readonly number[],
): IndicatorResults {
  const counts = new Map(rows.map((r) => [cellKey(r.indicator_id, r.period, r.area_id), r]));
  const cells: IndicatorCell[] = [];
  const municipality: MunicipalityValue[] = [];
  for (const def of pack) {
    for (const period of periods) {
      let numTotal = 0;
      let denTotal = 0;
      // Every area gets a cell, so an empty population is explicit rather than missing.
      for (const areaId of areaIds) {
        const row = counts.get(cellKey(def.id, period, areaId));
        const numerator = row?.numerator ?? 0;
        const denominator = row?.denominator ?? 0;
        numTotal += numerator;
        denTotal += denominator;
        const interval = wilsonInterval(numerator, denominator);
        cells.push({
          indicatorId: def.id,
          period,
          areaId,
          numerator,
          denominator,
          value: denominator > 0 ? numerator / denominator : null,
          lower: interval?.lower ?? null,
          upper: interval?.upper ?? null,
          small: denominator < def.minPopulation,
        });
      }
      municipality.push({
        indicatorId: def.id,
        period,
        numerator: numTotal,
        denominator: denTotal,
        value: denTotal > 0 ? numTotal / denTotal : null,
      });
    }
  }
  return { cells, municipality };
}

// ---------------------------------------------------------------------------------------
// Results of a whole pack, from the engine's rows (compilePackQuery).

/** Which interval a cell carries. */
export type IntervalMethod = 'wilson' | 'poisson-exact' | 't' | 'none';

export interface PackCell extends IndicatorCell {
  layerId: string;
  /**
   * Value in the indicator's unit basis: a proportion 0–1 for share and for per1000 (the
   * display multiplies by 1,000), DKK or the column's unit for mean/median/dkk.
   */
  value: number | null;
  method: IntervalMethod;
  /** The comparison value of the indicator's reference level for this period (null when unknown). */
  reference: number | null;
  /**
   * The level `reference` actually comes from. A region or nation reference without a
   * value in the extract for the period falls back to the municipality (then this says
   * 'municipality'). Always set by buildPackResults; optional only so that hand-built
   * cells stay valid (absent: the indicator's declared level).
   */
  referenceLevel?: ReferenceLevel;
}

export type ReferenceLevel = 'municipality' | 'region' | 'nation';

export interface ReferenceRow {
  indicator_id: string;
  period: number;
  level: 'region' | 'nation';
  value: number;
}

export interface PackResults {
  /** Every area of every layer, every period, every indicator (layer order, then indicator, period, area). */
  cells: PackCell[];
  /** The whole municipality, computed from the microdata like any area. */
  municipality: (MunicipalityValue & { lower: number | null; upper: number | null })[];
}

/** The interval method an indicator's cells use (none for counts and medians). */
export function intervalMethod(indicator: Indicator): IntervalMethod {
  if (indicator.unit === 'count') return 'none';
  const n = indicator.numerator;
  if (n.kind === 'value') return n.statistic === 'mean' ? 't' : 'none';
  return countsEvents(n) ? 'poisson-exact' : 'wilson';
}

function valueAndInterval(indicator: Indicator, row: EngineRow | undefined): { value: number | null; lower: number | null; upper: number | null } {
  // A count is the number itself (persons or events): 0 where nobody lives (counts are
  // never pooled over a window, see schema.ts).
  if (indicator.unit === 'count') return { value: row?.numerator ?? 0, lower: null, upper: null };
  const denominator = row?.denominator ?? 0;
  if (!row || !(denominator > 0)) return { value: null, lower: null, upper: null };
  const numerator = row.numerator ?? 0;
  switch (intervalMethod(indicator)) {
    case 'wilson': {
      const ci = wilsonInterval(numerator, denominator);
      return { value: numerator / denominator, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
    }
    case 'poisson-exact': {
      const ci = poissonExactInterval(numerator, denominator);
      return { value: numerator / denominator, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
    }
    case 't': {
      const ci = meanTInterval(denominator, numerator, row.sum_sq ?? 0);
      return { value: numerator / denominator, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
    }
    case 'none':
      return { value: row.median, lower: null, upper: null };
  }
}

export function engineKey(indicatorId: string, layerId: string, period: number, areaId: string): string {
  return `${indicatorId}|${layerId}|${period}|${areaId}`;
}

/**
 * Turns the engine's rows into cells for every area of every layer (areas without
 * residents get explicit empty cells: value null, counts 0), with intervals, the
 * reference value and the level it comes from, and the small-population flag. A
 * region/nation reference that the extract's reference table lacks for the period is
 * replaced by the municipality's value (referenceLevel 'municipality').
 */
export function buildPackResults(
  rows: readonly EngineRow[],
  indicators: readonly Indicator[],
  areas: readonly LayerArea[],
  periods: readonly number[],
  references: readonly ReferenceRow[] = [],
): PackResults {
  const byKey = new Map(rows.map((r) => [engineKey(r.indicator_id, r.layer_id, Number(r.period), String(r.area_id)), r]));
  const referenceIndex = new Map(references.map((r) => [`${r.indicator_id}|${r.period}|${r.level}`, r.value]));
  const municipalityArea = areas.find((a) => a.layerId === MUNICIPALITY_LAYER);
  const cells: PackCell[] = [];
  const municipality: PackResults['municipality'] = [];
  for (const ind of indicators) {
    const method = intervalMethod(ind);
    for (const period of periods) {
      const muniRow = municipalityArea ? byKey.get(engineKey(ind.id, MUNICIPALITY_LAYER, period, municipalityArea.areaId)) : undefined;
      const muni = valueAndInterval(ind, muniRow);
      municipality.push({
        indicatorId: ind.id,
        period,
        numerator: muniRow?.numerator ?? 0,
        denominator: muniRow?.denominator ?? 0,
        ...muni,
      });
      // A region/nation reference missing from the extract falls back to the municipality.
      const declared = ind.reference ?? 'municipality';
      const external = declared === 'municipality' ? undefined : referenceIndex.get(`${ind.id}|${period}|${declared}`);
      const referenceLevel: ReferenceLevel = external !== undefined && Number.isFinite(external) ? declared : 'municipality';
      const reference = referenceLevel === 'municipality' ? muni.value : (external ?? null);
      for (const area of areas) {
        if (area.layerId === MUNICIPALITY_LAYER) continue;
        const row = byKey.get(engineKey(ind.id, area.layerId, period, area.areaId));
        const denominator = row?.denominator ?? 0;
        cells.push({
          indicatorId: ind.id,
          layerId: area.layerId,
          period,
          areaId: area.areaId,
          numerator: row?.numerator ?? 0,
          denominator,
          ...valueAndInterval(ind, row),
          method,
          reference,
          referenceLevel,
          small: denominator < ind.minPopulation,
        });
      }
    }
  }
  return { cells, municipality };
}
