/**
 * Contiguity spatial weights built from polygons.
 *
 * Two areas are queen neighbours when their boundaries share at least one point, rook
 * neighbours when they share a stretch of boundary of positive length (Anselin, Spatial
 * Econometrics, 1988, ch. 3; the definitions GeoDa and PySAL's libpysal use).
 *
 * Unlike a lookup of identical vertices (GeoDa, libpysal's Queen/Rook), the test here is
 * geometric, on boundary segments: a vertex of one polygon lying on an edge of the other
 * (an edge-on-vertex, T-junction, as when only one side of a shared boundary was
 * densified) makes the two queen neighbours, and collinear overlapping edges make them
 * rook neighbours even when their vertices differ.
 *
 * Floating-point noise: every coordinate is first snapped to a grid of `tolerance`
 * (default 1e-9, in coordinate units: degrees for the extracts' EPSG:4326, about 0.1 mm),
 * and two boundary pieces touch when they come within one grid step of each other. The
 * tolerance absorbs rounding in reprojection and serialisation; it does not close real
 * digitising gaps or slivers (for those, raise it knowingly, e.g. 1e-7° ≈ 1 cm).
 *
 * Speed: segments go into a uniform spatial hash (grid cells about the size of a typical
 * segment), and only segments sharing a cell are compared, each pair once, so the cost is
 * about linear in the number of vertices (3,000 areas in tens of milliseconds).
 *
 * Output is compressed sparse rows (CSR): the neighbours of area i are
 * neighbours[offsets[i] .. offsets[i+1]), ascending.
 */

export type ContiguityKind = 'queen' | 'rook';

/** Binary spatial weights as compressed sparse rows. */
export interface SpatialWeights {
  /** How the neighbour relation was built ('custom' for lists given by the caller). */
  kind: ContiguityKind | 'custom';
  /** Area ids, in the order of the rows. */
  ids: readonly string[];
  /** Length ids.length + 1; row i is neighbours[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  /** Neighbour indices, ascending within each row, never the row itself. */
  neighbours: Int32Array;
  /** Indices of areas without neighbours, ascending. */
  islands: readonly number[];
}

/** The minimal GeoJSON shape read here (shared/extract/unpack.ts's GeoJsonFeatureCollection fits). */
export interface PolygonFeatureCollection {
  features: readonly {
    properties?: Record<string, unknown> | null;
    geometry?: { type: string; coordinates?: unknown } | null;
  }[];
}

export interface ContiguityOptions {
  /** Property holding the area id (default 'area_id'). */
  idProperty?: string;
  /** Snapping grid and touching distance, in coordinate units (default 1e-9). */
  tolerance?: number;
}

export const DEFAULT_TOLERANCE = 1e-9;

/** Number of areas in the weights. */
export function areaCount(weights: SpatialWeights): number {
  return weights.ids.length;
}

/** Number of neighbours of area i. */
export function cardinality(weights: SpatialWeights, i: number): number {
  return (weights.offsets[i + 1] as number) - (weights.offsets[i] as number);
}

/** The neighbour indices of area i (a view, not a copy). */
export function neighboursOf(weights: SpatialWeights, i: number): Int32Array {
  return weights.neighbours.subarray(weights.offsets[i] as number, weights.offsets[i + 1] as number);
}

/**
 * Row-standardised weight values aligned with `weights.neighbours`: w_ij = 1 / k_i for
 * the k_i neighbours of i (islands have no entries, so their rows stay zero).
 */
export function rowStandardise(weights: SpatialWeights): Float64Array {
  const n = weights.ids.length;
  const out = new Float64Array(weights.neighbours.length);
  for (let i = 0; i < n; i++) {
    const start = weights.offsets[i] as number;
    const end = weights.offsets[i + 1] as number;
    const w = 1 / (end - start);
    for (let e = start; e < end; e++) out[e] = w;
  }
  return out;
}

/**
 * Weights from neighbour index lists (symmetrised: j in the list of i makes i a
 * neighbour of j too; self-links and duplicates are dropped).
 */
export function weightsFromNeighbourLists(
  ids: readonly string[],
  lists: readonly (readonly number[])[],
  kind: SpatialWeights['kind'] = 'custom',
): SpatialWeights {
  const n = ids.length;
  if (lists.length !== n) throw new RangeError(`${lists.length} neighbour lists for ${n} areas`);
  const pairs: number[] = [];
  lists.forEach((list, i) => {
    for (const j of list) {
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`area ${ids[i]}: neighbour index ${j} is outside 0..${n - 1}`);
      if (j !== i) pairs.push(i, j);
    }
  });
  return fromPairs(ids, pairs, kind);
}

/**
 * Weights from an adjacency record (id → neighbour ids), as the synthetic generator
 * writes it. Rows follow `ids` (default: the record's keys, sorted).
 */
export function weightsFromAdjacency(
  adjacency: Readonly<Record<string, readonly string[]>>,
  ids: readonly string[] = Object.keys(adjacency).sort(),
  kind: SpatialWeights['kind'] = 'custom',
): SpatialWeights {
  const index = new Map(ids.map((id, i) => [id, i]));
  const lists = ids.map((id) =>
    (adjacency[id] ?? []).map((other) => {
      const j = index.get(other);
      if (j === undefined) throw new RangeError(`area ${id}: neighbour ${other} is not among the ids`);
      return j;
    }),
  );
  return weightsFromNeighbourLists(ids, lists, kind);
}

/** Neighbour ids by area id (sorted), e.g. to compare with an adjacency record. */
export function adjacencyRecord(weights: SpatialWeights): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  weights.ids.forEach((id, i) => {
    out[id] = Array.from(neighboursOf(weights, i), (j) => weights.ids[j] as string).sort();
  });
  return out;
}

/**
 * The weights restricted to the areas with keep[i] true (links to dropped areas are
 * removed, so an area may become an island). `index[k]` is the original index of row k.
 */
export function subsetWeights(weights: SpatialWeights, keep: ArrayLike<boolean>): { weights: SpatialWeights; index: Int32Array } {
  const n = weights.ids.length;
  const newIndex = new Int32Array(n).fill(-1);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i]) {
      newIndex[i] = kept.length;
      kept.push(i);
    }
  }
  const m = kept.length;
  const offsets = new Int32Array(m + 1);
  const list: number[] = [];
  const islands: number[] = [];
  kept.forEach((i, k) => {
    for (let e = weights.offsets[i] as number; e < (weights.offsets[i + 1] as number); e++) {
      const j = newIndex[weights.neighbours[e] as number] as number;
      if (j >= 0) list.push(j);
    }
    offsets[k + 1] = list.length;
    if (offsets[k + 1] === offsets[k]) islands.push(k);
  });
  return {
    weights: { kind: weights.kind, ids: kept.map((i) => weights.ids[i] as string), offsets, neighbours: Int32Array.from(list), islands },
    index: Int32Array.from(kept),
  };
}

/** Builds CSR weights from a flat list of (i, j) pairs, symmetrised and de-duplicated. */
function fromPairs(ids: readonly string[], pairs: readonly number[], kind: SpatialWeights['kind']): SpatialWeights {
  const n = ids.length;
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let p = 0; p < pairs.length; p += 2) {
    const i = pairs[p] as number;
    const j = pairs[p + 1] as number;
    if (i === j) continue;
    (sets[i] as Set<number>).add(j);
    (sets[j] as Set<number>).add(i);
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (sets[i] as Set<number>).size;
  const neighbours = new Int32Array(offsets[n] as number);
  const islands: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Int32Array.from(sets[i] as Set<number>).sort();
    neighbours.set(row, offsets[i] as number);
    if (row.length === 0) islands.push(i);
  }
  return { kind, ids: [...ids], offsets, neighbours, islands };
}

// ------------------------------------------------------------------ geometry input

function areaIds(collection: PolygonFeatureCollection, idProperty: string): string[] {
  const seen = new Set<string>();
  return collection.features.map((feature, index) => {
    const raw = feature.properties?.[idProperty];
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw new TypeError(`feature ${index} has no ${idProperty} (string or number)`);
    }
    const id = String(raw);
    if (seen.has(id)) throw new RangeError(`${idProperty} ${id} occurs more than once`);
    seen.add(id);
    return id;
  });
}

/** The rings of a Polygon or MultiPolygon; other or malformed geometries give none. */
function ringsOf(geometry: { type: string; coordinates?: unknown } | null | undefined): unknown[][] {
  if (!geometry || !Array.isArray(geometry.coordinates)) return [];
  const isRingList = (value: unknown): value is unknown[][] => Array.isArray(value) && value.every((ring) => Array.isArray(ring));
  if (geometry.type === 'Polygon') return isRingList(geometry.coordinates) ? geometry.coordinates : [];
  if (geometry.type === 'MultiPolygon') {
    const out: unknown[][] = [];
    for (const polygon of geometry.coordinates) if (isRingList(polygon)) out.push(...polygon);
    return out;
  }
  return [];
}

function coordinate(position: unknown, axis: 0 | 1): number {
  if (!Array.isArray(position)) return Number.NaN;
  const value: unknown = position[axis];
  return typeof value === 'number' ? value : Number.NaN;
}

/** Boundary segments of all features, with snapped coordinates (grid units). */
interface Segments {
  count: number;
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  owner: Int32Array;
}

function collectSegments(collection: PolygonFeatureCollection, tolerance: number): Segments {
  const features = collection.features;
  const rings = features.map((feature) => ringsOf(feature.geometry));
  // Snap relative to a whole-degree origin, so the grid does not depend on the data set
  // and snapped values stay small (exact integers in doubles).
  let minX = Infinity;
  let minY = Infinity;
  let capacity = 0;
  for (const featureRings of rings) {
    for (const ring of featureRings) {
      capacity += ring.length + 1;
      for (const position of ring) {
        const x = coordinate(position, 0);
        const y = coordinate(position, 1);
        if (x < minX) minX = x;
        if (y < minY) minY = y;
      }
    }
  }
  const originX = Number.isFinite(minX) ? Math.floor(minX) : 0;
  const originY = Number.isFinite(minY) ? Math.floor(minY) : 0;
  const x0 = new Float64Array(capacity);
  const y0 = new Float64Array(capacity);
  const x1 = new Float64Array(capacity);
  const y1 = new Float64Array(capacity);
  const owner = new Int32Array(capacity);
  let count = 0;
  const push = (ax: number, ay: number, bx: number, by: number, f: number): void => {
    x0[count] = ax;
    y0[count] = ay;
    x1[count] = bx;
    y1[count] = by;
    owner[count] = f;
    count++;
  };
  rings.forEach((featureRings, f) => {
    for (const ring of featureRings) {
      let firstX = Number.NaN;
      let firstY = Number.NaN;
      let prevX = Number.NaN;
      let prevY = Number.NaN;
      let segments = 0;
      for (const position of ring) {
        const x = coordinate(position, 0);
        const y = coordinate(position, 1);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const sx = Math.round((x - originX) / tolerance);
        const sy = Math.round((y - originY) / tolerance);
        if (Number.isNaN(firstX)) {
          firstX = sx;
          firstY = sy;
        } else if (sx !== prevX || sy !== prevY) {
          push(prevX, prevY, sx, sy, f);
          segments++;
        }
        prevX = sx;
        prevY = sy;
      }
      if (Number.isNaN(firstX)) continue;
      // Close an unclosed ring. A ring that collapsed to one point after snapping keeps
      // a zero-length segment, so that the point can still touch a neighbour.
      if (prevX !== firstX || prevY !== firstY || segments === 0) push(prevX, prevY, firstX, firstY, f);
    }
  });
  return { count, x0, y0, x1, y1, owner };
}

// ------------------------------------------------------------------ segment predicates

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function pointSegmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return cross > 0 ? 1 : cross < 0 ? -1 : 0;
}

/** Whether segments a and b come within `reachSquared` (squared grid units) of each other. */
function segmentsTouch(s: Segments, a: number, b: number, reachSquared: number): boolean {
  const ax = s.x0[a] as number;
  const ay = s.y0[a] as number;
  const bx = s.x1[a] as number;
  const by = s.y1[a] as number;
  const cx = s.x0[b] as number;
  const cy = s.y0[b] as number;
  const dx = s.x1[b] as number;
  const dy = s.y1[b] as number;
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true; // proper crossing (overlapping polygons)
  return (
    pointSegmentDistanceSquared(cx, cy, ax, ay, bx, by) <= reachSquared ||
    pointSegmentDistanceSquared(dx, dy, ax, ay, bx, by) <= reachSquared ||
    pointSegmentDistanceSquared(ax, ay, cx, cy, dx, dy) <= reachSquared ||
    pointSegmentDistanceSquared(bx, by, cx, cy, dx, dy) <= reachSquared
  );
}

/**
 * Whether segments a and b run along each other (both ends of the shorter within `reach`
 * of the longer's line) over a length greater than `reach`: a shared stretch of boundary.
 */
function segmentsOverlap(s: Segments, a: number, b: number, reach: number): boolean {
  let long = a;
  let short = b;
  const la = Math.hypot((s.x1[a] as number) - (s.x0[a] as number), (s.y1[a] as number) - (s.y0[a] as number));
  const lb = Math.hypot((s.x1[b] as number) - (s.x0[b] as number), (s.y1[b] as number) - (s.y0[b] as number));
  let length = la;
  if (lb > la) {
    long = b;
    short = a;
    length = lb;
  }
  if (length <= reach) return false;
  const ax = s.x0[long] as number;
  const ay = s.y0[long] as number;
  const ux = ((s.x1[long] as number) - ax) / length;
  const uy = ((s.y1[long] as number) - ay) / length;
  const cx = (s.x0[short] as number) - ax;
  const cy = (s.y0[short] as number) - ay;
  const dx = (s.x1[short] as number) - ax;
  const dy = (s.y1[short] as number) - ay;
  // Perpendicular distances of the shorter segment's ends from the longer's line.
  if (Math.abs(cx * uy - cy * ux) > reach || Math.abs(dx * uy - dy * ux) > reach) return false;
  const tc = cx * ux + cy * uy;
  const td = dx * ux + dy * uy;
  const overlap = Math.min(length, Math.max(tc, td)) - Math.max(0, Math.min(tc, td));
  return overlap > reach;
}

// ------------------------------------------------------------------ building

const QUEEN = 1;
const ROOK = 2;

/**
 * Queen and rook contiguity in one pass over the polygons' boundaries (rook neighbours
 * are a subset of queen neighbours). Features without a Polygon/MultiPolygon geometry
 * get no neighbours (islands).
 */
export function contiguityWeightsBoth(collection: PolygonFeatureCollection, options: ContiguityOptions = {}): { queen: SpatialWeights; rook: SpatialWeights } {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive, not ${tolerance}`);
  const ids = areaIds(collection, options.idProperty ?? 'area_id');
  const n = ids.length;
  const s = collectSegments(collection, tolerance);
  // In grid units the touching distance is one step (the snapping's own resolution).
  const reach = 1;
  const reachSquared = reach * reach;

  const flags = new Map<number, number>();
  if (s.count > 1) {
    // Extent and mean segment extent, in grid units.
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let extentSum = 0;
    for (let k = 0; k < s.count; k++) {
      const ax = s.x0[k] as number;
      const ay = s.y0[k] as number;
      const bx = s.x1[k] as number;
      const by = s.y1[k] as number;
      minX = Math.min(minX, ax, bx);
      minY = Math.min(minY, ay, by);
      maxX = Math.max(maxX, ax, bx);
      maxY = Math.max(maxY, ay, by);
      extentSum += Math.max(Math.abs(bx - ax), Math.abs(by - ay));
    }
    minX -= reach;
    minY -= reach;
    const width = maxX + reach - minX;
    const height = maxY + reach - minY;
    // Cells about 2× a typical segment, but never more cells than ~4 per segment.
    let cell = Math.max(2 * (extentSum / s.count), reach * 4, Math.sqrt((width * height) / (4 * s.count)));
    cell = Math.max(cell, 1);
    const columns = Math.max(1, Math.floor(width / cell) + 1);
    const rows = Math.max(1, Math.floor(height / cell) + 1);

    // Counting sort of (cell, segment) entries into buckets.
    const cellRange = (k: number): [number, number, number, number] => {
      const ax = s.x0[k] as number;
      const ay = s.y0[k] as number;
      const bx = s.x1[k] as number;
      const by = s.y1[k] as number;
      return [
        Math.floor((Math.min(ax, bx) - reach - minX) / cell),
        Math.min(columns - 1, Math.floor((Math.max(ax, bx) + reach - minX) / cell)),
        Math.floor((Math.min(ay, by) - reach - minY) / cell),
        Math.min(rows - 1, Math.floor((Math.max(ay, by) + reach - minY) / cell)),
      ];
    };
    const bucketStart = new Int32Array(columns * rows + 1);
    for (let k = 0; k < s.count; k++) {
      const [c0, c1, r0, r1] = cellRange(k);
      for (let c = Math.max(0, c0); c <= c1; c++) for (let r = Math.max(0, r0); r <= r1; r++) bucketStart[c * rows + r + 1]!++;
    }
    for (let b = 0; b < columns * rows; b++) bucketStart[b + 1]! += bucketStart[b] as number;
    const fill = bucketStart.slice(0, columns * rows);
    const entries = new Int32Array(bucketStart[columns * rows] as number);
    for (let k = 0; k < s.count; k++) {
      const [c0, c1, r0, r1] = cellRange(k);
      for (let c = Math.max(0, c0); c <= c1; c++) for (let r = Math.max(0, r0); r <= r1; r++) entries[fill[c * rows + r]!++] = k;
    }

    for (let c = 0; c < columns; c++) {
      for (let r = 0; r < rows; r++) {
        const bucket = c * rows + r;
        const start = bucketStart[bucket] as number;
        const end = bucketStart[bucket + 1] as number;
        for (let p = start; p < end; p++) {
          const a = entries[p] as number;
          const oa = s.owner[a] as number;
          const aMinX = Math.min(s.x0[a] as number, s.x1[a] as number) - reach;
          const aMaxX = Math.max(s.x0[a] as number, s.x1[a] as number) + reach;
          const aMinY = Math.min(s.y0[a] as number, s.y1[a] as number) - reach;
          const aMaxY = Math.max(s.y0[a] as number, s.y1[a] as number) + reach;
          for (let q = p + 1; q < end; q++) {
            const b = entries[q] as number;
            const ob = s.owner[b] as number;
            if (oa === ob) continue;
            // Overlap of the two (expanded) boxes; test the pair only in the cell that
            // holds the overlap's lower-left corner, so each pair is tested once.
            const loX = Math.max(aMinX, Math.min(s.x0[b] as number, s.x1[b] as number) - reach);
            const hiX = Math.min(aMaxX, Math.max(s.x0[b] as number, s.x1[b] as number) + reach);
            if (loX > hiX) continue;
            const loY = Math.max(aMinY, Math.min(s.y0[b] as number, s.y1[b] as number) - reach);
            const hiY = Math.min(aMaxY, Math.max(s.y0[b] as number, s.y1[b] as number) + reach);
            if (loY > hiY) continue;
            if (Math.max(0, Math.floor((loX - minX) / cell)) !== c || Math.max(0, Math.floor((loY - minY) / cell)) !== r) continue;
            const key = oa < ob ? oa * n + ob : ob * n + oa;
            const known = flags.get(key) ?? 0;
            if (known === ROOK) continue;
            if (known === 0 && !segmentsTouch(s, a, b, reachSquared)) continue;
            const now = segmentsOverlap(s, a, b, reach) ? ROOK : QUEEN;
            if (now > known) flags.set(key, now);
          }
        }
      }
    }
  }

  const queenPairs: number[] = [];
  const rookPairs: number[] = [];
  for (const [key, flag] of flags) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    queenPairs.push(i, j);
    if (flag === ROOK) rookPairs.push(i, j);
  }
  return { queen: fromPairs(ids, queenPairs, 'queen'), rook: fromPairs(ids, rookPairs, 'rook') };
}

/** Queen (default) or rook contiguity weights from Polygon/MultiPolygon features. */
export function contiguityWeights(collection: PolygonFeatureCollection, options: ContiguityOptions & { kind?: ContiguityKind } = {}): SpatialWeights {
  const both = contiguityWeightsBoth(collection, options);
  return options.kind === 'rook' ? both.rook : both.queen;
}
