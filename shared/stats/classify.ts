/** Classification of values into map classes. */
import { ckmeans } from 'simple-statistics';
import { quantile7 } from './quantile';

export interface ClassBreaks {
  /** Upper limits of each class except the last; length = classes - 1. */
  breaks: number[];
  min: number;
  max: number;
}

/**
 * Quantile breaks over the finite values (type 7 quantiles, as R and numpy default).
 * Duplicate breaks collapse, so a near-constant indicator gets fewer classes.
 */
export function quantileBreaks(values: readonly number[], classes: number): ClassBreaks | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0 || classes < 1) return null;
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const value = quantile7(sorted, i / classes);
    if (breaks.length === 0 || value > (breaks[breaks.length - 1] as number)) breaks.push(value);
  }
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { breaks: breaks.filter((b) => b > min && b < max), min, max };
}

/** Index of the class a value falls in: values equal to a break go to the lower class. */
export function classIndex(value: number, classBreaks: ClassBreaks): number {
  let index = 0;
  while (index < classBreaks.breaks.length && value > (classBreaks.breaks[index] as number)) index++;
  return index;
}

export type ClassMethod = 'quantile' | 'natural-breaks' | 'equal-interval' | 'thresholds';

/** Natural breaks by Ckmeans (Wang & Song 2011, optimal 1-D k-means), as in simple-statistics. */
export function naturalBreaks(values: readonly number[], classes: number): ClassBreaks | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0 || classes < 1) return null;
  const distinct = new Set(finite).size;
  const clusters = ckmeans(finite, Math.min(classes, distinct));
  const breaks = clusters.slice(0, -1).map((cluster) => cluster[cluster.length - 1] as number);
  return { breaks, min: Math.min(...finite), max: Math.max(...finite) };
}

/** Classes of equal width between the smallest and largest value. */
export function equalIntervalBreaks(values: readonly number[], classes: number): ClassBreaks | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0 || classes < 1) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (!(max > min)) return { breaks: [], min, max };
  const breaks = Array.from({ length: classes - 1 }, (_, i) => min + ((i + 1) * (max - min)) / classes);
  return { breaks, min, max };
}

/**
 * Classes split at given limits (e.g. the official thresholds): every limit inside the
 * values' range becomes a break, so the map shows which areas lie over a threshold.
 */
export function limitBreaks(values: readonly number[], limits: readonly number[]): ClassBreaks | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const breaks = [...new Set(limits)].filter((b) => b > min && b < max).sort((a, b) => a - b);
  return { breaks, min, max };
}
