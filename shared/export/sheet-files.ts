/**
 * Plain tables of aggregates (no disclosure-controlled counts of persons, e.g. city-life
 * counts of people in public spaces) as CSV for Danish Excel and as XLSX with an "about" sheet.
 */
import { csvBytes, csvLine } from '../format/csv';

export type SheetValue = string | number | null;

export interface Sheet {
  name: string;
  head: readonly string[];
  rows: readonly (readonly SheetValue[])[];
}

export function sheetCsv(sheet: Sheet): Uint8Array {
  return csvBytes([csvLine(sheet.head), ...sheet.rows.map((r) => csvLine(r))]);
}

/** Every sheet, then an "about" sheet of label/text pairs (definitions, source, method). */
export async function sheetsXlsx(sheets: readonly Sheet[], about: { title: string; lines: readonly (readonly [string, string])[]; created: Date }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bydelsmonitor';
  workbook.created = about.created;
  for (const s of sheets) {
    // Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].
    const sheet = workbook.addWorksheet(s.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    sheet.addRow([...s.head]).font = { bold: true };
    for (const r of s.rows) sheet.addRow([...r]);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const info = workbook.addWorksheet(about.title.slice(0, 31));
  for (const [label, text] of about.lines) info.addRow([label, text]);
  info.getColumn(1).font = { bold: true };
  info.getColumn(2).width = 120;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
