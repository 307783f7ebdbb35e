/**
 * XLSX → RawTable with exceljs: the named sheet or the first, header in the first non-empty
 * row. Numbers, dates and booleans keep their type; text cells go through the same Danish
 * number and suppression rules as CSV; formulas give their cached result.
 */
import type * as ExcelJs from 'exceljs';
import type { InputFile } from '../input-files';
import type { ProblemList, ProblemPlace } from '../problems';
import type { RawCell, RawTable } from './raw-table';
import { trimCell } from './values';

type ExcelModule = typeof ExcelJs;

async function loadExcel(): Promise<ExcelModule> {
  // Loaded on demand: exceljs is large and only needed for spreadsheets.
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.default ?? mod;
}

/** A cell's value as a RawCell; Excel error cells (#N/A, #DIV/0!) come back as { error }. */
export function cellValue(value: unknown): RawCell | { error: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text; // hyperlink
  }
  return String(value);
}

export async function readXlsx(file: InputFile, sheetName: string | undefined, problems: ProblemList, place: ProblemPlace): Promise<RawTable | null> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.bytes.slice().buffer as never);
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: `not an XLSX workbook (${err instanceof Error ? err.message : String(err)})` }, place);
    return null;
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.worksheets.find((w) => w.name === sheetName);
  if (!sheet) {
    problems.add('sheet-missing', { sheet: sheetName ?? '(1)', sheets }, place);
    return null;
  }
  // Filled in by exceljs's row callback.
  const state: { header: string[] | null; columns: RawCell[][]; rowNumbers: number[] } = { header: null, columns: [], rowNumbers: [] };
  const errorCells: { row: number; column: number; value: string }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (!state.header) {
      const names: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const v = cellValue(row.getCell(c).value);
        names.push(v === null || (typeof v === 'object' && !(v instanceof Date)) ? '' : trimCell(String(v)));
      }
      while (names.length > 0 && names[names.length - 1] === '') names.pop();
      if (names.length === 0) return;
      state.header = names;
      state.columns = names.map(() => []);
      return;
    }
    const cells: RawCell[] = [];
    for (let c = 1; c <= state.header.length; c++) {
      const v = cellValue(row.getCell(c).value);
      if (v !== null && typeof v === 'object' && 'error' in v) {
        errorCells.push({ row: rowNumber, column: c - 1, value: v.error });
        cells.push(null);
      } else cells.push(v);
    }
    if (cells.every((v) => v === null || (typeof v === 'string' && trimCell(v) === ''))) return;
    cells.forEach((v, i) => state.columns[i]!.push(v));
    state.rowNumbers.push(rowNumber);
  });
  const { header, columns, rowNumbers } = state;
  if (!header) {
    problems.add('header-missing', {}, place);
    return null;
  }
  for (const e of errorCells) {
    problems.addRow('xlsx-error-cell', { value: e.value }, { ...place, column: header[e.column] ?? String(e.column + 1) }, e.row);
  }
  // Danish Excel users who type numbers as text type them with a decimal comma.
  return { format: 'xlsx', header, columns, rowNumbers, defaultDecimal: ',', sheet: sheet.name };
}
