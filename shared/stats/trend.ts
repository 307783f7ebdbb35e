/**
 * Negative development of an area: a trend over the last periods and the change from the
 * previous period, each with its uncertainty, and the decision that combines them with a
 * minimum meaningful change.
 *
 * Values are on the scale of PackCell.value: a proportion for shares (method 'wilson'),
 * events per person for rates (method 'poisson-exact'; the display multiplies by 1,000).
 * A change of one percentage point is 0.01 on this scale, one per 1,000 is 0.001.
 */
import { binomialCdf, binomialUpperTail, chiSquareSurvival, normalCdf, normalQuantile } from './distributions';
import { poissonExactInterval, wilsonInterval } from './intervals';
import type { IntervalMethod } from '../indicators/results';

export interface TrendPoint {
  period: number;
  numerator: number;
  denominator: number;
}

export type TrendModel = 'logistic' | 'poisson';

/** Why a trend has no estimate. */
export type TrendUnavailable =
  /** Fewer than two periods with a positive denominator (or all in the same period). */
  | 'too-few-periods'
  /** No events in any period: the rate is 0 throughout and the slope is not identified. */
  | 'no-events'
  /** Every person counted in every period (shares only): the slope is not identified. */
  | 'all-events'
  /** The maximum-likelihood slope is infinite (complete or quasi-complete separation) or did not converge. */
  | 'separation';

export interface ScoreTest {
  /** Chi-square statistic on 1 degree of freedom. */
  chiSquare: number;
  /** Signed square root (positive for an increase). */
  z: number;
  pValue: number;
}

export interface TrendResult {
  model: TrendModel;
  /** The periods used (positive denominator), ascending. */
  periods: number[];
  /** Null when the slope is estimable. */
  unavailable: TrendUnavailable | null;
  /** Slope per period on the link scale: log odds (logistic) or log rate (Poisson). */
  slope: number | null;
  se: number | null;
  /** Wald interval of the slope at the requested confidence. */
  lower: number | null;
  upper: number | null;
  /** Wald z and its two-sided p-value. */
  z: number | null;
  pValue: number | null;
  /**
   * The fitted value at the mean period: the proportion (logistic) or rate (Poisson). The
   * slope is translated to a change per period at this point.
   */
  fittedAtMean: number | null;
  /**
   * The change of the value per period at the mean period: slope × p(1 − p) for the
   * logistic model (the derivative of the fitted proportion), slope × rate for the Poisson
   * model; with the Wald interval translated the same way. Proportion (or rate) units per
   * period: −0.028 is 2.8 percentage points lower each period.
   */
  changePerPeriod: number | null;
  changeLower: number | null;
  changeUpper: number | null;
  /**
   * The score test of no trend, as a cross-check of the Wald test: Cochran–Armitage for
   * shares, its Poisson analogue for rates. Null without events (or without variation in
   * the periods).
   */
  scoreTest: ScoreTest | null;
  /** Newton (IRLS) iterations used. */
  iterations: number;
}

export interface TrendOptions {
  /** Use only the last N periods with a positive denominator (default: all). */
  lastN?: number;
  /** Confidence of the interval; default 0.95. */
  confidence?: number;
}

function usablePoints(points: readonly TrendPoint[], options: TrendOptions | undefined, model: TrendModel): TrendPoint[] {
  for (const p of points) {
    if (!(p.numerator >= 0) || !(p.denominator >= 0) || !Number.isFinite(p.period)) {
      throw new RangeError(`trend: invalid point ${JSON.stringify(p)}`);
    }
    if (model === 'logistic' && p.numerator > p.denominator) throw new RangeError(`trend: a share needs numerator ≤ denominator (${JSON.stringify(p)})`);
  }
  const used = points.filter((p) => p.denominator > 0).sort((a, b) => a.period - b.period);
  const lastN = options?.lastN;
  if (lastN !== undefined) {
    if (!(lastN >= 1) || !Number.isInteger(lastN)) throw new RangeError(`trend: lastN must be a positive integer, not ${lastN}`);
    return used.slice(Math.max(0, used.length - lastN));
  }
  return used;
}

function emptyResult(model: TrendModel, periods: number[], unavailable: TrendUnavailable, scoreTest: ScoreTest | null): TrendResult {
  return {
    model,
    periods,
    unavailable,
    slope: null,
    se: null,
    lower: null,
    upper: null,
    z: null,
    pValue: null,
    fittedAtMean: null,
    changePerPeriod: null,
    changeLower: null,
    changeUpper: null,
    scoreTest,
    iterations: 0,
  };
}

/** Two-sided normal p-value of a z statistic. */
function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

const expit = (x: number): number => 1 / (1 + Math.exp(-x));

interface GlmFamily {
  model: TrendModel;
  /** Mean count for a linear predictor η and denominator n. */
  mean(eta: number, n: number): number;
  /** IRLS weight (the variance of the count at the mean). */
  weight(mu: number, n: number): number;
  /** Log-likelihood contribution up to a constant. */
  logLik(k: number, mu: number, n: number): number;
  /** The value (proportion or rate) at η. */
  value(eta: number): number;
  /** d value / d η at η. */
  derivative(eta: number): number;
  /** Starting intercept from the pooled value. */
  start(k: number, n: number): number;
}

const LOGISTIC: GlmFamily = {
  model: 'logistic',
  mean: (eta, n) => n * expit(eta),
  weight: (mu, n) => mu * (1 - mu / n),
  logLik: (k, mu, n) => (k > 0 ? k * Math.log(mu / n) : 0) + (n - k > 0 ? (n - k) * Math.log(1 - mu / n) : 0),
  value: expit,
  derivative: (eta) => expit(eta) * (1 - expit(eta)),
  start: (k, n) => Math.log((k + 0.5) / (n - k + 0.5)),
};

const POISSON: GlmFamily = {
  model: 'poisson',
  mean: (eta, n) => n * Math.exp(eta),
  weight: (mu) => mu,
  logLik: (k, mu) => (k > 0 ? k * Math.log(mu) : 0) - mu,
  value: Math.exp,
  derivative: Math.exp,
  start: (k, n) => Math.log((k + 0.5) / n),
};

/**
 * Fits value(t) = link⁻¹(a + b (t − t̄)) by maximum likelihood with Newton–Raphson,
 * which for these canonical links is IRLS (McCullagh & Nelder 1989, §2.5), with step
 * halving when the log-likelihood would fall. t̄ is the plain mean of the periods used,
 * so a is the value at the mean period on the link scale.
 */
function fitTrend(family: GlmFamily, used: TrendPoint[], confidence: number): TrendResult {
  const periods = used.map((p) => p.period);
  const tBar = periods.reduce((s, t) => s + t, 0) / periods.length;
  const t = periods.map((p) => p - tBar);
  const k = used.map((p) => p.numerator);
  const n = used.map((p) => p.denominator);
  const K = k.reduce((s, x) => s + x, 0);
  const N = n.reduce((s, x) => s + x, 0);
  const scoreTest = family.model === 'logistic' ? cochranArmitage(used) : poissonTrendTest(used);
  if (K === 0) return emptyResult(family.model, periods, 'no-events', scoreTest);
  if (family.model === 'logistic' && K === N) return emptyResult(family.model, periods, 'all-events', scoreTest);

  const logLik = (a: number, b: number): number => {
    let ll = 0;
    for (let i = 0; i < t.length; i++) ll += family.logLik(k[i]!, family.mean(a + b * t[i]!, n[i]!), n[i]!);
    return ll;
  };
  let a = family.start(K, N);
  let b = 0;
  let ll = logLik(a, b);
  let converged = false;
  let iterations: number;
  const tRange = Math.max(...t) - Math.min(...t);
  for (iterations = 1; iterations <= 100; iterations++) {
    let u0 = 0;
    let u1 = 0;
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (let i = 0; i < t.length; i++) {
      const mu = family.mean(a + b * t[i]!, n[i]!);
      const w = family.weight(mu, n[i]!);
      const r = k[i]! - mu;
      u0 += r;
      u1 += t[i]! * r;
      i00 += w;
      i01 += w * t[i]!;
      i11 += w * t[i]! * t[i]!;
    }
    const det = i00 * i11 - i01 * i01;
    if (!(det > 0)) break;
    let da = (i11 * u0 - i01 * u1) / det;
    let db = (i00 * u1 - i01 * u0) / det;
    let next = logLik(a + da, b + db);
    for (let halving = 0; halving < 30 && !(next >= ll - 1e-12 * Math.abs(ll)); halving++) {
      da /= 2;
      db /= 2;
      next = logLik(a + da, b + db);
    }
    a += da;
    b += db;
    ll = next;
    if (Math.abs(da) < 1e-10 * (1 + Math.abs(a)) && Math.abs(db) < 1e-10 * (1 + Math.abs(b))) {
      converged = true;
      break;
    }
    // A slope that moves the fitted log odds (or log rate) by more than 30 across the
    // periods is separation running to infinity, not an estimate.
    if (Math.abs(b) * tRange > 30) break;
  }
  if (!converged || Math.abs(b) * tRange > 30) {
    return { ...emptyResult(family.model, periods, 'separation', scoreTest), iterations };
  }
  // Information at the estimate (recomputed at the final a, b).
  let i00 = 0;
  let i01 = 0;
  let i11 = 0;
  for (let i = 0; i < t.length; i++) {
    const w = family.weight(family.mean(a + b * t[i]!, n[i]!), n[i]!);
    i00 += w;
    i01 += w * t[i]!;
    i11 += w * t[i]! * t[i]!;
  }
  const det = i00 * i11 - i01 * i01;
  if (!(det > 0)) return { ...emptyResult(family.model, periods, 'separation', scoreTest), iterations };
  const se = Math.sqrt(i00 / det);
  const zq = normalQuantile(1 - (1 - confidence) / 2);
  const lower = b - zq * se;
  const upper = b + zq * se;
  const d = family.derivative(a);
  return {
    model: family.model,
    periods,
    unavailable: null,
    slope: b,
    se,
    lower,
    upper,
    z: b / se,
    pValue: twoSidedP(b / se),
    fittedAtMean: family.value(a),
    changePerPeriod: b * d,
    changeLower: lower * d,
    changeUpper: upper * d,
    scoreTest,
    iterations,
  };
}

function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), not ${confidence}`);
  return confidence;
}

/**
 * Trend of a share: binomial (logistic) regression of k_t / n_t on the period t, fitted
 * by IRLS, with the slope's Wald interval and p-value, and the Cochran–Armitage test as a
 * cross-check (it is the score test of the same slope; Agresti 2002, §5.3.5). Periods
 * with denominator 0 are skipped.
 */
export function logisticTrend(points: readonly TrendPoint[], options?: TrendOptions): TrendResult {
  const confidence = checkConfidence(options?.confidence ?? 0.95);
  const used = usablePoints(points, options, 'logistic');
  const periods = used.map((p) => p.period);
  if (new Set(periods).size < 2) return emptyResult('logistic', periods, 'too-few-periods', null);
  return fitTrend(LOGISTIC, used, confidence);
}

/**
 * Trend of an event rate: Poisson log-linear regression of the count k_t on t with
 * offset log n_t (the rate ratio per period is exp(slope)), and the Poisson score test
 * for trend as a cross-check (Breslow & Day 1987, vol. II, §3.4).
 */
export function poissonTrend(points: readonly TrendPoint[], options?: TrendOptions): TrendResult {
  const confidence = checkConfidence(options?.confidence ?? 0.95);
  const used = usablePoints(points, options, 'poisson');
  const periods = used.map((p) => p.period);
  if (new Set(periods).size < 2) return emptyResult('poisson', periods, 'too-few-periods', null);
  return fitTrend(POISSON, used, confidence);
}

/**
 * The trend model that matches a cell's interval method: logistic for shares ('wilson'),
 * Poisson for event rates ('poisson-exact'); null for means and medians (no count model).
 */
export function trendFor(method: IntervalMethod, points: readonly TrendPoint[], options?: TrendOptions): TrendResult | null {
  if (method === 'wilson') return logisticTrend(points, options);
  if (method === 'poisson-exact') return poissonTrend(points, options);
  return null;
}

/** Plain mean of the periods (the scores are centred on it; the tests are shift-invariant). */
function meanPeriod(points: readonly TrendPoint[]): number {
  return points.reduce((s, p) => s + p.period, 0) / points.length;
}

/**
 * Cochran–Armitage test for a linear trend in proportions with the periods as scores
 * (Armitage 1955; Agresti 2002, §5.3.5): T = Σ t_i (k_i − n_i p̄), Var T = p̄(1 − p̄)
 * [Σ n_i t_i² − (Σ n_i t_i)² / N], χ² = T² / Var T on 1 df. Null when p̄ is 0 or 1 or
 * there is one period only.
 */
export function cochranArmitage(points: readonly TrendPoint[]): ScoreTest | null {
  const used = points.filter((p) => p.denominator > 0);
  const N = used.reduce((s, p) => s + p.denominator, 0);
  const K = used.reduce((s, p) => s + p.numerator, 0);
  if (!(N > 0)) return null;
  const pBar = K / N;
  const centre = meanPeriod(used);
  let T = 0;
  let snt = 0;
  let sntt = 0;
  for (const p of used) {
    const t = p.period - centre;
    T += t * (p.numerator - p.denominator * pBar);
    snt += p.denominator * t;
    sntt += p.denominator * t * t;
  }
  const variance = pBar * (1 - pBar) * (sntt - (snt * snt) / N);
  if (!(variance > 0)) return null;
  const z = T / Math.sqrt(variance);
  return { chiSquare: z * z, z, pValue: chiSquareSurvival(z * z, 1) };
}

/**
 * Score test for a log-linear trend in Poisson rates (Breslow & Day 1987, vol. II, §3.4):
 * with expected counts E_i = n_i K / N under a constant rate, U = Σ t_i (k_i − E_i),
 * Var U = Σ t_i² E_i − (Σ t_i E_i)² / K, χ² = U² / Var U on 1 df.
 */
export function poissonTrendTest(points: readonly TrendPoint[]): ScoreTest | null {
  const used = points.filter((p) => p.denominator > 0);
  const N = used.reduce((s, p) => s + p.denominator, 0);
  const K = used.reduce((s, p) => s + p.numerator, 0);
  if (!(N > 0) || !(K > 0)) return null;
  const centre = meanPeriod(used);
  let U = 0;
  let ste = 0;
  let stte = 0;
  for (const p of used) {
    const t = p.period - centre;
    const e = (p.denominator * K) / N;
    U += t * (p.numerator - e);
    ste += t * e;
    stte += t * t * e;
  }
  const variance = stte - (ste * ste) / K;
  if (!(variance > 0)) return null;
  const z = U / Math.sqrt(variance);
  return { chiSquare: z * z, z, pValue: chiSquareSurvival(z * z, 1) };
}

// ---------------------------------------------------------------------------------------
// Year on year.

export interface Count {
  numerator: number;
  denominator: number;
}

export interface YearOnYearResult {
  method: 'pooled-z' | 'conditional-binomial';
  previous: number;
  current: number;
  /** current − previous, on the value scale. */
  difference: number;
  lower: number;
  upper: number;
  /** The test statistic (z of the pooled test); null for the exact conditional test. */
  statistic: number | null;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Change of a share from one period to the next. Test: the pooled two-proportion z-test
 * (z = (p₂ − p₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ pooled), p = 1 when p̂ is 0 or 1.
 * Interval for p₂ − p₁: Newcombe's hybrid score interval (Newcombe 1998, Stat Med
 * 17:873–890, method 10), built from the Wilson intervals the cells already carry, which
 * behaves at 0 counts and small n where the Wald interval does not. Null when a
 * denominator is 0.
 */
export function yearOnYearProportion(previous: Count, current: Count, confidence = 0.95): YearOnYearResult | null {
  checkConfidence(confidence);
  const { numerator: k1, denominator: n1 } = previous;
  const { numerator: k2, denominator: n2 } = current;
  if (!(n1 > 0) || !(n2 > 0)) return null;
  if (!(k1 >= 0 && k1 <= n1 && k2 >= 0 && k2 <= n2)) throw new RangeError('yearOnYearProportion: a share needs 0 ≤ numerator ≤ denominator');
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const zq = normalQuantile(1 - (1 - confidence) / 2);
  const w1 = wilsonInterval(k1, n1, zq)!;
  const w2 = wilsonInterval(k2, n2, zq)!;
  const d = p2 - p1;
  const lower = d - Math.sqrt((p2 - w2.lower) ** 2 + (w1.upper - p1) ** 2);
  const upper = d + Math.sqrt((w2.upper - p2) ** 2 + (p1 - w1.lower) ** 2);
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? d / se : 0;
  return { method: 'pooled-z', previous: p1, current: p2, difference: d, lower, upper, statistic: z, pValue: se > 0 ? twoSidedP(z) : 1 };
}

/**
 * Change of an event rate from one period to the next. Test: the exact conditional test
 * (given K = k₁ + k₂ events, k₂ ~ Binomial(K, n₂ / (n₁ + n₂)) under equal rates; Breslow
 * & Day 1987, vol. II, §2.3), two-sided as twice the smaller tail, capped at 1; it needs
 * no continuity fix at 0 counts, unlike a z on the log rate ratio. Interval for r₂ − r₁:
 * the MOVER combination of the exact (Garwood) intervals of the two rates (Zou & Donner
 * 2008, Stat Med 27:1693–1702), the rate analogue of Newcombe's interval.
 */
export function yearOnYearRate(previous: Count, current: Count, confidence = 0.95): YearOnYearResult | null {
  checkConfidence(confidence);
  const { numerator: k1, denominator: n1 } = previous;
  const { numerator: k2, denominator: n2 } = current;
  if (!(n1 > 0) || !(n2 > 0)) return null;
  if (!(k1 >= 0 && k2 >= 0 && Number.isInteger(k1) && Number.isInteger(k2))) throw new RangeError('yearOnYearRate: counts must be whole numbers ≥ 0');
  const r1 = k1 / n1;
  const r2 = k2 / n2;
  const g1 = poissonExactInterval(k1, n1, confidence)!;
  const g2 = poissonExactInterval(k2, n2, confidence)!;
  const d = r2 - r1;
  const lower = d - Math.sqrt((r2 - g2.lower) ** 2 + (g1.upper - r1) ** 2);
  const upper = d + Math.sqrt((g2.upper - r2) ** 2 + (r1 - g1.lower) ** 2);
  const total = k1 + k2;
  let pValue = 1;
  if (total > 0) {
    const share = n2 / (n1 + n2);
    pValue = Math.min(1, 2 * Math.min(binomialCdf(k2, total, share), binomialUpperTail(k2, total, share)));
  }
  return { method: 'conditional-binomial', previous: r1, current: r2, difference: d, lower, upper, statistic: null, pValue };
}

/**
 * Year on year for a cell's interval method: shares ('wilson') and event rates
 * ('poisson-exact'); null otherwise.
 */
export function yearOnYearFor(method: IntervalMethod, previous: Count, current: Count, confidence = 0.95): YearOnYearResult | null {
  if (method === 'wilson') return yearOnYearProportion(previous, current, confidence);
  if (method === 'poisson-exact') return yearOnYearRate(previous, current, confidence);
  return null;
}

// ---------------------------------------------------------------------------------------
// The decision.

export type DevelopmentVerdict =
  /** Statistically clear and at least the minimum meaningful change, in the worsening direction. */
  | 'worsening'
  /** Statistically clear worsening, but smaller than the minimum meaningful change. */
  | 'worsening-below-minimum'
  /** A change in the worsening direction that is not statistically clear. */
  | 'not-significant'
  /** No change, or a change in the improving direction. */
  | 'not-worsening'
  /** No estimate (too few periods, no events, …). */
  | 'unavailable';

export interface DevelopmentTest {
  verdict: DevelopmentVerdict;
  /** The change per period on the value scale (trend: at the mean period; year on year: the difference). */
  change: number | null;
  /** The change turned to the worsening direction: positive = worse. */
  worsening: number | null;
  pValue: number | null;
}

export interface NegativeDevelopmentInput {
  trend: TrendResult | null;
  yearOnYear: YearOnYearResult | null;
  direction: 'higher-is-worse' | 'higher-is-better';
  /** The pack's minimum meaningful change per period, on the value scale (0.01 = 1 point), ≥ 0. */
  minChangePerPeriod: number;
  /** Significance level of each test; default 0.05. */
  alpha?: number;
  /**
   * Which tests must show the worsening: 'either' (default; the trend catches slow steady
   * declines that no single year shows, the year on year catches a sudden drop), 'both',
   * or one of them alone.
   */
  require?: 'either' | 'both' | 'trend' | 'year-on-year';
}

export interface NegativeDevelopment {
  negative: boolean;
  /** The tests whose verdict is 'worsening' (the grounds of the flag). */
  basis: ('trend' | 'year-on-year')[];
  trend: DevelopmentTest;
  yearOnYear: DevelopmentTest;
}

function judge(change: number | null, pValue: number | null, sign: number, min: number, alpha: number): DevelopmentTest {
  if (change === null || pValue === null) return { verdict: 'unavailable', change: null, worsening: null, pValue: null };
  const worsening = sign * change;
  let verdict: DevelopmentVerdict;
  if (!(worsening > 0)) verdict = 'not-worsening';
  else if (!(pValue < alpha)) verdict = 'not-significant';
  else if (worsening >= min) verdict = 'worsening';
  else verdict = 'worsening-below-minimum';
  return { verdict, change, worsening, pValue };
}

/**
 * Is this a negative development? Each test counts when its change is in the worsening
 * direction, its p-value is below alpha, and the change is at least the minimum meaningful
 * change per period (the point estimate: the trend's change per period at the mean
 * period, or the year-on-year difference). `require` says which tests must count.
 */
export function negativeDevelopment(input: NegativeDevelopmentInput): NegativeDevelopment {
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`negativeDevelopment: alpha must be in (0, 1), not ${alpha}`);
  if (!(input.minChangePerPeriod >= 0)) throw new RangeError(`negativeDevelopment: minChangePerPeriod must be ≥ 0, not ${input.minChangePerPeriod}`);
  const sign = input.direction === 'higher-is-worse' ? 1 : -1;
  const trend = judge(input.trend?.changePerPeriod ?? null, input.trend?.pValue ?? null, sign, input.minChangePerPeriod, alpha);
  const yearOnYear = judge(input.yearOnYear?.difference ?? null, input.yearOnYear?.pValue ?? null, sign, input.minChangePerPeriod, alpha);
  const basis: ('trend' | 'year-on-year')[] = [];
  if (trend.verdict === 'worsening') basis.push('trend');
  if (yearOnYear.verdict === 'worsening') basis.push('year-on-year');
  const require = input.require ?? 'either';
  const negative =
    require === 'either'
      ? basis.length > 0
      : require === 'both'
        ? basis.length === 2
        : basis.includes(require);
  return { negative, basis, trend, yearOnYear };
}
