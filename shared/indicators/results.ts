/**
 * Turns raw counts into the result cube: area × period × indicator with value,
 * interval, the municipality value and a small-population flag.
 */
import { wilsonInterval } from '../stats/intervals';
import type { IndicatorDefinition } from './pack';

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
  pack: readonly IndicatorDefinition[],
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
