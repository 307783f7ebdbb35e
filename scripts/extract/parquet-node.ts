/**
 * Writes column arrays to Parquet with native DuckDB (ZSTD). DuckDB writes Parquet only
 * to files, so each table passes through a private temporary folder that is removed at
 * once; it is used for synthetic and builder input, never for decrypted extracts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import type { ExtractManifest } from '../../shared/extract/manifest';

type ColumnType = ExtractManifest['tables'][number]['columns'][number]['type'];
export type CellValue = string | number | boolean | null;

export interface ColumnData {
  name: string;
  type: ColumnType;
  values: readonly CellValue[];
}

export interface TableData {
  name: string;
  columns: readonly ColumnData[];
  /** Row order in the file; sorting by pseudonym keeps a person's rows together, which compresses well. */
  orderBy?: readonly string[];
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: CellValue): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'VARCHAR':
      return appender.appendVarchar(String(value));
    case 'INTEGER':
      return appender.appendInteger(Number(value));
    case 'BIGINT':
      return appender.appendBigInt(BigInt(value as number));
    case 'DOUBLE':
      return appender.appendDouble(Number(value));
    case 'BOOLEAN':
      return appender.appendBoolean(Boolean(value));
    case 'DATE':
      throw new Error('DATE columns are not written by this helper yet');
  }
}

export async function writeParquetTables(tables: readonly TableData[]): Promise<Map<string, Uint8Array>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const dir = await mkdtemp(join(tmpdir(), 'bdm-parquet-'));
  try {
    const out = new Map<string, Uint8Array>();
    for (const table of tables) {
      const rowCount = table.columns[0]?.values.length ?? 0;
      for (const column of table.columns) {
        if (column.values.length !== rowCount) throw new Error(`${table.name}.${column.name}: ragged column`);
      }
      const columnsSql = table.columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
      await connection.run(`CREATE TABLE "${table.name}" (${columnsSql})`);
      const appender = await connection.createAppender(table.name);
      for (let row = 0; row < rowCount; row++) {
        for (const column of table.columns) appendValue(appender, column.type, column.values[row] as CellValue);
        appender.endRow();
      }
      appender.closeSync();
      const file = join(dir, `${table.name}.parquet`);
      const order = table.orderBy?.length ? ` ORDER BY ${table.orderBy.map((c) => `"${c}"`).join(', ')}` : '';
      await connection.run(
        `COPY (SELECT * FROM "${table.name}"${order}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
      );
      out.set(table.name, new Uint8Array(await readFile(file)));
      await connection.run(`DROP TABLE "${table.name}"`);
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
