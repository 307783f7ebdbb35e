/**
 * Poisson log-linear regression by iteratively reweighted least squares (IRLS), written out
 * here because it is the core of the before/after evaluation.
 *
 *   log μ_i = offset_i + α_{g(i)} + x_i'β,   y_i ~ Poisson(μ_i) (quasi-Poisson for the variance)
 *
 * The many fixed effects α (one per site × weekday × hour-of-day stratum) are absorbed, not
 * estimated as dummy columns: for a given β the Poisson likelihood is maximised by
 * α_g = log(Σ_g y / Σ_g exp(offset + x'β)), so each IRLS step regresses on x demeaned within
 * its stratum with weights μ (the weighted within transformation; for one absorbed factor it
 * is exact, cf. Guimarães & Portugal 2010, Correia, Guimarães & Zylkin 2020, Bergé 2018). The
 * remaining system is p × p with p = 1 or 2, solved by Cholesky on Float64Arrays. The
 * estimates are identical to the full dummy-variable Poisson GLM (checked in the tests
 * against `fitPoissonDense`).
 *
 * Variances: the model-based inverse information H⁻¹; the quasi-Poisson φ·H⁻¹ with
 * φ = Pearson χ² / residual df; and the cluster-robust sandwich H⁻¹ B H⁻¹ with the scores
 * (x_i − x̄_g)(y_i − μ_i) summed within clusters (CR1: × G/(G − 1)).
 */

/**
 * Cholesky factor L (row-major p × p, lower) of a symmetric positive definite matrix; null if
 * it is not, or if a pivot falls below 1e-10 of its reference size (`reference[j]`, default
 * the largest diagonal element): numerically singular.
 */
export function cholesky(a: Float64Array, p: number, reference?: Float64Array): Float64Array | null {
  const l = new Float64Array(p * p);
  let scale = 0;
  for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(a[i * p + i]!));
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! * l[j * p + k]!;
    const tiny = Math.max(reference ? reference[j]! : scale, 1e-300) * 1e-10;
    if (!(d > tiny)) return null;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L L' x = b. */
export function choleskySolve(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** (L L')⁻¹. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e, p);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return inv;
}

/** A B A for symmetric p × p matrices (row-major). */
function sandwich(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const ab = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[i * p + k]! * b[k * p + j]!;
      ab[i * p + j] = s;
    }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += ab[i * p + k]! * a[k * p + j]!;
      out[i * p + j] = s;
    }
  return out;
}

export interface AbsorbedPoissonInput {
  /** Counts, n. */
  y: Float64Array;
  /** log(exposure), n. */
  offset: Float64Array;
  /** Design without the absorbed effects, row-major n × p. */
  x: Float64Array;
  p: number;
  /** Absorbed factor level of each observation, 0 … groups − 1. */
  group: Int32Array;
  groups: number;
  /** Cluster of each observation (for the robust variance), 0 … clusters − 1. */
  cluster?: Int32Array;
  clusters?: number;
  maxIterations?: number;
  /** Convergence: largest |Δβ| below this. */
  tolerance?: number;
}

export interface AbsorbedPoissonFit {
  beta: Float64Array;
  converged: boolean;
  iterations: number;
  /** Observations in strata with at least one person (the others carry no information). */
  nUsed: number;
  groupsUsed: number;
  /** Residual degrees of freedom: nUsed − groupsUsed − p. */
  dfResidual: number;
  /** Pearson χ² / dfResidual. */
  dispersion: number;
  deviance: number;
  /** Model-based H⁻¹ (p × p). */
  covModel: Float64Array;
  /** φ H⁻¹. */
  covQuasi: Float64Array;
  /** Cluster-robust CR1 sandwich; null without clusters or with fewer than 2. */
  covCluster: Float64Array | null;
  /** Clusters holding used observations. */
  clustersUsed: number;
  /** Fitted means, n. */
  mu: Float64Array;
}

/**
 * Poisson regression with one absorbed factor, by Newton–IRLS on the profile likelihood
 * (step-halving guards each step). Null when β is not identified (the within-stratum design
 * is singular: e.g. no stratum observed in both periods).
 */
export function fitPoissonAbsorbed(input: AbsorbedPoissonInput): AbsorbedPoissonFit | null {
  const { y, offset, x, p, group, groups } = input;
  const n = y.length;
  const maxIter = input.maxIterations ?? 100;
  const tol = input.tolerance ?? 1e-10;
  const yG = new Float64Array(groups);
  for (let i = 0; i < n; i++) yG[group[i]!]! += y[i]!;
  const used = new Uint8Array(n);
  let nUsed = 0;
  for (let i = 0; i < n; i++)
    if (yG[group[i]!]! > 0) {
      used[i] = 1;
      nUsed++;
    }
  let groupsUsed = 0;
  for (let g = 0; g < groups; g++) if (yG[g]! > 0) groupsUsed++;

  const beta = new Float64Array(p);
  const xb = new Float64Array(n);
  const sG = new Float64Array(groups);
  const mu = new Float64Array(n);
  const xbarG = new Float64Array(groups * p);

  const linear = (b: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += x[i * p + k]! * b[k]!;
      xb[i] = s;
    }
  };
  // Profile log-likelihood (up to a constant): Σ y (offset + xb) − Σ_g Y_g log S_g.
  const profile = (): number => {
    sG.fill(0);
    for (let i = 0; i < n; i++) if (used[i]) sG[group[i]!]! += Math.exp(offset[i]! + xb[i]!);
    let ll = 0;
    for (let i = 0; i < n; i++) if (used[i]) ll += y[i]! * (offset[i]! + xb[i]!);
    for (let g = 0; g < groups; g++) if (yG[g]! > 0) ll -= yG[g]! * Math.log(sG[g]!);
    return ll;
  };
  // Means and stratum-weighted means of x at the current β (needs sG from profile()).
  const moments = () => {
    xbarG.fill(0);
    for (let i = 0; i < n; i++) {
      if (!used[i]) {
        mu[i] = 0;
        continue;
      }
      const g = group[i]!;
      const m = (yG[g]! * Math.exp(offset[i]! + xb[i]!)) / sG[g]!;
      mu[i] = m;
      for (let k = 0; k < p; k++) xbarG[g * p + k]! += m * x[i * p + k]!;
    }
    for (let g = 0; g < groups; g++) if (yG[g]! > 0) for (let k = 0; k < p; k++) xbarG[g * p + k]! /= yG[g]!;
  };
  // raw: Σ μ x_k², the size of the information before demeaning (a covariate absorbed by the strata loses all of it).
  const scoreAndInformation = (): { u: Float64Array; h: Float64Array; raw: Float64Array } => {
    const u = new Float64Array(p);
    const h = new Float64Array(p * p);
    const raw = new Float64Array(p);
    const d = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      if (!used[i]) continue;
      const g = group[i]!;
      const r = y[i]! - mu[i]!;
      for (let k = 0; k < p; k++) d[k] = x[i * p + k]! - xbarG[g * p + k]!;
      for (let k = 0; k < p; k++) {
        raw[k]! += mu[i]! * x[i * p + k]! * x[i * p + k]!;
        u[k]! += d[k]! * r;
        for (let j = 0; j <= k; j++) h[k * p + j]! += mu[i]! * d[k]! * d[j]!;
      }
    }
    for (let k = 0; k < p; k++) for (let j = 0; j < k; j++) h[j * p + k] = h[k * p + j]!;
    return { u, h, raw };
  };

  linear(beta);
  let ll = profile();
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIter; ) {
    iterations++;
    moments();
    const { u, h, raw } = scoreAndInformation();
    const factor = cholesky(h, p, raw);
    if (!factor) return null;
    const step = choleskySolve(factor, u, p);
    let t = 1;
    const trial = new Float64Array(p);
    let newLl = -Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let k = 0; k < p; k++) trial[k] = beta[k]! + t * step[k]!;
      linear(trial);
      newLl = profile();
      if (Number.isFinite(newLl) && newLl >= ll - 1e-12 * Math.abs(ll)) break;
      t /= 2;
    }
    let biggest = 0;
    for (let k = 0; k < p; k++) biggest = Math.max(biggest, Math.abs(trial[k]! - beta[k]!));
    beta.set(trial);
    ll = newLl;
    if (biggest < tol) {
      converged = true;
      break;
    }
  }
  // Final moments and information at the estimate.
  linear(beta);
  profile();
  moments();
  const { h, raw } = scoreAndInformation();
  const chol = cholesky(h, p, raw);
  if (!chol) return null;
  const covModel = choleskyInverse(chol, p);

  let pearson = 0;
  let deviance = 0;
  for (let i = 0; i < n; i++) {
    if (!used[i]) continue;
    const r = y[i]! - mu[i]!;
    pearson += (r * r) / mu[i]!;
    deviance += 2 * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - r);
  }
  const dfResidual = nUsed - groupsUsed - p;
  const dispersion = dfResidual > 0 ? pearson / dfResidual : Number.NaN;
  const covQuasi = covModel.map((v) => v * (Number.isFinite(dispersion) ? Math.max(dispersion, 1e-12) : 1));

  let covCluster: Float64Array | null = null;
  let clustersUsed = 0;
  if (input.cluster && input.clusters !== undefined) {
    const c = input.cluster;
    const sums = new Float64Array(input.clusters * p);
    const seen = new Uint8Array(input.clusters);
    for (let i = 0; i < n; i++) {
      if (!used[i]) continue;
      const g = group[i]!;
      const r = y[i]! - mu[i]!;
      const ci = c[i]!;
      if (!seen[ci]) {
        seen[ci] = 1;
        clustersUsed++;
      }
      for (let k = 0; k < p; k++) sums[ci * p + k]! += (x[i * p + k]! - xbarG[g * p + k]!) * r;
    }
    if (clustersUsed >= 2) {
      const b = new Float64Array(p * p);
      for (let ci = 0; ci < input.clusters; ci++) {
        if (!seen[ci]) continue;
        for (let k = 0; k < p; k++) for (let j = 0; j < p; j++) b[k * p + j]! += sums[ci * p + k]! * sums[ci * p + j]!;
      }
      const adj = clustersUsed / (clustersUsed - 1);
      covCluster = sandwich(covModel, b, p).map((v) => v * adj);
    }
  }
  return {
    beta,
    converged,
    iterations,
    nUsed,
    groupsUsed,
    dfResidual,
    dispersion,
    deviance,
    covModel,
    covQuasi,
    covCluster,
    clustersUsed,
    mu,
  };
}

export interface DensePoissonFit {
  beta: Float64Array;
  /** Model-based (X'WX)⁻¹. */
  cov: Float64Array;
  converged: boolean;
  iterations: number;
  mu: Float64Array;
}

/**
 * Plain Poisson IRLS with a dense design (row-major n × p) and an offset. For small models
 * and as the reference the absorbed fit is tested against. Null when X'WX is singular.
 */
export function fitPoissonDense(y: Float64Array, offset: Float64Array, x: Float64Array, p: number, maxIterations = 100, tolerance = 1e-10): DensePoissonFit | null {
  const n = y.length;
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = y[i]! + 0.5;
    eta[i] = Math.log(mu[i]!);
  }
  let beta: Float64Array = new Float64Array(p);
  let chol: Float64Array | null = null;
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations; ) {
    iterations++;
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const w = mu[i]!;
      const z = eta[i]! - offset[i]! + (y[i]! - mu[i]!) / mu[i]!;
      for (let k = 0; k < p; k++) {
        const xk = x[i * p + k]!;
        if (xk === 0) continue;
        xtwz[k]! += w * xk * z;
        for (let j = 0; j <= k; j++) xtwx[k * p + j]! += w * xk * x[i * p + j]!;
      }
    }
    for (let k = 0; k < p; k++) for (let j = 0; j < k; j++) xtwx[j * p + k] = xtwx[k * p + j]!;
    chol = cholesky(xtwx, p);
    if (!chol) return null;
    const next = choleskySolve(chol, xtwz, p);
    let biggest = 0;
    for (let k = 0; k < p; k++) biggest = Math.max(biggest, Math.abs(next[k]! - beta[k]!));
    beta = next;
    for (let i = 0; i < n; i++) {
      let s = offset[i]!;
      for (let k = 0; k < p; k++) s += x[i * p + k]! * beta[k]!;
      eta[i] = s;
      mu[i] = Math.exp(s);
    }
    if (biggest < tolerance) {
      converged = true;
      break;
    }
  }
  // Information at the final fit.
  const info = new Float64Array(p * p);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < p; k++) {
      const xk = x[i * p + k]!;
      if (xk === 0) continue;
      for (let j = 0; j <= k; j++) info[k * p + j]! += mu[i]! * xk * x[i * p + j]!;
    }
  for (let k = 0; k < p; k++) for (let j = 0; j < k; j++) info[j * p + k] = info[k * p + j]!;
  chol = cholesky(info, p) ?? chol;
  return { beta, cov: choleskyInverse(chol!, p), converged, iterations, mu };
}
