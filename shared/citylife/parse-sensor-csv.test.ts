import { describe, expect, it } from 'vitest';
import type { ParseResult } from './issues';
import type { Site } from './model';
import { detectDelimiter, parseSensorCsv, parseSitesCsv } from './parse-sensor-csv';
import { HOUR_MS, MINUTE_MS, formatIsoLocal } from './time';

const SITES: Site[] = [
  { id: 'S1', name: 'Nørregade', geometry: { type: 'Point', coordinates: [12.55, 55.68] }, centroid: [12.55, 55.68] },
  { id: 'S2', name: 'Havnen', geometry: { type: 'Point', coordinates: [12.56, 55.69] }, centroid: [12.56, 55.69] },
];

/** Hourly rows for a site from a local start, both directions, counts from a function. */
function hourly(site: string, fromMs: number, hours: number, count: (h: number) => number | string, skip: (h: number) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let h = 0; h < hours; h++) {
    if (skip(h)) continue;
    const t = formatIsoLocal(fromMs + h * HOUR_MS);
    out.push(`${site};${t};ind;${count(h)}`, `${site};${t};ud;${count(h)}`);
  }
  return out;
}

function csv(lines: string[], header = 'site;timestamp;direction;count'): string {
  return [header, ...lines].join('\n') + '\n';
}

function problemsOf(r: ParseResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected failure');
  return r.problems;
}

const MAY1 = Date.UTC(2024, 4, 1, 6); // 08:00 local

describe('parseSensorCsv', () => {
  it('reads rows into hourly windows, inferring the interval per site', () => {
    const quarter: string[] = [];
    for (let q = 0; q < 16; q++) quarter.push(`S2;${formatIsoLocal(MAY1 + q * 15 * MINUTE_MS)};ind;${q}`);
    const r = parseSensorCsv(csv([...hourly('S1', MAY1, 24, (h) => h), ...quarter]), { sites: SITES, file: 'tæller.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { study } = r;
    expect(study.source).toBe('sensor');
    expect(study.sites.find((s) => s.id === 'S1')!.intervalMs).toBe(HOUR_MS);
    expect(study.sites.find((s) => s.id === 'S2')!.intervalMs).toBe(15 * MINUTE_MS);
    const first = study.counts[0]!;
    expect(first).toMatchObject({ siteId: 'S1', start: MAY1, end: MAY1 + HOUR_MS, kind: 'moving', direction: 'ind', count: 0 });
    const total = study.counts.reduce((a, c) => a + c.count, 0);
    expect(total).toBe(2 * ((23 * 24) / 2) + (15 * 16) / 2);
    expect(r.warnings).toEqual([]);
  });

  it('accepts a comma delimiter, a BOM, header names in any case and Danish headers', () => {
    const text = '\ufeffSITE,Timestamp,DIRECTION,Count\nS1,2024-05-01T08:00,ind,3\nS1,2024-05-01T09:00,ind,4\nS1,2024-05-01T10:00,ind,5\n';
    const r = parseSensorCsv(new TextEncoder().encode(text), { sites: SITES });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.study.counts.map((c) => c.count)).toEqual([3, 4, 5]);
    const da = parseSensorCsv('sted;tidspunkt;retning;antal\nS1;01-05-2024 08:00;ind;3\nS1;01-05-2024 09:00;ind;4\n');
    expect(da.ok).toBe(true);
    if (da.ok) {
      expect(da.study.counts[0]!.start).toBe(MAY1);
      // Without a site list every id becomes a site without position.
      expect(da.study.sites).toEqual([{ id: 'S1', name: 'S1', geometry: null, centroid: null, intervalMs: HOUR_MS }]);
    }
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });

  it('takes direction as optional and timestamps at the end of intervals when told', () => {
    const r = parseSensorCsv('site,timestamp,count\nS1,2024-05-01T09:00,3\nS1,2024-05-01T10:00,4\n', { timestampIs: 'end' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.counts[0]).toMatchObject({ start: MAY1, end: MAY1 + HOUR_MS, count: 3 });
    expect(r.study.counts[0]!.direction).toBeUndefined();
  });

  it('reports a missing column', () => {
    const p = problemsOf(parseSensorCsv('site;direction;count\nS1;ind;3\n'))[0]!;
    expect(p.code).toBe('missing-column');
    expect(p.message.da).toContain('timestamp');
    expect(p.message.en).toContain('found: site, direction, count');
  });

  it('reports an unknown site when sites are given', () => {
    const p = problemsOf(parseSensorCsv(csv(['S1;2024-05-01T08:00;ind;3', 'S9;2024-05-01T08:00;ind;3']), { sites: SITES }))[0]!;
    expect(p.code).toBe('unknown-site');
    expect(p.where).toMatchObject({ row: 3, siteId: 'S9' });
    expect(p.message.da).toMatch(/^Række 3: stedet "S9" findes ikke/);
  });

  it('reports negative and fractional counts with their row', () => {
    const problems = problemsOf(parseSensorCsv(csv(['S1;2024-05-01T08:00;ind;-4', 'S1;2024-05-01T09:00;ind;2,5', 'S1;2024-05-01T10:00;ind;x'])));
    expect(problems.map((p) => [p.code, p.where.row])).toEqual([
      ['negative-count', 2],
      ['non-integer-count', 3],
      ['bad-count', 4],
    ]);
    expect(problems[0]!.message.en).toBe('Row 2: the count is negative (-4). A number of people is 0 or more; fix the number.');
  });

  it('reports unparsable timestamps and local times skipped by summer time', () => {
    const problems = problemsOf(parseSensorCsv(csv(['S1;igår kl 8;ind;4', 'S1;2024-03-31 02:00;ind;4', 'S1;2024-02-30 10:00;ind;4'])));
    expect(problems.map((p) => p.code)).toEqual(['bad-timestamp', 'nonexistent-local-time', 'bad-timestamp']);
    expect(problems[0]!.message.da).toContain('"igår kl 8" kan ikke læses');
  });

  it('reports a duplicate site, timestamp and direction, naming the first row', () => {
    const problems = problemsOf(parseSensorCsv(csv(['S1;2024-05-01T08:00;ind;4', 'S1;2024-05-01T08:00;ud;4', 'S1;2024-05-01T08:00:00+02:00;ind;5'])));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('duplicate-row');
    expect(problems[0]!.message.da).toContain('findes også i række 2');
    expect(problems[0]!.where.row).toBe(4);
  });

  it('reads the autumn hour that occurs twice as summer time first, standard time second', () => {
    const lines: string[] = [];
    for (const clock of ['00:00', '01:00', '02:00', '02:00', '03:00', '04:00']) lines.push(`S1;2024-10-27 ${clock};ind;1`);
    const r = parseSensorCsv(csv(lines));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const starts = r.study.counts.map((c) => c.start);
    expect(starts).toEqual([0, 1, 2, 3, 4, 5].map((h) => Date.UTC(2024, 9, 26, 22) + h * HOUR_MS));
    expect(r.study.sites[0]!.intervalMs).toBe(HOUR_MS);
    expect(r.gaps).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['ambiguous-local-time']);
  });

  it('reads empty counts as not observed, with a warning', () => {
    const r = parseSensorCsv(csv(hourly('S1', MAY1, 6, (h) => (h === 2 ? '' : 1))));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.counts).toHaveLength(10);
    expect(r.warnings.map((w) => w.code)).toEqual(['missing-count', 'gaps']);
  });

  it('lists gaps as warnings with site and time range', () => {
    const r = parseSensorCsv(csv(hourly('S1', MAY1, 48, () => 2, (h) => h >= 10 && h < 16)), { sites: SITES });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.gaps).toEqual([{ siteId: 'S1', from: MAY1 + 10 * HOUR_MS, to: MAY1 + 16 * HOUR_MS, missing: 6, unit: 'intervals' }]);
    const w = r.warnings.find((x) => x.code === 'gaps')!;
    expect(w.where).toMatchObject({ siteId: 'S1', from: MAY1 + 10 * HOUR_MS, to: MAY1 + 16 * HOUR_MS });
    expect(w.message.da).toContain('1 hul i tidsserien, i alt 6 timer uden data');
    expect(w.message.da).toContain('2024-05-01 18:00 – 2024-05-02 00:00');
    expect(w.message.en).toContain('1 gap in the series, 6 hours without data');
    const coverage = r.coverage.find((c) => c.siteId === 'S1')!;
    expect(coverage).toMatchObject({ unit: 'intervals', intervalMs: HOUR_MS, observed: 42, missing: 6 });
  });

  it('fails when gaps exceed the limit, unless the limit is raised', () => {
    const text = csv(hourly('S1', MAY1, 100, () => 2, (h) => h > 5 && h < 90));
    const p = problemsOf(parseSensorCsv(text))[0]!;
    expect(p.code).toBe('gaps-exceed-threshold');
    expect(p.message.da).toContain('mangler data i 84 %');
    expect(parseSensorCsv(text, { gaps: { maxMissingShare: 0.9 } }).ok).toBe(true);
  });

  it('reports rows with the wrong number of fields', () => {
    const problems = problemsOf(parseSensorCsv(csv(['S1;2024-05-01T08:00;ind;4', 'S1;2024-05-01T09:00;4'])));
    expect(problems[0]).toMatchObject({ code: 'row-field-count', where: { row: 3 } });
  });

  it('refuses an empty file', () => {
    expect(problemsOf(parseSensorCsv(''))[0]!.code).toBe('empty-input');
    expect(problemsOf(parseSensorCsv('site;timestamp;count\n'))[0]!.code).toBe('no-registrations');
  });
});

describe('parseSitesCsv', () => {
  it('reads sites with decimal commas and optional GeoJSON', () => {
    const text = 'site_id;name;lon;lat;area_id;geometry\nS1;Nørregade;12,55;55,68;101;\nS2;Havnen;;;102;"{""type"":""LineString"",""coordinates"":[[12.5,55.6],[12.6,55.6]]}"\n';
    const r = parseSitesCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sites[0]).toEqual({ id: 'S1', name: 'Nørregade', geometry: { type: 'Point', coordinates: [12.55, 55.68] }, centroid: [12.55, 55.68], areaId: '101' });
    expect(r.sites[1]!.geometry!.type).toBe('LineString');
    expect(r.sites[1]!.centroid).toEqual([12.55, 55.6]);
  });

  it('reports duplicates, bad coordinates and a missing id column', () => {
    const r = parseSitesCsv('site_id;name;lon;lat\nS1;A;12.5;55.6\nS1;B;12.5;55.6\nS2;C;øst;55.6\nS3;D;720000;6170000\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.where.row])).toEqual([
      ['duplicate-id', 3],
      ['bad-geometry', 4],
      ['coordinates-out-of-range', 5],
    ]);
    const missing = parseSitesCsv('name;lon;lat\nA;1;2\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]!.code).toBe('missing-column');
  });
});
