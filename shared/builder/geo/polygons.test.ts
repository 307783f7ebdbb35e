import { describe, expect, it } from 'vitest';
import { checkGeometry, signedArea2 } from './polygons';

type P = [number, number];
const poly = (...rings: P[][]) => ({ type: 'Polygon', coordinates: rings });
const ccw: P[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];

describe('polygon checks', () => {
  it('accepts a valid polygon with a hole and leaves it as it is', () => {
    const hole: P[] = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]];
    const r = checkGeometry(poly(ccw, hole));
    expect(r.errors).toEqual([]);
    expect(r.repairs).toEqual({ closed: false, duplicatesRemoved: 0, rewound: false });
    expect(r.polygons).toEqual([[ccw, hole]]);
  });

  it('closes open rings, drops repeated positions and rewinds to the right-hand rule', () => {
    const clockwiseOpen: P[] = [[0, 0], [0, 10], [0, 10], [10, 10], [10, 0]];
    const r = checkGeometry(poly(clockwiseOpen));
    expect(r.errors).toEqual([]);
    expect(r.repairs).toEqual({ closed: true, duplicatesRemoved: 1, rewound: true });
    const ring = r.polygons![0]![0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toHaveLength(5);
    expect(signedArea2(ring.slice(0, -1))).toBeGreaterThan(0);
  });

  it('rewinds holes to clockwise', () => {
    const ccwHole: P[] = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]];
    const r = checkGeometry(poly(ccw, ccwHole));
    expect(r.repairs.rewound).toBe(true);
    expect(signedArea2(r.polygons![0]![1]!.slice(0, -1))).toBeLessThan(0);
  });

  it('refuses a bow tie (self-intersection) rather than guessing the area', () => {
    const r = checkGeometry(poly([[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]));
    expect(r.errors).toEqual(['poly-self-intersection']);
    expect(r.polygons).toBeNull();
  });

  it('refuses a spike that folds back over itself and a ring that touches itself', () => {
    expect(checkGeometry(poly([[0, 0], [10, 0], [10, 10], [10, 5], [10, 15], [0, 10], [0, 0]])).errors).toEqual(['poly-self-intersection']);
    const figureEight: P[] = [[0, 0], [4, 0], [4, 4], [2, 4], [2, 0], [1, -2], [0, 0]];
    expect(checkGeometry(poly(figureEight)).errors).toContain('poly-self-intersection');
  });

  it('refuses degenerate rings', () => {
    expect(checkGeometry(poly([[0, 0], [1, 1], [0, 0]])).errors).toEqual(['poly-too-few']);
    expect(checkGeometry(poly([[0, 0], [1, 1], [2, 2], [0, 0]])).errors).toEqual(['poly-zero-area']);
    expect(checkGeometry(poly([[0, 0], [1, 'x' as unknown as number], [2, 2], [0, 0]])).errors).toEqual(['poly-coordinates']);
  });

  it('refuses holes that cross the shell or lie outside it', () => {
    expect(checkGeometry(poly(ccw, [[8, 8], [12, 8], [12, 12], [8, 12], [8, 8]])).errors).toEqual(['poly-ring-crossing']);
    expect(checkGeometry(poly(ccw, [[20, 20], [22, 20], [22, 22], [20, 22], [20, 20]])).errors).toEqual(['poly-hole-outside']);
  });

  it('checks every part of a MultiPolygon', () => {
    const r = checkGeometry({ type: 'MultiPolygon', coordinates: [[ccw], [[[20, 0], [30, 10], [30, 0], [20, 10], [20, 0]]]] });
    expect(r.type).toBe('MultiPolygon');
    expect(r.errors).toEqual(['poly-self-intersection']);
  });
});
