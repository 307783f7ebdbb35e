/**
 * A normal-approximation funnel for means (school absence, mean income), which have no
 * binomial or Poisson count: Spiegelhalter (2005, §2) with a known within-area standard
 * deviation σ, limits θ ± z_p · σ/√n. σ is pooled from the cells' t intervals
 * (half-width = t_{0.975, n−1} · s/√n, so s = half-width · √n / t), weighted by n − 1.
 * Over-dispersion as for counts (winsorised z-scores at 10 %/90 %; φ multiplicative or a
 * DerSimonian–Laird τ² additive), here on the value scale itself.
 */
import { quantile7 } from '../stats/quantile';
import { normalQuantile, studentTQuantile } from '../stats/distributions';
import { FUNNEL_PROBABILITIES, type FunnelLimits, type OverdispersionMethod } from '../stats/funnel';
import type { FunnelOverdispersion } from './types';

export interface NormalUnit {
  n: number;
  value: number;
  lower: number | null;
  upper: number | null;
}

export interface NormalFunnel {
  /** Pooled within-area standard deviation. */
  sd: number;
  overdispersion: FunnelOverdispersion;
  limits(n: number): FunnelLimits;
  z(value: number, n: number): number;
  zAdjusted(value: number, n: number): number;
}

/** The pooled within-area standard deviation from the cells' 95 % t intervals; null when no cell has one. */
export function pooledStandardDeviation(units: readonly NormalUnit[]): number | null {
  let weighted = 0;
  let df = 0;
  for (const u of units) {
    if (!(u.n >= 2) || u.lower === null || u.upper === null) continue;
    const t = studentTQuantile(0.975, u.n - 1);
    const sd = ((u.upper - u.lower) / 2 / t) * Math.sqrt(u.n);
    if (!Number.isFinite(sd)) continue;
    weighted += (u.n - 1) * sd * sd;
    df += u.n - 1;
  }
  return df > 0 && weighted > 0 ? Math.sqrt(weighted / df) : null;
}

export function normalFunnel(units: readonly NormalUnit[], target: number, method: 'none' | OverdispersionMethod, trim = 0.1): NormalFunnel | null {
  const sd = pooledStandardDeviation(units);
  if (sd === null) return null;
  const se = (n: number) => sd / Math.sqrt(n);
  const used = units.filter((u) => u.n > 0 && Number.isFinite(u.value));
  let phi: number | null = null;
  let tau2: number | null = null;
  let applied: FunnelOverdispersion['applied'] = 'none';
  if (method !== 'none' && used.length > 0) {
    const z = used.map((u) => (u.value - target) / se(u.n));
    const sorted = [...z].sort((a, b) => a - b);
    const lo = quantile7(sorted, trim);
    const hi = quantile7(sorted, 1 - trim);
    phi = z.reduce((s, zi) => s + Math.min(hi, Math.max(lo, zi)) ** 2, 0) / z.length;
    const w = used.map((u) => 1 / se(u.n) ** 2);
    const sumW = w.reduce((s, x) => s + x, 0);
    const sumW2 = w.reduce((s, x) => s + x * x, 0);
    const excess = used.length * phi - (used.length - 1);
    const denom = sumW - sumW2 / sumW;
    tau2 = excess > 0 && denom > 0 ? excess / denom : 0;
    if (used.length >= 2 && method === 'multiplicative' && phi > 1) applied = 'multiplicative';
    if (used.length >= 2 && method === 'additive' && tau2 > 0) applied = 'additive';
  }
  const spread = (n: number): number => {
    if (applied === 'multiplicative') return Math.sqrt(phi ?? 1) * se(n);
    if (applied === 'additive') return Math.sqrt(se(n) ** 2 + (tau2 ?? 0));
    return se(n);
  };
  const at = (p: number, n: number) => target + normalQuantile(p) * spread(n);
  return {
    sd,
    overdispersion: { requested: method, applied, phi, tau2, units: used.length },
    limits: (n) => ({
      n,
      alarmLower: at(FUNNEL_PROBABILITIES.alarmLower, n),
      warningLower: at(FUNNEL_PROBABILITIES.warningLower, n),
      warningUpper: at(FUNNEL_PROBABILITIES.warningUpper, n),
      alarmUpper: at(FUNNEL_PROBABILITIES.alarmUpper, n),
    }),
    z: (value, n) => (value - target) / se(n),
    zAdjusted: (value, n) => (value - target) / spread(n),
  };
}
