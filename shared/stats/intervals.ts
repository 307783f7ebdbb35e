/** Confidence intervals for proportions. */
import { chiSquareQuantile, studentTQuantile } from './distributions';

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

/**
 * Exact (Garwood 1936) interval for a Poisson count x, as a rate per unit of exposure:
 * [χ²(α/2; 2x)/2, χ²(1−α/2; 2x+2)/2] ÷ exposure. Used for event counts (rates per
 * 1,000). Lower limit 0 when x = 0. Null without exposure.
 */
export function poissonExactInterval(x: number, exposure: number, confidence = 0.95): Interval | null {
  if (!(exposure > 0) || !(x >= 0) || !Number.isInteger(x)) return null;
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * x) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * x + 2) / 2;
  return { lower: lower / exposure, upper: upper / exposure };
}

/**
 * Student t interval for a mean from n values with the given sum and sum of squares.
 * Null for n < 2 (no spread to estimate from).
 */
export function meanTInterval(n: number, sum: number, sumOfSquares: number, confidence = 0.95): Interval | null {
  if (!(n >= 2)) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { lower: mean - half, upper: mean + half };
}
