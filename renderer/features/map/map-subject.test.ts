import { describe, expect, it } from 'vitest';
import { changeCells } from './map-subject';

describe('changeCells', () => {
  it('subtracts the baseline per area, keeps gaps and carries small populations', () => {
    const now = [
      { areaId: 'a', value: 0.3 },
      { areaId: 'b', value: 0.2, small: true },
      { areaId: 'c', value: null },
      { areaId: 'd', value: 0.5 },
    ];
    const then = [
      { areaId: 'a', value: 0.25, small: true },
      { areaId: 'b', value: 0.25 },
      { areaId: 'c', value: 0.1 },
    ];
    const out = changeCells(now, then);
    expect(out[0]!.value).toBeCloseTo(0.05, 12);
    expect(out[1]!.value).toBeCloseTo(-0.05, 12);
    expect(out.map((c) => c.small)).toEqual([true, true, false, false]);
    expect(out[2]!.value).toBeNull();
    expect(out[3]!.value).toBeNull();
  });
});
