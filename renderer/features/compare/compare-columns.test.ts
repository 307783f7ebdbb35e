import { describe, expect, it } from 'vitest';
import type { ExtractManifest } from '../../../shared/extract/manifest';
import type { PackCell, PackResults } from '../../../shared/indicators/results';
import { compareColumns } from './compare-columns';

const manifest = {
  areaLayers: [
    { id: 'basis', parent: { layer: 'bydel', property: 'bydel_id' } },
    { id: 'bydel', parent: null },
  ],
} as unknown as ExtractManifest;

function cell(layerId: string, areaId: string, value: number, period = 2024): PackCell {
  return { layerId, indicatorId: 'x', period, areaId, numerator: 0, denominator: 100, value, lower: value - 0.1, upper: value + 0.1, small: areaId === 'b', method: 'wilson', reference: null };
}

const results: PackResults = {
  cells: [cell('basis', 'a', 0.1), cell('basis', 'b', 0.2), cell('basis', 'c', 0.3), cell('basis', 'a', 0.9, 2023), cell('bydel', 'N', 0.15), cell('bydel', 'S', 0.3)],
  municipality: [{ indicatorId: 'x', period: 2024, numerator: 1, denominator: 10, value: 0.2, lower: 0.1, upper: 0.3 }],
};
const areas = [
  { id: 'a', name: 'A', parentId: 'N', parentName: 'Nord' },
  { id: 'b', name: 'B', parentId: 'N', parentName: 'Nord' },
  { id: 'c', name: 'C', parentId: 'S', parentName: 'Syd' },
];

describe('compareColumns', () => {
  it('gives the chosen areas, each of their bydele once, then the municipality', () => {
    const columns = compareColumns(results, manifest, 'basis', areas, ['b', 'a', 'c'], 2024, 'Kommunen');
    expect(columns.map((c) => [c.kind, c.label])).toEqual([
      ['area', 'B'],
      ['area', 'A'],
      ['area', 'C'],
      ['parent', 'Nord'],
      ['parent', 'Syd'],
      ['municipality', 'Kommunen'],
    ]);
    expect(columns.map((c) => c.cell('x')?.value)).toEqual([0.2, 0.1, 0.3, 0.15, 0.3, 0.2]);
    expect(columns[0]!.cell('x')?.small).toBe(true);
  });

  it('reads the chosen period only, and a layer without a parent has no bydel columns', () => {
    const columns = compareColumns(results, manifest, 'bydel', [{ id: 'N', name: 'Nord', parentId: null, parentName: null }], ['N', 'gone'], 2024, 'M');
    expect(columns.map((c) => c.kind)).toEqual(['area', 'municipality']);
    expect(compareColumns(results, manifest, 'basis', areas, ['a'], 2023, 'M')[0]!.cell('x')?.value).toBe(0.9);
  });
});
