import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileIndicator, compilePack, identifier, literal } from './compile';
import { SKELETON_PACK } from './skeleton-pack';
import type { IndicatorDefinition } from './pack';

describe('SQL generation safety', () => {
  it('escapes string literals and refuses unsafe identifiers', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(() => identifier('age; DROP TABLE persons')).toThrow(/invalid SQL identifier/);
    expect(() => literal(Number.NaN)).toThrow();
    const hostile: IndicatorDefinition = {
      ...(SKELETON_PACK[0] as IndicatorDefinition),
      population: [{ column: 'age"', op: 'eq', value: 1 }],
    };
    expect(() => compileIndicator(hostile)).toThrow(/invalid SQL identifier/);
  });
});

describe('the compiled pack on a small hand-built table (native DuckDB)', () => {
  it('counts populations and numerators per area and period, including events and empty groups', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(`CREATE TABLE persons (period INTEGER, person_id VARCHAR, district_id VARCHAR, age INTEGER,
      labour_status VARCHAR, education VARCHAR)`);
    await db.run(`INSERT INTO persons VALUES
      (2024, 'p1', 'a', 30, 'beskaeftiget', 'grundskole'),
      (2024, 'p2', 'a', 40, 'ledig', 'lang_videregaaende'),
      (2024, 'p3', 'a', 10, 'barn', NULL),
      (2024, 'p4', 'b', 70, 'pensionist', 'grundskole'),
      (2024, 'p5', 'b', 5, 'barn', NULL),
      (2023, 'p1', 'a', 29, 'ledig', 'grundskole')`); // aged 29: outside the 30–59 population
    await db.run(`CREATE TABLE events (period INTEGER, person_id VARCHAR, district_id VARCHAR, type VARCHAR, detail VARCHAR)`);
    // Two notifications for one child count once; a notification in another year does not count.
    await db.run(`INSERT INTO events VALUES
      (2024, 'p3', 'a', 'underretning', NULL), (2024, 'p3', 'a', 'underretning', NULL),
      (2023, 'p5', 'b', 'underretning', NULL), (2024, 'p1', 'a', 'dom', 'straffeloven')`);
    const reader = await db.runAndReadAll(compilePack(SKELETON_PACK));
    const rows = reader.getRowObjectsJS().map((r) => `${r['indicator_id']} ${r['period']} ${r['area_id']} ${r['numerator']}/${r['denominator']}`);
    expect(rows).toEqual([
      'basic_education_30_59 2024 a 1/2',
      'child_notifications 2024 a 1/1',
      'child_notifications 2024 b 0/1',
      'employment_16_64 2023 a 0/1',
      'employment_16_64 2024 a 1/2',
      'outside_work_edu_18_64 2023 a 1/1',
      'outside_work_edu_18_64 2024 a 1/2',
    ]);
    db.closeSync();
    instance.closeSync();
  });
});
