import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from './issues';
import { parsePldp, parsePldpObject } from './parse-pldp';

type Doc = {
  study: Record<string, unknown>;
  locations: Record<string, unknown>[];
  surveys: Record<string, unknown>[];
  [k: string]: unknown;
};

function validDoc(): Doc {
  return {
    study: { id: 'S1', name: 'Torvestudie' },
    locations: [
      { id: 'L1', name: 'Torvet', geometry: { type: 'Polygon', coordinates: [[[12.5, 55.6], [12.501, 55.6], [12.501, 55.601], [12.5, 55.601], [12.5, 55.6]]] } },
      { id: 'L2', name: 'Gaden', geometry: { type: 'LineString', coordinates: [[12.51, 55.61], [12.511, 55.61]] } },
      { id: 'L3', name: 'Bænken', geometry: { type: 'Point', coordinates: [12.52, 55.62] } },
    ],
    surveys: [
      {
        id: 'M1',
        location: 'L2',
        kind: 'people_moving',
        time_start: '2024-05-01T08:00',
        time_stop: '2024-05-01T08:10',
        records: [{ mode: 'pedestrian', direction: 'nord' }, { mode: 'bicyclist', count: 3 }, { count: 2, mode: 'walking' }],
      },
      { id: 'M2', location: 'L2', kind: 'people_moving', time_start: '2024-05-01T09:00', time_stop: '2024-05-01T09:10', records: [] },
      {
        id: 'S1',
        location: 'L1',
        kind: 'people_staying',
        time_start: '2024-05-01T12:00:00+02:00',
        time_stop: '2024-05-01T12:15:00+02:00',
        records: [
          { posture: 'sitting_formal', activities: ['consuming', 'conversing'], age: 'age_25-64', gender: 'female', groups: 'group_2' },
          { posture: 'standing', activities: ['conversing'], age: '65+', gender: 'male', count: 2 },
        ],
      },
    ],
  };
}

function problemsOf(r: ParseResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected failure');
  return r.problems;
}

function codes(r: ParseResult): string[] {
  return problemsOf(r).map((p) => p.code);
}

describe('parsePldp', () => {
  it('reads a valid study into the normalised model', () => {
    const r = parsePldp(JSON.stringify(validDoc()), { file: 'studie.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { study } = r;
    expect(study.source).toBe('pldp');
    expect(study.id).toBe('S1');
    expect(study.sites.map((s) => s.id)).toEqual(['L1', 'L2', 'L3']);
    expect(study.sites[2]!.centroid).toEqual([12.52, 55.62]);
    expect(study.sites[1]!.centroid![0]).toBeCloseTo(12.5105, 10);
    expect(study.sites[0]!.centroid![1]).toBeCloseTo(55.6005, 10);
    const moving = study.counts.filter((c) => c.kind === 'moving');
    expect(moving.map((c) => c.count)).toEqual([1, 3, 2, 0]);
    expect(moving.map((c) => c.mode)).toEqual(['walking', 'cycling', 'walking', undefined]);
    expect(moving[0]!.direction).toBe('nord');
    // Local time without offset is Danish summer time.
    expect(moving[0]!.start).toBe(Date.UTC(2024, 4, 1, 6, 0));
    expect(moving[0]!.end).toBe(Date.UTC(2024, 4, 1, 6, 10));
    // An empty survey is an observed window with nobody in it.
    expect(moving[3]).toMatchObject({ siteId: 'L2', count: 0, start: Date.UTC(2024, 4, 1, 7) });
    const staying = study.counts.filter((c) => c.kind === 'staying');
    expect(staying[0]).toMatchObject({ posture: 'sitting_formal', activity: 'consuming', activities: ['consuming', 'conversing'], ageGroup: '25-64', gender: 'female', group: '2', count: 1 });
    expect(staying[1]).toMatchObject({ ageGroup: '65+', gender: 'male', count: 2 });
    expect(staying[1]!.activities).toBeUndefined();
  });

  it('reads camelCase keys, CommonSpace study types and loose data_points', () => {
    const doc = {
      studyId: 'CS',
      title: 'CommonSpace-eksport',
      type: 'movement',
      locations: [{ locationId: 'A', namePrimary: 'Pladsen', geometry: { type: 'Feature', geometry: { type: 'Point', coordinates: [12.5, 55.6] }, properties: {} } }],
      surveys: [{ surveyId: 'x1', locationId: 'A', startDate: '2024-06-01T10:00:00+02:00', endDate: '2024-06-01T10:10:00+02:00' }],
      data_points: [
        { survey_id: 'x1', mode: 'pedestrian', gender: 'female', age: 'age_15-24' },
        { survey_id: 'x1', mode: 'pedestrian' },
      ],
    };
    const r = parsePldpObject(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.name).toBe('CommonSpace-eksport');
    expect(r.study.sites[0]!.name).toBe('Pladsen');
    expect(r.study.counts).toHaveLength(2);
    expect(r.study.counts[0]).toMatchObject({ kind: 'moving', mode: 'walking', gender: 'female', ageGroup: '15-24' });
  });

  it('reports bad JSON with line and column', () => {
    const text = '{\n  "study": {"id": "S"},\n  "locations": [\n    {"id": "L1",}\n  ]\n}';
    const r = parsePldp(text, { file: 'f.json' });
    const p = problemsOf(r)[0]!;
    expect(p.code).toBe('json-syntax');
    expect(p.where).toMatchObject({ file: 'f.json', row: 4 });
    expect(p.message.da).toContain('linje 4, kolonne 17');
    expect(p.message.en).toContain('line 4, column 17');
    expect(codes(parsePldp('{"study": '))).toEqual(['json-syntax']);
    expect(problemsOf(parsePldp('{"study": ')).at(0)!.message.en).toContain('ends too early');
  });

  it('refuses empty input and a non-object', () => {
    expect(codes(parsePldp('  '))).toEqual(['empty-input']);
    expect(codes(parsePldp('[1, 2]'))).toEqual(['not-an-object']);
    expect(codes(parsePldp(new TextEncoder().encode('\ufeff"text"')))).toEqual(['not-an-object']);
  });

  it('reports missing fields', () => {
    const doc = validDoc();
    delete doc.surveys[0]!.time_start;
    delete doc.surveys[1]!.location;
    delete doc.locations[2]!.id;
    const r = parsePldpObject(doc);
    const problems = problemsOf(r);
    expect(problems.map((p) => [p.code, p.where.field])).toEqual([
      ['missing-field', 'id'],
      ['missing-field', 'time_start'],
      ['missing-field', 'location'],
    ]);
    expect(problems[1]!.message.da).toContain('surveys[0]');
    expect(codes(parsePldpObject({ study: {}, surveys: [] }))).toContain('missing-field');
    expect(codes(parsePldpObject({ study: {}, locations: [] }))).toEqual(['missing-field']);
  });

  it('reports a survey from an unknown site', () => {
    const doc = validDoc();
    doc.surveys[0]!.location = 'L9';
    const p = problemsOf(parsePldpObject(doc))[0]!;
    expect(p.code).toBe('unknown-site');
    expect(p.where).toMatchObject({ siteId: 'L9', path: 'surveys[0].location' });
    expect(p.message.da).toContain('"L9"');
    expect(p.message.en).toContain('not among "locations"');
  });

  it('reports an end before the start, naming both times', () => {
    const doc = validDoc();
    doc.surveys[0]!.time_start = '2024-05-01T09:00';
    doc.surveys[0]!.time_stop = '2024-05-01T08:00';
    const p = problemsOf(parsePldpObject(doc))[0]!;
    expect(p.code).toBe('end-before-start');
    expect(p.message.da).toContain('slut (08:00) ligger før start (09:00). Ret tidsrummet i filen.');
    expect(p.message.en).toContain('the end (08:00) is before the start (09:00)');
    expect(p.where.from).toBe(Date.UTC(2024, 4, 1, 6));
  });

  it('refuses an empty window for people moving but allows an instantaneous staying snapshot', () => {
    const doc = validDoc();
    doc.surveys[0]!.time_stop = doc.surveys[0]!.time_start;
    expect(codes(parsePldpObject(doc))).toEqual(['empty-window']);
    const ok = validDoc();
    ok.surveys[2]!.time_stop = ok.surveys[2]!.time_start;
    expect(parsePldpObject(ok).ok).toBe(true);
  });

  it('reports negative, fractional and non-numeric counts', () => {
    const doc = validDoc();
    (doc.surveys[0]!.records as Record<string, unknown>[])[0]!.count = -2;
    (doc.surveys[0]!.records as Record<string, unknown>[])[1]!.count = 1.5;
    (doc.surveys[0]!.records as Record<string, unknown>[])[2]!.count = 'mange';
    const problems = problemsOf(parsePldpObject(doc));
    expect(problems.map((p) => p.code)).toEqual(['negative-count', 'non-integer-count', 'bad-count']);
    expect(problems[0]!.where.path).toBe('surveys[0].records[0].count');
    expect(problems[0]!.message.da).toContain('negativt (-2)');
    expect(problems[1]!.message.da).toContain('1,5');
  });

  it('reports bad timestamps and local times that do not exist', () => {
    const doc = validDoc();
    doc.surveys[0]!.time_start = 'i morges';
    doc.surveys[1]!.time_start = '2024-03-31T02:30';
    doc.surveys[1]!.time_stop = '2024-03-31T02:40';
    const problems = problemsOf(parsePldpObject(doc));
    expect(problems.map((p) => p.code)).toEqual(['bad-timestamp', 'nonexistent-local-time']);
    expect(problems[0]!.message.en).toContain('"i morges" cannot be read');
  });

  it('reports unknown geometry types and coordinates out of range', () => {
    const doc = validDoc();
    doc.locations[0]!.geometry = { type: 'MultiPoint', coordinates: [[12.5, 55.6]] };
    doc.locations[1]!.geometry = { type: 'Point', coordinates: [722000, 6176000] };
    doc.locations[2]!.geometry = { type: 'Point', coordinates: [55.6, 190] };
    const problems = problemsOf(parsePldpObject(doc));
    expect(problems.map((p) => p.code)).toEqual(['unknown-geometry', 'coordinates-out-of-range', 'coordinates-out-of-range']);
    expect(problems[0]!.message.en).toContain('"MultiPoint"');
    expect(problems[1]!.message.da).toContain('EPSG:25832');
    expect(problems[2]!.message.en).toContain('[lon, lat]');
    // An unclosed ring.
    const open = validDoc();
    open.locations[0]!.geometry = { type: 'Polygon', coordinates: [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.7]]] };
    expect(codes(parsePldpObject(open))).toEqual(['bad-geometry']);
  });

  it('warns about locations without geometry but keeps them', () => {
    const doc = validDoc();
    delete doc.locations[2]!.geometry;
    const r = parsePldpObject(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.sites[2]!.geometry).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('no-geometry');
  });

  it('reports duplicate location and survey ids', () => {
    const doc = validDoc();
    doc.locations[1]!.id = 'L1';
    doc.surveys[1]!.id = 'M1';
    const problems = problemsOf(parsePldpObject(doc));
    expect(problems.map((p) => p.code)).toContain('duplicate-id');
    expect(problems.filter((p) => p.code === 'duplicate-id')).toHaveLength(2);
  });

  it('reports unknown survey kinds and missing kinds', () => {
    const doc = validDoc();
    doc.surveys[0]!.kind = 'people_flying';
    delete doc.surveys[1]!.kind;
    expect(codes(parsePldpObject(doc))).toEqual(['unknown-kind', 'missing-field']);
  });

  it('lists at most 20 problems and counts them all', () => {
    const doc = validDoc();
    doc.surveys = Array.from({ length: 35 }, (_, i) => ({ id: `s${i}`, location: 'nowhere', kind: 'people_moving', time_start: '2024-05-01T08:00', time_stop: '2024-05-01T09:00' }));
    const r = parsePldpObject(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(20);
    expect(r.problemCount).toBe(35);
  });

  it('never throws and never half-loads on arbitrary input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parsePldpObject(value);
        if (r.ok) expect(r.study.counts.length).toBeGreaterThan(0);
        else expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parsePldp(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    // Mutations of a valid document: drop or corrupt one field at a time.
    const base = validDoc();
    const paths: [string, string | number][] = [];
    base.surveys.forEach((s, i) => Object.keys(s).forEach((k) => paths.push([`surveys.${i}`, k])));
    for (const [holder, key] of paths) {
      for (const bad of [null, 42, 'x', [], {}, -1]) {
        const doc = validDoc();
        const [, i] = holder.split('.');
        (doc.surveys[Number(i)] as Record<string, unknown>)[key] = bad;
        expect(() => parsePldpObject(doc)).not.toThrow();
      }
    }
  });

  it('refuses times outside the years 1900–2199 with bad-timestamp naming the field', () => {
    // -1e308 ms is no Date at all: formatting it for the end-before-start message threw RangeError.
    for (const bad of [-1e308, 1e308, -8.64e15, Date.UTC(1899, 0, 1), Date.UTC(2300, 0, 1), '1850-05-01T08:00', '2250-05-01T08:00Z', '9999999999']) {
      const doc = validDoc();
      doc.surveys[0]!.time_stop = bad;
      const problems = problemsOf(parsePldp(JSON.stringify(doc)));
      expect(problems.map((p) => p.code), String(bad)).toEqual(['bad-timestamp']);
      expect(problems[0]!.where).toMatchObject({ path: 'surveys[0].time_stop', field: 'time_stop', siteId: 'L2' });
      expect(problems[0]!.message.en).toContain('outside the years 1900–2199');
      expect(problems[0]!.message.da).toContain('uden for årene 1900–2199');
    }
    const doc = validDoc();
    doc.surveys[0]!.time_start = -1e308;
    expect(problemsOf(parsePldpObject(doc))[0]).toMatchObject({ code: 'bad-timestamp', where: { path: 'surveys[0].time_start' } });
    // Epoch milliseconds in range are times.
    const ms = validDoc();
    ms.surveys[0]!.time_start = Date.UTC(2024, 4, 1, 6);
    ms.surveys[0]!.time_stop = Date.UTC(2024, 4, 1, 6, 10);
    const r = parsePldpObject(ms);
    expect(r.ok).toBe(true);
  });

  it('refuses a count that is an object, a list or true/false as bad-count', () => {
    for (const bad of [{ toString: [] }, { toString: 1 }, [3], true]) {
      const doc = validDoc();
      (doc.surveys[0]!.records as Record<string, unknown>[])[1]!.count = bad;
      const problems = problemsOf(parsePldp(JSON.stringify(doc)));
      expect(problems.map((p) => p.code)).toEqual(['bad-count']);
      expect(problems[0]!.where.path).toBe('surveys[0].records[1].count');
    }
    const doc = validDoc();
    (doc.surveys[0]!.records as Record<string, unknown>[])[1]!.count = { toString: [] };
    expect(problemsOf(parsePldp(JSON.stringify(doc)))[0]!.message.en).toBe('surveys[0].records[1].count: the count {"toString":[]} is not a number. Write a whole number ≥ 0.');
  });

  it('reads activities as a list or text, and skips an activity that is neither', () => {
    for (const [activities, expected] of [
      ['consuming; conversing', ['consuming', 'conversing']],
      [['consuming', 3], ['consuming', '3']],
      [7, ['7']],
      // String({ toString: [] }) throws "Cannot convert object to primitive value".
      [{ toString: [] }, undefined],
      [true, undefined],
    ] as const) {
      const doc = validDoc();
      (doc.surveys[2]!.records as Record<string, unknown>[])[0]!.activities = activities;
      const r = parsePldp(JSON.stringify(doc));
      expect(r.ok, JSON.stringify(activities)).toBe(true);
      if (!r.ok) continue;
      const reg = r.study.counts.find((c) => c.kind === 'staying' && c.posture === 'sitting_formal')!;
      expect(reg.activities ?? (reg.activity === undefined ? undefined : [reg.activity])).toEqual(expected);
    }
  });

  it('refuses input nested deeper than 64 levels with a clear problem, whatever field holds it', () => {
    const deep = (depth: number, inner = '"people_moving"') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
    // A survey kind nested 10 000 deep: describing it for the message overflowed the stack.
    const text = JSON.stringify(validDoc()).replace('"kind":"people_moving"', `"kind":${deep(10_000)}`);
    const problems = problemsOf(parsePldp(text));
    expect(problems.map((p) => p.code)).toEqual(['bad-value']);
    expect(problems[0]!.where.path!.startsWith('surveys[0].kind[0][0]')).toBe(true);
    expect(problems[0]!.message.en).toContain('nested more than 64 levels deep');
    expect(problems[0]!.message.da).toContain('indlejret mere end 64 niveauer');
    // Deep anywhere: a geometry, an unknown field, the list of surveys.
    for (const replaced of [
      JSON.stringify(validDoc()).replace('"coordinates":[12.52,55.62]', `"coordinates":${deep(50_000, '1')}`),
      JSON.stringify(validDoc()).replace('"study":{', `"extra":${deep(100, '{}')},"study":{`),
      `{"surveys":${deep(50_000, '{}')}}`,
    ]) {
      expect(codes(parsePldp(replaced))).toEqual(['bad-value']);
    }
    // A deep list as the whole file is not a PLDP object to begin with.
    expect(codes(parsePldp(deep(50_000, '{}')))).toEqual(['not-an-object']);
    // Within the limit a deep kind is only an unknown kind, shown shortened.
    const shallow = JSON.stringify(validDoc()).replace('"kind":"people_moving"', `"kind":${deep(40)}`);
    const p = problemsOf(parsePldp(shallow))[0]!;
    expect(p.code).toBe('unknown-kind');
    expect(p.message.en).toContain(`has the kind ${deep(40).slice(0, 57)}…;`);
  });
});
