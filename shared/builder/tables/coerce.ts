/**
 * Applies extract.json's columns and types to a RawTable: finds each column by name,
 * decides its decimal separator, reads every cell, and counts empty and suppressed cells.
 * A suppressed cell becomes null and is counted, never zero and never text.
 */
import type { CellValue, ColumnType } from '../../extract/parquet-write';
import type { ProblemList, ProblemPlace } from '../problems';
import type { ColumnSpec, TableSpec } from '../spec';
import { mustHaveValue, type KindRules } from '../table-kinds';
import type { RawCell, RawTable } from './raw-table';
import { dateFromUtc, decimalEvidence, parseBoolean, parseDate, parseNumber, parseWhole, suppressionMarker, trimCell, type Decimal } from './values';

export interface TypedColumn {
  name: string;
  type: ColumnType;
  values: CellValue[];
  /** Empty cells (unknown values). */
  empty: number;
  /** Suppressed cells, by marker as written. */
  suppressed: Record<string, number>;
  /** Decimal separator used for text cells (DOUBLE columns). */
  decimal?: Decimal;
}

export interface TypedTable {
  spec: TableSpec;
  /** The file read, as named in the input folder. */
  file: string;
  columns: TypedColumn[];
  rowNumbers: number[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Cuts an offending value for the report, masking anything shaped like a CPR number. */
function example(cell: RawCell): string {
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return text.replace(/\d{6}-?\d{4}/g, '######-####').slice(0, 24);
}

type Outcome = { value: CellValue } | { suppressed: string } | { invalid: 'type' | 'range' };

function readCell(cell: RawCell, type: ColumnType, decimal: Decimal, markers: readonly string[]): Outcome {
  if (cell === null) return { value: null };
  if (typeof cell === 'string') {
    const t = trimCell(cell);
    if (t === '') return { value: null };
    if (type === 'VARCHAR') return { value: t };
    const marker = suppressionMarker(t, markers);
    if (marker !== null) return { suppressed: marker };
    switch (type) {
      case 'INTEGER':
      case 'BIGINT': {
        const n = parseWhole(t, decimal);
        if (n === null) return { invalid: 'type' };
        return wholeValue(n, type);
      }
      case 'DOUBLE': {
        const n = parseNumber(t, decimal);
        return n === null ? { invalid: 'type' } : { value: n };
      }
      case 'BOOLEAN': {
        const b = parseBoolean(t);
        return b === null ? { invalid: 'type' } : { value: b };
      }
      case 'DATE': {
        const d = parseDate(t);
        return d === null ? { invalid: 'type' } : { value: d };
      }
    }
  }
  switch (type) {
    case 'VARCHAR':
      if (cell instanceof Date) return { value: dateFromUtc(cell) ?? cell.toISOString() };
      return { value: String(cell) };
    case 'INTEGER':
    case 'BIGINT':
      if (typeof cell === 'bigint') return wholeValue(cell, type);
      if (typeof cell === 'number' && Number.isInteger(cell)) return wholeValue(cell, type);
      return { invalid: 'type' };
    case 'DOUBLE':
      if (typeof cell === 'number') return { value: cell };
      if (typeof cell === 'bigint') return { value: Number(cell) };
      return { invalid: 'type' };
    case 'BOOLEAN':
      if (typeof cell === 'boolean') return { value: cell };
      if (cell === 0 || cell === 1) return { value: cell === 1 };
      return { invalid: 'type' };
    case 'DATE':
      if (cell instanceof Date) {
        const d = dateFromUtc(cell);
        return d === null ? { invalid: 'type' } : { value: d };
      }
      return { invalid: 'type' };
  }
}

function wholeValue(n: number | bigint, type: 'INTEGER' | 'BIGINT'): Outcome {
  if (type === 'BIGINT') return { value: typeof n === 'bigint' && Number.isSafeInteger(Number(n)) ? Number(n) : n };
  const value = Number(n);
  return value < INT32_MIN || value > INT32_MAX ? { invalid: 'range' } : { value };
}

/** Decimal separator of a numeric column: extract.json, else what its cells show, else the file's default. */
function columnDecimal(cells: readonly RawCell[], table: TableSpec, raw: RawTable, problems: ProblemList, place: ProblemPlace): Decimal | null {
  if (table.decimal) return table.decimal;
  let comma: string | null = null;
  let point: string | null = null;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const e = decimalEvidence(cell);
    if (e === ',' && comma === null) comma = trimCell(cell);
    if (e === '.' && point === null) point = trimCell(cell);
    if (comma !== null && point !== null) {
      problems.add('decimal-mixed', { comma, point }, place);
      return null;
    }
  }
  return comma !== null ? ',' : point !== null ? '.' : raw.defaultDecimal;
}

function findColumn(raw: RawTable, column: ColumnSpec): number {
  const wanted = column.header ?? column.name;
  const exact = raw.header.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.trim().toLowerCase();
  return raw.header.findIndex((h) => h.toLowerCase() === lower);
}

export function coerceTable(
  raw: RawTable,
  table: TableSpec,
  rules: KindRules,
  extraMarkers: readonly string[],
  problems: ProblemList,
  file: string,
): TypedTable | null {
  const tablePlace: ProblemPlace = { table: table.name, file };
  const seen = new Set<string>();
  for (const h of raw.header) {
    if (h !== '' && seen.has(h)) problems.add('header-duplicate', { column: h }, tablePlace);
    seen.add(h);
  }
  const used = new Set<number>();
  const columns: TypedColumn[] = [];
  let complete = true;
  for (const column of table.columns) {
    const place: ProblemPlace = { ...tablePlace, column: column.name };
    const index = findColumn(raw, column);
    if (index < 0) {
      problems.add('column-missing', { column: column.header ?? column.name, header: raw.header }, place);
      complete = false;
      continue;
    }
    used.add(index);
    if (raw.nestedColumns?.includes(raw.header[index]!)) {
      problems.add('parquet-nested', { column: raw.header[index]! }, place);
      complete = false;
      continue;
    }
    const cells = raw.columns[index]!;
    const numeric = column.type === 'INTEGER' || column.type === 'BIGINT' || column.type === 'DOUBLE';
    const decimal = numeric ? columnDecimal(cells, table, raw, problems, place) : raw.defaultDecimal;
    if (decimal === null) {
      complete = false;
      continue;
    }
    const nullable = column.nullable ?? !mustHaveValue(rules, column.name);
    const typed: TypedColumn = { name: column.name, type: column.type, values: new Array<CellValue>(cells.length), empty: 0, suppressed: {} };
    if (column.type === 'DOUBLE') typed.decimal = decimal;
    cells.forEach((cell, i) => {
      const row = raw.rowNumbers[i]!;
      const outcome = readCell(cell, column.type, decimal, extraMarkers);
      if ('invalid' in outcome) {
        if (outcome.invalid === 'range') problems.addRow('value-integer-range', { example: example(cell) }, place, row);
        else problems.addRow('value-type', { type: column.type, example: example(cell) }, place, row);
        typed.values[i] = null;
        return;
      }
      if ('suppressed' in outcome) {
        typed.suppressed[outcome.suppressed] = (typed.suppressed[outcome.suppressed] ?? 0) + 1;
        typed.values[i] = null;
        if (!nullable) problems.addRow('value-suppressed-required', { marker: outcome.suppressed }, place, row);
        return;
      }
      if (outcome.value === null) {
        typed.empty++;
        if (!nullable) problems.addRow('value-missing', {}, place, row);
      }
      typed.values[i] = outcome.value;
    });
    columns.push(typed);
  }
  raw.header.forEach((h, i) => {
    if (!used.has(i) && h !== '') problems.add('column-extra', { column: h }, tablePlace);
  });
  if (raw.rowNumbers.length === 0) problems.add('table-empty', {}, tablePlace);
  return complete ? { spec: table, file, columns, rowNumbers: raw.rowNumbers } : null;
}

export function suppressedTotal(column: TypedColumn): number {
  return Object.values(column.suppressed).reduce((a, b) => a + b, 0);
}
