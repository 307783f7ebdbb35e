/**
 * A synthetic polygon lattice (GeoJSON, lon/lat degrees) for tests and benchmarks of the
 * spatial statistics: `count` cells filled row by row into a grid `columns` wide, with
 * seeded jitter of the inner vertices and optional densified edges, so that its queen
 * and rook neighbours are known exactly (queen: the up to 8 surrounding cells; rook:
 * the up to 4 sharing a side).
 */
import { Xoshiro128 } from './random';

export interface LatticeOptions {
  columns: number;
  /** Number of cells (default columns², a square); the last row may be partial. */
  count?: number;
  /** Cell size in degrees (default 0.005°, about 300–550 m in Denmark). */
  cellSize?: number;
  /** South-west corner (default 12.4° E, 55.6° N, near Copenhagen). */
  origin?: [number, number];
  /** Inner vertices move up to this share of a cell in x and y (default 0.2). */
  jitter?: number;
  /** Extra vertices per edge (default 0). */
  edgeVertices?: number;
  /**
   * Put the extra vertices on one side of each edge only (the cell left of or below the
   * edge), exactly on the straight edge: the other side then meets them edge-on-vertex
   * (T-junctions). Default false: both sides share the extra vertices, which then wobble
   * off the straight line.
   */
  oneSided?: boolean;
  seed?: number;
}

export interface LatticeFeature {
  type: 'Feature';
  properties: { area_id: string; column: number; row: number };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}

export interface Lattice {
  type: 'FeatureCollection';
  features: LatticeFeature[];
}

/** Id of the cell at (column, row): "c{column}r{row}". */
export function latticeId(column: number, row: number): string {
  return `c${column}r${row}`;
}

export function polygonLattice(options: LatticeOptions): Lattice {
  const columns = options.columns;
  const count = options.count ?? columns * columns;
  const rows = Math.ceil(count / columns);
  const size = options.cellSize ?? 0.005;
  const [x0, y0] = options.origin ?? [12.4, 55.6];
  const jitter = options.jitter ?? 0.2;
  const extra = options.edgeVertices ?? 0;
  const oneSided = options.oneSided ?? false;
  const rng = new Xoshiro128(options.seed ?? 1);
  const exists = (c: number, r: number) => c >= 0 && r >= 0 && c < columns && r * columns + c < count;

  // Grid vertices; a vertex moves only if all four cells around it exist, so the
  // outline stays straight where it matters for nothing but looks.
  const vx = new Float64Array((columns + 1) * (rows + 1));
  const vy = new Float64Array((columns + 1) * (rows + 1));
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) {
      const inner = exists(c - 1, r - 1) && exists(c, r - 1) && exists(c - 1, r) && exists(c, r);
      const jx = inner ? (rng.nextFloat() * 2 - 1) * jitter : 0;
      const jy = inner ? (rng.nextFloat() * 2 - 1) * jitter : 0;
      vx[r * (columns + 1) + c] = x0 + (c + jx) * size;
      vy[r * (columns + 1) + c] = y0 + (r + jy) * size;
    }
  }
  const vertex = (c: number, r: number): [number, number] => [vx[r * (columns + 1) + c] as number, vy[r * (columns + 1) + c] as number];

  // Points strictly inside the edge from a to b (deterministic per edge, so both sides
  // agree); wobble only when both sides carry them.
  const edgePoints = (a: [number, number], b: [number, number], key: number): [number, number][] => {
    const out: [number, number][] = [];
    const wobbleRng = new Xoshiro128(key);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    for (let k = 1; k <= extra; k++) {
      const t = k / (extra + 1);
      const wobble = oneSided ? 0 : (wobbleRng.nextFloat() * 2 - 1) * 0.05;
      out.push([a[0] + t * dx - wobble * dy, a[1] + t * dy + wobble * dx]);
    }
    return out;
  };

  const features: LatticeFeature[] = [];
  for (let index = 0; index < count; index++) {
    const c = index % columns;
    const r = Math.floor(index / columns);
    const sw = vertex(c, r);
    const se = vertex(c + 1, r);
    const ne = vertex(c + 1, r + 1);
    const nw = vertex(c, r + 1);
    // Edge keys: horizontal edge at (c, r) → 2·id, vertical → 2·id + 1 (id of its lower/left vertex).
    const hKey = (cc: number, rr: number) => 2 * (rr * (columns + 1) + cc) + 1000003;
    const vKey = (cc: number, rr: number) => 2 * (rr * (columns + 1) + cc) + 1000004;
    // One-sided: the cell left of a vertical edge and the cell below a horizontal edge
    // carry its points; the east and north edges of a cell are such edges.
    const south = oneSided ? [] : edgePoints(sw, se, hKey(c, r));
    const east = edgePoints(se, ne, vKey(c + 1, r));
    const north = edgePoints(nw, ne, hKey(c, r + 1)).reverse();
    const west = oneSided ? [] : edgePoints(sw, nw, vKey(c, r)).reverse();
    const ring: [number, number][] = [sw, ...south, se, ...east, ne, ...north, nw, ...west, sw];
    features.push({
      type: 'Feature',
      properties: { area_id: latticeId(c, r), column: c, row: r },
      geometry: { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The lattice's exact neighbours by id (sorted), for queen or rook contiguity. */
export function latticeAdjacency(options: Pick<LatticeOptions, 'columns' | 'count'>, kind: 'queen' | 'rook'): Record<string, string[]> {
  const columns = options.columns;
  const count = options.count ?? columns * columns;
  const exists = (c: number, r: number) => c >= 0 && r >= 0 && c < columns && r * columns + c < count;
  const out: Record<string, string[]> = {};
  for (let index = 0; index < count; index++) {
    const c = index % columns;
    const r = Math.floor(index / columns);
    const list: string[] = [];
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if (dc === 0 && dr === 0) continue;
        if (kind === 'rook' && dc !== 0 && dr !== 0) continue;
        if (exists(c + dc, r + dr)) list.push(latticeId(c + dc, r + dr));
      }
    }
    out[latticeId(c, r)] = list.sort();
  }
  return out;
}
