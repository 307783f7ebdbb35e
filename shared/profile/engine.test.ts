/**
 * Target-group profiles compiled to SQL and run in native DuckDB on small hand-built
 * tables whose answers are counted by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeEngine, type NodeEngine } from '../../scripts/compute/engines';
import type { ExtractManifest } from '../extract/manifest';
import type { ColumnData } from '../extract/parquet-write';
import { MUNICIPALITY_LAYER } from '../indicators/compile';
import type { AreaMapRow, LayerArea } from '../indicators/areas';
import type { SqlRunner } from '../indicators/run';
import type { TargetGroupDefinition } from './definition';
import { loadProfileCatalogue, runTargetGroupProfile, type ProfileCatalogue, type ProfileRun } from './run';
import { cohensD, cohensH, newcombeInterval, welchInterval, type ProfileRow, type ShownRow } from './statistics';

// Base areas a, b (bydel X) and c (bydel Y); estate E = {a}.
const AREA_MAP: AreaMapRow[] = [
  ['district', 'a', 'a'], ['district', 'b', 'b'], ['district', 'c', 'c'],
  ['bydel', 'a', 'X'], ['bydel', 'b', 'X'], ['bydel', 'c', 'Y'],
  ['estate', 'a', 'E'],
  [MUNICIPALITY_LAYER, 'a', '0999'], [MUNICIPALITY_LAYER, 'b', '0999'], [MUNICIPALITY_LAYER, 'c', '0999'],
].map(([layerId, baseAreaId, areaId]) => ({ layerId: layerId as string, baseAreaId: baseAreaId as string, areaId: areaId as string }));
const AREAS: LayerArea[] = [...new Map(AREA_MAP.map((r) => [`${r.layerId}|${r.areaId}`, { layerId: r.layerId, areaId: r.areaId, name: r.areaId }])).values()];

const COLUMNS = [
  ['period', 'INTEGER'], ['person_id', 'VARCHAR'], ['district_id', 'VARCHAR'], ['age', 'INTEGER'], ['sex', 'VARCHAR'],
  ['origin', 'VARCHAR'], ['education', 'VARCHAR'], ['labour_status', 'VARCHAR'], ['income', 'INTEGER'], ['benefit', 'VARCHAR'],
  ['employed', 'BOOLEAN'], ['note', 'VARCHAR'],
] as const;

const MANIFEST = {
  format: 'bydelsmonitor-extract',
  formatVersion: '1.0',
  municipality: { code: '0999', name: 'Testby' },
  periods: [2023, 2024],
  baseLayer: 'district',
  baseAreaColumn: 'district_id',
  areaLayers: ['district', 'bydel', 'estate'].map((id) => ({ id, label: { da: id, en: id }, file: `geo/${id}.geojson`, idProperty: 'id', nameProperty: 'name', parent: null })),
  tables: [{ name: 'persons', kind: 'person-period', file: 'tables/persons.parquet', columns: COLUMNS.map(([name, type]) => ({ name, type, nullable: true })) }],
  sources: [],
  producer: { name: 'test' },
  created: '2025-01-01T00:00:00Z',
  synthetic: true,
} satisfies ExtractManifest;

type Person = { area: string; age: number; sex: string; origin: string; education: string | null; labour: string; income: number; benefit: string };
const rows: (Person & { period: number })[] = [];
const add = (period: number, count: number, p: Person) => {
  for (let i = 0; i < count; i++) rows.push({ period, ...p });
};
// 2024. Area a (estate E): 20 unemployed — the group — and 10 employed.
add(2024, 12, { area: 'a', age: 30, sex: 'K', origin: 'ikke_vestlig', education: 'grundskole', labour: 'ledig', income: 100, benefit: 'kontant' });
add(2024, 4, { area: 'a', age: 40, sex: 'M', origin: 'dansk', education: null, labour: 'ledig', income: 120, benefit: 'kontant' });
add(2024, 4, { area: 'a', age: 50, sex: 'M', origin: 'dansk', education: 'grundskole', labour: 'ledig', income: 200, benefit: 'dagpenge' });
add(2024, 5, { area: 'a', age: 45, sex: 'K', origin: 'dansk', education: 'erhverv', labour: 'job', income: 400, benefit: 'ingen' });
add(2024, 5, { area: 'a', age: 45, sex: 'M', origin: 'dansk', education: 'erhverv', labour: 'job', income: 400, benefit: 'ingen' });
// Area b: 10 unemployed, 30 employed.
add(2024, 10, { area: 'b', age: 35, sex: 'M', origin: 'dansk', education: 'erhverv', labour: 'ledig', income: 150, benefit: 'dagpenge' });
add(2024, 15, { area: 'b', age: 40, sex: 'K', origin: 'dansk', education: 'lang', labour: 'job', income: 500, benefit: 'ingen' });
add(2024, 15, { area: 'b', age: 40, sex: 'M', origin: 'dansk', education: 'lang', labour: 'job', income: 500, benefit: 'ingen' });
// Area c: 5 unemployed, 25 employed.
add(2024, 5, { area: 'c', age: 25, sex: 'K', origin: 'vestlig', education: 'grundskole', labour: 'ledig', income: 110, benefit: 'kontant' });
add(2024, 10, { area: 'c', age: 50, sex: 'K', origin: 'dansk', education: 'mellemlang', labour: 'job', income: 450, benefit: 'ingen' });
add(2024, 15, { area: 'c', age: 50, sex: 'M', origin: 'dansk', education: 'mellemlang', labour: 'job', income: 450, benefit: 'ingen' });
// 2023: another period, which must not count.
add(2023, 25, { area: 'a', age: 60, sex: 'M', origin: 'dansk', education: 'lang', labour: 'ledig', income: 999, benefit: 'dagpenge' });

const table = (): { name: string; columns: ColumnData[] } => ({
  name: 'persons',
  columns: COLUMNS.map(([name, type]) => ({
    name,
    type,
    values: rows.map((r, i) => {
      switch (name) {
        case 'period': return r.period;
        case 'person_id': return `p${i}`;
        case 'district_id': return r.area;
        case 'labour_status': return r.labour;
        case 'employed': return r.labour === 'job';
        // 40 distinct notes: a text column that would identify rather than describe.
        case 'note': return `note ${i % 40}`;
        default: return r[name];
      }
    }),
  })),
});

/** Records every result the engine hands back, to prove none is a row per person. */
const results: Record<string, unknown>[][] = [];
let engine: NodeEngine;
let runner: SqlRunner;
let catalogue: ProfileCatalogue;

beforeAll(async () => {
  engine = await openNativeEngine();
  await engine.loadColumns(table());
  runner = {
    async query(sql) {
      const out = await engine.query(sql);
      results.push(out);
      return out;
    },
  };
  catalogue = await loadProfileCatalogue(runner, MANIFEST);
});

afterAll(() => engine.close());

const GROUP: TargetGroupDefinition = {
  period: 2024,
  area: { kind: 'areas', layerId: 'estate', areaIds: ['E'] },
  conditions: [{ column: 'labour_status', op: 'in', values: ['ledig'] }],
  comparison: 'rest-of-municipality',
};

const run = (definition: TargetGroupDefinition): Promise<ProfileRun> =>
  runTargetGroupProfile(runner, MANIFEST, definition, { catalogue, areaMapRows: AREA_MAP, areas: AREAS, zeroIsSafe: false });

function ok(profile: ProfileRun) {
  if (profile.status !== 'ok') throw new Error(`expected a profile, got ${JSON.stringify(profile)}`);
  return profile;
}
function shown(rowsOf: readonly ProfileRow[], id: string): ShownRow {
  const r = rowsOf.find((x) => x.id === id);
  if (!r || r.suppressed) throw new Error(`row ${id} is ${r ? 'suppressed' : 'missing'}`);
  return r;
}

describe('the catalogue of characteristics', () => {
  it('lists describing columns with their categories, and leaves out identifiers and near-unique text', () => {
    const names = catalogue.columns.map((c) => c.name);
    expect(names).toEqual(['age', 'sex', 'origin', 'education', 'labour_status', 'income', 'benefit', 'employed']);
    expect(catalogue.excluded).toEqual([
      { name: 'period', reason: 'identifier' },
      { name: 'person_id', reason: 'identifier' },
      { name: 'district_id', reason: 'identifier' },
      { name: 'note', reason: 'too-many-categories' },
    ]);
    expect(catalogue.columns.find((c) => c.name === 'education')?.categories).toEqual(['erhverv', 'grundskole', 'lang', 'mellemlang', null]);
    expect(catalogue.columns.find((c) => c.name === 'employed')?.categories).toEqual(['false', 'true']);
    expect(catalogue.columns.find((c) => c.name === 'origin')?.contested?.en).toMatch(/C-417\/23/);
    expect(catalogue.columns.find((c) => c.name === 'age')).toMatchObject({ kind: 'numeric', categories: [] });
  });
});

describe('unemployed residents of estate E against the rest of the municipality', () => {
  let profile: ReturnType<typeof ok>;
  beforeAll(async () => {
    profile = ok(await run(GROUP));
  });

  it('counts the group (20) and the rest of the municipality in 2024 (100 − 20 = 80), nobody in both', () => {
    expect([profile.groupSize, profile.comparisonSize, profile.overlap]).toEqual([20, 80, 'none']);
  });

  it('gives the shares counted by hand, with the Newcombe interval and Cohen’s h', () => {
    // Women: 12 of the 20; of the other 80: 5 (a) + 15 (b) + 5 + 10 (c) = 35.
    const k = shown(profile.rows, 'sex=K');
    expect([k.group, k.comparison]).toEqual([12 / 20, 35 / 80]);
    expect(k.difference).toBeCloseTo(0.1625, 12);
    expect(k.interval).toEqual(newcombeInterval(12, 20, 35, 80));
    expect(k.effect).toBeCloseTo(cohensH(0.6, 0.4375), 12);
    expect(k.effect).toBeCloseTo(0.3267, 4);
  });

  it('gives the means and standard deviations counted by hand, with Welch’s interval and Cohen’s d', () => {
    // Age: 12×30, 4×40, 4×50 → 36, SS 12·36 + 4·16 + 4·196 = 1280. The rest: 10×45, 10×35,
    // 30×40, 5×25, 25×50 → 3375/80 = 42.1875, SS 3742.1875.
    const age = shown(profile.rows, 'age');
    const g = { n: 20, mean: 36, sd: Math.sqrt(1280 / 19) };
    const c = { n: 80, mean: 42.1875, sd: Math.sqrt(3742.1875 / 79) };
    expect(age.group).toBeCloseTo(36, 10);
    expect(age.comparison).toBeCloseTo(42.1875, 10);
    expect(age.groupSd).toBeCloseTo(g.sd, 10);
    expect(age.comparisonSd).toBeCloseTo(c.sd, 10);
    expect(age.effect).toBeCloseTo(cohensD(g, c) ?? Number.NaN, 10);
    expect(age.effect).toBeCloseTo(-6.1875 / Math.sqrt((1280 + 3742.1875) / 98), 10);
    expect(age.interval?.lower).toBeCloseTo(welchInterval(g, c)?.lower ?? Number.NaN, 8);
    // Income: 124 against 32300/80 = 403.75.
    const income = shown(profile.rows, 'income');
    expect(income.group).toBeCloseTo(124, 10);
    expect(income.comparison).toBeCloseTo(403.75, 10);
  });

  it('ranks income (d ≈ −2.31), then age (d ≈ −0.86), then sex (|h| ≈ 0.33)', () => {
    const ranked = profile.rows.filter((r) => r.rank !== null).map((r) => r.id);
    expect(ranked).toEqual(['income', 'age', 'sex=K', 'sex=M']);
    expect(shown(profile.rows, 'income').effect).toBeCloseTo(-279.75 / Math.sqrt((30080 + 1406875) / 98), 10);
  });

  it('shows the defining column (100 % unemployed, 0 employed by definition) but does not rank it', () => {
    const ledig = shown(profile.rows, 'labour_status=ledig');
    expect([ledig.group, ledig.comparison, ledig.rank, ledig.inDefinition]).toEqual([1, 15 / 80, null, true]);
    const job = shown(profile.rows, 'labour_status=job');
    expect([job.group, job.comparison, job.rank]).toEqual([0, 65 / 80, null]);
  });

  it('suppresses small counts and their complements: benefit (dagpenge 4, none 0), education (missing 4, zeros), employed (0)', () => {
    const suppressed = Object.fromEntries(profile.rows.filter((r) => r.suppressed).map((r) => [r.id, r.suppressed ? r.reason : '']));
    expect(suppressed).toEqual({
      'benefit=dagpenge': 'small',
      'benefit=ingen': 'small',
      'benefit=kontant': 'complementary',
      'education=erhverv': 'small',
      'education=grundskole': 'complementary',
      'education=lang': 'small',
      'education=mellemlang': 'small',
      'education=∅': 'small',
      // Nobody in the group is employed (a zero the conditions on labour_status do not
      // force, as they do not name this column), so the column goes.
      'employed=true': 'small',
      'employed=false': 'complementary',
    });
  });

  it('leaves the contested origin column out entirely unless it is included', async () => {
    expect(profile.rows.some((r) => r.characteristic.column === 'origin')).toBe(false);
    expect(profile.sql).not.toContain('"origin"');
    const withOrigin = ok(await run({ ...GROUP, includeContested: true }));
    const dansk = shown(withOrigin.rows, 'origin=dansk');
    expect([dansk.group, dansk.comparison, dansk.contested]).toEqual([8 / 20, 75 / 80, true]);
    // ikke_vestlig: 0 in the comparison; vestlig: 0 in the group, 5 in the comparison.
    expect(withOrigin.rows.find((r) => r.id === 'origin=ikke_vestlig')).toMatchObject({ suppressed: true, reason: 'small' });
  });
});

describe('other comparisons and definitions', () => {
  it('the whole municipality includes the group', async () => {
    const p = ok(await run({ ...GROUP, comparison: 'municipality' }));
    expect([p.groupSize, p.comparisonSize, p.overlap]).toEqual([20, 100, 'all']);
    expect(shown(p.rows, 'sex=K').comparison).toBe(47 / 100);
  });

  it('another area, with or without the group’s conditions', async () => {
    const y = ok(await run({ ...GROUP, comparison: { kind: 'areas', layerId: 'bydel', areaIds: ['Y'] } }));
    expect([y.groupSize, y.comparisonSize, y.overlap]).toEqual([20, 30, 'none']);
    expect(shown(y.rows, 'sex=K').comparison).toBe(15 / 30);
    // The unemployed of bydel Y are only 5: no profile, and no count shown.
    const same = await run({ ...GROUP, comparison: { kind: 'areas', layerId: 'bydel', areaIds: ['Y'] }, comparisonConditions: 'same' });
    expect(same).toMatchObject({ status: 'too-small', population: 'comparison', minGroupSize: 20 });
    expect(JSON.stringify(same)).not.toMatch(/"(groupSize|comparisonSize)"/);
  });

  it('the rest of the municipality under the same conditions: the unemployed elsewhere (10 + 5 = 15 < 20)', async () => {
    expect(await run({ ...GROUP, comparisonConditions: 'same' })).toMatchObject({ status: 'too-small', population: 'comparison' });
  });

  it('age bands and several categories; a group under 20 gives a message instead of a profile', async () => {
    const p = ok(await run({ ...GROUP, area: { kind: 'municipality' }, conditions: [{ column: 'age', op: 'between', min: 25, max: 40 }, { column: 'labour_status', op: 'in', values: ['ledig', 'job'] }] }));
    // 12 (30) + 4 (40) in a, 10 (35) + 30 (40) in b, 5 (25) in c.
    expect(p.groupSize).toBe(61);
    expect(p.comparisonSize).toBe(39);
    expect(await run({ ...GROUP, conditions: [{ column: 'age', op: 'gte', value: 50 }] })).toMatchObject({ status: 'too-small', population: 'group' });
  });

  it('refuses conditions on identifiers, unknown or contested columns, and unknown areas, before any SQL', async () => {
    const before = results.length;
    const problems = async (d: Partial<TargetGroupDefinition>) => {
      const r = await run({ ...GROUP, ...d });
      return r.status === 'invalid' ? r.problems.map((p) => p.message.en) : [];
    };
    expect(await problems({ conditions: [{ column: 'person_id', op: 'in', values: ['p1', 'p2'] }] })).toEqual([expect.stringMatching(/never picked out one by one/)]);
    expect(await problems({ conditions: [{ column: 'origin', op: 'eq', value: 'dansk' }] })).toEqual([expect.stringMatching(/contested/)]);
    expect(await problems({ conditions: [{ column: 'shoe_size', op: 'gt', value: 40 }] })).toEqual([expect.stringMatching(/no column "shoe_size"/)]);
    expect(await problems({ area: { kind: 'areas', layerId: 'estate', areaIds: ['Z'] } })).toEqual(['Unknown areas: Z.']);
    expect(await problems({ period: 2019 })).toEqual(['The extract has no period 2019.']);
    expect(results.length).toBe(before);
  });

  it('treats hostile area ids as data, not SQL', async () => {
    const r = await runTargetGroupProfile(runner, MANIFEST, { ...GROUP, area: { kind: 'areas', layerId: 'estate', areaIds: ["E'); DROP TABLE persons; --"] } }, { catalogue });
    expect(r).toMatchObject({ status: 'too-small', population: 'group' });
    expect(ok(await run(GROUP)).groupSize).toBe(20);
  });
});

describe('aggregates only', () => {
  it('no statement ever returned a person: no identifier column, and never more rows than characteristics', () => {
    const bound = 1 + catalogue.columns.reduce((n, c) => n + Math.max(1, c.categories.length), 0);
    expect(results.length).toBeGreaterThan(5);
    for (const result of results) {
      expect(result.length).toBeLessThanOrEqual(bound);
      for (const row of result) {
        expect(Object.keys(row)).not.toContain('person_id');
        expect(Object.values(row)).not.toContain('p0');
      }
    }
  });
});
