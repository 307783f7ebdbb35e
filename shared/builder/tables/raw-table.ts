/** A table as read from its file, before types are applied: one array of cells per column. */
import type { Decimal } from './values';
import type { TextEncodingName } from './decode-text';

/** Text from CSV or text cells; typed values from XLSX and Parquet. */
export type RawCell = string | number | bigint | boolean | Date | null;

export interface RawTable {
  format: 'csv' | 'xlsx' | 'parquet';
  /** Header names as in the file (trimmed). */
  header: string[];
  /** Cells per header column, one per data row. */
  columns: RawCell[][];
  /** Row number in the file of each data row (header = row 1, as a spreadsheet counts). */
  rowNumbers: number[];
  /** Decimal separator text cells use unless a column shows otherwise. */
  defaultDecimal: Decimal;
  encoding?: TextEncodingName;
  delimiter?: string;
  sheet?: string;
  /** Parquet: list/struct columns, which an extract table cannot hold. */
  nestedColumns?: string[];
}
