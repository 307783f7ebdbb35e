import { describe, expect, it } from 'vitest';
import type { ExtractManifest } from '../extract/manifest';
import { tinyManifest } from '../extract/test-fixtures';
import { checkPackAgainstExtract } from './pack-columns';
import type { Indicator, IndicatorPack } from './pack';
import { formatPackProblem } from './schema';

function manifestWith(personColumns: [string, 'INTEGER' | 'VARCHAR' | 'DOUBLE'][], eventColumns: [string, 'INTEGER' | 'VARCHAR'][] | null): ExtractManifest {
  const m = tinyManifest();
  const persons = m.tables[0]!;
  const tables: ExtractManifest['tables'] = [
    { ...persons, columns: [...persons.columns, ...personColumns.map(([name, type]) => ({ name, type, nullable: true }))] },
  ];
  if (eventColumns) {
    tables.push({
      name: 'events',
      kind: 'events',
      file: 'tables/events.parquet',
      columns: [
        { name: 'period', type: 'INTEGER', nullable: false },
        { name: 'person_id', type: 'VARCHAR', nullable: false },
        { name: 'district_id', type: 'VARCHAR', nullable: false },
        { name: 'type', type: 'VARCHAR', nullable: false },
        ...eventColumns.map(([name, type]) => ({ name, type, nullable: true })),
      ],
    });
  }
  return { ...m, tables };
}

function packOf(...indicators: Indicator[]): IndicatorPack {
  return { format: 'bydelsmonitor-pack', version: '1.0', id: 'test', label: { da: 't', en: 't' }, description: { da: 't', en: 't' }, indicators };
}

const base = { label: { da: 'x', en: 'x' }, description: { da: 'x', en: 'x' }, unit: 'share', direction: 'higher-is-worse', minPopulation: 20 } as const;

describe('checking a pack against the extract it runs on', () => {
  it('accepts a pack whose columns all exist', () => {
    const pack = packOf(
      { ...base, id: 'a', population: [{ column: 'age', op: 'between', min: 18, max: 64 }], numerator: { kind: 'persons', where: [{ any: [{ column: 'status', op: 'eq', value: 'x' }] }] } },
      { ...base, id: 'b', unit: 'dkk', population: [], numerator: { kind: 'value', column: 'income', statistic: 'mean' } },
      { ...base, id: 'c', population: [], numerator: { kind: 'event', types: ['dom'], where: [{ column: 'detail', op: 'eq', value: 'x' }] } },
    );
    const manifest = manifestWith([['age', 'INTEGER'], ['status', 'VARCHAR'], ['income', 'DOUBLE']], [['detail', 'VARCHAR']]);
    expect(checkPackAgainstExtract(pack, manifest)).toEqual([]);
  });

  it('names the indicator, the field (nested groups included) and the missing column, in both languages', () => {
    const pack = packOf({
      ...base,
      id: 'neet',
      population: [{ column: 'age', op: 'gte', value: 18 }, { all: [{ column: 'alder', op: 'lt', value: 25 }] }],
      numerator: { kind: 'persons', where: [] },
    });
    const problems = checkPackAgainstExtract(pack, manifestWith([['age', 'INTEGER']], null));
    expect(problems.map((p) => formatPackProblem(p, 'en'))).toEqual([
      'indicator "neet": population[1].all[0].column: the extract\'s table "persons" has no column "alder" (it has: period, person_id, district_id, age); fix the pack, or use an extract that has the column',
    ]);
    expect(formatPackProblem(problems[0]!, 'da')).toMatch(/^indikator "neet": population\[1\]\.all\[0\]\.column: udtrækkets tabel "persons" har ingen kolonne "alder"/);
  });

  it('refuses a mean over a text column, and event conditions on columns the events table lacks', () => {
    const pack = packOf(
      { ...base, id: 'inc', unit: 'mean', population: [], numerator: { kind: 'value', column: 'status', statistic: 'mean' } },
      { ...base, id: 'conv', population: [], numerator: { kind: 'event', types: ['dom'], where: [{ column: 'law', op: 'eq', value: 'x' }] } },
    );
    const problems = checkPackAgainstExtract(pack, manifestWith([['status', 'VARCHAR']], [['detail', 'VARCHAR']]));
    expect(problems.map((p) => `${p.indicatorId} ${p.field}`)).toEqual(['inc numerator.column', 'conv numerator.where[0].column']);
    expect(problems[0]!.message.en).toMatch(/type VARCHAR; a mean or median needs numbers/);
  });

  it('says so when an event indicator meets an extract without events', () => {
    const pack = packOf({ ...base, id: 'conv', population: [], numerator: { kind: 'event', types: ['dom'] } });
    const [problem] = checkPackAgainstExtract(pack, manifestWith([], null));
    expect(problem?.indicatorId).toBe('conv');
    expect(problem?.message.en).toBe('the extract has no events table, which this indicator counts in');
  });
});
