/**
 * Polygon checks and the repairs that are safe: closing an open ring, dropping repeated
 * consecutive positions, and rewinding rings to RFC 7946's right-hand rule. A polygon that
 * intersects itself, whose holes cross or leave its shell, or that collapses to nothing
 * cannot be repaired without choosing what the area "should" be, so it is an error.
 * Checks run in the source coordinates (metres for UTM), before reprojection.
 */
import type { Position } from './crs';

export type PolygonError = 'poly-coordinates' | 'poly-too-few' | 'poly-zero-area' | 'poly-self-intersection' | 'poly-ring-crossing' | 'poly-hole-outside';

export interface PolygonRepairs {
  closed: boolean;
  duplicatesRemoved: number;
  rewound: boolean;
}

export interface CheckedGeometry {
  type: 'Polygon' | 'MultiPolygon';
  /** Cleaned rings (closed, x/y only), or null when there are errors. */
  polygons: Position[][][] | null;
  errors: PolygonError[];
  repairs: PolygonRepairs;
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function toPosition(value: unknown): Position | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [x, y] = value as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

/** Twice the signed area (positive = counterclockwise with y pointing north). */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

type Contact = 'none' | 'proper' | 'touch' | 'overlap';

function contact(p1: Position, p2: Position, q1: Position, q2: Position): Contact {
  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlapping in more than a point is an overlap, in one point a touch.
    const axis = p1[0] !== p2[0] ? 0 : 1;
    const [a0, a1] = [Math.min(p1[axis], p2[axis]), Math.max(p1[axis], p2[axis])];
    const [b0, b1] = [Math.min(q1[axis], q2[axis]), Math.max(q1[axis], q2[axis])];
    const lo = Math.max(a0, b0);
    const hi = Math.min(a1, b1);
    return hi > lo ? 'overlap' : hi === lo ? 'touch' : 'none';
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'proper';
  if ((o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, p2, q2)) || (o3 === 0 && onSegment(q1, q2, p1)) || (o4 === 0 && onSegment(q1, q2, p2))) {
    return 'touch';
  }
  return 'none';
}

interface Segment {
  ring: number;
  index: number;
  a: Position;
  b: Position;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Finds self-intersections and ring crossings with a sweep over x (open rings: last → first is implied). */
function intersections(rings: readonly Position[][]): { self: boolean; crossing: boolean } {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      segments.push({ ring: r, index: i, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let self = false;
  let crossing = false;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j]!;
      if (t.minX > s.maxX) break;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      const c = contact(s.a, s.b, t.a, t.b);
      if (c === 'none') continue;
      if (s.ring !== t.ring) {
        if (c !== 'touch') crossing = true;
        continue;
      }
      const n = rings[s.ring]!.length;
      const adjacent = Math.abs(s.index - t.index) === 1 || Math.abs(s.index - t.index) === n - 1;
      // Neighbours share a vertex; only folding back over each other (a spike) is wrong.
      if (adjacent ? c === 'overlap' : true) self = true;
    }
    if (self && crossing) break;
  }
  return { self, crossing };
}

function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function onRingBoundary(p: Position, ring: readonly Position[]): boolean {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    if (orient(a, b, p) === 0 && onSegment(a, b, p)) return true;
  }
  return false;
}

/** Cleans one ring to an open list of distinct consecutive positions. */
function cleanRing(raw: unknown, repairs: PolygonRepairs, errors: Set<PolygonError>): Position[] | null {
  if (!Array.isArray(raw)) {
    errors.add('poly-coordinates');
    return null;
  }
  const positions: Position[] = [];
  for (const value of raw) {
    const p = toPosition(value);
    if (!p) {
      errors.add('poly-coordinates');
      return null;
    }
    positions.push(p);
  }
  if (positions.length === 0) {
    errors.add('poly-too-few');
    return null;
  }
  const wasClosed = positions.length > 1 && same(positions[0]!, positions[positions.length - 1]!);
  if (!wasClosed) repairs.closed = true;
  const open = wasClosed ? positions.slice(0, -1) : positions;
  const ring: Position[] = [];
  for (const p of open) {
    if (ring.length > 0 && same(ring[ring.length - 1]!, p)) repairs.duplicatesRemoved++;
    else ring.push(p);
  }
  while (ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!)) {
    ring.pop();
    repairs.duplicatesRemoved++;
  }
  if (ring.length < 3) {
    errors.add('poly-too-few');
    return null;
  }
  // All on one line: no area at all (a bow tie also sums to zero, but is caught as crossing).
  if (ring.every((p) => orient(ring[0]!, ring[1]!, p) === 0)) {
    errors.add('poly-zero-area');
    return null;
  }
  return ring;
}

function checkPolygon(raw: unknown, repairs: PolygonRepairs, errors: Set<PolygonError>): Position[][] | null {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.add('poly-too-few');
    return null;
  }
  const rings: Position[][] = [];
  for (const r of raw as unknown[]) {
    const ring = cleanRing(r, repairs, errors);
    if (!ring) return null;
    rings.push(ring);
  }
  const { self, crossing } = intersections(rings);
  if (self) errors.add('poly-self-intersection');
  if (crossing) errors.add('poly-ring-crossing');
  if (self || crossing) return null;
  const [shell, ...holes] = rings as [Position[], ...Position[][]];
  for (const hole of holes) {
    const probe = hole.find((p) => !onRingBoundary(p, shell));
    if (probe && !pointInRing(probe, shell)) {
      errors.add('poly-hole-outside');
      return null;
    }
  }
  // RFC 7946: shells counterclockwise, holes clockwise. Safe to reverse: the ring is simple.
  return rings.map((ring, index) => {
    const ccw = signedArea2(ring) > 0;
    const wanted = index === 0;
    if (ccw !== wanted) {
      repairs.rewound = true;
      ring.reverse();
    }
    return [...ring, ring[0]!];
  });
}

export function checkGeometry(geometry: { type: string; coordinates?: unknown }): CheckedGeometry {
  const repairs: PolygonRepairs = { closed: false, duplicatesRemoved: 0, rewound: false };
  const errors = new Set<PolygonError>();
  const type = geometry.type === 'MultiPolygon' ? 'MultiPolygon' : 'Polygon';
  const parts = type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
  const polygons: Position[][][] = [];
  if (!Array.isArray(parts) || parts.length === 0) errors.add('poly-too-few');
  else {
    for (const part of parts as unknown[]) {
      const polygon = checkPolygon(part, repairs, errors);
      if (polygon) polygons.push(polygon);
    }
  }
  const sorted = [...errors].sort();
  return { type, polygons: sorted.length === 0 ? polygons : null, errors: sorted, repairs };
}
