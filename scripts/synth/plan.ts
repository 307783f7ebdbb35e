/**
 * District profiles and the planted cases: which districts are estates, the notification
 * cluster, the decoys and the worsening districts, and what each district's population
 * looks like (size, latent deprivation, household mix, origin mix).
 */
import type { Rng } from './random.ts';
import type { Tessellation } from './geometry.ts';
import { ESTATE_NAMES, BYDEL_COUNT } from './areas.ts';

export type DistrictKind = 'urban' | 'family' | 'mixed' | 'senior' | 'estate';
export type DistrictRole = 'vulnerable_estate' | 'watch_estate' | 'estate' | 'cluster' | 'decoy' | 'worsening' | 'ordinary';
export type EstateKind = 'vulnerable' | 'watch' | 'ordinary';

export interface DistrictPlan {
  code: string;
  name: string;
  /** Internal bydel group index. */
  bydel: number;
  kind: DistrictKind;
  role: DistrictRole;
  estate: number | null;
  /** Latent deprivation (about standard normal; estates far above). */
  z: number;
  /** Mean of the residents' latent social risk u. */
  muU: number;
  nonWestern: number;
  western: number;
  /** Household type weights: enlig, par_uden_born, par_med_born, enlig_forsorger. */
  hh: [number, number, number, number];
  youngTilt: number;
  seniorTilt: number;
  /** Resident target in 2019 (already scaled). */
  baseSize: number;
  /** Yearly growth of the target. */
  growth: number;
  wageMult: number;
  crimeMult: number;
  /** Extra log-weight on basic education for people who settle here. */
  eduShift: number;
  /** Yearly probability that a household moves out (before age factors). */
  moveRate: number;
}

export interface EstatePlan {
  name: string;
  kind: EstateKind;
  districts: number[];
}

export interface Plan {
  districts: DistrictPlan[];
  estates: EstatePlan[];
  cluster: number[];
  decoys: number[];
  worsening: number[];
}

/** Municipality-wide population at scale 1. */
export const BASE_POPULATION = 70_000;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

const KIND_HH: Record<DistrictKind, [number, number, number, number]> = {
  urban: [0.56, 0.25, 0.14, 0.05],
  family: [0.26, 0.3, 0.37, 0.07],
  mixed: [0.38, 0.32, 0.24, 0.06],
  senior: [0.4, 0.44, 0.12, 0.04],
  estate: [0.44, 0.17, 0.26, 0.13],
};

interface Layout {
  code: string[];
  name: string[];
  group: number[];
}

export function makePlan(rng: Rng, tess: Tessellation, layout: Layout, scale: number): Plan {
  const n = tess.cells.length;
  const { queen, rook } = tess;

  // Latent deprivation: bydel effect plus spatially smoothed noise.
  const e = Array.from({ length: n }, () => rng.normal());
  const smooth = e.map((v, i) => {
    const nb = queen[i]!;
    return 0.5 * v + (0.5 * nb.reduce((s, j) => s + e[j]!, 0)) / Math.max(1, nb.length);
  });
  const groups = Array.from({ length: BYDEL_COUNT }, (_, k) => k);
  const order = rng.shuffle(groups.slice());
  const vulnerableBydel = order[0]!;
  const affluentBydel = order[1]!;
  const bydelEffect = groups.map((k) => (k === vulnerableBydel ? 0.9 : k === affluentBydel ? -0.8 : 0.3 * rng.normal()));
  let z = smooth.map((s, i) => bydelEffect[layout.group[i]!]! + 1.1 * s);
  const mean = z.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  z = z.map((v) => (v - mean) / sd);

  const role: DistrictRole[] = new Array<DistrictRole>(n).fill('ordinary');
  const estateOf: (number | null)[] = new Array<number | null>(n).fill(null);
  const blocked = new Set<number>();
  const block = (ids: number[]) => {
    for (const i of ids) {
      blocked.add(i);
      for (const j of queen[i]!) blocked.add(j);
    }
  };

  // Estates: the vulnerable one as an edge-sharing pair in the vulnerable bydel.
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (const j of rook[i]!) if (i < j) pairs.push([i, j]);
  const pickPair = (filter: (i: number) => boolean, score: (i: number) => number): [number, number] | null => {
    const ok = pairs.filter(([a, b]) => filter(a) && filter(b));
    if (ok.length === 0) return null;
    const scored = ok.map((p) => ({ p, s: score(p[0]) + score(p[1]) + rng.normal() * 0.4 }));
    scored.sort((a, b) => b.s - a.s);
    return scored[0]!.p;
  };
  const pickOne = (filter: (i: number) => boolean, score: (i: number) => number): number | null => {
    let best: number | null = null;
    let bestS = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!filter(i)) continue;
      const s = score(i) + rng.normal() * 0.4;
      if (s > bestS) {
        bestS = s;
        best = i;
      }
    }
    return best;
  };
  const free = (i: number) => !blocked.has(i) && role[i] === 'ordinary';
  const estates: EstatePlan[] = [];
  const estateNames = rng.shuffle(ESTATE_NAMES.slice());
  const usedBydel = new Set<number>();
  const addEstate = (kind: EstateKind, districts: number[]) => {
    const idx = estates.length;
    estates.push({ name: estateNames[idx]!, kind, districts });
    for (const d of districts) {
      role[d] = kind === 'vulnerable' ? 'vulnerable_estate' : kind === 'watch' ? 'watch_estate' : 'estate';
      estateOf[d] = idx;
      usedBydel.add(layout.group[d]!);
    }
    block(districts);
  };
  const vul =
    pickPair((i) => free(i) && layout.group[i] === vulnerableBydel, (i) => z[i]!) ??
    pickPair(free, (i) => z[i]!);
  if (!vul) throw new Error('no pair for the vulnerable estate');
  addEstate('vulnerable', vul);
  const freshBydel = (i: number) => free(i) && !usedBydel.has(layout.group[i]!);
  const watch = pickOne(freshBydel, (i) => z[i]!) ?? pickOne(free, (i) => z[i]!);
  if (watch === null) throw new Error('no district for the watch estate');
  addEstate('watch', [watch]);
  const third = pickOne(freshBydel, (i) => z[i]!) ?? pickOne(free, (i) => z[i]!);
  if (third === null) throw new Error('no district for an estate');
  addEstate('ordinary', [third]);
  const fourth = pickPair(freshBydel, (i) => z[i]!) ?? pickPair(free, (i) => z[i]!);
  if (!fourth) throw new Error('no pair for an estate');
  addEstate('ordinary', fourth);

  const zTarget: Record<EstateKind, number[]> = { vulnerable: [2.6, 2.5], watch: [1.9], ordinary: [1.3, 1.05] };
  estates.forEach((est, k) => {
    const targets = est.kind === 'ordinary' ? [zTarget.ordinary[k === 2 ? 0 : 1]!] : zTarget[est.kind];
    est.districts.forEach((d, j) => {
      z[d] = (targets[j] ?? targets[0]!) + rng.uniform(-0.08, 0.08);
    });
  });
  // Estates spill over a little onto their neighbours.
  for (const est of estates) for (const d of est.districts) for (const j of queen[d]!) if (role[j] === 'ordinary') z[j] = z[j]! + 0.15;

  // The notification cluster: five edge-connected ordinary districts away from the estates.
  let cluster: number[] | null = null;
  const seeds = rng.shuffle(Array.from({ length: n }, (_, i) => i).filter((i) => free(i) && z[i]! > -0.5 && z[i]! < 1.2));
  for (const s of seeds) {
    const set = [s];
    while (set.length < 5) {
      const cand = new Map<number, number>();
      for (const c of set) for (const j of rook[c]!) if (free(j) && !set.includes(j)) cand.set(j, (cand.get(j) ?? 0) + 1);
      if (cand.size === 0) break;
      let best = -1;
      let bestS = -Infinity;
      for (const [j, links] of cand) {
        const sc = links + rng.next() * 0.9;
        if (sc > bestS) {
          bestS = sc;
          best = j;
        }
      }
      set.push(best);
    }
    if (set.length === 5) {
      cluster = set.sort((a, b) => a - b);
      break;
    }
  }
  if (!cluster) throw new Error('no room for the notification cluster');
  for (const c of cluster) {
    role[c] = 'cluster';
    z[c] = z[c]! + 0.35;
  }
  block(cluster);

  // Decoys: small ordinary districts away from the cluster and the estates.
  const decoys: number[] = [];
  for (let k = 0; k < 2; k++) {
    const d = pickOne((i) => free(i) && Math.abs(z[i]!) < 0.9, () => 0) ?? pickOne(free, () => 0);
    if (d === null) throw new Error('no room for decoys');
    decoys.push(d);
    role[d] = 'decoy';
    z[d] = rng.uniform(-0.3, 0.3);
    block([d]);
  }

  // Worsening employment: ordinary, mid-sized districts away from the other planted cases.
  const worsening: number[] = [];
  for (let k = 0; k < 3; k++) {
    const d = pickOne((i) => free(i) && z[i]! > -1.3 && z[i]! < 0.7, () => 0) ?? pickOne(free, () => 0);
    if (d === null) throw new Error('no room for worsening districts');
    worsening.push(d);
    role[d] = 'worsening';
    block([d]);
  }

  // Kinds (age and household profile).
  const centralGroup = layout.code.findIndex((c) => c.startsWith('1'));
  const centralBydel = layout.group[centralGroup]!;
  const kind: DistrictKind[] = z.map((zi, i) => {
    if (estateOf[i] !== null) return 'estate';
    if (role[i] === 'decoy') return 'family';
    const r = rng.next();
    if (layout.group[i] === centralBydel) return r < 0.7 ? 'urban' : 'mixed';
    if (role[i] === 'worsening') return r < 0.5 ? 'mixed' : 'family';
    const pSenior = zi < 0 ? 0.28 : 0.18;
    return r < 0.4 ? 'family' : r < 0.4 + pSenior ? 'senior' : 'mixed';
  });

  // Sizes (2019 targets).
  const size: number[] = new Array<number>(n).fill(0);
  const fixed = new Set<number>();
  const setSize = (d: number, v: number) => {
    size[d] = v;
    fixed.add(d);
  };
  estates.forEach((est, k) => {
    const base =
      est.kind === 'vulnerable' ? [1450, 1250] : est.kind === 'watch' ? [2100] : k === 2 ? [1300] : [700, 600];
    est.districts.forEach((d, j) => setSize(d, Math.round((base[j] ?? base[0]!) * (1 + rng.uniform(-0.06, 0.06)) * scale)));
  });
  for (const d of cluster) setSize(d, Math.round(rng.uniform(800, 1200) * scale));
  for (const d of worsening) setSize(d, Math.round(rng.uniform(1150, 1600) * scale));
  // Decoys stay small at every scale: their point is small numbers.
  for (const d of decoys) setSize(d, 125 + rng.int(50));
  const others = Array.from({ length: n }, (_, i) => i).filter((i) => !fixed.has(i));
  const raw = others.map(() => Math.exp(Math.log(700) + 0.55 * rng.normal()));
  const totalTarget = BASE_POPULATION * scale;
  const fixedTotal = [...fixed].reduce((s, d) => s + size[d]!, 0);
  const budget = totalTarget - fixedTotal;
  // Largest gets ~2,500; the rest are scaled and clipped until they fill the budget.
  const largest = raw.indexOf(Math.max(...raw));
  let f = 1;
  for (let iter = 0; iter < 30; iter++) {
    let sum = 2480 * scale;
    for (let k = 0; k < raw.length; k++) if (k !== largest) sum += Math.min(2400, Math.max(170, raw[k]! * f)) * scale;
    f *= budget / sum;
  }
  others.forEach((d, k) => {
    size[d] = Math.round((k === largest ? 2480 : Math.min(2400, Math.max(170, raw[k]! * f))) * scale);
  });

  const districts: DistrictPlan[] = Array.from({ length: n }, (_, i) => {
    const zi = z[i]!;
    const r = role[i]!;
    const k = kind[i]!;
    const w = KIND_HH[k].map((v) => v * Math.exp(0.15 * rng.normal())) as [number, number, number, number];
    let nonWestern = logistic(-2.45 + 1.0 * zi);
    if (r === 'vulnerable_estate') nonWestern = 0.4;
    if (r === 'watch_estate') nonWestern = 0.3;
    return {
      code: layout.code[i]!,
      name: layout.name[i]!,
      bydel: layout.group[i]!,
      kind: k,
      role: r,
      estate: estateOf[i]!,
      z: zi,
      muU: 0.65 * zi,
      nonWestern,
      western: 0.04 + 0.015 * Math.max(0, -zi),
      hh: w,
      youngTilt: k === 'urban' ? 0.8 : k === 'estate' ? 0.45 : k === 'mixed' ? 0.35 : k === 'family' ? 0.2 : 0.1,
      seniorTilt: k === 'senior' ? 0.9 : k === 'urban' ? 0.15 : k === 'family' ? 0.25 : 0.35,
      baseSize: size[i]!,
      growth:
        r === 'decoy'
          ? 0
          : r === 'ordinary'
            ? rng.uniform(-0.006, 0.01)
            : rng.uniform(-0.003, 0.004),
      wageMult: r === 'vulnerable_estate' ? 0.68 : r === 'watch_estate' ? 0.92 : Math.exp(-0.04 * zi),
      // Keeps the vulnerable estate's conviction ratio clearly under 3 ×, so it is not a borderline case.
      crimeMult: r === 'vulnerable_estate' ? 0.85 : 1,
      eduShift: r === 'vulnerable_estate' ? 2.3 : 0,
      moveRate: 0.075 * Math.exp(0.18 * Math.max(-1.5, Math.min(2.5, zi))),
    };
  });
  return { districts, estates, cluster, decoys, worsening };
}
