/**
 * The composite index as something the map and panels can show: its cells for one period,
 * keyed by area, and the number format used for indexes and contributions.
 */
import { formatNumber } from '../../../shared/format/number';
import type { Language } from '../../../shared/i18n/messages';
import type { CompositeCell, CompositeResult } from '../../../shared/indicators/composite';
import type { MessageKey } from '../../../shared/i18n/messages';
import type { MapCell } from '../map/choropleth';

/** The indicator select's value for the composite index; never a pack indicator's id (those are a–z, 0–9, _). */
export const COMPOSITE_ID = '@composite';

export function compositeCellsOf(composite: CompositeResult, period: number): Map<string, CompositeCell> {
  return new Map(composite.cells.filter((c) => c.period === period).map((c) => [c.areaId, c]));
}

export function compositeMapCells(cells: ReadonlyMap<string, CompositeCell>): MapCell[] {
  return [...cells.values()].map((c) => ({ areaId: c.areaId, value: c.index, small: c.small }));
}

/** Indexes, standardised values and contributions: two decimals, signed where it matters. */
export function formatIndex(value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) return '–';
  // No "-0,00": a value that rounds to zero is shown as zero.
  return formatNumber(Math.abs(value) < 0.005 ? 0 : value, language, 2);
}

export const METHOD_LABEL: Record<CompositeResult['method'], MessageKey> = {
  'z-score': 'compositeMethod_z_score',
  'min-max': 'compositeMethod_min_max',
  rank: 'compositeMethod_rank',
};
