/**
 * Empirical Bayes smoothed rates as a map option (Marshall 1991, as GeoDa maps them): a
 * small district's share or rate is pulled towards the municipality's (global) or its
 * neighbourhood's (spatial) by the more, the smaller its population. Only counts over a
 * population can be smoothed; means, medians and amounts are always shown raw.
 */
import type { IndicatorCell } from '../../../shared/indicators/results';
import type { Indicator } from '../../../shared/indicators/pack';
import { globalEmpiricalBayes, spatialEmpiricalBayes, type RateArea } from '../../../shared/stats/empirical-bayes';
import type { MapCell } from './choropleth';

export type RateSmoothing = 'raw' | 'global-eb' | 'spatial-eb';

export function canSmooth(indicator: Indicator): boolean {
  return indicator.unit === 'share' || indicator.unit === 'per1000';
}

/**
 * The cells' smoothed values (raw when smoothing is 'raw' or the indicator cannot be
 * smoothed). Islands in spatial smoothing fall back to the global estimate, so no district
 * goes blank for lack of neighbours.
 */
export function smoothedCells(
  cells: readonly IndicatorCell[],
  indicator: Indicator,
  smoothing: RateSmoothing,
  adjacency: Readonly<Record<string, readonly string[]>>,
): MapCell[] {
  if (smoothing === 'raw' || !canSmooth(indicator)) return cells.map(({ areaId, value, small }) => ({ areaId, value, small }));
  const areas: RateArea[] = cells.map((c) => ({ id: c.areaId, numerator: c.numerator, denominator: c.denominator }));
  const smoothed = smoothing === 'global-eb' ? globalEmpiricalBayes(areas) : spatialEmpiricalBayes(areas, adjacency, { islands: 'global' });
  // Smoothing is the remedy for small numbers, but the map still says which they are.
  return smoothed.map((s, i) => ({ areaId: s.id, value: s.smoothed, small: cells[i]?.small ?? false }));
}
