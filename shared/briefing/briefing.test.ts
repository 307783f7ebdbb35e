import { describe, expect, it } from 'vitest';
import { SOCIAL_BALANCE_PACK } from '../indicators/packs/index';
import type { PackCell, PackResults } from '../indicators/results';
import { buildBriefing, type BriefingInput } from './build';
import { briefingToBytes, openBriefingBytes } from './file';
import { parseBriefing } from './schema';

function cell(indicatorId: string, areaId: string, numerator: number, denominator: number): PackCell {
  const value = denominator > 0 ? numerator / denominator : null;
  return { layerId: 'basis', indicatorId, period: 2024, areaId, numerator, denominator, value, lower: value, upper: value, small: false, method: 'wilson', reference: null };
}

const results: PackResults = {
  cells: [cell('employment_16_64', 'a', 600, 800), cell('employment_16_64', 'b', 3, 4), cell('employment_16_64', 'c', 0, 0), cell('cash_benefits_16_64', 'a', 40, 800)],
  municipality: [{ indicatorId: 'employment_16_64', period: 2024, numerator: 603, denominator: 804, value: 0.75, lower: 0.7, upper: 0.8 }],
};

// The decision of the attacker-checked value export (tested in shared/export/value-export.test.ts).
const primary: BriefingInput['protect'] = (c) => (c.areaId === 'b' ? { da: 'færre end 5 personer', en: 'fewer than 5 persons' } : null);

const input = (): BriefingInput => ({
  title: 'Områdeudvalget, december',
  pack: SOCIAL_BALANCE_PACK,
  results,
  municipality: { code: '0999', name: 'Sundby Kommune (fiktiv)' },
  synthetic: true,
  layer: { id: 'basis', label: { da: 'Basisdistrikt', en: 'Base district' } },
  period: 2024,
  indicatorIds: ['employment_16_64', 'cash_benefits_16_64'],
  areas: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, flags: id === 'a' ? [{ da: 'faldende beskæftigelse', en: 'falling employment' }] : [], note: '' })),
  overview: { indicatorId: 'employment_16_64', classes: [{ lower: 0, upper: 1, colour: '#440154' }], colourOf: () => '#440154' },
  protect: primary,
  protectMunicipality: () => null,
  minCellSize: 5,
  now: new Date(Date.UTC(2026, 11, 5)),
});

describe('briefing pack', () => {
  it('holds values, never counts, and withholds what the disclosure rule says', () => {
    const briefing = buildBriefing(input());
    const a = briefing.areas[0]!;
    expect(a.figures['employment_16_64']).toEqual({ value: 0.75, lower: 0.75, upper: 0.75, suppressed: null });
    expect(briefing.areas[1]!.figures['employment_16_64']).toEqual({ value: null, lower: null, upper: null, suppressed: { da: 'færre end 5 personer', en: 'fewer than 5 persons' } });
    expect(briefing.areas[2]!.figures['employment_16_64']!.suppressed?.en).toBe('no one in the population');
    // A missing cell is not a zero.
    expect(briefing.areas[1]!.figures['cash_benefits_16_64']!.value).toBeNull();
    expect(briefing.indicators[0]!.municipality).toBe(0.75);
    const text = JSON.stringify(briefing);
    expect(text).not.toMatch(/"numerator"|"denominator"|600|800/);
  });

  it('round-trips as plain JSON and encrypted with a passphrase', async () => {
    const briefing = buildBriefing(input());
    const plain = await openBriefingBytes(await briefingToBytes(briefing, null), null);
    expect(plain).toEqual({ ok: true, briefing });
    const sealed = await briefingToBytes(briefing, 'mødet-i-aften');
    expect(new TextDecoder().decode(sealed.subarray(0, 21))).toBe('age-encryption.org/v1');
    expect(await openBriefingBytes(sealed, null)).toMatchObject({ ok: false, needsPassphrase: true });
    expect(await openBriefingBytes(sealed, 'forkert')).toMatchObject({ ok: false, needsPassphrase: true, problem: { en: expect.stringContaining('wrong passphrase') } });
    expect(await openBriefingBytes(sealed, 'mødet-i-aften')).toEqual({ ok: true, briefing });
  }, 30_000);

  it('names the problem in a file that is not a briefing', async () => {
    expect(parseBriefing('not json')).toMatchObject({ ok: false, problem: { da: expect.stringContaining('ikke gyldig JSON') } });
    expect(parseBriefing('{"format":"other"}')).toMatchObject({ ok: false, problem: { en: 'the file is not a Bydelsmonitor briefing pack' } });
    const broken = { ...buildBriefing(input()), period: 'last year' };
    expect(parseBriefing(JSON.stringify(broken))).toMatchObject({ ok: false, problem: { en: expect.stringContaining('invalid at "period"') } });
    expect(await openBriefingBytes(new Uint8Array([0xff, 0xfe, 0x00]), null)).toMatchObject({ ok: false, needsPassphrase: false });
    // A file the host did not read because it is larger than any briefing.
    expect(await openBriefingBytes(null, null)).toMatchObject({ ok: false, needsPassphrase: false, problem: { en: expect.stringContaining('too large') } });
  });

  it('carries city life as rates by site and the evaluation in words, and reads back', async () => {
    const cityLife = {
      source: 'byliv.json',
      kind: 'moving' as const,
      sites: [{ name: 'Torvet', rate: 312.5, weekdayRate: 340.1, weekendRate: 250, peakHour: 16 }],
      evaluation: { siteName: 'Torvet', comparisonSites: ['Parken'], rateRatio: 1.31, lower: 1.22, upper: 1.41, conclusion: { da: '31 % flere', en: '31% more' }, method: { da: 'Poisson', en: 'Poisson' } },
    };
    const briefing = buildBriefing({ ...input(), cityLife });
    expect(briefing.version).toBe('1.1');
    const back = await openBriefingBytes(await briefingToBytes(briefing, null), null);
    expect(back).toMatchObject({ ok: true, briefing: { cityLife } });
    // A pack without city life is still a valid 1.x pack.
    expect(buildBriefing(input()).cityLife).toBeUndefined();
  });

  describe('area outlines', () => {
    const withGeometry = (geometry: unknown) => JSON.stringify({ ...buildBriefing(input()), areas: [{ ...buildBriefing(input()).areas[0]!, geometry }] });
    const ring = (x: number, y: number): number[][] => [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y]];

    it('reads Polygons and MultiPolygons of closed rings in EPSG:4326', () => {
      for (const geometry of [
        null,
        { type: 'Polygon', coordinates: [ring(12.5, 55.6)] },
        { type: 'Polygon', coordinates: [ring(12.5, 55.6), ring(12.502, 55.602)] },
        { type: 'Polygon', coordinates: [ring(12.5, 55.6).map(([x, y]) => [x!, y!, 10])] },
        { type: 'MultiPolygon', coordinates: [[ring(12.5, 55.6)], [ring(12.6, 55.7)]] },
        { type: 'Polygon', coordinates: [[[-180, -90], [180, -90], [180, 90], [-180, -90]]] },
      ]) {
        const r = parseBriefing(withGeometry(geometry));
        expect(r.ok, JSON.stringify(geometry)).toBe(true);
        if (r.ok) expect(r.briefing.areas[0]!.geometry).toEqual(geometry);
      }
      // A detailed outline: 150 001 positions round a circle.
      const circle = Array.from({ length: 150_001 }, (_, i) => [12.5 + 0.01 * Math.cos((2 * Math.PI * i) / 150_000), 55.6 + 0.01 * Math.sin((2 * Math.PI * i) / 150_000)]);
      circle[150_000] = circle[0]!;
      expect(parseBriefing(withGeometry({ type: 'Polygon', coordinates: [circle] })).ok).toBe(true);
    });

    it('refuses outlines that are not, naming where', () => {
      const cases: [unknown, string, RegExp][] = [
        [{ type: 'Polygon', coordinates: [null] }, 'areas.0.geometry.coordinates.0', /at least 4 positions/],
        [{ type: 'Polygon', coordinates: [[null, null, null, null]] }, 'areas.0.geometry.coordinates.0.0', /\[longitude, latitude\]/],
        [{ type: 'Polygon', coordinates: [1, 2] }, 'areas.0.geometry.coordinates.0', /at least 4 positions/],
        [{ type: 'Polygon', coordinates: [[['a', 'b'], [1, 1], [2, 2], ['a', 'b']]] }, 'areas.0.geometry.coordinates.0.0', /finite number/],
        [{ type: 'Polygon', coordinates: [[[12.5, 55.6]]] }, 'areas.0.geometry.coordinates.0', /at least 4 positions/],
        [{ type: 'Polygon', coordinates: [] }, 'areas.0.geometry.coordinates', /list of rings/],
        [{ type: 'Polygon' }, 'areas.0.geometry.coordinates', /list of rings/],
        [{ type: 'MultiPolygon', coordinates: [null] }, 'areas.0.geometry.coordinates.0', /list of rings/],
        [{ type: 'MultiPolygon', coordinates: [] }, 'areas.0.geometry.coordinates', /list of polygons/],
        [{ type: 'MultiPolygon', coordinates: [[[[1e308, -1e308], [1, 1], [2, 2], [1e308, -1e308]]]] }, 'areas.0.geometry.coordinates.0.0.0', /longitude −180…180/],
        [{ type: 'Polygon', coordinates: [[[12, 55], [13, 55], [13, 56], [12, 55, 1, 2]]] }, 'areas.0.geometry.coordinates.0.3', /\[longitude, latitude\]/],
        [{ type: 'Polygon', coordinates: [[[720000, 6170000], [721000, 6170000], [721000, 6171000], [720000, 6170000]]] }, 'areas.0.geometry.coordinates.0.0', /EPSG:4326/],
        [{ type: 'Polygon', coordinates: [[[12, 55], [13, 55], [13, 56], [12, 56]]] }, 'areas.0.geometry.coordinates.0', /closed/],
        [{ type: 'Point', coordinates: [12, 55] }, 'areas.0.geometry.type', /Polygon or MultiPolygon/],
        [[[12, 55]], 'areas.0.geometry', /Polygon or MultiPolygon/],
      ];
      for (const [geometry, path, message] of cases) {
        const r = parseBriefing(withGeometry(geometry));
        expect(r.ok, JSON.stringify(geometry)).toBe(false);
        if (r.ok) continue;
        expect(r.problem.en).toContain(`invalid at "${path}"`);
        expect(r.problem.en).toMatch(message);
        expect(r.problem.da).toContain(`ugyldig ved "${path}"`);
      }
      // The text of JSON with 1e999 is Infinity once parsed.
      const infinite = parseBriefing(withGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }).replace('[1,1]', '[1e999,1]'));
      expect(!infinite.ok && infinite.problem.en).toContain('invalid at "areas.0.geometry.coordinates.0.2": a coordinate must be a finite number');
    });

    it('refuses a huge outline of bad positions quickly, without overflowing', () => {
      const bad = Array.from({ length: 300_000 }, () => ['x', null]);
      const started = Date.now();
      const r = parseBriefing(withGeometry({ type: 'Polygon', coordinates: [bad] }));
      expect(!r.ok && r.problem.en).toContain('invalid at "areas.0.geometry.coordinates.0.0"');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(parseBriefing(withGeometry({ type: 'MultiPolygon', coordinates: Array.from({ length: 10_001 }, () => [ring(12.5, 55.6)]) })).ok).toBe(false);
    });
  });
});
