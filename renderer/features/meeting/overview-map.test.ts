import { describe, expect, it } from 'vitest';
import type { BriefingPack } from '../../../shared/briefing/schema';
import { projectAreas } from './overview-map';

const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
const area = (id: string, geometry: ReturnType<typeof square> | null) => ({ id, name: id, geometry, colour: '#000000', figures: {}, flags: [], note: '' });

describe('projectAreas', () => {
  it('fits the areas into the box, north up, keeping the aspect ratio', () => {
    const areas = [area('a', square(0, 0)), area('b', square(1, 0)), area('none', null)] as BriefingPack['areas'];
    const out = projectAreas(areas, 220, 120, 10);
    expect(out.map((a) => a.id)).toEqual(['a', 'b']);
    // Two squares side by side near the equator: 2 × 1, scaled by 100 into 200 × 100.
    expect(out[0]!.path.startsWith('M10.0,110.0L110.0,110.0')).toBe(true);
    expect(out[1]!.label[0]).toBeGreaterThan(out[0]!.label[0]);
    expect(out[0]!.label[1]).toBeCloseTo(70, 0);
  });

  it('draws outlines with hundreds of thousands of positions (no spreading into Math.min)', () => {
    // 60 areas of 4 001 positions each: 240 060 in all, past where Math.min(...lons) overflows.
    const circle = (cx: number, cy: number, n: number) => ({
      type: 'Polygon' as const,
      coordinates: [Array.from({ length: n + 1 }, (_, i) => [cx + 0.01 * Math.cos((2 * Math.PI * i) / n), cy + 0.01 * Math.sin((2 * Math.PI * i) / n)] as [number, number])],
    });
    const areas = Array.from({ length: 60 }, (_, j) => ({ ...area(`a${j}`, null), geometry: circle(12 + 0.03 * (j % 10), 55 + 0.03 * Math.floor(j / 10), 4_000) })) as BriefingPack['areas'];
    const out = projectAreas(areas, 960, 640);
    expect(out).toHaveLength(60);
    for (const a of out) {
      expect(a.path).not.toMatch(/NaN|Infinity/);
      expect(a.label.every(Number.isFinite)).toBe(true);
    }
    // The bounding box still fits the map: centred, touching the padding on one axis.
    const box = (axis: 1 | 2) => {
      let [lo, hi] = [Infinity, -Infinity];
      for (const a of out) for (const m of a.path.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) [lo, hi] = [Math.min(lo, Number(m[axis])), Math.max(hi, Number(m[axis]))];
      return [lo, hi] as const;
    };
    const [left, right] = box(1);
    const [top, bottom] = box(2);
    expect(left + right).toBeCloseTo(960, 0);
    expect(top + bottom).toBeCloseTo(640, 0);
    expect(Math.abs(left - 16) < 0.2 || Math.abs(top - 16) < 0.2).toBe(true);
  });
});
