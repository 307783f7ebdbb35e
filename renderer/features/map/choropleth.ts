/** Derives the map's classes and colours for one indicator and period. */
import { classColour, DIVERGING_5, NO_VALUE_COLOUR } from '../../../shared/format/palette';
import { classIndex, equalIntervalBreaks, limitBreaks, naturalBreaks, quantileBreaks, type ClassBreaks, type ClassMethod } from '../../../shared/stats/classify';
import type { IndicatorCell } from '../../../shared/indicators/results';
import type { Direction } from '../../../shared/indicators/pack';

export interface LegendClass {
  lower: number;
  upper: number;
  colour: string;
  count: number;
}

export interface Choropleth {
  colourByArea: Map<string, string>;
  classes: LegendClass[];
  noValueCount: number;
}

export const CLASS_COUNT = 5;

/** What the map needs of a cell: an indicator's cell, or the composite index of an area. */
export type MapCell = Pick<IndicatorCell, 'areaId' | 'value'> & { small?: boolean };

function breaksFor(values: readonly number[], method: ClassMethod, limits: readonly number[]): ClassBreaks | null {
  switch (method) {
    case 'quantile':
      return quantileBreaks(values, CLASS_COUNT);
    case 'natural-breaks':
      return naturalBreaks(values, CLASS_COUNT);
    case 'equal-interval':
      return equalIntervalBreaks(values, CLASS_COUNT);
    case 'thresholds':
      return limitBreaks(values, limits);
  }
}

/**
 * Classes and colours of one map. `thresholdLimits` are the break values of the 'thresholds'
 * method (an indicator's official thresholds in force).
 */
export function buildChoropleth(cells: readonly MapCell[], direction: Direction, method: ClassMethod = 'quantile', thresholdLimits: readonly number[] = []): Choropleth {
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  // Darker is worse; for context indicators (no better or worse) darker is simply higher.
  const higherIsWorse = direction !== 'higher-is-better';
  return classify(cells, breaksFor(values, method, thresholdLimits), (i, count) => classColour(i, count, higherIsWorse));
}

/**
 * Classes of a change since a baseline: symmetric around no change, so the middle class is
 * "about the same" and the two sides are worse (orange) and better (purple) whatever the
 * indicator's direction (for context indicators orange is higher); the class widths are
 * fractions of the largest change.
 */
export function buildChangeChoropleth(cells: readonly MapCell[], direction: Direction): Choropleth {
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return classify(cells, null, () => NO_VALUE_COLOUR);
  const largest = Math.max(...values.map(Math.abs));
  const breaks: ClassBreaks =
    largest > 0
      ? { breaks: [-0.6 * largest, -0.2 * largest, 0.2 * largest, 0.6 * largest], min: -largest, max: largest }
      : { breaks: [], min: 0, max: 0 };
  // Class 0 is the largest fall: worse (orange) when higher is better, else better (purple).
  const palette = direction === 'higher-is-better' ? DIVERGING_5 : [...DIVERGING_5].reverse();
  return classify(cells, breaks, (i, count) => (count === 1 ? DIVERGING_5[2] : (palette[i] ?? NO_VALUE_COLOUR)));
}

function classify(cells: readonly MapCell[], breaks: ClassBreaks | null, colourOf: (index: number, count: number) => string): Choropleth {
  const colourByArea = new Map<string, string>();
  if (!breaks) {
    for (const c of cells) colourByArea.set(c.areaId, NO_VALUE_COLOUR);
    return { colourByArea, classes: [], noValueCount: cells.length };
  }
  const classCount = breaks.breaks.length + 1;
  const limits = [breaks.min, ...breaks.breaks, breaks.max];
  const classes: LegendClass[] = Array.from({ length: classCount }, (_, i) => ({
    lower: limits[i] as number,
    upper: limits[i + 1] as number,
    colour: colourOf(i, classCount),
    count: 0,
  }));
  let noValueCount = 0;
  for (const cell of cells) {
    if (cell.value === null) {
      noValueCount++;
      colourByArea.set(cell.areaId, NO_VALUE_COLOUR);
      continue;
    }
    const legendClass = classes[classIndex(cell.value, breaks)] as LegendClass;
    legendClass.count++;
    colourByArea.set(cell.areaId, legendClass.colour);
  }
  return { colourByArea, classes, noValueCount };
}
