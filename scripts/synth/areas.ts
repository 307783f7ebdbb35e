/**
 * Bydele (contiguous groups of districts), area codes and fictional Danish-looking names.
 */
import type { Rng } from './random.ts';
import type { Position } from './types.ts';

export const BYDEL_COUNT = 8;

const CENTRAL_BYDEL_NAME = 'Midtbyen';
/** Names for the outer bydele, handed out clockwise from north. */
const OUTER_BYDEL_NAMES = ['Nordby', 'Kildebakken', 'Havnekvarteret', 'Sønderlund', 'Engby', 'Vesterhøj', 'Skovkvarteret'];

const NAME_PREFIXES = [
  'Birke', 'Ege', 'Lyng', 'Mose', 'Kilde', 'Hylde', 'Aske', 'Bøge', 'Rose', 'Lærke', 'Tjørne', 'Hassel',
  'Pile', 'Elme', 'Kløver', 'Vibe', 'Stære', 'Svane', 'Rønne', 'Gran', 'Strand', 'Skov', 'Mølle', 'Kirke',
  'Lunde', 'Valmue', 'Syrene', 'Hjorte', 'Ræve', 'Ørne', 'Sol', 'Nørre', 'Søndre', 'Vester', 'Øster', 'Hvede',
];
const NAME_SUFFIXES = ['lund', 'vang', 'høj', 'gården', 'bakken', 'dal', 'holm', 'kær', 'marken', 'parken', 'haven', 'engen', 'toften'];

/** Combinations that read oddly (a cemetery, a stutter). */
const AVOID_NAMES = new Set(['kirkegården', 'lundelund', 'solsol']);

export const ESTATE_NAMES = ['Solvænget', 'Engparken', 'Stjernegården', 'Fuglebakken', 'Rosenhaven', 'Kærbyparken'];

/**
 * Group districts into `BYDEL_COUNT` contiguous bydele: k-means on centroids for compact
 * centres, then region growing over rook contiguity from the district nearest each centre,
 * which keeps every bydel connected (so its union is a single polygon).
 */
export function groupBydele(rng: Rng, centroids: Position[], areas: number[], rook: number[][]): number[] {
  const n = centroids.length;
  // Farthest-point initialisation from a random district.
  const centres: Position[] = [centroids[rng.int(n)]!];
  while (centres.length < BYDEL_COUNT) {
    let best = 0;
    let bestD = -1;
    for (let i = 0; i < n; i++) {
      const c = centroids[i]!;
      const d = Math.min(...centres.map((m) => Math.hypot(m[0] - c[0], m[1] - c[1])));
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    centres.push(centroids[best]!);
  }
  for (let iter = 0; iter < 15; iter++) {
    const sums = centres.map((): [number, number, number] => [0, 0, 0]);
    for (let i = 0; i < n; i++) {
      const c = centroids[i]!;
      let bi = 0;
      let bd = Infinity;
      centres.forEach((m, k) => {
        const d = Math.hypot(m[0] - c[0], m[1] - c[1]);
        if (d < bd) {
          bd = d;
          bi = k;
        }
      });
      const s = sums[bi]!;
      s[0] += c[0] * areas[i]!;
      s[1] += c[1] * areas[i]!;
      s[2] += areas[i]!;
    }
    sums.forEach((s, k) => {
      if (s[2] > 0) centres[k] = [s[0] / s[2], s[1] / s[2]];
    });
  }
  const dist = (i: number, k: number) => {
    const c = centroids[i]!;
    const m = centres[k]!;
    return Math.hypot(m[0] - c[0], m[1] - c[1]);
  };
  const assign: number[] = new Array<number>(n).fill(-1);
  const frontier: { d: number; k: number; dist: number }[] = [];
  for (let k = 0; k < BYDEL_COUNT; k++) {
    let seed = -1;
    let bd = Infinity;
    for (let i = 0; i < n; i++) {
      if (assign[i] !== -1) continue;
      const d = dist(i, k);
      if (d < bd) {
        bd = d;
        seed = i;
      }
    }
    assign[seed] = k;
    for (const nb of rook[seed]!) frontier.push({ d: nb, k, dist: dist(nb, k) });
  }
  for (;;) {
    let bi = -1;
    for (let f = 0; f < frontier.length; f++) {
      const e = frontier[f]!;
      if (assign[e.d] !== -1) continue;
      const b = bi === -1 ? undefined : frontier[bi]!;
      if (!b || e.dist < b.dist || (e.dist === b.dist && (e.d < b.d || (e.d === b.d && e.k < b.k)))) bi = f;
    }
    if (bi === -1) break;
    const e = frontier[bi]!;
    assign[e.d] = e.k;
    for (const nb of rook[e.d]!) if (assign[nb] === -1) frontier.push({ d: nb, k: e.k, dist: dist(nb, e.k) });
  }
  if (assign.some((a) => a === -1)) throw new Error('district left without a bydel');
  return assign;
}

export interface AreaNaming {
  /** Bydel number 1..8 for each internal bydel group index. */
  bydelNumber: number[];
  bydelName: string[];
  /** District code like "305" for each district. */
  districtCode: string[];
}

/**
 * Number the bydele (1 = the most central, then clockwise from north) and the districts
 * within each bydel (north to south), giving codes `${bydel}${nn}`.
 */
export function nameAreas(centroids: Position[], areas: number[], group: number[], outlineCentroid: Position): AreaNaming {
  const groups = Array.from({ length: BYDEL_COUNT }, (_, k) => k);
  const centre = groups.map((k) => {
    let sx = 0;
    let sy = 0;
    let sa = 0;
    group.forEach((g, i) => {
      if (g !== k) return;
      sx += centroids[i]![0] * areas[i]!;
      sy += centroids[i]![1] * areas[i]!;
      sa += areas[i]!;
    });
    return [sx / sa, sy / sa] as Position;
  });
  const dist = (k: number) => Math.hypot(centre[k]![0] - outlineCentroid[0], centre[k]![1] - outlineCentroid[1]);
  const central = groups.reduce((a, b) => (dist(b) < dist(a) ? b : a));
  const bearing = (k: number) => {
    const a = Math.atan2(centre[k]![0] - outlineCentroid[0], centre[k]![1] - outlineCentroid[1]);
    return a < 0 ? a + 2 * Math.PI : a;
  };
  const outer = groups.filter((k) => k !== central).sort((a, b) => bearing(a) - bearing(b));
  const bydelNumber: number[] = new Array<number>(BYDEL_COUNT).fill(0);
  const bydelName: string[] = new Array<string>(BYDEL_COUNT).fill('');
  bydelNumber[central] = 1;
  bydelName[central] = CENTRAL_BYDEL_NAME;
  outer.forEach((k, j) => {
    bydelNumber[k] = j + 2;
    bydelName[k] = OUTER_BYDEL_NAMES[j]!;
  });
  const districtCode: string[] = new Array<string>(centroids.length).fill('');
  for (const k of groups) {
    const members = group.map((g, i) => (g === k ? i : -1)).filter((i) => i >= 0);
    members.sort((a, b) => centroids[b]![1] - centroids[a]![1] || centroids[a]![0] - centroids[b]![0]);
    members.forEach((i, j) => {
      districtCode[i] = `${bydelNumber[k]}${String(j + 1).padStart(2, '0')}`;
    });
  }
  return { bydelNumber, bydelName, districtCode };
}

/** Unique fictional district names, avoiding the names used for bydele and estates. */
export function districtNames(rng: Rng, count: number): string[] {
  const taken = new Set<string>([CENTRAL_BYDEL_NAME, ...OUTER_BYDEL_NAMES, ...ESTATE_NAMES].map((s) => s.toLowerCase()));
  const combos: string[] = [];
  for (const p of NAME_PREFIXES) for (const s of NAME_SUFFIXES) combos.push(p + s);
  rng.shuffle(combos);
  const out: string[] = [];
  const usedPrefix = new Map<string, number>();
  for (const c of combos) {
    if (out.length === count) break;
    if (taken.has(c.toLowerCase()) || AVOID_NAMES.has(c.toLowerCase())) continue;
    const prefix = NAME_PREFIXES.find((p) => c.startsWith(p))!;
    // At most three names per prefix keeps the list varied.
    if ((usedPrefix.get(prefix) ?? 0) >= 3) continue;
    usedPrefix.set(prefix, (usedPrefix.get(prefix) ?? 0) + 1);
    taken.add(c.toLowerCase());
    out.push(c);
  }
  if (out.length < count) throw new Error('not enough district names');
  return out;
}
