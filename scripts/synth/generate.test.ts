/**
 * The synthetic municipality: geometry, population and the planted cases, each checked by
 * computing it from the generated layers and tables (never by reading ground-truth numbers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMunicipality } from './generate.ts';
import type { AreaGeometry, Position, SyntheticMunicipality } from './types.ts';

let m: SyntheticMunicipality;
const PERIODS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const LATEST = 2024;

beforeAll(() => {
  m = generateMunicipality({ seed: 42 });
});

// ---------------------------------------------------------------- geometry helpers

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function signedArea(ring: Position[]): number {
  const [x0, y0] = ring[0]!;
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    s += (ax - x0) * (by - y0) - (bx - x0) * (ay - y0);
  }
  return s / 2;
}

function area(g: AreaGeometry): number {
  return rings(g).reduce((s, r) => s + signedArea(r), 0);
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(g: AreaGeometry, x: number, y: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some(([outer, ...holes]) => inRing(x, y, outer!) && !holes.some((h) => inRing(x, y, h)));
}

function properCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

function ringProblems(ring: Position[]): string | null {
  if (ring.length < 4) return 'fewer than 4 positions';
  const f = ring[0]!;
  const l = ring[ring.length - 1]!;
  if (f[0] !== l[0] || f[1] !== l[1]) return 'not closed';
  for (let i = 1; i < ring.length; i++) {
    if (ring[i]![0] === ring[i - 1]![0] && ring[i]![1] === ring[i - 1]![1]) return 'repeated consecutive vertex';
  }
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (properCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return `self-intersection at segments ${i} and ${j}`;
    }
  }
  return null;
}

/** Exterior rings counter-clockwise, holes clockwise (RFC 7946). */
function windingOk(g: AreaGeometry): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.every((poly) => poly.every((r, i) => (i === 0 ? signedArea(r) > 0 : signedArea(r) < 0)));
}

// ---------------------------------------------------------------- table helpers

type Row = number;
function rowsOf(period: number): Row[] {
  const out: Row[] = [];
  const P = m.persons.period;
  for (let i = 0; i < P.length; i++) if (P[i] === period) out.push(i);
  return out;
}

const byPeriod = new Map<number, Row[]>();
function rows(period: number): Row[] {
  let r = byPeriod.get(period);
  if (!r) {
    r = rowsOf(period);
    byPeriod.set(period, r);
  }
  return r;
}

function eventIds(type: string, period: number): Set<string> {
  const s = new Set<string>();
  const e = m.events;
  for (let i = 0; i < e.type.length; i++) if (e.type[i] === type && e.period[i] === period) s.add(e.person_id[i]!);
  return s;
}

/** num/den over the rows of a period, optionally restricted to a set of districts. */
function share(period: number, den: (i: Row) => boolean, num: (i: Row) => boolean, districts?: readonly string[]): { n: number; k: number; rate: number } {
  const set = districts ? new Set(districts) : null;
  let n = 0;
  let k = 0;
  for (const i of rows(period)) {
    if (set && !set.has(m.persons.district_id[i]!)) continue;
    if (!den(i)) continue;
    n++;
    if (num(i)) k++;
  }
  return { n, k, rate: n > 0 ? k / n : 0 };
}

const P = () => m.persons;
const age = (i: Row) => P().age[i]!;
const employmentRate = (period: number, d?: readonly string[]) =>
  share(period, (i) => age(i) >= 16 && age(i) <= 64, (i) => P().labour_status[i] === 'beskaeftiget', d).rate;
const outsideShare = (period: number, d?: readonly string[]) =>
  share(period, (i) => age(i) >= 18 && age(i) <= 64, (i) => P().labour_status[i] === 'ledig' || P().labour_status[i] === 'uden_for', d).rate;
const basicShare = (period: number, d?: readonly string[]) =>
  share(period, (i) => age(i) >= 30 && age(i) <= 59, (i) => P().education[i] === 'grundskole', d).rate;
function notification(period: number, d?: readonly string[]) {
  const ids = eventIds('underretning', period);
  return share(period, (i) => age(i) <= 17, (i) => ids.has(P().person_id[i]!), d);
}
function convictionRate(period: number, minAge: number, d?: readonly string[]) {
  const ids = eventIds('dom', period);
  return share(period, (i) => age(i) >= minAge, (i) => ids.has(P().person_id[i]!), d).rate;
}
function meanIncome(period: number, d?: readonly string[]) {
  const set = d ? new Set(d) : null;
  let s = 0;
  let n = 0;
  for (const i of rows(period)) {
    if (set && !set.has(P().district_id[i]!)) continue;
    const st = P().labour_status[i];
    if (age(i) < 15 || age(i) > 64 || st === 'under_uddannelse' || st === 'barn') continue;
    s += P().income[i]!;
    n++;
  }
  return s / n;
}
function residents(period: number, d: readonly string[]) {
  return share(period, () => true, () => true, d).n;
}

/** Criteria of almenboligloven § 61 a computed from the tables (municipality as reference). */
function criteria(d: readonly string[]) {
  const outside = (outsideShare(LATEST - 1, d) + outsideShare(LATEST, d)) / 2;
  const conv =
    (convictionRate(LATEST - 1, 18, d) + convictionRate(LATEST, 18, d)) / (convictionRate(LATEST - 1, 18) + convictionRate(LATEST, 18));
  const basic = basicShare(LATEST, d);
  const income = meanIncome(LATEST, d) / meanIncome(LATEST);
  const met = [outside > 0.4, conv >= 3, basic > 0.6, income < 0.55].filter(Boolean).length;
  return { outside, conv, basic, income, met };
}

function binomialTail(k: number, n: number, p: number): number {
  let tail = 0;
  let logC = 0;
  for (let i = 0; i <= n; i++) {
    if (i >= k) tail += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log(1 - p));
    logC += Math.log(n - i) - Math.log(i + 1);
  }
  return tail;
}

function connected(ids: string[], adjacency: Record<string, string[]>): boolean {
  const set = new Set(ids);
  const seen = new Set([ids[0]!]);
  const queue = [ids[0]!];
  while (queue.length) {
    const c = queue.pop()!;
    for (const nb of adjacency[c] ?? []) {
      if (set.has(nb) && !seen.has(nb)) {
        seen.add(nb);
        queue.push(nb);
      }
    }
  }
  return seen.size === set.size;
}

// ---------------------------------------------------------------- tests

describe('geometry', () => {
  it('has 84 districts that tile the outline exactly (areas)', () => {
    const districts = m.layers25832.basisdistrikt.features;
    expect(districts).toHaveLength(84);
    expect(new Set(districts.map((f) => f.properties.area_id)).size).toBe(84);
    const sum = districts.reduce((s, f) => s + area(f.geometry), 0);
    const outline = area(m.outline25832);
    expect(outline).toBeGreaterThan(50e6);
    expect(Math.abs(sum - outline) / outline).toBeLessThan(1e-6);
  });

  it('puts every sampled point of the outline in exactly one district', () => {
    const districts = m.layers25832.basisdistrikt.features;
    const xs = m.outline25832.coordinates[0]!.map((p) => p[0]);
    const ys = m.outline25832.coordinates[0]!.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    let inside = 0;
    const g = 110;
    for (let a = 0; a < g; a++) {
      for (let b = 0; b < g; b++) {
        // Irrational offsets keep sample points off shared edges and vertices.
        const x = x0 + ((a + 0.5 + 0.1 * Math.SQRT2) / g) * (x1 - x0);
        const y = y0 + ((b + 0.5 + 0.1 * Math.PI) / g) * (y1 - y0);
        const hits = districts.filter((f) => contains(f.geometry, x, y)).length;
        if (contains(m.outline25832, x, y)) {
          inside++;
          expect(hits, `point ${x},${y}`).toBe(1);
        } else expect(hits, `point ${x},${y} outside`).toBe(0);
      }
    }
    expect(inside).toBeGreaterThanOrEqual(5000);
  });

  it('writes valid polygons in both CRSs: closed, simple, counter-clockwise', () => {
    for (const layers of [m.layers, m.layers25832]) {
      for (const fc of [layers.basisdistrikt, layers.bydel, layers.boligomraade]) {
        for (const f of fc.features) {
          expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
          for (const r of rings(f.geometry)) expect(ringProblems(r), JSON.stringify(f.properties)).toBeNull();
          expect(windingOk(f.geometry), JSON.stringify(f.properties)).toBe(true);
        }
      }
    }
    expect(ringProblems(m.outline25832.coordinates[0]!)).toBeNull();
  });

  it('rounds EPSG:25832 vertices to 1 cm and shares them exactly between neighbours', () => {
    const count = new Map<string, number>();
    for (const f of m.layers25832.basisdistrikt.features) {
      for (const [x, y] of f.geometry.coordinates[0]! as Position[]) {
        expect(Math.abs(x * 100 - Math.round(x * 100))).toBeLessThan(1e-6);
        expect(Math.abs(y * 100 - Math.round(y * 100))).toBeLessThan(1e-6);
        count.set(`${x},${y}`, (count.get(`${x},${y}`) ?? 0) + 1);
      }
    }
    // Interior Voronoi vertices are shared by three districts (each ring repeats its first vertex once).
    const shared = [...count.values()].filter((c) => c >= 3).length;
    expect(shared).toBeGreaterThan(100);
  });

  it('places the EPSG:4326 layers around Copenhagen', () => {
    for (const fc of [m.layers.basisdistrikt, m.layers.bydel, m.layers.boligomraade]) {
      for (const f of fc.features) {
        for (const [lon, lat] of rings(f.geometry).flat()) {
          expect(lon).toBeGreaterThan(12.0);
          expect(lon).toBeLessThan(12.8);
          expect(lat).toBeGreaterThan(55.4);
          expect(lat).toBeLessThan(55.9);
        }
      }
    }
  });

  it('has 8 contiguous bydele covering every district once', () => {
    const bydele = m.layers25832.bydel.features;
    expect(bydele).toHaveLength(8);
    const ids = new Set(bydele.map((b) => b.properties.area_id));
    const districts = m.layers25832.basisdistrikt.features;
    for (const b of bydele) {
      const members = districts.filter((d) => d.properties.bydel_id === b.properties.area_id);
      expect(members.length).toBeGreaterThan(0);
      expect(connected(members.map((d) => d.properties.area_id), m.adjacency)).toBe(true);
      const sum = members.reduce((s, d) => s + area(d.geometry), 0);
      expect(Math.abs(area(b.geometry) - sum) / sum).toBeLessThan(1e-6);
      expect(b.properties.name.length).toBeGreaterThan(2);
    }
    for (const d of districts) expect(ids.has(d.properties.bydel_id)).toBe(true);
  });

  it('exports symmetric queen adjacency that includes every edge neighbour', () => {
    const ids = Object.keys(m.adjacency);
    expect(ids).toHaveLength(84);
    for (const a of ids) {
      expect(m.adjacency[a]!.length).toBeGreaterThan(0);
      for (const b of m.adjacency[a]!) expect(m.adjacency[b]).toContain(a);
      for (const b of m.rookAdjacency[a]!) expect(m.adjacency[a]).toContain(b);
    }
  });
});

describe('estates', () => {
  it('has 4 estates of 1–2 adjacent districts with 1,000–4,000 residents in 2024', () => {
    const estates = m.layers25832.boligomraade.features;
    expect(estates).toHaveLength(4);
    const districts = m.layers25832.basisdistrikt.features;
    for (const e of estates) {
      const ids = e.properties.district_ids;
      expect(ids.length === 1 || ids.length === 2).toBe(true);
      if (ids.length === 2) expect(m.adjacency[ids[0]!]).toContain(ids[1]);
      for (const id of ids) expect(districts.find((d) => d.properties.area_id === id)!.properties.boligomraade_id).toBe(e.properties.area_id);
      const n = residents(LATEST, ids);
      expect(n).toBeGreaterThanOrEqual(1000);
      expect(n).toBeLessThanOrEqual(4000);
      const sum = ids.reduce((s, id) => s + area(districts.find((d) => d.properties.area_id === id)!.geometry), 0);
      expect(Math.abs(area(e.geometry) - sum) / sum).toBeLessThan(1e-6);
    }
    const inEstates = districts.filter((d) => d.properties.boligomraade_id !== null).length;
    expect(inEstates).toBe(estates.reduce((s, e) => s + e.properties.district_ids.length, 0));
  });
});

describe('population', () => {
  it('has equal-length columns with valid values', () => {
    const p = m.persons;
    const n = p.period.length;
    for (const col of Object.values(p)) expect(col).toHaveLength(n);
    for (const col of Object.values(m.events)) expect(col).toHaveLength(m.events.period.length);
    const districts = new Set(Object.keys(m.adjacency));
    // Collect violations (one expect per row would take seconds).
    const bad: string[] = [];
    const check = (ok: boolean, what: string, i: number) => {
      if (!ok && bad.length < 10) bad.push(`${what} at row ${i}`);
    };
    for (let i = 0; i < n; i++) {
      const a = p.age[i]!;
      check(Number.isInteger(a) && a >= 0 && a <= 105, 'age', i);
      check(districts.has(p.district_id[i]!), 'district', i);
      check((p.education[i] === null) === a < 16, 'education null iff < 16', i);
      check((p.labour_status[i] === 'barn') === a < 16, 'barn iff < 16', i);
      const abs = p.school_absence[i];
      check((abs === null) === (a < 6 || a > 16), 'absence only 6–16', i);
      check(abs === null || (abs! >= 0 && abs! <= 1), 'absence in 0..1', i);
      const inc = p.income[i]!;
      check(Number.isInteger(inc) && inc >= 0 && inc % 100 === 0, 'income rounded to 100', i);
      check(a >= 13 || inc === 0, 'no income for small children', i);
      check(p.labour_status[i] !== 'pensionist' || p.benefit[i] === 'folkepension', 'pensioners on folkepension', i);
      check(p.sex[i] === 'M' || p.sex[i] === 'K', 'sex', i);
    }
    const e = m.events;
    for (let i = 0; i < e.type.length; i++) check((e.detail[i] !== null) === (e.type[i] === 'dom'), 'detail only for dom', i);
    // Notifications concern children, convictions residents 15+.
    const ageAt = new Map<string, number>();
    for (const i of rows(LATEST)) ageAt.set(p.person_id[i]!, age(i));
    for (let i = 0; i < e.type.length; i++) {
      if (e.period[i] !== LATEST) continue;
      const a = ageAt.get(e.person_id[i]!);
      if (e.type[i] === 'underretning') check(a !== undefined && a <= 17, 'underretning for a resident child', i);
      if (e.type[i] === 'dom') check(a !== undefined && a >= 15, 'dom for a resident 15+', i);
    }
    expect(bad).toEqual([]);
  });

  it('keeps about 70,000 residents in every period, in districts of ~150 to ~2,500', () => {
    for (const period of PERIODS) {
      const n = rows(period).length;
      expect(n).toBeGreaterThan(63_000);
      expect(n).toBeLessThan(77_000);
    }
    const sizes = new Map<string, number>();
    for (const i of rows(LATEST)) sizes.set(P().district_id[i]!, (sizes.get(P().district_id[i]!) ?? 0) + 1);
    expect(sizes.size).toBe(84);
    const v = [...sizes.values()];
    expect(Math.min(...v)).toBeGreaterThanOrEqual(100);
    expect(Math.min(...v)).toBeLessThanOrEqual(200);
    expect(Math.max(...v)).toBeGreaterThanOrEqual(2300);
    expect(Math.max(...v)).toBeLessThanOrEqual(2800);
  });

  it('is a panel: people persist and age one year per period', () => {
    const ageIn2023 = new Map<string, number>();
    for (const i of rows(2023)) ageIn2023.set(P().person_id[i]!, age(i));
    let stayed = 0;
    const ids2024 = new Set<string>();
    for (const i of rows(LATEST)) {
      const id = P().person_id[i]!;
      ids2024.add(id);
      const before = ageIn2023.get(id);
      if (before !== undefined) {
        stayed++;
        expect(age(i)).toBe(before + 1);
      }
    }
    expect(ids2024.size).toBe(rows(LATEST).length);
    expect(stayed / ageIn2023.size).toBeGreaterThan(0.85);
  });

  it('uses pseudonyms that never look like CPR numbers', () => {
    const cpr = /^\d{6}-?\d{4}$/;
    const shape = /^P[A-Z2-7]{12}$/;
    const ids = [...m.persons.person_id, ...m.events.person_id];
    expect(ids.filter((id) => cpr.test(id))).toEqual([]);
    expect(ids.filter((id) => !shape.test(id))).toEqual([]);
  });

  it('has municipality marginals like a Danish municipality', () => {
    for (const period of PERIODS) {
      expect(employmentRate(period)).toBeGreaterThanOrEqual(0.72);
      expect(employmentRate(period)).toBeLessThanOrEqual(0.78);
      expect(outsideShare(period)).toBeGreaterThanOrEqual(0.12);
      expect(outsideShare(period)).toBeLessThanOrEqual(0.18);
      expect(basicShare(period)).toBeGreaterThanOrEqual(0.15);
      expect(basicShare(period)).toBeLessThanOrEqual(0.2);
      expect(notification(period).rate).toBeGreaterThanOrEqual(0.03);
      expect(notification(period).rate).toBeLessThanOrEqual(0.05);
      expect(convictionRate(period, 15)).toBeGreaterThanOrEqual(0.007);
      expect(convictionRate(period, 15)).toBeLessThanOrEqual(0.01);
      const nw = share(period, () => true, (i) => P().origin[i] === 'ikke_vestlig').rate;
      expect(nw).toBeGreaterThanOrEqual(0.1);
      expect(nw).toBeLessThanOrEqual(0.15);
    }
  });

  it('correlates deprivation across indicators between districts', () => {
    const ids = Object.keys(m.adjacency);
    const emp = ids.map((d) => employmentRate(LATEST, [d]));
    const inc = ids.map((d) => meanIncome(LATEST, [d]));
    const basic = ids.map((d) => basicShare(LATEST, [d]));
    const corr = (a: number[], b: number[]) => {
      const ma = a.reduce((s, x) => s + x, 0) / a.length;
      const mb = b.reduce((s, x) => s + x, 0) / b.length;
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      a.forEach((x, i) => {
        sab += (x - ma) * (b[i]! - mb);
        saa += (x - ma) ** 2;
        sbb += (b[i]! - mb) ** 2;
      });
      return sab / Math.sqrt(saa * sbb);
    };
    expect(corr(emp, inc)).toBeGreaterThan(0.5);
    expect(corr(emp, basic)).toBeLessThan(-0.3);
  });
});

describe('planted cases (computed from the tables)', () => {
  it('worsening employment: three districts decline every year 2020→2024, ≥ 8 points overall', () => {
    const gt = m.groundTruth.worseningEmployment;
    expect(gt.districtIds).toHaveLength(3);
    for (const d of gt.districtIds) {
      expect(m.groundTruth.notificationCluster.districtIds).not.toContain(d);
      for (const period of PERIODS) expect(residents(period, [d])).toBeGreaterThanOrEqual(800);
      const rate = PERIODS.map((p) => employmentRate(p, [d]));
      for (let t = 2021; t <= 2024; t++) expect(rate[t - 2015]!, `${d} ${t}`).toBeLessThan(rate[t - 2016]!);
      expect(rate[2024 - 2015]! - rate[2020 - 2015]!).toBeLessThanOrEqual(-0.08);
      const before = rate.slice(0, 5);
      expect(Math.max(...before) - Math.min(...before), `${d} stable before 2020`).toBeLessThan(0.02);
    }
  });

  it('notification cluster: connected districts at about 1.8 × the municipality rate', () => {
    const ids = m.groundTruth.notificationCluster.districtIds;
    expect(ids.length >= 4 && ids.length <= 5).toBe(true);
    expect(connected(ids, m.adjacency)).toBe(true);
    let kc = 0;
    let nc = 0;
    let km = 0;
    let nm = 0;
    for (const period of PERIODS) {
      const c = notification(period, ids);
      const all = notification(period);
      expect(c.rate / all.rate, `${period}`).toBeGreaterThan(1.5);
      expect(c.rate / all.rate, `${period}`).toBeLessThan(2.1);
      kc += c.k;
      nc += c.n;
      km += all.k;
      nm += all.n;
    }
    const ratio = kc / nc / (km / nm);
    expect(ratio).toBeGreaterThanOrEqual(1.6);
    expect(ratio).toBeLessThanOrEqual(2.0);
  });

  it('vulnerable estate meets at least two official criteria', () => {
    const est = m.layers.boligomraade.features.find((f) => f.properties.area_id === m.groundTruth.vulnerableEstate.estateId)!;
    const c = criteria(est.properties.district_ids);
    expect(c.met).toBeGreaterThanOrEqual(2);
    expect(residents(LATEST, est.properties.district_ids)).toBeGreaterThanOrEqual(1000);
    // The recorded criteria are the ones the tables show.
    const recorded = m.groundTruth.vulnerableEstate.criteriaMet;
    expect(recorded.includes('outside_labour_education')).toBe(c.outside > 0.4);
    expect(recorded.includes('basic_education')).toBe(c.basic > 0.6);
    expect(recorded.includes('income')).toBe(c.income < 0.55);
    expect(recorded.includes('convictions')).toBe(c.conv >= 3);
  });

  it('watch estate sits just under the 40 % outside threshold and meets at most one criterion', () => {
    const est = m.layers.boligomraade.features.find((f) => f.properties.area_id === m.groundTruth.watchEstate.estateId)!;
    const c = criteria(est.properties.district_ids);
    expect(c.outside).toBeGreaterThanOrEqual(0.35);
    expect(c.outside).toBeLessThan(0.4);
    expect(outsideShare(LATEST, est.properties.district_ids)).toBeLessThan(0.4);
    expect(c.met).toBeLessThanOrEqual(1);
    expect(est.properties.area_id).not.toBe(m.groundTruth.vulnerableEstate.estateId);
  });

  it('decoys: small districts ≥ 2.5 × the rate by chance, yet inside the 99.8 % funnel', () => {
    const decoys = m.groundTruth.decoys.map((d) => d.districtId);
    expect(decoys).toHaveLength(2);
    const cluster = m.groundTruth.notificationCluster.districtIds;
    const municipality = notification(LATEST).rate;
    for (const d of decoys) {
      expect(cluster).not.toContain(d);
      for (const c of cluster) expect(m.adjacency[d]).not.toContain(c);
      const n = residents(LATEST, [d]);
      expect(n).toBeGreaterThanOrEqual(100);
      expect(n).toBeLessThanOrEqual(180);
      const { n: children, k } = notification(LATEST, [d]);
      expect(k / children / municipality).toBeGreaterThanOrEqual(2.5);
      expect(binomialTail(k, children, municipality)).toBeGreaterThan(0.001);
      // Ordinary before the last period: the earlier years pooled are unremarkable.
      let kk = 0;
      let nn = 0;
      let km = 0;
      let nm = 0;
      for (const period of PERIODS.slice(0, -1)) {
        const x = notification(period, [d]);
        const all = notification(period);
        kk += x.k;
        nn += x.n;
        km += all.k;
        nm += all.n;
      }
      expect(kk / nn / (km / nm)).toBeLessThan(2);
    }
  });

  it('records explanations and municipality rates in the ground truth', () => {
    const gt = m.groundTruth;
    expect(gt.municipalityRates.map((r) => r.period)).toEqual(PERIODS);
    for (const r of gt.municipalityRates) expect(Math.abs(r.employmentRate16to64 - employmentRate(r.period))).toBeLessThan(1e-5);
    for (const text of [gt.worseningEmployment.explanation, gt.notificationCluster.explanation, gt.vulnerableEstate.explanation, gt.watchEstate.explanation, ...gt.decoys.map((d) => d.explanation)]) {
      expect(text.length).toBeGreaterThan(20);
    }
  });
});

describe('scale', () => {
  it('multiplies the population but keeps the decoy districts small', () => {
    const small = generateMunicipality({ seed: 42, scale: 0.25 });
    const sizes = new Map<string, number>();
    const p = small.persons;
    for (let i = 0; i < p.period.length; i++) if (p.period[i] === LATEST) sizes.set(p.district_id[i]!, (sizes.get(p.district_id[i]!) ?? 0) + 1);
    const total = [...sizes.values()].reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThan(0.25 * 70_000 * 0.9);
    expect(total).toBeLessThan(0.25 * 70_000 * 1.1 + 400);
    for (const d of small.groundTruth.decoys) {
      expect(sizes.get(d.districtId)).toBeGreaterThanOrEqual(100);
      expect(sizes.get(d.districtId)).toBeLessThanOrEqual(180);
    }
    expect(() => generateMunicipality({ seed: 1, scale: 0 })).toThrow(/scale/);
  });
});
