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
});
