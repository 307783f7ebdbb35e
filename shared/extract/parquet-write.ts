/**
 * The one Parquet writer of the project: column arrays → Parquet bytes, in pure JS
 * (hyparquet-writer), so the CLI, the demo build and the in-app builder write the same
 * files. Pages are GZIP-compressed with fflate: every Parquet reader has GZIP (native
 * DuckDB, parquet-wasm in the app), and it compresses these tables better than DuckDB's
 * own ZSTD output. Output is deterministic: same columns and order → same bytes.
 */
import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { ManifestTable } from './manifest';

export type ColumnType = ManifestTable['columns'][number]['type'];
/** DATE values are 'YYYY-MM-DD' strings; BIGINT values may be numbers or bigints. */
export type CellValue = string | number | bigint | boolean | null;

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

const ROW_GROUP_SIZE = 122_880;
const DAY_MS = 86_400_000;

function schemaElement(column: ColumnData, nullable: boolean): SchemaElement {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (column.type) {
    case 'VARCHAR':
      return { name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'INTEGER':
      return { name: column.name, type: 'INT32', repetition_type };
    case 'BIGINT':
      return { name: column.name, type: 'INT64', repetition_type };
    case 'DOUBLE':
      return { name: column.name, type: 'DOUBLE', repetition_type };
    case 'BOOLEAN':
      return { name: column.name, type: 'BOOLEAN', repetition_type };
    case 'DATE':
      return { name: column.name, type: 'INT32', converted_type: 'DATE', repetition_type };
  }
}

function daysSinceEpoch(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new Error(`not a date: ${iso}`);
  return Math.round(ms / DAY_MS);
}

/** Converts one value to what hyparquet-writer expects for the column's physical type. */
function physicalValue(column: ColumnData, value: CellValue): unknown {
  if (value === null) return null;
  switch (column.type) {
    case 'VARCHAR':
      return String(value);
    case 'INTEGER': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
        throw new Error(`${column.name}: ${String(value)} is not a 32-bit integer`);
      }
      return n;
    }
    case 'BIGINT':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    case 'DATE':
      return daysSinceEpoch(String(value));
  }
}

function compare(a: CellValue, b: CellValue): number {
  // Nulls last, as SQL's default ascending order does.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Row permutation for `orderBy` (stable: ties keep input order). */
export function sortOrder(table: TableData, rowCount: number): number[] {
  const order = Array.from({ length: rowCount }, (_, i) => i);
  const keys = (table.orderBy ?? []).map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`${table.name}: cannot order by missing column "${name}"`);
    return column.values;
  });
  if (keys.length === 0) return order;
  order.sort((x, y) => {
    for (const values of keys) {
      const c = compare(values[x] as CellValue, values[y] as CellValue);
      if (c !== 0) return c;
    }
    return x - y;
  });
  return order;
}

/**
 * A table without rows has an empty row-group list, which hyparquet-writer encodes without
 * an element type; strict readers (arrow-rs in parquet-wasm) want STRUCT. In the footer,
 * num_rows = 0 (field 3, i64) is followed by row_groups (field 4, list of size 0): 16 00 19 0x.
 */
function fixEmptyRowGroupList(bytes: Uint8Array): Uint8Array {
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  const start = bytes.length - 8 - footerLength;
  for (let i = start; i < bytes.length - 11; i++) {
    if (bytes[i] === 0x16 && bytes[i + 1] === 0x00 && bytes[i + 2] === 0x19 && (bytes[i + 3]! & 0xf0) === 0) {
      bytes[i + 3] = 0x0c;
      return bytes;
    }
  }
  throw new Error('unexpected Parquet footer for an empty table');
}

export function writeParquet(table: TableData): Uint8Array {
  const rowCount = table.columns[0]?.values.length ?? 0;
  for (const column of table.columns) {
    if (column.values.length !== rowCount) throw new Error(`${table.name}.${column.name}: ragged column`);
  }
  const order = sortOrder(table, rowCount);
  const columns = table.columns.map((column) => {
    const nullable = column.values.includes(null);
    const data = order.map((row) => physicalValue(column, column.values[row] as CellValue));
    return { column, nullable, data };
  });
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map(({ column, nullable }) => schemaElement(column, nullable)),
  ];
  const buffer = parquetWriteBuffer({
    columnData: columns.map(({ column, nullable, data }) => ({ name: column.name, data: data as never, nullable })),
    schema,
    codec: 'GZIP',
    // mtime 0 keeps the gzip headers, and so the file, byte-identical across runs.
    compressors: { GZIP: (bytes: Uint8Array) => gzipSync(bytes, { level: 6, mtime: 0 }) },
    rowGroupSize: ROW_GROUP_SIZE,
    createdBy: 'bydelsmonitor',
  });
  const bytes = new Uint8Array(buffer);
  return rowCount === 0 ? fixEmptyRowGroupList(bytes) : bytes;
}

export function writeParquetTables(tables: readonly TableData[]): Map<string, Uint8Array> {
  return new Map(tables.map((table) => [table.name, writeParquet(table)]));
}
