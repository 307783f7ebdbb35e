import { describe, expect, it } from 'vitest';
import { fromExtractTables, type ExtractRow } from './from-extract';
import type { ParseResult } from './issues';
import { DAY_MS, HOUR_MS, dayNumberOf, startOfLocalDay } from './time';

const SITES: ExtractRow[] = [
  { site_id: 'A', name: 'Torvet', lon: 12.55, lat: 55.68, area_id: '101' },
  { site_id: 'B', name: 'Stien', lon: 12.56, lat: 55.69, geometry: '{"type":"LineString","coordinates":[[12.56,55.69],[12.57,55.69]]}' },
];

function dailyRows(site: string, first: string, days: number, skip: (d: number) => boolean = () => false): ExtractRow[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const day0 = dayNumberOf(y, m, d);
  const rows: ExtractRow[] = [];
  for (let k = 0; k < days; k++) {
    if (skip(k)) continue;
    const date = new Date((day0 + k) * DAY_MS).toISOString().slice(0, 10);
    rows.push({ site_id: site, date, count: 100 + k });
  }
  return rows;
}

function problemsOf(r: ParseResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected failure');
  return r.problems;
}

describe('fromExtractTables', () => {
  it('reads daily rows as whole local days and sites with point or GeoJSON geometry', () => {
    const r = fromExtractTables(SITES, [...dailyRows('A', '2024-03-30', 3), { site_id: 'B', date: '2024-03-30', count: 5n }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.source).toBe('extract');
    expect(r.study.sites[0]).toMatchObject({ id: 'A', areaId: '101', centroid: [12.55, 55.68] });
    expect(r.study.sites[1]!.geometry!.type).toBe('LineString');
    const [sat, sun] = r.study.counts;
    expect(sat!.start).toBe(startOfLocalDay(dayNumberOf(2024, 3, 30)));
    // 31 March 2024 has 23 hours.
    expect((sun!.end - sun!.start) / HOUR_MS).toBe(23);
    expect(r.study.counts[3]).toMatchObject({ siteId: 'B', count: 5, kind: 'moving' });
    expect(r.gaps).toEqual([]);
  });

  it('reads start/end as ISO text, DuckDB wall-clock numbers and Dates, with attributes', () => {
    const wall = Date.UTC(2024, 4, 1, 8);
    const rows: ExtractRow[] = [
      { site_id: 'A', start: '2024-05-01T08:00', end: '2024-05-01T09:00', count: 3, direction: 'ind', mode: 'Cyklist' },
      { site_id: 'A', start: wall + HOUR_MS, end: wall + 2 * HOUR_MS, count: 4, direction: 'ind' },
      { site_id: 'A', start: new Date(wall + 2 * HOUR_MS), end: new Date(wall + 3 * HOUR_MS), count: 5, direction: 'ind' },
      { site_id: 'A', start: '2024-05-01T12:00:00+02:00', end: '2024-05-01T12:10:00+02:00', count: 2, kind: 'staying', posture: 'Sitting formal', activity: 'consuming', age_group: 'age_65+', gender: 'K' },
    ];
    const r = fromExtractTables(SITES, rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.counts.map((c) => c.start)).toEqual([0, 1, 2, 4].map((h) => Date.UTC(2024, 4, 1, 6 + h)));
    expect(r.study.counts[0]!.mode).toBe('cycling');
    expect(r.study.counts[3]).toMatchObject({ kind: 'staying', posture: 'sitting_formal', activity: 'consuming', ageGroup: '65+', gender: 'female' });
    // Numbers as true instants when told.
    const instant = fromExtractTables(SITES, [{ site_id: 'A', start: wall, end: wall + HOUR_MS, count: 1 }], { numericTimes: 'instant' });
    expect(instant.ok && instant.study.counts[0]!.start).toBe(wall);
  });

  it('reads date32 days and epoch-ms dates', () => {
    const day = dayNumberOf(2024, 5, 1);
    const r = fromExtractTables(SITES, [
      { site_id: 'A', date: day, count: 1 },
      { site_id: 'A', date: (day + 1) * DAY_MS, count: 1 },
      { site_id: 'A', date: new Date((day + 2) * DAY_MS), count: 1 },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.study.counts.map((c) => c.start)).toEqual([0, 1, 2].map((k) => startOfLocalDay(day + k)));
  });

  it('reports an unknown site', () => {
    const p = problemsOf(fromExtractTables(SITES, [{ site_id: 'Z', date: '2024-05-01', count: 1 }]))[0]!;
    expect(p).toMatchObject({ code: 'unknown-site', where: { file: 'city-life-counts', row: 1, siteId: 'Z' } });
  });

  it('reports end before start, negative counts, bad dates and bad kinds', () => {
    const problems = problemsOf(
      fromExtractTables(SITES, [
        { site_id: 'A', start: '2024-05-01T09:00', end: '2024-05-01T08:00', count: 1 },
        { site_id: 'A', date: '2024-05-01', count: -3 },
        { site_id: 'A', date: '1. maj', count: 3 },
        { site_id: 'A', date: '2024-05-02', count: 3, kind: 'flying' },
        { site_id: 'A', start: '2024-05-01T09:00', count: 3 },
        { site_id: 'A', count: 3 },
      ]),
    );
    expect(problems.map((p) => p.code)).toEqual(['end-before-start', 'negative-count', 'bad-timestamp', 'unknown-kind', 'missing-field', 'missing-field']);
    expect(problems[0]!.message.da).toBe('Række 1: slut (08:00) ligger før start (09:00). Ret tidsrummet.');
  });

  it('reports duplicate rows, naming both', () => {
    const problems = problemsOf(
      fromExtractTables(SITES, [
        { site_id: 'A', date: '2024-05-01', count: 3 },
        { site_id: 'A', date: '2024-05-02', count: 3 },
        { site_id: 'A', date: '2024-05-01', count: 4 },
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('duplicate-row');
    expect(problems[0]!.where.row).toBe(3);
    expect(problems[0]!.message.en).toContain('as row 1');
  });

  it('reports bad sites: missing id, duplicate id, bad geometry text, projected coordinates', () => {
    const problems = problemsOf(
      fromExtractTables(
        [
          { name: 'Uden id', lon: 12.5, lat: 55.6 },
          { site_id: 'A', name: 'A', lon: 12.5, lat: 55.6 },
          { site_id: 'A', name: 'A igen', lon: 12.5, lat: 55.6 },
          { site_id: 'C', name: 'C', geometry: '{"type": "Point"' },
          { site_id: 'D', name: 'D', lon: 722000, lat: 6176000 },
        ],
        [],
      ),
    );
    expect(problems.map((p) => p.code)).toEqual(['missing-field', 'duplicate-id', 'bad-geometry', 'coordinates-out-of-range']);
  });

  it('reads empty counts as not observed and lists missing days as gaps', () => {
    const rows = dailyRows('A', '2024-05-01', 30, (d) => d === 10 || d === 11);
    rows.push({ site_id: 'A', date: '2024-06-05', count: null });
    const r = fromExtractTables(SITES, rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.gaps).toEqual([{ siteId: 'A', from: startOfLocalDay(dayNumberOf(2024, 5, 11)), to: startOfLocalDay(dayNumberOf(2024, 5, 13)), missing: 2, unit: 'days' }]);
    const gapWarning = r.warnings.find((w) => w.code === 'gaps')!;
    expect(gapWarning.message.da).toContain('i alt 2 dage uden data');
    expect(gapWarning.message.da).toContain('første: 2024-05-11 – 2024-05-12');
    expect(r.warnings.map((w) => w.code)).toContain('missing-count');
  });

  it('refuses an empty count table', () => {
    expect(problemsOf(fromExtractTables(SITES, []))[0]!.code).toBe('no-registrations');
  });
});
