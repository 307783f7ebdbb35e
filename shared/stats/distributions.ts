/**
 * Distribution functions needed for exact intervals: the regularised incomplete gamma
 * and beta functions (Numerical Recipes, 3rd ed., §6.2 and §6.4), and from them the
 * chi-square and Student t quantiles. Pure TypeScript, accurate to about 1e-12.
 */

// Coefficients of NR3 §6.1, written as the nearest doubles.
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 0.00003399464998481189,
  0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125, -0.00021026444172410488,
  0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408,
  0.0000036899182659531625,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 671/128, NR3 §6.1). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, not ${x}`);
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.9999999999999971;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310007 * ser) / x);
}

const EPS = 1e-15;
const FPMIN = 1e-300;

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || x < 0) throw new RangeError(`gammaP(${a}, ${x}) is undefined`);
  if (x === 0) return 0;
  if (x < a + 1) {
    // Series.
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
  }
  return Math.max(0, 1 - gammaQ(a, x));
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (!(a > 0) || !(b > 0) || x < 0 || x > 1) throw new RangeError(`betaI(${a}, ${b}, ${x}) is undefined`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Inverts a continuous increasing CDF on [lo, ∞) by bracketing and bisection. */
function invert(cdf: (x: number) => number, p: number, lo: number, start: number): number {
  let hi = Math.max(start, 1);
  while (cdf(hi) < p) hi *= 2;
  let low = lo;
  for (let i = 0; i < 200 && hi - low > 1e-14 * Math.max(1, hi); i++) {
    const mid = (low + hi) / 2;
    if (cdf(mid) < p) low = mid;
    else hi = mid;
  }
  return (low + hi) / 2;
}

/** Chi-square CDF with k degrees of freedom. */
export function chiSquareCdf(x: number, k: number): number {
  return x <= 0 ? 0 : gammaP(k / 2, x / 2);
}

/** Chi-square quantile: the x with P(X ≤ x) = p for X ~ χ²(k). */
export function chiSquareQuantile(p: number, k: number): number {
  if (!(k > 0) || !(p >= 0 && p < 1)) throw new RangeError(`chiSquareQuantile(${p}, ${k}) is undefined`);
  if (p === 0) return 0;
  return invert((x) => chiSquareCdf(x, k), p, 0, k);
}

/** Student t CDF with ν degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  const tail = 0.5 * betaI(nu / 2, 0.5, nu / (nu + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** Student t quantile for p in (0.5, 1) or (0, 0.5), ν > 0. */
export function studentTQuantile(p: number, nu: number): number {
  if (!(nu > 0) || !(p > 0 && p < 1)) throw new RangeError(`studentTQuantile(${p}, ${nu}) is undefined`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  return invert((t) => studentTCdf(t, nu), p, 0, 2);
}

// ---------------------------------------------------------------------------------------
// Additions for the flag statistics (funnel.ts, trend.ts): the upper incomplete gamma,
// the normal distribution, and exact binomial and Poisson CDFs and quantiles.

/**
 * Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly by the
 * continued fraction where it is small (x ≥ a + 1), so far tails keep their relative
 * precision (NR3 §6.2).
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || x < 0) throw new RangeError(`gammaQ(${a}, ${x}) is undefined`);
  if (x === 0) return 1;
  if (x < a + 1) return 1 - gammaP(a, x);
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - logGamma(a)) * h);
}

/** Chi-square upper tail P(X > x) for X ~ χ²(k): the p-value of a chi-square statistic. */
export function chiSquareSurvival(x: number, k: number): number {
  if (!(k > 0)) throw new RangeError(`chiSquareSurvival needs k > 0, not ${k}`);
  return x <= 0 ? 1 : gammaQ(k / 2, x / 2);
}

/**
 * Standard normal CDF Φ(z), through Φ(−|z|) = Q(½, z²/2) / 2 (erfc as an incomplete
 * gamma, Abramowitz & Stegun 6.5.17 and 7.1.2), so the tails keep relative precision.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal quantile Φ⁻¹(p): a start from Abramowitz & Stegun 26.2.23 (error
 * < 4.5e-4), then Newton steps on the lower tail, which converge to full precision.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile(${p}) is undefined`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  const t = Math.sqrt(-2 * Math.log(q));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 50; i++) {
    const step = (normalCdf(z) - q) / normalPdf(z);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return p < 0.5 ? z : -z;
}

function checkBinomial(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 0) || !(p >= 0 && p <= 1)) throw new RangeError(`Binomial(${n}, ${p}) is undefined`);
}

/** Binomial CDF P(X ≤ k), X ~ Binomial(n, p): I_{1−p}(n − k, k + 1) (NR3 §6.4). */
export function binomialCdf(k: number, n: number, p: number): number {
  checkBinomial(n, p);
  const r = Math.floor(k);
  if (r < 0) return 0;
  if (r >= n) return 1;
  return betaI(n - r, r + 1, 1 - p);
}

/** Binomial upper tail P(X ≥ k) = I_p(k, n − k + 1), precise when small. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  checkBinomial(n, p);
  const r = Math.ceil(k);
  if (r <= 0) return 1;
  if (r > n) return 0;
  return betaI(r, n - r + 1, p);
}

function checkPoisson(mu: number): void {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`Poisson(${mu}) is undefined`);
}

/**
 * Poisson CDF P(X ≤ k), X ~ Poisson(μ): Q(k + 1, μ), which is also P(χ²(2k + 2) > 2μ),
 * the chi-square link behind the exact Poisson limits.
 */
export function poissonCdf(k: number, mu: number): number {
  checkPoisson(mu);
  const r = Math.floor(k);
  if (r < 0) return 0;
  if (mu === 0) return 1;
  return gammaQ(r + 1, mu);
}

/** Poisson upper tail P(X ≥ k) = P(k, μ), precise when small. */
export function poissonUpperTail(k: number, mu: number): number {
  checkPoisson(mu);
  const r = Math.ceil(k);
  if (r <= 0) return 1;
  if (mu === 0) return 0;
  return gammaP(r, mu);
}

/** Smallest integer r in [lo, hi] with cdf(r) ≥ q, for an increasing cdf with cdf(hi) ≥ q. */
function smallestAtLeast(cdf: (r: number) => number, q: number, lo: number, hi: number): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (cdf(mid) >= q) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Binomial quantile as R's qbinom: the smallest r with P(X ≤ r) ≥ q. */
export function binomialQuantile(q: number, n: number, p: number): number {
  checkBinomial(n, p);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`binomialQuantile(${q}) is undefined`);
  return smallestAtLeast((r) => binomialCdf(r, n, p), q, 0, n);
}

/** Poisson quantile as R's qpois: the smallest r with P(X ≤ r) ≥ q (q < 1). */
export function poissonQuantile(q: number, mu: number): number {
  checkPoisson(mu);
  if (!(q >= 0 && q < 1)) throw new RangeError(`poissonQuantile(${q}) is undefined`);
  let hi = Math.max(1, Math.ceil(mu + 10 * Math.sqrt(mu) + 10));
  while (poissonCdf(hi, mu) < q) hi *= 2;
  return smallestAtLeast((r) => poissonCdf(r, mu), q, 0, hi);
}
