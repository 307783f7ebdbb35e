/**
 * Geometry of the synthetic municipality, made in EPSG:25832 (metres).
 *
 * Districts are Voronoi cells of relaxed seed points. A dense ring of "ghost" seeds just
 * outside an irregular target shape closes the cells, and the municipality outline is the
 * union of the district cells — so the districts tile it exactly by construction, with no
 * clipping arithmetic that could leave slivers. Every vertex is a circumcentre computed
 * once and rounded to 1 cm once, so neighbours share bit-identical vertices.
 */
import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import proj4 from 'proj4';
import type { Rng } from './random.ts';
import type { AreaGeometry, PolygonGeometry, Position, Ring } from './types.ts';

export const UTM32_PROJ4 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** Centre of the fictional municipality (E, N in EPSG:25832) and its half-extents. */
const CX = 722000;
const CY = 6176000;
const RX = 6200;
const RY = 5200;

export interface Tessellation {
  /** Closed, counter-clockwise rings in EPSG:25832, index = internal district index. */
  cells: Ring[];
  /** The municipality outline: closed, counter-clockwise, no holes. */
  outline: Ring;
  centroids: Position[];
  areas: number[];
  /** Queen contiguity: sharing at least one vertex. */
  queen: number[][];
  /** Rook contiguity: sharing at least one edge. */
  rook: number[][];
}

interface Shape {
  amps: number[];
  phases: number[];
}

function shapeRadius(shape: Shape, theta: number): number {
  let r = 1;
  for (let k = 0; k < shape.amps.length; k++) r += shape.amps[k]! * Math.cos((k + 2) * theta + shape.phases[k]!);
  return r;
}

/** Inside the target shape scaled by `factor` (local coordinates relative to the centre). */
function insideShape(shape: Shape, x: number, y: number, factor: number): boolean {
  const sx = x / RX;
  const sy = y / RY;
  return Math.hypot(sx, sy) < factor * shapeRadius(shape, Math.atan2(sy, sx));
}

function roundCm(v: number): number {
  return Math.round(v * 100) / 100;
}

export function key(p: Position): string {
  return `${p[0]},${p[1]}`;
}

/** Signed shoelace area (positive for counter-clockwise), relative to the first vertex for precision. */
export function ringSignedArea(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const [x0, y0] = ring[0]!;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += (a[0] - x0) * (b[1] - y0) - (b[0] - x0) * (a[1] - y0);
  }
  return s / 2;
}

export function ringCentroid(ring: readonly Position[]): Position {
  const n = ring.length;
  const [x0, y0] = ring[0]!;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const px = p[0] - x0;
    const py = p[1] - y0;
    const qx = q[0] - x0;
    const qy = q[1] - y0;
    const f = px * qy - qx * py;
    a += f;
    cx += (px + qx) * f;
    cy += (py + qy) * f;
  }
  if (a === 0) return [x0, y0];
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/** Area of a Polygon or MultiPolygon (holes subtracted through their clockwise winding). */
export function geometryArea(g: AreaGeometry): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let s = 0;
  for (const poly of polys) for (const ring of poly) s += ringSignedArea(ring.slice(0, -1));
  return s;
}

/** Even–odd ray casting on one ring (closed or open). */
export function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInGeometry(x: number, y: number, g: AreaGeometry): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    const [outer, ...holes] = poly;
    if (outer && pointInRing(x, y, outer) && !holes.some((h) => pointInRing(x, y, h))) return true;
  }
  return false;
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(a, b, c);
  const d2 = o(a, b, d);
  const d3 = o(c, d, a);
  const d4 = o(c, d, b);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** A closed ring is simple: ≥ 4 positions, closed, no repeated consecutive vertex, no proper crossing. */
export function isSimpleClosedRing(ring: readonly Position[]): boolean {
  const n = ring.length;
  if (n < 4) return false;
  const first = ring[0]!;
  const last = ring[n - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return false;
  for (let i = 1; i < n; i++) {
    const a = ring[i - 1]!;
    const b = ring[i]!;
    if (a[0] === b[0] && a[1] === b[1]) return false;
  }
  const m = n - 1;
  for (let i = 0; i < m; i++) {
    for (let j = i + 2; j < m; j++) {
      if (i === 0 && j === m - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return false;
    }
  }
  const keys = new Set(ring.slice(0, -1).map(key));
  return keys.size === m;
}

function closeRing(open: Position[]): Ring {
  return [...open, [open[0]![0], open[0]![1]]];
}

function dedupeOpen(points: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1) {
    const a = out[0]!;
    const b = out[out.length - 1]!;
    if (a[0] === b[0] && a[1] === b[1]) out.pop();
    else break;
  }
  return out;
}

/** Make an open ring counter-clockwise (or clockwise when `ccw` is false) and close it. */
function orientAndClose(open: Position[], ccw: boolean): Ring {
  const a = ringSignedArea(open);
  const pts = (a > 0) === ccw ? open : open.slice().reverse();
  return closeRing(pts);
}

function circumcentres(pts: Float64Array, triangles: Uint32Array): Float64Array {
  const nt = triangles.length / 3;
  const out = new Float64Array(nt * 2);
  for (let t = 0; t < nt; t++) {
    const i = triangles[3 * t]!;
    const j = triangles[3 * t + 1]!;
    const k = triangles[3 * t + 2]!;
    const ax = pts[2 * i]!;
    const ay = pts[2 * i + 1]!;
    const dx = pts[2 * j]! - ax;
    const dy = pts[2 * j + 1]! - ay;
    const ex = pts[2 * k]! - ax;
    const ey = pts[2 * k + 1]! - ay;
    const bl = dx * dx + dy * dy;
    const cl = ex * ex + ey * ey;
    const d = 0.5 / (dx * ey - dy * ex);
    out[2 * t] = ax + (ey * bl - dy * cl) * d;
    out[2 * t + 1] = ay + (dx * cl - ex * bl) * d;
  }
  return out;
}

/** Triangles around point i in order; null for hull (unbounded) cells. */
function cellTriangles(del: Delaunay<Delaunay.Point>, i: number): number[] | null {
  const { inedges, halfedges, triangles } = del;
  const e0 = inedges[i]!;
  if (e0 === -1) return null;
  const out: number[] = [];
  let e = e0;
  do {
    out.push(Math.floor(e / 3));
    e = e % 3 === 2 ? e - 2 : e + 1;
    if (triangles[e] !== i) return null;
    e = halfedges[e]!;
  } while (e !== e0 && e !== -1);
  return e === -1 ? null : out;
}

function triangulate(pts: Float64Array): Delaunay<Delaunay.Point> {
  return new Delaunay<Delaunay.Point>(pts);
}

/** Seed points in local coordinates (relative to the centre): inner seeds then ghost seeds. */
function seedPoints(rng: Rng, count: number, shape: Shape): { pts: Float64Array; ghostCount: number } {
  const inner: Position[] = [];
  // Best-candidate sampling with a spacing that grows outwards: a denser town centre.
  const spacing = (x: number, y: number) => 0.7 + 0.6 * Math.min(1, Math.hypot(x / RX, y / RY));
  while (inner.length < count) {
    let best: Position | null = null;
    let bestScore = -1;
    for (let c = 0; c < 12; c++) {
      let x: number;
      let y: number;
      do {
        x = rng.uniform(-1.3 * RX, 1.3 * RX);
        y = rng.uniform(-1.3 * RY, 1.3 * RY);
      } while (!insideShape(shape, x, y, 0.93));
      let d = Infinity;
      for (const p of inner) d = Math.min(d, Math.hypot(p[0] - x, p[1] - y));
      const score = d / spacing(x, y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
    inner.push(best!);
  }
  const ghosts: Position[] = [];
  const nGhost = 132;
  for (let j = 0; j < nGhost; j++) {
    const th = (2 * Math.PI * j) / nGhost;
    const r = shapeRadius(shape, th) + 0.085;
    ghosts.push([RX * r * Math.cos(th), RY * r * Math.sin(th)]);
  }
  // A far ring keeps every ghost cell bounded too (not needed for correctness, keeps the hull simple).
  for (let j = 0; j < 24; j++) {
    const th = (2 * Math.PI * j) / 24;
    ghosts.push([2.2 * RX * Math.cos(th), 2.2 * RY * Math.sin(th)]);
  }
  const all = [...inner, ...ghosts];
  const pts = new Float64Array(all.length * 2);
  all.forEach((p, i) => {
    pts[2 * i] = p[0];
    pts[2 * i + 1] = p[1];
  });
  return { pts, ghostCount: ghosts.length };
}

/**
 * Build the district tessellation; throws if this draw is degenerate (the caller retries
 * with another stream, so a seed still maps to one result).
 */
export function buildTessellation(rng: Rng, count: number): Tessellation {
  const shape: Shape = { amps: [], phases: [] };
  for (let k = 2; k <= 6; k++) {
    shape.amps.push(rng.uniform(0.02, 0.07) / Math.sqrt(k - 1));
    shape.phases.push(rng.uniform(0, 2 * Math.PI));
  }
  const { pts } = seedPoints(rng, count, shape);

  // A few Lloyd steps on the inner seeds only: the ghosts hold the outline in place.
  for (let iter = 0; iter < 3; iter++) {
    const del = triangulate(pts);
    const cc = circumcentres(pts, del.triangles);
    for (let i = 0; i < count; i++) {
      const tris = cellTriangles(del, i);
      if (!tris) throw new Error('inner seed on the hull');
      const ring: Position[] = tris.map((t) => [cc[2 * t]!, cc[2 * t + 1]!]);
      const c = ringCentroid(ring);
      pts[2 * i] = c[0];
      pts[2 * i + 1] = c[1];
    }
  }

  const del = triangulate(pts);
  const hull = new Set(del.hull);
  const cc = circumcentres(pts, del.triangles);
  const rounded: Position[] = [];
  for (let t = 0; t < cc.length / 2; t++) rounded.push([roundCm(CX + cc[2 * t]!), roundCm(CY + cc[2 * t + 1]!)]);

  const cells: Ring[] = [];
  for (let i = 0; i < count; i++) {
    if (hull.has(i)) throw new Error('inner seed on the hull');
    const tris = cellTriangles(del, i);
    if (!tris) throw new Error('open inner cell');
    const open = dedupeOpen(tris.map((t) => rounded[t]!));
    if (open.length < 3) throw new Error('degenerate cell');
    const ring = orientAndClose(open, true);
    if (!isSimpleClosedRing(ring) || ringSignedArea(open) === 0) throw new Error('invalid cell');
    cells.push(ring);
  }

  const outline = outlineOf(cells);
  const areas = cells.map((c) => ringSignedArea(c.slice(0, -1)));
  const centroids = cells.map((c) => ringCentroid(c.slice(0, -1)));
  const { queen, rook } = contiguity(cells);
  for (let i = 0; i < count; i++) if (rook[i]!.length === 0) throw new Error('isolated cell');
  return { cells, outline, centroids, areas, queen, rook };
}

/** Union of edge-sharing cells by cancelling interior edges; must be one simple loop. */
function outlineOf(cells: Ring[]): Ring {
  const directed = new Set<string>();
  for (const c of cells) for (let i = 0; i + 1 < c.length; i++) directed.add(`${key(c[i]!)}>${key(c[i + 1]!)}`);
  const next = new Map<string, Position>();
  const at = new Map<string, Position>();
  let boundaryEdges = 0;
  for (const c of cells) {
    for (let i = 0; i + 1 < c.length; i++) {
      const a = c[i]!;
      const b = c[i + 1]!;
      if (directed.has(`${key(b)}>${key(a)}`)) continue;
      if (next.has(key(a))) throw new Error('pinched outline');
      next.set(key(a), b);
      at.set(key(a), a);
      boundaryEdges++;
    }
  }
  const start = next.keys().next().value;
  if (start === undefined) throw new Error('empty outline');
  const loop: Position[] = [at.get(start)!];
  let k = key(next.get(start)!);
  while (k !== start) {
    const p = at.get(k);
    if (!p) throw new Error('open outline');
    loop.push(p);
    k = key(next.get(k)!);
    if (loop.length > boundaryEdges) throw new Error('outline does not close');
  }
  if (loop.length !== boundaryEdges) throw new Error('outline has several loops');
  if (ringSignedArea(loop) <= 0) throw new Error('outline is not counter-clockwise');
  const ring = closeRing(loop);
  if (!isSimpleClosedRing(ring)) throw new Error('outline is not simple');
  return ring;
}

function contiguity(cells: Ring[]): { queen: number[][]; rook: number[][] } {
  const byVertex = new Map<string, number[]>();
  const byEdge = new Map<string, number[]>();
  cells.forEach((c, i) => {
    for (let v = 0; v + 1 < c.length; v++) {
      const ka = key(c[v]!);
      const kb = key(c[v + 1]!);
      const list = byVertex.get(ka);
      if (list) list.push(i);
      else byVertex.set(ka, [i]);
      const ek = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
      const el = byEdge.get(ek);
      if (el) el.push(i);
      else byEdge.set(ek, [i]);
    }
  });
  const queen = cells.map(() => new Set<number>());
  const rook = cells.map(() => new Set<number>());
  const link = (sets: Set<number>[], ids: number[]) => {
    for (const a of ids) for (const b of ids) if (a !== b) sets[a]!.add(b);
  };
  for (const ids of byVertex.values()) link(queen, ids);
  for (const ids of byEdge.values()) link(rook, ids);
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { queen: queen.map(sorted), rook: rook.map(sorted) };
}

/** Union of district rings (EPSG:25832) as a normalised Polygon or MultiPolygon. */
export function unionRings(rings: Ring[]): AreaGeometry {
  if (rings.length === 0) throw new Error('union of nothing');
  const [first, ...rest] = rings.map((r) => [r.map((p) => [p[0], p[1]] as [number, number])]);
  const mp = polygonClipping.union(first!, ...rest);
  const polys: Ring[][] = mp.map((poly) =>
    poly.map((ring, i) => {
      const open = dedupeOpen(ring.slice(0, -1).map((p) => [roundCm(p[0]), roundCm(p[1])] as Position));
      return orientAndClose(open, i === 0);
    }),
  );
  polys.sort((a, b) => ringSignedArea(b[0]!.slice(0, -1)) - ringSignedArea(a[0]!.slice(0, -1)));
  if (polys.length === 1) return { type: 'Polygon', coordinates: polys[0]! };
  return { type: 'MultiPolygon', coordinates: polys };
}

/** Projects EPSG:25832 → EPSG:4326; identical inputs give identical outputs, so shared vertices stay shared. */
export function makeProjector(): (g: AreaGeometry) => AreaGeometry {
  const conv = proj4(UTM32_PROJ4, 'EPSG:4326');
  const cache = new Map<string, Position>();
  const pt = (p: Position): Position => {
    const k = key(p);
    let out = cache.get(k);
    if (!out) {
      const [lon, lat] = conv.forward([p[0], p[1]]) as [number, number];
      out = [Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
      cache.set(k, out);
    }
    return [out[0], out[1]];
  };
  return (g) =>
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(pt)) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(pt))) };
}

export function polygonOf(ring: Ring): PolygonGeometry {
  return { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]] as Position)] };
}
