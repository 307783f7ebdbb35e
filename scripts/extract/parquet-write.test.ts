/**
 * The project's one Parquet writer (shared/extract/parquet-write.ts) against both readers
 * that matter: native DuckDB (npm run compute) and the app's path, parquet-wasm → Arrow IPC
 * → DuckDB-wasm. Types and nulls must arrive intact in both.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { readParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquet, type TableData } from '../../shared/extract/parquet-write';
import { DEMO_SEED } from '../../shared/extract/demo';
import { buildSyntheticArchive } from '../demo/build-extract';

const TABLE: TableData = {
  name: 'sample',
  columns: [
    { name: 'text', type: 'VARCHAR', values: ['Åkanten', null, 'b', 'a'] },
    { name: 'whole', type: 'INTEGER', values: [1, -2147483648, null, 2147483647] },
    { name: 'big', type: 'BIGINT', values: [9007199254740993n, null, -1, 0] },
    { name: 'real', type: 'DOUBLE', values: [0.125, null, -1e300, 3] },
    { name: 'flag', type: 'BOOLEAN', values: [true, false, null, true] },
    { name: 'day', type: 'DATE', values: ['2024-02-29', null, '1970-01-01', '1899-12-31'] },
    { name: 'always', type: 'INTEGER', values: [4, 3, 2, 1] },
  ],
  orderBy: ['always'],
};

/** Rows in `always` order (1..4) as the readers should return them. */
const EXPECTED_ROWS = [
  { text: 'a', whole: 2147483647, big: '0', real: 3, flag: true, day: '1899-12-31', always: 1 },
  { text: 'b', whole: null, big: '-1', real: -1e300, flag: null, day: '1970-01-01', always: 2 },
  { text: null, whole: -2147483648, big: null, real: null, flag: false, day: null, always: 3 },
  { text: 'Åkanten', whole: 1, big: '9007199254740993', real: 0.125, flag: true, day: '2024-02-29', always: 4 },
];
const EXPECTED_TYPES = { text: 'VARCHAR', whole: 'INTEGER', big: 'BIGINT', real: 'DOUBLE', flag: 'BOOLEAN', day: 'DATE', always: 'INTEGER' };
const SELECT = 'SELECT text, whole, big::VARCHAR AS big, real, flag, day::VARCHAR AS day, always';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdm-parquet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the Parquet writer', () => {
  it('is read by native DuckDB with the right types, values and nulls', async () => {
    const file = join(dir, 'sample.parquet');
    await writeFile(file, writeParquet(TABLE));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const types = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowObjectsJson();
      expect(Object.fromEntries(types.map((t) => [t['column_name'], t['column_type']]))).toEqual(EXPECTED_TYPES);
      const rows = (await connection.runAndReadAll(`${SELECT} FROM '${file}'`)).getRowObjectsJson();
      expect(rows).toEqual(EXPECTED_ROWS.map((r) => ({ ...r, whole: r.whole, real: r.real })));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('is read by the app\'s path: parquet-wasm → Arrow IPC → DuckDB-wasm', async () => {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const db = await createDuckDB(
      { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
      new VoidLogger(),
      NODE_RUNTIME,
    );
    await db.instantiate();
    const connection = db.connect();
    try {
      connection.insertArrowFromIPCStream(readParquet(writeParquet(TABLE)).intoIPCStream(), { name: 'sample', create: true });
      const types = connection.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sample'").toArray();
      expect(Object.fromEntries(types.map((t) => [String(t['column_name']), String(t['data_type'])]))).toEqual(EXPECTED_TYPES);
      const rows = connection.query(`${SELECT} FROM sample`).toArray().map((r) => ({ ...(r.toJSON() as Record<string, unknown>) }));
      expect(rows).toEqual(EXPECTED_ROWS);
    } finally {
      connection.close();
    }
  });

  it('writes the same bytes for the same table', () => {
    expect(writeParquet(TABLE)).toEqual(writeParquet(TABLE));
  });

  it('writes an empty table that both readers accept', async () => {
    const empty = writeParquet({ name: 'empty', columns: [{ name: 'a', type: 'VARCHAR', values: [] }, { name: 'b', type: 'INTEGER', values: [] }] });
    expect(readParquet(empty).numBatches).toBe(0);
    const file = join(dir, 'empty.parquet');
    await writeFile(file, empty);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      expect((await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, typeof(any_value(b)) AS t FROM '${file}'`)).getRowObjectsJson()).toEqual([{ n: 0, t: 'INTEGER' }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('keeps the demo extract small (≤ 6 MB; DuckDB\'s ZSTD made 5.2 MB)', async () => {
    const { archive } = await buildSyntheticArchive(DEMO_SEED);
    expect(archive.length).toBeLessThan(6_000_000);
  }, 120_000);
});
