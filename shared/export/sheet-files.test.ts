import { describe, expect, it } from 'vitest';
import { sheetCsv, sheetsXlsx } from './sheet-files';

describe('plain aggregate sheets', () => {
  it('CSV for Danish Excel: BOM, semicolons, decimal comma, quoted text', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(sheetCsv({ name: 'Steder', head: ['sted', 'pr. time'], rows: [['Torvet; nord', 123.5], ['Parken', null]] }));
    expect(text).toBe('\uFEFFsted;pr. time\r\n"Torvet; nord";123,5\r\nParken;\r\n');
  });

  it('XLSX: one sheet per table and an about sheet, read back', async () => {
    const bytes = await sheetsXlsx([{ name: 'Steder: i alt/[1]', head: ['sted', 'antal'], rows: [['Torvet', 42]] }], { title: 'Om tabellen', lines: [['Metode', 'Poisson']], created: new Date(Date.UTC(2026, 11, 5)) });
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Steder  i alt  1 ', 'Om tabellen']);
    expect(book.worksheets[0]!.getRow(2).values).toEqual([undefined, 'Torvet', 42]);
    expect(book.worksheets[1]!.getRow(1).getCell(2).value).toBe('Poisson');
  });
});
