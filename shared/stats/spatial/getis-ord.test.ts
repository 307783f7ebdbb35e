import { describe, expect, it } from 'vitest';
import { getisOrdGiStar } from './getis-ord';
import { weightsFromNeighbourLists } from './weights';

describe('Getis–Ord Gi*', () => {
  // PySAL esda.G_Local docstring example: points (10,10), (20,10), (40,10), (15,20),
  // (30,20), (30,30) with a distance band of 15 (d ≤ 15 are neighbours), y = 2, 3, 3.2,
  // 5, 8, 7; G_Local(y, w, transform='B', star=True).Zs is published there.
  const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
  const w = weightsFromNeighbourLists(ids, [[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]]);
  const y = [2, 3, 3.2, 5, 8, 7];

  it('reproduces PySAL’s published binary Gi* z-scores', () => {
    const r = getisOrdGiStar(y, w, { permutations: 99 });
    const published = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    r.areas.forEach((a, i) => expect(a.z).toBeCloseTo(published[i]!, 7));
  });

  it('Gi* is the window sum over the total, self included', () => {
    const r = getisOrdGiStar(y, w, { permutations: 99 });
    // Σy = 28.2; p0's window {p0, p1, p3}: 2 + 3 + 5 = 10; p4's: 3 + 3.2 + 5 + 8 + 7 = 26.2.
    const windows = [10, 18, 11.2, 18, 26.2, 15];
    r.areas.forEach((a, i) => expect(a.g).toBeCloseTo(windows[i]! / 28.2, 12));
  });

  it('z by hand for p5: window {p4, p5}, W = 2', () => {
    // ȳ = 4.7, s² = Σy²/n − ȳ² = (4 + 9 + 10.24 + 25 + 64 + 49)/6 − 22.09 = 4.7633…
    // z = (15 − 2·4.7) / (s·√((6·2 − 4)/5)) = 5.6 / (2.18251·1.26491) = 2.02424.
    const s = Math.sqrt((4 + 9 + 10.24 + 25 + 64 + 49) / 6 - 4.7 * 4.7);
    const r = getisOrdGiStar(y, w, { permutations: 99 });
    expect(r.areas[5]!.z).toBeCloseTo(5.6 / (s * Math.sqrt(8 / 5)), 12);
  });

  it('hot and cold follow the tail of the pseudo p, and ratio is null for negative indicators', () => {
    const r = getisOrdGiStar(y, w, { permutations: 999 });
    expect(r.areas[5]!.direction).toBe('hot');
    expect(r.areas[0]!.direction).toBe('cold');
    for (const a of r.areas) {
      expect(a.p).toBeGreaterThanOrEqual(1 / 1000);
      expect(a.p).toBeLessThanOrEqual(1);
      expect(a.cluster).toBe(a.significant ? a.direction : null);
    }
    const shifted = getisOrdGiStar(
      y.map((v) => v - 5),
      w,
      { permutations: 999 },
    );
    expect(shifted.areas.every((a) => a.g === null)).toBe(true);
    // z and p do not depend on a shift of the indicator.
    shifted.areas.forEach((a, i) => {
      expect(a.z).toBeCloseTo(r.areas[i]!.z!, 10);
      expect(a.p).toBe(r.areas[i]!.p);
    });
  });

  it('two areas: the window is everything, so z is undefined; p = 1', () => {
    const r = getisOrdGiStar([1, 3], weightsFromNeighbourLists(['a', 'b'], [[1], [0]]), { permutations: 99 });
    for (const a of r.areas) {
      expect(a.z).toBeNull();
      expect(a.p).toBe(1);
      expect(a.g).toBeCloseTo(1, 12);
    }
  });

  it('islands and constants: null with a reason', () => {
    const lone = weightsFromNeighbourLists(['a', 'b', 'c'], [[1], [], []]);
    const r = getisOrdGiStar([1, 2, 3], lone);
    expect(r.areas[2]).toMatchObject({ g: null, z: null, p: null, reason: 'no neighbours' });
    const constant = getisOrdGiStar([4, 4, 4], lone);
    expect(constant.reason).toBe('constant indicator');
    expect(constant.areas.every((a) => a.z === null && a.p === null && a.g === null)).toBe(true);
  });
});
