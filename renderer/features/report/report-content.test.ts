import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/indicators/pack';
import type { IndicatorCell } from '../../../shared/indicators/results';
import { areaTable, layerTable, type ReportText } from './report-content';

const text: ReportText = { indicator: 'Indikator', value: 'Værdi', interval: 'Interval', municipality: 'Kommunen', rank: 'Placering', area: 'Område', withheld: 'udeladt' };
const share = { id: 's', unit: 'share', label: { da: 'Andel', en: 'Share' }, direction: 'higher-is-worse' } as Indicator;
const cell = (areaId: string, numerator: number, denominator: number): IndicatorCell => ({
  indicatorId: 's', period: 2024, areaId, numerator, denominator, value: denominator ? numerator / denominator : null, lower: 0.1, upper: 0.3, small: false,
});

describe('report tables', () => {
  // The decision comes from the attacker-checked value export; here: withhold a's values.
  const protect = (c: { areaId: string }) => (c.areaId === 'a' ? { da: 'færre end 5 personer', en: 'fewer than 5 persons' } : null);
  it('an area: values with intervals, withheld values with their reason and no rank', () => {
    const ok = areaTable('T', [share], () => cell('b', 20, 100), () => 0.15, () => ({ rank: 3, of: 84 }), protect, 'da', text);
    expect(ok.rows[0]).toEqual(['Andel', '20,0 %', '10,0 % – 30,0 %', '15,0 %', '3/84']);
    const small = areaTable('T', [share], () => cell('a', 3, 100), () => 0.15, () => ({ rank: 1, of: 84 }), protect, 'en', text);
    expect(small.rows[0]).toEqual(['Share', 'udeladt (fewer than 5 persons)', '', '15.0 %', '–']);
    expect(small.withheldRows).toEqual([0]);
  });

  it('a layer: areas in name order, counts never written', () => {
    const cells = new Map([['b', cell('b', 37, 148)], ['a', cell('a', 2, 10)]]);
    const table = layerTable('T', share, [{ id: 'b', name: 'Bakken' }, { id: 'a', name: 'Ågade' }, { id: 'c', name: 'Centrum' }], (id) => cells.get(id), () => undefined, protect, 'da', text);
    expect(table.rows.map((r) => r[0])).toEqual(['Bakken (b)', 'Centrum (c)', 'Ågade (a)']);
    expect(table.rows[1]![1]).toBe('–');
    expect(table.withheldRows).toEqual([2]);
    expect(JSON.stringify(table)).not.toMatch(/37|148/);
  });
});
