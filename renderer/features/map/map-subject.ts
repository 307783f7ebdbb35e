/**
 * What the map shows: one indicator of the pack (raw or smoothed), the composite index,
 * or either one's change since a baseline period.
 */
import type { Direction } from '../../../shared/indicators/pack';
import type { MapCell } from './choropleth';

export interface MapSubject {
  /** The indicator select's value: an indicator id, or COMPOSITE_ID. */
  id: string;
  title: string;
  description: string;
  direction: Direction;
  cells: MapCell[];
  /** Raw values by area when the map shows smoothed ones (for the tooltip). */
  raw: Map<string, number | null> | null;
  /** True when the cells are changes since a baseline (a diverging map). */
  change: boolean;
  format(value: number | null): string;
}

/**
 * Each area's change from `then` to `now`; no value where either is missing. A change
 * counts as resting on a small population when either end does.
 */
export function changeCells(now: readonly MapCell[], then: readonly MapCell[]): MapCell[] {
  const before = new Map(then.map((c) => [c.areaId, c]));
  return now.map((c) => {
    const old = before.get(c.areaId);
    const value = c.value !== null && old?.value != null ? c.value - old.value : null;
    return { areaId: c.areaId, value, small: (c.small ?? false) || (old?.small ?? false) };
  });
}
