/**
 * Funnel plots (Spiegelhalter 2005, "Funnel plots for comparing institutional
 * performance", Stat Med 24:1185–1202): each area's value against a target (the
 * municipality or a national reference) with control limits that depend on the area's
 * population, at 95 % (warning) and 99.8 % (alarm), and the optional over-dispersion
 * adjustment of Spiegelhalter (2005, §4; and "Handling over-dispersion of performance
 * indicators", Qual Saf Health Care 14:347–351), as FunnelPlotR implements it.
 *
 * Two data types:
 * - 'binomial': a share, numerator ≤ denominator (PackCell method 'wilson');
 * - 'poisson': an event count per unit of exposure (PackCell method 'poisson-exact').
 * Values are on the scale of PackCell.value: a proportion, or events per person.
 */
import { quantile7 } from './quantile';
import {
  binomialCdf,
  binomialQuantile,
  binomialUpperTail,
  chiSquareQuantile,
  normalQuantile,
  poissonCdf,
  poissonQuantile,
  poissonUpperTail,
} from './distributions';

export type FunnelKind = 'binomial' | 'poisson';

/** The four limit probabilities: 99.8 % and 95 % two-sided (Spiegelhalter 2005, §3). */
export const FUNNEL_PROBABILITIES = {
  alarmLower: 0.001,
  warningLower: 0.025,
  warningUpper: 0.975,
  alarmUpper: 0.999,
} as const;

/**
 * Poisson limits: 'interpolated' is Spiegelhalter's interpolated quantile of the Poisson
 * distribution (appendix A.1, as for the binomial; the Poisson CDF is a chi-square tail,
 * P(X ≤ r) = P(χ²(2r + 2) > 2μ)). 'chi-square' is the continuous form FunnelPlotR draws:
 * χ²_p(2μ)/2 below and χ²_p(2μ + 2)/2 above, i.e. the exact (Garwood) confidence limits
 * of a count equal to the expected count μ. The first is the default: Seaton & Manktelow
 * (BMC Med Res Methodol 2012;12:98) show the confidence-interval form is conservative
 * for small expected counts (for μ ≤ 50 a median 0.012 of in-control units above the
 * upper 95 % limit, against the nominal 0.025).
 */
export type PoissonLimitMethod = 'interpolated' | 'chi-square';

/**
 * Spiegelhalter's interpolated limit for a discrete count distribution (appendix A.1.1):
 * r_p is the smallest r with F(r) ≥ p, θ = (F(r_p) − p) / (F(r_p) − F(r_p − 1)), and the
 * limit on the count scale is r_p − θ (divide by n for the proportion or rate). It is the
 * point where the CDF, interpolated linearly between r_p − 1 and r_p, equals p, so the
 * limits are smooth in n. An observed count k then lies above the upper limit exactly when
 * F(k) > p, i.e. P(X > k) < 1 − p, and below the lower limit exactly when F(k) < p: the
 * upper side is judged on the exclusive tail, so a count with P(X ≥ k) somewhat above
 * 1 − p can lie above the upper limit (and for tiny n a count of n always does). The
 * conservative judgement on the inclusive tails is FunnelPoint.exactClass.
 */
function interpolatedCount(p: number, quantile: (p: number) => number, cdf: (r: number) => number): number {
  const r = quantile(p);
  const fr = cdf(r);
  const below = r > 0 ? cdf(r - 1) : 0;
  const step = fr - below;
  const theta = step > 0 ? (fr - p) / step : 0;
  return r - theta;
}

/**
 * Exact binomial control limit at probability p for a target proportion and denominator
 * n, interpolated as in Spiegelhalter (2005, appendix A.1.1), on the proportion scale and
 * clamped to [0, 1] (small n can give a negative lower limit).
 */
export function binomialControlLimit(p: number, target: number, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`binomialControlLimit needs an integer n ≥ 1, not ${n}`);
  if (!(target >= 0 && target <= 1)) throw new RangeError(`binomialControlLimit needs a target in [0, 1], not ${target}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`binomialControlLimit needs p in (0, 1), not ${p}`);
  // A degenerate target allows one count only: every limit sits on it.
  if (target === 0 || target === 1) return target;
  const count = interpolatedCount(
    p,
    (q) => binomialQuantile(q, n, target),
    (r) => binomialCdf(r, n, target),
  );
  return clamp(count / n, 0, 1);
}

/**
 * Exact Poisson control limit at probability p for a target rate (events per unit of
 * exposure) and an exposure (the population), on the rate scale, never below 0.
 */
export function poissonControlLimit(p: number, target: number, exposure: number, method: PoissonLimitMethod = 'interpolated'): number {
  if (!(exposure > 0) || !Number.isFinite(exposure)) throw new RangeError(`poissonControlLimit needs exposure > 0, not ${exposure}`);
  if (!(target >= 0) || !Number.isFinite(target)) throw new RangeError(`poissonControlLimit needs a target ≥ 0, not ${target}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`poissonControlLimit needs p in (0, 1), not ${p}`);
  const mu = target * exposure;
  if (method === 'chi-square') {
    // FunnelPlotR's limits: Garwood's interval for an "observed" count μ.
    const count = p < 0.5 ? (mu > 0 ? chiSquareQuantile(p, 2 * mu) / 2 : 0) : chiSquareQuantile(p, 2 * mu + 2) / 2;
    return count / exposure;
  }
  const count = interpolatedCount(
    p,
    (q) => poissonQuantile(q, mu),
    (r) => poissonCdf(r, mu),
  );
  return Math.max(0, count / exposure);
}

// ---------------------------------------------------------------------------------------
// Over-dispersion (Spiegelhalter 2005 §4.1–4.2; Spiegelhalter 2005b; FunnelPlotR).

export type OverdispersionMethod = 'multiplicative' | 'additive';

export interface FunnelUnit {
  numerator: number;
  denominator: number;
}

export interface OverdispersionEstimate {
  /** The adjustment asked for. */
  requested: OverdispersionMethod;
  /**
   * The adjustment the limits get: 'none' when there is no over-dispersion to adjust for
   * (φ ≤ 1, or τ² = 0), or fewer than two units, or a target of 0 (or 1 for a share).
   */
  applied: 'none' | OverdispersionMethod;
  /** Scale of the z-scores and of the adjusted limits: identity for shares, square root for rates. */
  scale: 'identity' | 'sqrt';
  /** Units with a positive denominator that entered the estimate. */
  units: number;
  /** φ = mean of the squared winsorised z-scores (null without units). */
  phi: number | null;
  /** DerSimonian–Laird-type between-unit variance on the z-score scale (null without units). */
  tau2: number | null;
  /** The winsorising cut-offs of the z-scores (10th and 90th percentiles by default). */
  winsorLower: number | null;
  winsorUpper: number | null;
}

export interface FunnelOptions {
  kind: FunnelKind;
  /** Target proportion or rate: the municipality's, or the national reference. */
  target: number;
  /** Poisson limit form; default 'interpolated'. */
  poissonLimits?: PoissonLimitMethod;
  /** An estimate from estimateOverdispersion; its `applied` adjustment widens the limits. */
  overdispersion?: OverdispersionEstimate | null;
}

/**
 * The z-score of a unit against the target with its within-unit standard error s
 * (Spiegelhalter 2005, §4.1). Shares: z = (y − θ) / √(θ(1 − θ)/n). Rates: on the
 * square-root scale, which stabilises the Poisson variance (Spiegelhalter 2005b;
 * FunnelPlotR's "CQC" form): z = (√y − √θ) / (1 / (2√n)) = 2(√k − √(θn)).
 * Null when the denominator is 0 or the target makes s = 0.
 */
export function funnelZScore(numerator: number, denominator: number, kind: FunnelKind, target: number): number | null {
  if (!(denominator > 0)) return null;
  const s = withinSe(denominator, kind, target);
  if (!(s > 0)) return null;
  const y = numerator / denominator;
  return kind === 'binomial' ? (y - target) / s : (Math.sqrt(y) - Math.sqrt(target)) / s;
}

/** Within-unit standard error on the z-score scale. */
function withinSe(n: number, kind: FunnelKind, target: number): number {
  return kind === 'binomial' ? Math.sqrt((target * (1 - target)) / n) : 1 / (2 * Math.sqrt(n));
}

/**
 * Estimates over-dispersion from the units of one indicator and period (Spiegelhalter
 * 2005 §4.1–4.2; Spiegelhalter 2005b; FunnelPlotR):
 * 1. z-scores as in funnelZScore (units with denominator 0 are skipped);
 * 2. winsorised at the `trim` and 1 − `trim` quantiles (type 7; default 10 %/90 %), so
 *    the outliers the funnel is meant to find do not inflate the estimate;
 * 3. φ = Σ z_w² / I. Multiplicative: limits widened by √φ when φ > 1;
 * 4. additive: τ² = (Iφ − (I − 1)) / (Σ w − Σ w² / Σ w) with w = 1/s², and 0 when
 *    Iφ ≤ I − 1 (DerSimonian & Laird 1986); limits θ ± z_p √(s² + τ²).
 */
export function estimateOverdispersion(
  units: readonly FunnelUnit[],
  options: { kind: FunnelKind; target: number; method: OverdispersionMethod; trim?: number },
): OverdispersionEstimate {
  const { kind, target, method } = options;
  const trim = options.trim ?? 0.1;
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`estimateOverdispersion needs trim in [0, 0.5), not ${trim}`);
  const scale = kind === 'binomial' ? 'identity' : 'sqrt';
  const z: number[] = [];
  const s: number[] = [];
  for (const u of units) {
    const zi = funnelZScore(u.numerator, u.denominator, kind, target);
    if (zi === null || !Number.isFinite(zi)) continue;
    z.push(zi);
    s.push(withinSe(u.denominator, kind, target));
  }
  const none: OverdispersionEstimate = {
    requested: method,
    applied: 'none',
    scale,
    units: z.length,
    phi: null,
    tau2: null,
    winsorLower: null,
    winsorUpper: null,
  };
  if (z.length === 0) return none;
  const sorted = [...z].sort((a, b) => a - b);
  const lo = quantile7(sorted, trim);
  const hi = quantile7(sorted, 1 - trim);
  const count = z.length;
  let sumSq = 0;
  for (const zi of z) {
    const w = clamp(zi, lo, hi);
    sumSq += w * w;
  }
  const phi = sumSq / count;
  let sumW = 0;
  let sumW2 = 0;
  for (const si of s) {
    const w = 1 / (si * si);
    sumW += w;
    sumW2 += w * w;
  }
  const denom = sumW - sumW2 / sumW;
  const excess = count * phi - (count - 1);
  const tau2 = excess > 0 && denom > 0 ? excess / denom : 0;
  const result = { ...none, phi, tau2, winsorLower: lo, winsorUpper: hi };
  if (count < 2) return result;
  if (method === 'multiplicative' && phi > 1) return { ...result, applied: 'multiplicative' };
  if (method === 'additive' && tau2 > 0) return { ...result, applied: 'additive' };
  return result;
}

// ---------------------------------------------------------------------------------------
// Limits, classification and the curve.

export interface FunnelLimits {
  /** Denominator (population, or exposure for rates). */
  n: number;
  alarmLower: number;
  warningLower: number;
  warningUpper: number;
  alarmUpper: number;
}

/**
 * The four limits for a denominator n. Without an applied over-dispersion adjustment they
 * are the exact limits above. Multiplicative: each exact limit L moves to θ + √φ (L − θ),
 * on the z-score scale (identity for shares, square root for rates). Additive: the normal
 * limits θ ± z_p √(s² + τ²) on that scale (Spiegelhalter 2005b; FunnelPlotR), back on
 * the value scale. Shares are clamped to [0, 1], rates to ≥ 0.
 */
export function funnelLimits(n: number, options: FunnelOptions): FunnelLimits {
  const { kind, target } = options;
  const od = options.overdispersion;
  const applied = od?.applied ?? 'none';
  const limit = (p: number): number => {
    if (applied === 'additive') {
      const z = normalQuantile(p);
      const sd = Math.sqrt(withinSe(n, kind, target) ** 2 + (od?.tau2 ?? 0));
      if (kind === 'binomial') return clamp(target + z * sd, 0, 1);
      return Math.max(0, Math.sqrt(target) + z * sd) ** 2;
    }
    const exact = kind === 'binomial' ? binomialControlLimit(p, target, n) : poissonControlLimit(p, target, n, options.poissonLimits);
    if (applied !== 'multiplicative') return exact;
    const widen = Math.sqrt(od?.phi ?? 1);
    if (kind === 'binomial') return clamp(target + widen * (exact - target), 0, 1);
    return Math.max(0, Math.sqrt(target) + widen * (Math.sqrt(exact) - Math.sqrt(target))) ** 2;
  };
  return {
    n,
    alarmLower: limit(FUNNEL_PROBABILITIES.alarmLower),
    warningLower: limit(FUNNEL_PROBABILITIES.warningLower),
    warningUpper: limit(FUNNEL_PROBABILITIES.warningUpper),
    alarmUpper: limit(FUNNEL_PROBABILITIES.alarmUpper),
  };
}

export type FunnelClass = 'below-alarm' | 'below-warning' | 'inside' | 'above-warning' | 'above-alarm';

/**
 * Where a value lies against the limits. Strict comparisons: a value on a limit is inside
 * it. "below-warning" means between the 99.8 % and the 95 % lower limits.
 */
export function classifyFunnel(value: number, limits: FunnelLimits): FunnelClass {
  if (value > limits.alarmUpper) return 'above-alarm';
  if (value > limits.warningUpper) return 'above-warning';
  if (value < limits.alarmLower) return 'below-alarm';
  if (value < limits.warningLower) return 'below-warning';
  return 'inside';
}

export interface FunnelPoint {
  numerator: number;
  denominator: number;
  value: number;
  limits: FunnelLimits;
  class: FunnelClass;
  /** z-score against the target (see funnelZScore); null when undefined. */
  z: number | null;
  /**
   * Exact one-sided tail probabilities of the count under the target, without
   * over-dispersion: P(X ≥ k) and P(X ≤ k). Evidence for the flag's text ("how sure").
   */
  upperTailP: number;
  lowerTailP: number;
  /**
   * The conservative exact classification, without over-dispersion: above a limit at
   * probability p only when P(X ≥ k) < 1 − p, below only when P(X ≤ k) < p. It never
   * flags more than `class` does without over-dispersion (for shares and for interpolated
   * Poisson limits), and keeps a count whose own tail is not extreme inside, e.g. 3 of 23
   * at a 4.1 % target (P(X ≥ 3) = 0.066), which the interpolated limits place above the
   * 95 % limit because P(X ≥ 4) = 0.013.
   */
  exactClass: FunnelClass;
}

/** One area against the funnel. Null when the denominator is 0 (nothing to place). */
export function funnelPoint(numerator: number, denominator: number, options: FunnelOptions): FunnelPoint | null {
  if (!(denominator > 0)) return null;
  if (options.kind === 'binomial' && !(numerator >= 0 && numerator <= denominator)) {
    throw new RangeError(`funnelPoint: a share needs 0 ≤ numerator ≤ denominator (${numerator}/${denominator})`);
  }
  const value = numerator / denominator;
  const limits = funnelLimits(denominator, options);
  const { kind, target } = options;
  const upperTailP =
    kind === 'binomial' ? binomialUpperTail(numerator, denominator, target) : poissonUpperTail(numerator, target * denominator);
  const lowerTailP = kind === 'binomial' ? binomialCdf(numerator, denominator, target) : poissonCdf(numerator, target * denominator);
  return {
    numerator,
    denominator,
    value,
    limits,
    class: classifyFunnel(value, limits),
    z: funnelZScore(numerator, denominator, kind, target),
    upperTailP,
    lowerTailP,
    exactClass: classifyByTails(upperTailP, lowerTailP),
  };
}

function classifyByTails(upperTailP: number, lowerTailP: number): FunnelClass {
  const p = FUNNEL_PROBABILITIES;
  if (upperTailP < 1 - p.alarmUpper) return 'above-alarm';
  if (upperTailP < 1 - p.warningUpper) return 'above-warning';
  if (lowerTailP < p.alarmLower) return 'below-alarm';
  if (lowerTailP < p.warningLower) return 'below-warning';
  return 'inside';
}

/**
 * The funnel for plotting: limits at `points` denominators spaced evenly on a log scale
 * from min to max (whole numbers for shares, duplicates dropped), in increasing order.
 */
export function funnelCurve(options: FunnelOptions, range: { min: number; max: number; points?: number }): FunnelLimits[] {
  const points = range.points ?? 100;
  const min = options.kind === 'binomial' ? Math.max(1, Math.ceil(range.min)) : range.min;
  const max = options.kind === 'binomial' ? Math.floor(range.max) : range.max;
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) throw new RangeError(`funnelCurve needs 0 < min ≤ max, not ${range.min}..${range.max}`);
  if (!(points >= 2) || !Number.isInteger(points)) throw new RangeError(`funnelCurve needs at least 2 points, not ${points}`);
  const ns: number[] = [];
  const ratio = Math.log(max / min);
  for (let i = 0; i < points; i++) {
    let n = i === points - 1 ? max : min * Math.exp((ratio * i) / (points - 1));
    if (options.kind === 'binomial') n = Math.round(n);
    if (ns.length === 0 || n > (ns[ns.length - 1] as number)) ns.push(n);
  }
  return ns.map((n) => funnelLimits(n, options));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
