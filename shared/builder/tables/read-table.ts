/** Reads a table file by its extension: CSV/TXT/TSV, XLSX or Parquet. */
import { extensionOf, type InputFile } from '../input-files';
import type { ProblemList, ProblemPlace } from '../problems';
import type { TableSpec } from '../spec';
import type { RawTable } from './raw-table';
import { readCsv } from './read-csv';
import { readParquetFile } from './read-parquet';
import { readXlsx } from './read-xlsx';

export async function readTableFile(file: InputFile, table: TableSpec, problems: ProblemList): Promise<RawTable | null> {
  const place: ProblemPlace = { table: table.name, file: file.name };
  const ext = extensionOf(file.name);
  try {
    switch (ext) {
      case 'csv':
      case 'txt':
      case 'tsv': {
        const options: { delimiter?: string; encoding?: 'utf-8' | 'windows-1252' } = {};
        if (table.delimiter) options.delimiter = table.delimiter;
        else if (ext === 'tsv') options.delimiter = '\t';
        if (table.encoding) options.encoding = table.encoding;
        return readCsv(file, options, problems, place);
      }
      case 'xlsx':
        return await readXlsx(file, table.sheet, problems, place);
      case 'parquet':
        return await readParquetFile(file, problems, place);
      default:
        problems.add('file-format', { file: file.name, expected: '.csv, .txt, .tsv, .xlsx (save .xls as .xlsx) or .parquet' }, place);
        return null;
    }
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: err instanceof Error ? err.message : String(err) }, place);
    return null;
  }
}
