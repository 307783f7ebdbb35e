import { describe, expect, it } from 'vitest';
import { contiguityWeights, weightsFromNeighbourLists } from '../stats/spatial';
import { computeFlags, connectedGroups } from './index';
import { LAYER, gridGeometry, packOf, resultsOf, rowsOf, shareIndicator } from './test-fixtures';
import type { HotSpotFlag } from './types';

// A 6 × 6 grid and an island. The 3 × 3 block in the corner (rows 0–2, columns 0–2) is high.
const { geometry, ids } = gridGeometry(6, 6, ['island']);
const inBlock = (id: string) => /^r[0-2]c[0-2]$/.test(id);

/** Shares of 1,000: the block at 28–30 %, the rest spread over 8–12 %, the island at 50 %. */
function shares(block: (i: number) => number, rest: (i: number) => number, empty: readonly string[] = []): (readonly [string, number, number])[] {
  return ids.map((id, i) => {
    if (empty.includes(id)) return [id, 0, 0] as const;
    if (id === 'island') return [id, 500, 1000] as const;
    return [id, inBlock(id) ? block(i) : rest(i), 1000] as const;
  });
}
const high = (i: number) => 280 + (i % 3) * 10;
const ordinary = (i: number) => 80 + ((i * 7) % 11) * 4;

const hotSpots = (flags: readonly { kind: string }[]) => flags.filter((f): f is HotSpotFlag => f.kind === 'hot-spot');

function analyse(direction: 'higher-is-worse' | 'higher-is-better', counts: ReturnType<typeof shares>, options = {}) {
  const x = shareIndicator('x', { direction });
  const results = resultsOf([x], rowsOf('x', 2024, counts), ids, [2024]);
  return computeFlags(packOf([x]), results, { layerId: LAYER, geometry, kinds: ['hot-spot'], ...options });
}

describe('hot spots of a higher-is-worse share', () => {
  const a = analyse('higher-is-worse', shares(high, ordinary, ['r5c5']));
  const flags = hotSpots(a.flags);

  it('finds the high block (HH), and nothing outside it', () => {
    const flagged = flags.map((f) => f.areaId);
    for (const id of ['r0c0', 'r0c1', 'r1c0', 'r1c1']) expect(flagged, id).toContain(id);
    expect(flagged.every(inBlock)).toBe(true);
    for (const f of flags) {
      expect(f.evidence.quadrant).toBe('HH');
      expect(f.evidence.giDirection).toBe('hot');
      expect(f.evidence.giZ!).toBeGreaterThan(0);
      expect(f.evidence.pseudoP).toBeLessThanOrEqual(0.05);
      expect(f.link.view).toBe('cluster-map');
    }
  });

  it('names the neighbours and the connected cluster', () => {
    const corner = flags.find((f) => f.areaId === 'r0c0')!;
    expect(corner.evidence.neighbours.sort()).toEqual(['r0c1', 'r1c0', 'r1c1']);
    expect(corner.evidence.cluster).toContain('r1c1');
    expect(corner.evidence.cluster).toEqual(a.hotSpots[0]!.clusters[0]);
    expect(corner.evidence.cluster.every(inBlock)).toBe(true);
    expect(corner.explanation.da).toMatch(/klynge af høje værdier/);
    expect(corner.explanation.en).toMatch(/999 conditional permutations \(seed 12345\)/);
  });

  it('gives the island and the empty area no statistic and no flag, with the reason', () => {
    const data = a.hotSpots[0]!;
    expect(data.areas.find((x) => x.areaId === 'island')).toMatchObject({ localI: null, pseudoP: null, level: null, reason: 'no neighbours' });
    expect(data.areas.find((x) => x.areaId === 'r5c5')).toMatchObject({ value: null, level: null, reason: 'missing value' });
    expect(flags.some((f) => f.areaId === 'island' || f.areaId === 'r5c5')).toBe(false);
  });

  it('reports global Moran\'s I, positive for one clustered block', () => {
    const g = a.hotSpots[0]!.globalMoran!;
    expect(g.i).toBeGreaterThan(0.3);
    expect(g.pseudoP).toBeLessThanOrEqual(0.01);
  });

  it('repeats with the same seed; FDR control keeps a subset, and survivors are alarms', () => {
    const again = analyse('higher-is-worse', shares(high, ordinary, ['r5c5']));
    expect(again.hotSpots[0]!.areas.map((x) => x.pseudoP)).toEqual(a.hotSpots[0]!.areas.map((x) => x.pseudoP));
    const other = analyse('higher-is-worse', shares(high, ordinary, ['r5c5']), { seed: 7 });
    expect(other.hotSpots[0]!.areas.map((x) => x.pseudoP)).not.toEqual(a.hotSpots[0]!.areas.map((x) => x.pseudoP));
    const fdr = hotSpots(analyse('higher-is-worse', shares(high, ordinary, ['r5c5']), { fdr: true }).flags);
    expect(fdr.length).toBeGreaterThan(0);
    expect(fdr.every((f) => flags.some((g) => g.areaId === f.areaId))).toBe(true);
    expect(fdr.every((f) => f.severity === 'alarm' && f.evidence.q! <= 0.05)).toBe(true);
    for (const f of flags) expect(f.severity).toBe(f.evidence.q! <= 0.05 ? 'alarm' : 'warning');
  });
});

describe('hot spots follow the direction', () => {
  it('a low block of a higher-is-better share is flagged (LL), a high block is not', () => {
    const low = (i: number) => 700 + (i % 3) * 10;
    const good = (i: number) => 900 + ((i * 7) % 11) * 4;
    const lowBlock = hotSpots(analyse('higher-is-better', shares(low, good)).flags);
    expect(lowBlock.map((f) => f.areaId)).toContain('r1c1');
    expect(lowBlock.every((f) => inBlock(f.areaId) && f.evidence.quadrant === 'LL')).toBe(true);
    // The high block of a higher-is-better share: information in the data, never a flag.
    const highBlock = analyse('higher-is-better', shares(high, ordinary));
    expect(hotSpots(highBlock.flags).filter((f) => inBlock(f.areaId))).toEqual([]);
    expect(highBlock.hotSpots[0]!.areas.find((x) => x.areaId === 'r1c1')).toMatchObject({ cluster: 'HH', level: null });
  });

  it('a constant indicator has no hot spots and says why', () => {
    const a = analyse('higher-is-worse', shares(() => 100, () => 100).map(([id, , n]) => [id, n === 0 ? 0 : 100, n] as const));
    expect(a.flags).toEqual([]);
    expect(a.hotSpots[0]!.unavailable?.en).toMatch(/same value in every area/);
    expect(a.hotSpots[0]!.globalMoran).toBeNull();
  });

  it('without geometry the check is skipped with a reason', () => {
    const x = shareIndicator('x');
    const a = computeFlags(packOf([x]), resultsOf([x], rowsOf('x', 2024, shares(high, ordinary)), ids, [2024]), { layerId: LAYER, kinds: ['hot-spot'] });
    expect(a.skipped).toMatchObject([{ indicatorId: 'x', kind: 'hot-spot', code: 'no-geometry' }]);
  });

  it('accepts weights built earlier instead of geometry', () => {
    const weights = contiguityWeights(geometry, { kind: 'queen' });
    const a = analyse('higher-is-worse', shares(high, ordinary), { geometry: null, weights });
    expect(hotSpots(a.flags).map((f) => f.areaId)).toContain('r1c1');
  });
});

describe('connectedGroups', () => {
  it('splits marked areas into groups connected through the weights, largest first', () => {
    // A path a–b–c–d–e: a, b and d, e are two groups; c is not marked.
    const w = weightsFromNeighbourLists(['a', 'b', 'c', 'd', 'e'], [[1], [0, 2], [1, 3], [2, 4], [3]]);
    expect(connectedGroups(w, new Set([0, 1, 3]))).toEqual([['a', 'b'], ['d']]);
    expect(connectedGroups(w, new Set([4, 3, 0]))).toEqual([['d', 'e'], ['a']]);
    expect(connectedGroups(w, new Set())).toEqual([]);
  });
});
