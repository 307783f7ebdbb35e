import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { areaMapSql, type LayerArea } from './areas';
import { compilePackQuery, MUNICIPALITY_LAYER } from './compile';
import type { Indicator } from './pack';
import { buildPackResults, type PackCell } from './results';
import { normaliseEngineRow } from './run';

// Base areas a, b (bydel X) and c (bydel Y, no residents at all); estate E = {a}.
const AREAS: LayerArea[] = [
  { layerId: 'district', areaId: 'a', name: 'A' },
  { layerId: 'district', areaId: 'b', name: 'B' },
  { layerId: 'district', areaId: 'c', name: 'C' },
  { layerId: 'bydel', areaId: 'X', name: 'X' },
  { layerId: 'bydel', areaId: 'Y', name: 'Y' },
  { layerId: 'estate', areaId: 'E', name: 'E' },
  { layerId: MUNICIPALITY_LAYER, areaId: '0999', name: 'M' },
];
const MAP = [
  ['district', 'a', 'a'], ['district', 'b', 'b'], ['district', 'c', 'c'],
  ['bydel', 'a', 'X'], ['bydel', 'b', 'X'], ['bydel', 'c', 'Y'],
  ['estate', 'a', 'E'],
  [MUNICIPALITY_LAYER, 'a', '0999'], [MUNICIPALITY_LAYER, 'b', '0999'], [MUNICIPALITY_LAYER, 'c', '0999'],
].map(([layerId, baseAreaId, areaId]) => ({ layerId: layerId as string, baseAreaId: baseAreaId as string, areaId: areaId as string }));

const base = { label: { da: 'x', en: 'x' }, description: { da: 'x', en: 'x' }, minPopulation: 3 };
const INDICATORS: Indicator[] = [
  // Adults 18+: a has 3 (1 employed), b has 1 (employed) → b small.
  { ...base, id: 'employed', unit: 'share', direction: 'higher-is-better', population: [{ column: 'age', op: 'gte', value: 18 }],
    numerator: { kind: 'persons', where: [{ column: 'status', op: 'eq', value: 'job' }] } },
  // Pensioners 67+: nobody anywhere → empty populations (value null), not zero.
  { ...base, id: 'old_pension', unit: 'share', direction: 'context', population: [{ column: 'age', op: 'gte', value: 67 }],
    numerator: { kind: 'persons', where: [] } },
  // Zero numerator: nobody is 'sick'.
  { ...base, id: 'sick', unit: 'share', direction: 'higher-is-worse', population: [],
    numerator: { kind: 'persons', where: [{ any: [{ column: 'status', op: 'eq', value: 'sick' }, { column: 'status', op: 'is-null' }] }] } },
  // Persons with ≥1 conviction under straffeloven (two convictions of p1 count once).
  { ...base, id: 'convicted', unit: 'per1000', direction: 'higher-is-worse', population: [],
    numerator: { kind: 'event', types: ['dom'], where: [{ column: 'detail', op: 'eq', value: 'straffeloven' }] } },
  // Event counts (Poisson): all convictions of residents.
  { ...base, id: 'conviction_events', unit: 'per1000', direction: 'higher-is-worse', population: [],
    numerator: { kind: 'event', types: ['dom'], count: 'events' } },
  // Moves out counted where they happened (the mover no longer lives there).
  { ...base, id: 'moves_out', unit: 'per1000', direction: 'higher-is-worse', population: [],
    numerator: { kind: 'event', types: ['fraflytning'], count: 'events', area: 'event' } },
  { ...base, id: 'income_median', unit: 'median', direction: 'higher-is-better', population: [{ column: 'age', op: 'gte', value: 18 }],
    numerator: { kind: 'value', column: 'income', statistic: 'median' } },
  { ...base, id: 'income_mean', unit: 'dkk', direction: 'higher-is-better', population: [{ column: 'age', op: 'gte', value: 18 }],
    numerator: { kind: 'value', column: 'income', statistic: 'mean' } },
  // Two-year pooled share (as the official criteria's averages).
  { ...base, id: 'employed_2y', unit: 'share', direction: 'higher-is-better', window: 2, population: [{ column: 'age', op: 'gte', value: 18 }],
    numerator: { kind: 'persons', where: [{ column: 'status', op: 'eq', value: 'job' }] } },
];

let instance: DuckDBInstance;
let db: DuckDBConnection;
let cells: Map<string, PackCell>;
let municipality: ReturnType<typeof buildPackResults>['municipality'];

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run(`CREATE TABLE persons (period INTEGER, person_id VARCHAR, district_id VARCHAR, age INTEGER, status VARCHAR, income INTEGER)`);
  await db.run(`INSERT INTO persons VALUES
    (2024, 'p1', 'a', 30, 'job', 100), (2024, 'p2', 'a', 40, 'none', 200), (2024, 'p3', 'a', 50, 'none', 900),
    (2024, 'p4', 'a', 10, 'child', 0), (2024, 'p5', 'b', 35, 'job', 1000),
    (2023, 'p1', 'a', 29, 'job', 90), (2023, 'p2', 'a', 39, 'job', 190)`);
  await db.run(`CREATE TABLE events (period INTEGER, person_id VARCHAR, district_id VARCHAR, type VARCHAR, detail VARCHAR)`);
  await db.run(`INSERT INTO events VALUES
    (2024, 'p1', 'a', 'dom', 'straffeloven'), (2024, 'p1', 'a', 'dom', 'straffeloven'), (2024, 'p2', 'a', 'dom', 'euf'),
    (2023, 'p5', 'b', 'dom', 'straffeloven'),
    (2024, 'gone1', 'b', 'fraflytning', NULL), (2024, 'gone2', 'b', 'fraflytning', NULL), (2024, 'p1', 'a', 'fraflytning', NULL)`);
  for (const sql of areaMapSql(MAP)) await db.run(sql);
  const reader = await db.runAndReadAll(compilePackQuery(INDICATORS));
  const rows = (reader.getRowObjectsJS() as Record<string, unknown>[]).map(normaliseEngineRow);
  const results = buildPackResults(rows, INDICATORS, AREAS, [2023, 2024]);
  cells = new Map(results.cells.map((c) => [`${c.indicatorId}|${c.layerId}|${c.period}|${c.areaId}`, c]));
  municipality = results.municipality;
});

afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

const cell = (id: string, layer: string, period: number, area: string): PackCell => {
  const c = cells.get(`${id}|${layer}|${period}|${area}`);
  if (!c) throw new Error(`no cell ${id} ${layer} ${period} ${area}`);
  return c;
};

describe('the engine on hand-built tables', () => {
  it('counts shares per base area, flags small populations, and gives Wilson intervals', () => {
    const a = cell('employed', 'district', 2024, 'a');
    expect([a.numerator, a.denominator, a.value, a.small, a.method]).toEqual([1, 3, 1 / 3, false, 'wilson']);
    expect(a.lower).toBeGreaterThan(0);
    const b = cell('employed', 'district', 2024, 'b');
    expect([b.numerator, b.denominator, b.value, b.small]).toEqual([1, 1, 1, true]);
  });

  it('gives areas without residents and empty populations an explicit empty cell (value null)', () => {
    const c = cell('employed', 'district', 2024, 'c');
    expect([c.numerator, c.denominator, c.value, c.lower, c.upper, c.small]).toEqual([0, 0, null, null, null, true]);
    const empty = cell('old_pension', 'district', 2024, 'a');
    expect([empty.denominator, empty.value]).toEqual([0, null]);
    expect(municipality.find((m) => m.indicatorId === 'old_pension' && m.period === 2024)?.value).toBeNull();
  });

  it('handles a zero numerator: value 0 with a lower limit of 0', () => {
    const a = cell('sick', 'district', 2024, 'a');
    expect([a.numerator, a.denominator, a.value, a.lower]).toEqual([0, 4, 0, 0]);
    expect(a.upper).toBeGreaterThan(0);
  });

  it('aggregates to every layer from the microdata (bydel, estate, municipality)', () => {
    const x = cell('employed', 'bydel', 2024, 'X');
    expect([x.numerator, x.denominator]).toEqual([2, 4]);
    const y = cell('employed', 'bydel', 2024, 'Y');
    expect([y.denominator, y.value]).toEqual([0, null]);
    const e = cell('employed', 'estate', 2024, 'E');
    expect([e.numerator, e.denominator]).toEqual([1, 3]);
    const m = municipality.find((v) => v.indicatorId === 'employed' && v.period === 2024);
    expect([m?.numerator, m?.denominator, m?.value]).toEqual([2, 4, 0.5]);
    expect(cell('employed', 'district', 2024, 'a').reference).toBe(0.5);
  });

  it('counts persons with ≥ 1 matching event once, and events (Poisson) when asked', () => {
    const persons = cell('convicted', 'district', 2024, 'a');
    expect([persons.numerator, persons.denominator, persons.method]).toEqual([1, 4, 'wilson']);
    const events = cell('conviction_events', 'district', 2024, 'a');
    expect([events.numerator, events.denominator, events.method]).toEqual([3, 4, 'poisson-exact']);
    expect(events.value).toBe(0.75);
    // An event in another period does not count.
    expect(cell('convicted', 'district', 2024, 'b').numerator).toBe(0);
  });

  it('counts events where they happened for area-based numerators', () => {
    const b = cell('moves_out', 'district', 2024, 'b');
    expect([b.numerator, b.denominator]).toEqual([2, 1]);
    expect(cell('moves_out', 'bydel', 2024, 'X').numerator).toBe(3);
  });

  it('computes medians from the microdata of each layer (not medians of medians)', () => {
    expect(cell('income_median', 'district', 2024, 'a').value).toBe(200);
    expect(cell('income_median', 'district', 2024, 'b').value).toBe(1000);
    // Bydel X: 100, 200, 900, 1000 → 550 (the median of the district medians would be 600).
    const x = cell('income_median', 'bydel', 2024, 'X');
    expect([x.value, x.denominator, x.lower, x.method]).toEqual([550, 4, null, 'none']);
  });

  it('computes means with a t interval', () => {
    const a = cell('income_mean', 'district', 2024, 'a');
    expect([a.numerator, a.denominator, a.value, a.method]).toEqual([1200, 3, 400, 't']);
    expect(a.lower).toBeLessThan(400);
    expect(a.upper).toBeGreaterThan(400);
    expect(cell('income_mean', 'district', 2024, 'b').lower).toBeNull(); // one value: no spread
  });

  it('pools periods for windows and leaves out periods without a full window', () => {
    const a = cell('employed_2y', 'district', 2024, 'a');
    expect([a.numerator, a.denominator]).toEqual([3, 5]); // 2023: 2/2, 2024: 1/3
    expect(cell('employed_2y', 'district', 2023, 'a').value).toBeNull();
  });

  it('refuses unsafe identifiers and escapes literals', () => {
    const bad: Indicator = { ...base, id: 'x', unit: 'share', direction: 'context', population: [{ column: 'age; DROP TABLE persons', op: 'is-null' }], numerator: { kind: 'persons', where: [] } };
    expect(() => compilePackQuery([bad])).toThrow(/invalid SQL identifier/);
    const quoted: Indicator = { ...bad, population: [{ column: 'status', op: 'eq', value: "x' OR '1'='1" }] };
    expect(compilePackQuery([quoted])).toContain("'x'' OR ''1''=''1'");
    expect(() => compilePackQuery([quoted, quoted])).toThrow(/occurs twice/);
  });
});
