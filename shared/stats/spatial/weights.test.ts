import { describe, expect, it } from 'vitest';
import { latticeAdjacency, polygonLattice } from './lattice';
import {
  adjacencyRecord,
  cardinality,
  contiguityWeights,
  contiguityWeightsBoth,
  neighboursOf,
  rowStandardise,
  subsetWeights,
  weightsFromAdjacency,
  weightsFromNeighbourLists,
  type PolygonFeatureCollection,
} from './weights';

type Ring = [number, number][];

function polygon(id: string, ...rings: Ring[]) {
  return { type: 'Feature', properties: { area_id: id }, geometry: { type: 'Polygon', coordinates: rings } };
}

/** Closed counter-clockwise rectangle [x0, x1] × [y0, y1]. */
function rect(x0: number, y0: number, x1: number, y1: number): Ring {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

function collection(...features: ReturnType<typeof polygon>[]): PolygonFeatureCollection {
  return { features };
}

function grid3x3(offset = 0): PolygonFeatureCollection {
  const features = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) features.push(polygon(`${r}${c}`, rect(offset + c, offset + r, offset + c + 1, offset + r + 1)));
  return collection(...features);
}

describe('contiguity weights from polygons', () => {
  it('finds queen and rook neighbours of a 3 × 3 grid of squares', () => {
    const { queen, rook } = contiguityWeightsBoth(grid3x3(12));
    expect(queen.ids).toEqual(['00', '01', '02', '10', '11', '12', '20', '21', '22']);
    expect(Array.from(queen.offsets)).toEqual([0, 3, 8, 11, 16, 24, 29, 32, 37, 40]);
    expect(adjacencyRecord(queen)['00']).toEqual(['01', '10', '11']);
    expect(adjacencyRecord(queen)['11']).toEqual(['00', '01', '02', '10', '12', '20', '21', '22']);
    expect(adjacencyRecord(rook)['00']).toEqual(['01', '10']);
    expect(adjacencyRecord(rook)['11']).toEqual(['01', '10', '12', '21']);
    expect(Array.from({ length: 9 }, (_, i) => cardinality(rook, i))).toEqual([2, 3, 2, 3, 4, 3, 2, 3, 2]);
    expect(queen.islands).toEqual([]);
    expect(queen.kind).toBe('queen');
    expect(rook.kind).toBe('rook');
  });

  it('rows are ascending and symmetric', () => {
    const w = contiguityWeights(grid3x3());
    for (let i = 0; i < 9; i++) {
      const row = Array.from(neighboursOf(w, i));
      expect(row).toEqual([...row].sort((a, b) => a - b));
      for (const j of row) expect(Array.from(neighboursOf(w, j))).toContain(i);
    }
  });

  it('a corner contact is queen but not rook', () => {
    const { queen, rook } = contiguityWeightsBoth(collection(polygon('a', rect(0, 0, 1, 1)), polygon('b', rect(1, 1, 2, 2))));
    expect(adjacencyRecord(queen)).toEqual({ a: ['b'], b: ['a'] });
    expect(adjacencyRecord(rook)).toEqual({ a: [], b: [] });
    expect(rook.islands).toEqual([0, 1]);
  });

  it('handles T-junctions: a shared edge with vertices on one side only', () => {
    // A spans the bottom; B and C sit on top of it, meeting at (1, 1), which is not a
    // vertex of A. A vertex lookup would miss the A–C edge and see A–B only at a corner.
    const { queen, rook } = contiguityWeightsBoth(
      collection(polygon('A', rect(0, 0, 2, 1)), polygon('B', rect(0, 1, 1, 2)), polygon('C', rect(1, 1, 2, 2))),
    );
    expect(adjacencyRecord(rook)).toEqual({ A: ['B', 'C'], B: ['A', 'C'], C: ['A', 'B'] });
    expect(adjacencyRecord(queen)).toEqual(adjacencyRecord(rook));
  });

  it('a vertex touching the middle of an edge is queen only', () => {
    const triangle: Ring = [
      [0.5, 1],
      [1, 2],
      [0, 2],
      [0.5, 1],
    ];
    const { queen, rook } = contiguityWeightsBoth(collection(polygon('square', rect(0, 0, 1, 1)), polygon('tip', triangle)));
    expect(adjacencyRecord(queen)).toEqual({ square: ['tip'], tip: ['square'] });
    expect(adjacencyRecord(rook)).toEqual({ square: [], tip: [] });
  });

  it('absorbs floating-point noise below the tolerance and not real gaps', () => {
    const noisy = collection(polygon('a', rect(10, 55, 10.01, 55.01)), polygon('b', rect(10.01 + 3e-13, 55 - 2e-13, 10.02, 55.01 + 1e-13)));
    expect(adjacencyRecord(contiguityWeights(noisy, { kind: 'rook' }))).toEqual({ a: ['b'], b: ['a'] });
    const gap = collection(polygon('a', rect(10, 55, 10.01, 55.01)), polygon('b', rect(10.01 + 1e-7, 55, 10.02, 55.01)));
    const w = contiguityWeights(gap);
    expect(adjacencyRecord(w)).toEqual({ a: [], b: [] });
    expect(w.islands).toEqual([0, 1]);
    // A coarser tolerance (1e-6°) closes that 1e-7° gap.
    expect(adjacencyRecord(contiguityWeights(gap, { tolerance: 1e-6, kind: 'rook' }))).toEqual({ a: ['b'], b: ['a'] });
  });

  it('reads MultiPolygons and holes, and leaves features without a polygon as islands', () => {
    const frame = polygon('frame', rect(0, 0, 3, 3), [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
    ]);
    const inner = polygon('inner', rect(1, 1, 2, 2));
    const multi = {
      type: 'Feature',
      properties: { area_id: 'multi' },
      geometry: { type: 'MultiPolygon', coordinates: [[rect(10, 10, 11, 11)], [rect(3, 0, 4, 1)]] },
    };
    const empty = { type: 'Feature', properties: { area_id: 'empty' }, geometry: null };
    const point = { type: 'Feature', properties: { area_id: 'point' }, geometry: { type: 'Point', coordinates: [1.5, 1.5] } };
    const w = contiguityWeights({ features: [frame, inner, multi, empty, point] }, { kind: 'rook' });
    expect(adjacencyRecord(w)).toEqual({ frame: ['inner', 'multi'], inner: ['frame'], multi: ['frame'], empty: [], point: [] });
    expect(w.islands).toEqual([3, 4]);
  });

  it('closes unclosed rings and skips repeated and invalid positions', () => {
    const open: Ring = [
      [1, 0],
      [2, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ];
    const withJunk = [[0, 0], [1, 0], ['x', 3], [1, 1], [0, 1], [0, 0]];
    const w = contiguityWeights({ features: [polygon('open', open), { properties: { area_id: 'junk' }, geometry: { type: 'Polygon', coordinates: [withJunk] } }] }, { kind: 'rook' });
    expect(adjacencyRecord(w)).toEqual({ open: ['junk'], junk: ['open'] });
  });

  it('rejects missing and duplicate ids, and takes another id property', () => {
    expect(() => contiguityWeights(collection(polygon('a', rect(0, 0, 1, 1)), polygon('a', rect(1, 0, 2, 1))))).toThrow(/more than once/);
    expect(() => contiguityWeights({ features: [{ properties: {}, geometry: { type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] } }] })).toThrow(/no area_id/);
    const numbered = { features: [0, 1].map((k) => ({ properties: { code: 101 + k }, geometry: { type: 'Polygon', coordinates: [rect(k, 0, k + 1, 1)] } })) };
    expect(adjacencyRecord(contiguityWeights(numbered, { idProperty: 'code' }))).toEqual({ '101': ['102'], '102': ['101'] });
  });

  it('matches a jittered lattice with densified, wobbly shared edges exactly', () => {
    const options = { columns: 17, count: 17 * 13 + 5, edgeVertices: 3, seed: 7 };
    const { queen, rook } = contiguityWeightsBoth(polygonLattice(options));
    expect(adjacencyRecord(queen)).toEqual(latticeAdjacency(options, 'queen'));
    expect(adjacencyRecord(rook)).toEqual(latticeAdjacency(options, 'rook'));
  });

  it('matches a lattice whose edges carry vertices on one side only (T-junctions everywhere)', () => {
    const options = { columns: 12, count: 12 * 12, edgeVertices: 2, oneSided: true, seed: 3 };
    const { queen, rook } = contiguityWeightsBoth(polygonLattice(options));
    expect(adjacencyRecord(queen)).toEqual(latticeAdjacency(options, 'queen'));
    expect(adjacencyRecord(rook)).toEqual(latticeAdjacency(options, 'rook'));
  });

  it('builds 3,085 areas in well under a second', () => {
    const options = { columns: 56, count: 3085, edgeVertices: 4, seed: 11 };
    const lattice = polygonLattice(options);
    const started = performance.now();
    const w = contiguityWeights(lattice);
    const ms = performance.now() - started;
    expect(adjacencyRecord(w)).toEqual(latticeAdjacency(options, 'queen'));
    expect(ms).toBeLessThan(1000);
  });
});

describe('weights helpers', () => {
  const w = weightsFromNeighbourLists(['a', 'b', 'c', 'd'], [[1], [2], [], []]);

  it('symmetrises lists, drops self-links and finds islands', () => {
    expect(adjacencyRecord(w)).toEqual({ a: ['b'], b: ['a', 'c'], c: ['b'], d: [] });
    expect(w.islands).toEqual([3]);
    expect(adjacencyRecord(weightsFromNeighbourLists(['a', 'b'], [[0, 1, 1], []]))).toEqual({ a: ['b'], b: ['a'] });
    expect(() => weightsFromNeighbourLists(['a'], [[3]])).toThrow(/outside/);
  });

  it('row-standardises to 1/k per row, islands empty', () => {
    expect(Array.from(rowStandardise(w))).toEqual([1, 0.5, 0.5, 1]);
  });

  it('round-trips an adjacency record', () => {
    const record = { x: ['y', 'z'], y: ['x'], z: ['x'] };
    expect(adjacencyRecord(weightsFromAdjacency(record))).toEqual(record);
    expect(() => weightsFromAdjacency({ x: ['q'] })).toThrow(/not among/);
  });

  it('subsets, dropping links to removed areas', () => {
    const { weights, index } = subsetWeights(w, [true, false, true, true]);
    expect(weights.ids).toEqual(['a', 'c', 'd']);
    expect(Array.from(index)).toEqual([0, 2, 3]);
    expect(weights.islands).toEqual([0, 1, 2]);
  });
});
