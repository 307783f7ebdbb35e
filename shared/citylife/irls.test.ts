import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve, fitPoissonAbsorbed, fitPoissonDense } from './irls';

/** mulberry32: a small seeded generator for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(u: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = u();
  while (p > l) {
    k++;
    p *= u();
  }
  return k;
}

interface Problem {
  y: Float64Array;
  offset: Float64Array;
  x: Float64Array;
  group: Int32Array;
  cluster: Int32Array;
  groups: number;
  clusters: number;
  n: number;
  p: number;
}

function makeProblem(seed: number, exact = false): Problem {
  const u = rng(seed);
  const n = 600;
  const groups = 12;
  const clusters = 40;
  const p = 2;
  const alpha = Array.from({ length: groups }, () => 1 + 2 * u());
  const beta = [0.3, -0.2];
  const y = new Float64Array(n);
  const offset = new Float64Array(n);
  const x = new Float64Array(n * p);
  const group = new Int32Array(n);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    group[i] = i % groups;
    cluster[i] = Math.floor(u() * clusters);
    offset[i] = Math.log(0.5 + u());
    x[i * p] = u() < 0.5 ? 1 : 0;
    x[i * p + 1] = u() * 2 - 1;
    const mu = Math.exp(offset[i]! + alpha[group[i]!]! + beta[0]! * x[i * p]! + beta[1]! * x[i * p + 1]!);
    y[i] = exact ? mu : poisson(u, mu);
  }
  return { y, offset, x, group, cluster, groups, clusters, n, p };
}

/** The same model with the strata as dummy columns (first), covariates last. */
function denseDesign(pr: Problem): { x: Float64Array; q: number } {
  const q = pr.groups + pr.p;
  const x = new Float64Array(pr.n * q);
  for (let i = 0; i < pr.n; i++) {
    x[i * q + pr.group[i]!] = 1;
    for (let k = 0; k < pr.p; k++) x[i * q + pr.groups + k] = pr.x[i * pr.p + k]!;
  }
  return { x, q };
}

describe('Cholesky', () => {
  it('solves and inverts a positive definite system and refuses a singular one', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const l = cholesky(a, 3)!;
    const x = choleskySolve(l, Float64Array.from([1, 2, 3]), 3);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a[i * 3 + k]! * x[k]!;
      expect(s).toBeCloseTo([1, 2, 3][i]!, 12);
    }
    const inv = choleskyInverse(l, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k]! * inv[k * 3 + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    expect(cholesky(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
  });
});

describe('Poisson IRLS with absorbed strata', () => {
  it('recovers the coefficients exactly from noise-free means', () => {
    const pr = makeProblem(1, true);
    const fit = fitPoissonAbsorbed({ ...pr })!;
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(0.3, 9);
    expect(fit.beta[1]).toBeCloseTo(-0.2, 9);
  });

  it('equals the dummy-variable Poisson GLM: estimates, model variance and cluster-robust variance', () => {
    for (const seed of [2, 3, 4]) {
      const pr = makeProblem(seed);
      const fit = fitPoissonAbsorbed({ ...pr })!;
      const { x, q } = denseDesign(pr);
      const dense = fitPoissonDense(pr.y, pr.offset, x, q)!;
      expect(dense.converged).toBe(true);
      for (let k = 0; k < pr.p; k++) {
        expect(fit.beta[k]).toBeCloseTo(dense.beta[pr.groups + k]!, 8);
        for (let j = 0; j < pr.p; j++) {
          const d = dense.cov[(pr.groups + k) * q + pr.groups + j]!;
          expect(Math.abs(fit.covModel[k * pr.p + j]! - d)).toBeLessThan(1e-8 * Math.max(1, Math.abs(d)) + 1e-10);
        }
      }
      for (let i = 0; i < pr.n; i++) expect(fit.mu[i]).toBeCloseTo(dense.mu[i]!, 6);
      // Full sandwich with every column, then its covariate block.
      const b = new Float64Array(q * q);
      const sums = new Float64Array(pr.clusters * q);
      for (let i = 0; i < pr.n; i++) {
        const r = pr.y[i]! - dense.mu[i]!;
        for (let k = 0; k < q; k++) sums[pr.cluster[i]! * q + k]! += x[i * q + k]! * r;
      }
      let used = 0;
      for (let c = 0; c < pr.clusters; c++) {
        let any = false;
        for (let i = 0; i < pr.n; i++) if (pr.cluster[i] === c) any = true;
        if (!any) continue;
        used++;
        for (let k = 0; k < q; k++) for (let j = 0; j < q; j++) b[k * q + j]! += sums[c * q + k]! * sums[c * q + j]!;
      }
      const v = new Float64Array(q * q);
      const tmp = new Float64Array(q * q);
      for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) tmp[i * q + j]! += dense.cov[i * q + k]! * b[k * q + j]!;
      for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) v[i * q + j]! += tmp[i * q + k]! * dense.cov[k * q + j]!;
      expect(fit.clustersUsed).toBe(used);
      const adj = used / (used - 1);
      for (let k = 0; k < pr.p; k++)
        for (let j = 0; j < pr.p; j++) {
          const d = v[(pr.groups + k) * q + pr.groups + j]! * adj;
          expect(Math.abs(fit.covCluster![k * pr.p + j]! - d)).toBeLessThan(1e-7 * Math.abs(d) + 1e-12);
        }
      // Dispersion near 1 for Poisson data.
      expect(fit.dispersion).toBeGreaterThan(0.8);
      expect(fit.dispersion).toBeLessThan(1.2);
    }
  });

  it('drops strata without any people and refuses an unidentified coefficient', () => {
    const pr = makeProblem(5);
    // Stratum 0 with nobody: carries no information and must not break the fit.
    for (let i = 0; i < pr.n; i++) if (pr.group[i] === 0) pr.y[i] = 0;
    const fit = fitPoissonAbsorbed({ ...pr })!;
    expect(fit.groupsUsed).toBe(pr.groups - 1);
    expect(fit.nUsed).toBe(pr.n - pr.n / pr.groups);
    // A covariate constant within every stratum is absorbed: not identified.
    const x = new Float64Array(pr.n);
    for (let i = 0; i < pr.n; i++) x[i] = pr.group[i]! % 2;
    expect(fitPoissonAbsorbed({ ...pr, x, p: 1 })).toBeNull();
  });
});
