/** Classification of values into map classes. */

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
  const quantile = (q: number): number => {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    const a = sorted[lo] as number;
    const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
    return a + (h - lo) * (b - a);
  };
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const value = quantile(i / classes);
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
