import { describe, expect, it } from 'vitest';
import { circleRadius, compareSites, dailyProfile, heatMatrix, mix, siteVolumes, summarise, weeklyProfile } from './aggregate';
import type { CityLifeStudy, Registration } from './model';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

// Monday 6 May 2024, 00:00 local (summer time, UTC+2).
const MON = Date.UTC(2024, 4, 5, 22);

function reg(siteId: string, start: number, count: number, extra: Partial<Registration> = {}, length = HOUR_MS): Registration {
  return { siteId, start, end: start + length, kind: 'moving', count, ...extra };
}

function fixture(): CityLifeStudy {
  const counts: Registration[] = [
    // A: Monday 08 and 09, Tuesday 08; two directions / modes per window.
    reg('A', MON + 8 * HOUR_MS, 6, { direction: 'ind', mode: 'walking' }),
    reg('A', MON + 8 * HOUR_MS, 4, { direction: 'ud', mode: 'cycling' }),
    reg('A', MON + 9 * HOUR_MS, 20, { direction: 'ind', mode: 'walking' }),
    reg('A', MON + DAY_MS + 8 * HOUR_MS, 30, { direction: 'ind' }),
    // A daily total on Wednesday: in totals and the weekly profile, not in hour cells.
    reg('A', MON + 2 * DAY_MS, 240, {}, DAY_MS),
    // Staying snapshots at A.
    { siteId: 'A', start: MON + 12 * HOUR_MS, end: MON + 12 * HOUR_MS + 10 * MINUTE_MS, kind: 'staying', count: 3, posture: 'sitting_formal', activity: 'consuming', activities: ['consuming', 'conversing'] },
    { siteId: 'A', start: MON + 12 * HOUR_MS, end: MON + 12 * HOUR_MS + 10 * MINUTE_MS, kind: 'staying', count: 1, posture: 'standing', activity: 'conversing' },
    { siteId: 'A', start: MON + DAY_MS + 12 * HOUR_MS, end: MON + DAY_MS + 12 * HOUR_MS + 10 * MINUTE_MS, kind: 'staying', count: 0 },
  ];
  // B: every hour of Monday, 5 people each, plus an hour observed with nobody.
  for (let h = 0; h < 24; h++) counts.push(reg('B', MON + h * HOUR_MS, 5));
  counts.push(reg('B', MON + DAY_MS + 3 * HOUR_MS, 0));
  return {
    id: 'f',
    name: 'f',
    source: 'extract',
    sites: [
      { id: 'A', name: 'Torvet', geometry: { type: 'Point', coordinates: [12.5, 55.6] }, centroid: [12.5, 55.6] },
      { id: 'B', name: 'Gaden', geometry: { type: 'Point', coordinates: [12.6, 55.6] }, centroid: [12.6, 55.6] },
      { id: 'C', name: 'Ingen data', geometry: null, centroid: null },
    ],
    counts,
  };
}

describe('summarise and views', () => {
  it('normalises site volume by observed time, so more hours do not look busier', () => {
    const s = summarise(fixture());
    const [a, b, c] = s.sites;
    expect(a).toMatchObject({ total: 300, windows: 4, exposure: 27, days: 3 });
    expect(b).toMatchObject({ total: 120, windows: 25, exposure: 25 });
    expect(c).toMatchObject({ total: 0, windows: 0, exposure: 0, rate: null });
    const v = siteVolumes(s);
    expect(v[0]!.rate).toBeCloseTo(300 / 27, 12);
    expect(v[1]!.rate).toBeCloseTo(120 / 25, 12);
    expect(v[0]!.relative).toBe(1);
    expect(v[1]!.relative).toBeCloseTo(120 / 25 / (300 / 27), 12);
    expect(v[2]!.relative).toBeNull();
    expect(circleRadius(1, 20)).toBe(20);
    expect(circleRadius(0.25, 20)).toBe(10);
    expect(circleRadius(null, 20)).toBe(3);
  });

  it('builds the hour × weekday matrix with observed hours per cell', () => {
    const m = heatMatrix(summarise(fixture()));
    expect(m.sum[0]![8]).toBe(15);
    expect(m.exposure[0]![8]).toBe(2);
    expect(m.mean[0]![8]).toBe(7.5);
    expect(m.mean[0]![9]).toBe(12.5);
    expect(m.mean[1]![8]).toBe(30);
    expect(m.mean[1]![3]).toBe(0); // observed, nobody
    expect(m.mean[1]![4]).toBeNull(); // never observed
    expect(m.mean[6]!.every((x) => x === null)).toBe(true);
    expect(m.maxMean).toBe(30);
    expect(m.unplaced).toBe(240);
    // Only site A.
    expect(heatMatrix(summarise(fixture()), ['A']).mean[0]![8]).toBe(10);
  });

  it('gives daily and weekly profiles', () => {
    const s = summarise(fixture());
    const day = dailyProfile(s);
    expect(day).toHaveLength(24);
    expect(day[8]).toEqual({ hour: 8, sum: 45, exposure: 3, mean: 15 });
    expect(dailyProfile(s, undefined, 'weekend').every((p) => p.mean === null)).toBe(true);
    const week = weeklyProfile(s);
    expect(week[0]).toMatchObject({ weekday: 0, sum: 150, exposure: 26, fullDays: 1, meanPerFullDay: 120 });
    expect(week[2]).toMatchObject({ weekday: 2, sum: 240, exposure: 24, mean: 10, fullDays: 1, meanPerFullDay: 240 });
    expect(week[6]).toMatchObject({ mean: null, meanPerFullDay: null });
  });

  it('gives people per snapshot for people staying', () => {
    const s = summarise(fixture(), { kind: 'staying' });
    expect(s.exposureUnit).toBe('snapshots');
    expect(s.sites[0]).toMatchObject({ total: 4, windows: 2, exposure: 2, rate: 2 });
    expect(heatMatrix(s).mean[0]![12]).toBe(4);
  });

  it('computes mode and activity mixes, activities counted per mention', () => {
    const modes = mix(fixture(), 'mode');
    expect(modes.rows).toEqual([
      { key: 'walking', count: 26, share: 26 / 30 },
      { key: 'cycling', count: 4, share: 4 / 30 },
    ]);
    expect(modes.unspecified).toBe(270 + 120);
    const acts = mix(fixture(), 'activity');
    expect(acts.kind).toBe('staying');
    expect(acts.rows).toEqual([
      { key: 'conversing', count: 4, share: 4 / 7 },
      { key: 'consuming', count: 3, share: 3 / 7 },
    ]);
    const postures = mix(fixture(), 'posture', { siteIds: ['A'] });
    expect(postures.rows.map((r) => [r.key, r.share])).toEqual([
      ['sitting_formal', 0.75],
      ['standing', 0.25],
    ]);
    expect(mix(fixture(), 'mode', { from: MON + DAY_MS }).recorded).toBe(0);
  });

  it('compares sites', () => {
    const rows = compareSites(summarise(fixture()), ['A', 'B']);
    expect(rows.map((r) => r.siteId)).toEqual(['A', 'B']);
    expect(rows[0]).toMatchObject({ peakHour: 8, peakRate: 20, weekendRate: null });
    expect(rows[0]!.weekdayRate).toBeCloseTo(60 / 3, 12);
    expect(rows[1]!.weekdayRate).toBeCloseTo(120 / 25, 12);
    const meanRate = (300 / 27 + 120 / 25) / 2;
    expect(rows[0]!.indexToMean).toBeCloseTo(300 / 27 / meanRate, 12);
  });

  it('filters by period', () => {
    const s = summarise(fixture(), { from: MON + DAY_MS, to: MON + 2 * DAY_MS });
    expect(s.sites[0]!.total).toBe(30);
    expect(s.sites[1]!.total).toBe(0);
    expect(s.sites[1]!.windows).toBe(1);
  });

  it('summarises a million registrations quickly', () => {
    const counts: Registration[] = [];
    const sites = Array.from({ length: 10 }, (_, i) => ({ id: `S${i}`, name: `S${i}`, geometry: null, centroid: null }));
    const t0 = Date.UTC(2024, 0, 1);
    for (let h = 0; counts.length < 1_000_000; h++) {
      for (const s of sites) for (const d of ['ind', 'ud']) for (const m of ['walking', 'cycling', 'running', 'other', 'x', 'y']) counts.push({ siteId: s.id, start: t0 + h * HOUR_MS, end: t0 + (h + 1) * HOUR_MS, kind: 'moving', count: h % 7, direction: d, mode: m });
    }
    const study: CityLifeStudy = { id: 'big', name: 'big', source: 'sensor', sites, counts };
    const t = performance.now();
    const s = summarise(study);
    heatMatrix(s);
    mix(study, 'mode');
    const ms = performance.now() - t;
    expect(s.sites[0]!.windows).toBeGreaterThan(8000);
    expect(ms).toBeLessThan(5000);
  });
});
