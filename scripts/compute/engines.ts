/**
 * The two SQL engines in Node, behind the same SqlRunner: native DuckDB (@duckdb/node-api,
 * for `npm run compute`) and DuckDB-wasm (its Node build, for tests and the benchmark).
 * Tables are loaded from memory only: native DuckDB through its appender (Parquet decoded
 * with hyparquet), DuckDB-wasm through Arrow IPC (parquet-wasm), as in the app. No
 * plaintext touches the disk.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBConnection as WasmConnection } from '@duckdb/duckdb-wasm/blocking';
import { readParquet } from 'parquet-wasm/node';
import { parquetReadObjects, type Compressors } from 'hyparquet';
import { gunzipSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';
import type { ColumnData, ColumnType, TableData } from '../../shared/extract/parquet-write';
import type { ManifestTable } from '../../shared/extract/manifest';
import { identifier } from '../../shared/indicators/compile';
import type { SqlRunner } from '../../shared/indicators/run';

export interface NodeEngine extends SqlRunner {
  readonly name: 'native' | 'wasm';
  /** Loads a table given as columns (the types as in the manifest). */
  loadColumns(table: TableData): Promise<void>;
  /** Loads a table from Parquet bytes in memory. */
  loadParquet(table: ManifestTable, bytes: Uint8Array): Promise<void>;
  close(): void;
}

const NATIVE_TYPES: Record<ColumnType, DuckDBType> = { VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE: VARCHAR };
const CHUNK = 2048;

/** Codecs hyparquet lacks (it reads snappy itself); the extract builder writes ZSTD, other tools GZIP. */
const COMPRESSORS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  ZSTD: (input) => zstdDecompress(input),
};

function toNative(value: unknown, type: ColumnType): DuckDBValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'BIGINT':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'INTEGER':
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    default:
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
}

export async function openNativeEngine(options: { threads?: number } = {}): Promise<NodeEngine> {
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const connection: DuckDBConnection = await instance.connect();
  const loadColumns = async (table: TableData): Promise<void> => {
    const columns = table.columns;
    await connection.run(`CREATE OR REPLACE TABLE ${identifier(table.name)} (${columns.map((c) => `${identifier(c.name)} ${c.type === 'DATE' ? 'VARCHAR' : c.type}`).join(', ')})`);
    const appender = await connection.createAppender(table.name);
    const types = columns.map((c) => NATIVE_TYPES[c.type]);
    const rows = columns[0]?.values.length ?? 0;
    for (let start = 0; start < rows; start += CHUNK) {
      const end = Math.min(rows, start + CHUNK);
      const chunk = DuckDBDataChunk.create(types, end - start);
      columns.forEach((c, i) => chunk.setColumnValues(i, c.values.slice(start, end).map((v) => toNative(v, c.type))));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  };
  return {
    name: 'native',
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    loadColumns,
    async loadParquet(table, bytes) {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const rows = await parquetReadObjects({ file: buffer, columns: table.columns.map((c) => c.name), compressors: COMPRESSORS });
      const columns: ColumnData[] = table.columns.map((c) => ({ name: c.name, type: c.type, values: rows.map((r) => (r[c.name] ?? null) as ColumnData['values'][number]) }));
      await loadColumns({ name: table.name, columns });
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function openWasmEngine(): Promise<NodeEngine> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const connection: WasmConnection = db.connect();
  connection.query('SET autoinstall_known_extensions = false');
  connection.query('SET autoload_known_extensions = false');
  const loadIpc = (name: string, ipc: Uint8Array) => connection.insertArrowFromIPCStream(ipc, { name, create: true });
  return {
    name: 'wasm',
    async query(sql) {
      return connection.query(sql).toArray().map((row) => ({ ...((row as { toJSON(): Record<string, unknown> }).toJSON()) }));
    },
    async loadColumns(table) {
      // Through Parquet → Arrow in slices, as the app loads tables, with bounded memory.
      const { writeParquet } = await import('../../shared/extract/parquet-write');
      const rows = table.columns[0]?.values.length ?? 0;
      const SLICE = 500_000;
      for (let start = 0; start === 0 || start < rows; start += SLICE) {
        const slice = { name: table.name, columns: table.columns.map((c) => ({ ...c, values: c.values.slice(start, start + SLICE) })) };
        connection.insertArrowFromIPCStream(readParquet(writeParquet(slice)).intoIPCStream(), { name: table.name, create: start === 0 });
      }
    },
    async loadParquet(table, bytes) {
      loadIpc(table.name, readParquet(bytes).intoIPCStream());
    },
    close() {
      connection.close();
      db.reset();
    },
  };
}
