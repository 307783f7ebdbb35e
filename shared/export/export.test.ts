import { describe, expect, it } from 'vitest';
import { protectTable } from '../disclosure';
import { SOCIAL_BALANCE_PACK } from '../indicators/packs/index';
import type { PackCell, PackResults } from '../indicators/results';
import { indicatorTable, ExportTableError } from './indicator-table';
import { tableCsv, tableLines } from './table-files';

const share = SOCIAL_BALANCE_PACK.indicators.find((i) => i.id === 'outside_work_edu_18_64')!;
const mean = SOCIAL_BALANCE_PACK.indicators.find((i) => i.unit === 'dkk')!;
const cell = (areaId: string, numerator: number, denominator: number): PackCell => ({
  layerId: 'basis', indicatorId: share.id, period: 2024, areaId, numerator, denominator, value: numerator / denominator, lower: null, upper: null, small: false, method: 'wilson', reference: null,
});
const results: PackResults = { cells: [cell('a', 40, 200), cell('b', 3, 150), cell('c', 60, 300), cell('d', 50, 250)], municipality: [] };
const input = {
  indicator: share,
  results,
  periods: [2024],
  layer: { id: 'basis', areas: [{ id: 'a', name: 'A', parentId: 'N' }, { id: 'b', name: 'B', parentId: 'N' }, { id: 'c', name: 'C', parentId: 'S' }, { id: 'd', name: 'D', parentId: 'S' }] },
  parent: { id: 'bydel', areas: [{ id: 'N', name: 'Nord' }, { id: 'S', name: 'Syd' }] },
  coversMunicipality: true,
  municipalityName: 'Sundby',
};

describe('indicator export table', () => {
  it('states every sum: areas to their bydel, bydele to the municipality', () => {
    const { table, rows } = indicatorTable(input);
    expect(rows.map((r) => `${r.level}:${r.areaName}`)).toEqual(['area:A', 'area:B', 'area:C', 'area:D', 'parent:Nord', 'parent:Syd', 'municipality:Sundby']);
    const value = (id: string) => table.cells.find((c) => c.id === id)!.value;
    expect(value('area=N|period=2024')).toBe(43);
    expect(value('area=@municipality|period=2024')).toBe(153);
    expect(table.relations.map((r) => [r.total, [...r.parts].sort()])).toEqual(
      expect.arrayContaining([
        ['area=N|period=2024', ['area=a|period=2024', 'area=b|period=2024']],
        ['area=@municipality|period=2024', ['area=N|period=2024', 'area=S|period=2024']],
      ]),
    );
  });

  it('protected and written: the small cell and a complement are empty with reasons, the audit passes', async () => {
    const { table, rows } = indicatorTable(input);
    const protectedTable = await protectTable(table);
    expect(protectedTable.audit.ok).toBe(true);
    const lines = tableLines(protectedTable, rows, share, 'da');
    const b = lines.find((l) => l.row.areaId === 'b')!;
    expect(b.cell.status).toBe('primary');
    expect(b.values[3]).toBe('N');
    expect(b.values.slice(6, 9)).toEqual([null, null, null]);
    expect(b.values[11]).toContain('færre end 5 personer');
    // B could be worked out as Nord − A: something else in the Nord sum is suppressed too.
    expect(lines.filter((l) => ['a', 'N'].includes(l.row.areaId) && l.cell.status === 'secondary').length).toBeGreaterThan(0);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(tableCsv(lines, 'da'));
    expect(csv.startsWith('\uFEFFniveau;område_id;område;summeres_i;periode;indikator;tæller;nævner;værdi;enhed;status;begrundelse\r\n')).toBe(true);
    expect(csv).toContain('basis;c;C;S;2024;Uden for arbejdsmarked og uddannelse 18–64 år;60;300;20;%;vist;\r\n');
    expect(csv).toContain('bydel;N;Nord;kommune;2024;');
    expect(csv).not.toMatch(/;3;150;/);
  });

  it('refuses means and impossible rates with a named reason', () => {
    expect(() => indicatorTable({ ...input, indicator: mean })).toThrow(ExportTableError);
    expect(() => indicatorTable({ ...input, indicator: { ...share, unit: 'per1000' }, results: { cells: [cell('a', 300, 200)], municipality: [] } })).toThrow(/more events than persons in A 2024/);
  });
});
