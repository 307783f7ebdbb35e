/** Confidence intervals for proportions. */

/** Two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for x successes out of n (Wilson 1927). Well-behaved for the
 * small numbers of small areas, unlike the Wald interval. Undefined (null) for n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
