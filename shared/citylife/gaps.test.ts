import { describe, expect, it } from 'vitest';
import { detectGaps, formatDuration, gapIssues } from './gaps';
import type { CityLifeStudy, Registration } from './model';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayNumberOf, startOfLocalDay } from './time';

function study(counts: Registration[], intervalMs?: number): CityLifeStudy {
  return {
    id: 't',
    name: 't',
    source: 'sensor',
    sites: [{ id: 'A', name: 'A', geometry: null, centroid: null, ...(intervalMs ? { intervalMs } : {}) }],
    counts,
  };
}

function windows(starts: number[], length: number): Registration[] {
  return starts.map((start) => ({ siteId: 'A', start, end: start + length, kind: 'moving', count: 1 }));
}

describe('detectGaps', () => {
  it('finds missing intervals in a regular series, across a summer-time change without false gaps', () => {
    const t0 = Date.UTC(2024, 2, 30, 12);
    const starts: number[] = [];
    for (let h = 0; h < 72; h++) if (h < 30 || h >= 33) starts.push(t0 + h * HOUR_MS);
    const { gaps, coverage } = detectGaps(study(windows(starts, HOUR_MS)));
    expect(gaps).toEqual([{ siteId: 'A', from: t0 + 30 * HOUR_MS, to: t0 + 33 * HOUR_MS, missing: 3, unit: 'intervals' }]);
    expect(coverage[0]).toMatchObject({ unit: 'intervals', intervalMs: HOUR_MS, observed: 69, missing: 3 });
    expect(coverage[0]!.missingShare).toBeCloseTo(3 / 72, 12);
  });

  it('finds missing days in a daily programme and none in a sample of days', () => {
    const day0 = dayNumberOf(2024, 5, 1);
    const daily = [0, 1, 2, 5, 6, 7, 8].map((k) => startOfLocalDay(day0 + k) + 10 * HOUR_MS);
    // Manual counts at 10:00 and 14:00: not a regular step, but a daily programme.
    const manual = daily.flatMap((t) => [t, t + 4 * HOUR_MS]);
    const r = detectGaps(study(windows(manual, 10 * MINUTE_MS)));
    expect(r.gaps).toEqual([{ siteId: 'A', from: startOfLocalDay(day0 + 3), to: startOfLocalDay(day0 + 5), missing: 2, unit: 'days' }]);
    // Three surveys a month are a sample, not a broken series.
    const sampled = [0, 9, 20, 31].map((k) => startOfLocalDay(day0 + k) + 10 * HOUR_MS);
    const s = detectGaps(study(windows(sampled, 10 * MINUTE_MS)));
    expect(s.gaps).toEqual([]);
    expect(s.coverage[0]!.unit).toBeNull();
  });

  it('uses the interval the importer inferred', () => {
    const t0 = Date.UTC(2024, 5, 1);
    // Mostly irregular, but the sensor's interval is known to be 15 minutes.
    const starts = [0, 15, 30, 90, 105, 120].map((m) => t0 + m * MINUTE_MS);
    const r = detectGaps(study(windows(starts, 15 * MINUTE_MS), 15 * MINUTE_MS));
    expect(r.gaps).toEqual([{ siteId: 'A', from: t0 + 45 * MINUTE_MS, to: t0 + 90 * MINUTE_MS, missing: 3, unit: 'intervals' }]);
  });

  it('turns gaps into one warning per site, or an error over the limit', () => {
    const t0 = Date.UTC(2024, 5, 1);
    const s = study(windows([0, 1, 2, 7, 8, 9, 10, 11].map((h) => t0 + h * HOUR_MS), HOUR_MS));
    const found = detectGaps(s);
    expect(gapIssues(s, found).warnings).toHaveLength(1);
    expect(gapIssues(s, found).errors).toHaveLength(0);
    const strict = gapIssues(s, found, { maxMissingShare: 0.2 });
    expect(strict.errors[0]!.code).toBe('gaps-exceed-threshold');
  });

  it('formats durations in both languages', () => {
    expect(formatDuration(90 * MINUTE_MS)).toEqual({ da: '1,5 timer', en: '1.5 hours' });
    expect(formatDuration(HOUR_MS)).toEqual({ da: '1 time', en: '1 hour' });
    expect(formatDuration(3 * DAY_MS)).toEqual({ da: '3 dage', en: '3 days' });
    expect(formatDuration(15 * MINUTE_MS)).toEqual({ da: '15 minutter', en: '15 minutes' });
  });
});
