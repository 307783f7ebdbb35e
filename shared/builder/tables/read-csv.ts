/**
 * CSV (and tab-separated text) → RawTable. The delimiter is chosen from the first lines
 * (';' in Danish exports, where ',' is the decimal separator; ',' elsewhere; tab from
 * Excel's text export); papaparse does the quoting rules.
 */
import Papa from 'papaparse';
import type { InputFile } from '../input-files';
import type { ProblemList, ProblemPlace } from '../problems';
import { decodeText } from './decode-text';
import type { RawTable } from './raw-table';
import { trimCell } from './values';

const CANDIDATES = [';', ',', '\t', '|'] as const;

/** Counts a character outside double quotes in each of the first non-empty lines. */
function countsPerLine(text: string, char: string, maxLines = 20): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  let lineHasContent = false;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (lineHasContent) counts.push(count);
      count = 0;
      lineHasContent = false;
      continue;
    } else if (!inQuotes && c === char) count++;
    if (c.trim() !== '') lineHasContent = true;
  }
  if (lineHasContent && counts.length < maxLines) counts.push(count);
  return counts;
}

export function detectDelimiter(text: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ';', score: -1 };
  for (const delimiter of CANDIDATES) {
    const counts = countsPerLine(text, delimiter);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    // A delimiter splits every line into as many fields as the header; a decimal comma does not.
    const consistent = counts.every((c) => c === header);
    const score = (consistent ? 1_000_000 : 0) + header;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function readCsv(
  file: InputFile,
  options: { delimiter?: string; encoding?: 'utf-8' | 'windows-1252' },
  problems: ProblemList,
  place: ProblemPlace,
): RawTable | null {
  const { text, encoding } = decodeText(file.bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  // Filled in by papaparse's callback, row by row.
  const state: { header: string[] | null; columns: string[][]; rowNumbers: number[]; record: number } = { header: null, columns: [], rowNumbers: [], record: 0 };
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      state.record++;
      const fields = result.data;
      if (fields.every((f) => trimCell(f) === '')) return; // blank line
      if (!state.header) {
        const header = fields.map((f) => trimCell(f));
        // A trailing delimiter on every line gives an empty last header: drop it.
        while (header.length > 1 && header[header.length - 1] === '') header.pop();
        state.header = header;
        state.columns = header.map(() => []);
        return;
      }
      const width = state.header.length;
      let cells = fields;
      if (cells.length > width && cells.slice(width).every((f) => trimCell(f) === '')) cells = cells.slice(0, width);
      if (cells.length !== width) {
        problems.addRow('row-field-count', { found: cells.length, expected: width }, place, state.record);
        return;
      }
      cells.forEach((cell, i) => state.columns[i]!.push(cell));
      state.rowNumbers.push(state.record);
    },
  });
  const { header, columns, rowNumbers } = state;
  if (!header) {
    problems.add('header-missing', {}, place);
    return null;
  }
  return {
    format: 'csv',
    header,
    columns,
    rowNumbers,
    // Danish exports pair ';' with decimal commas; ',' as delimiter rules the comma out.
    defaultDecimal: delimiter === ',' ? '.' : ',',
    encoding,
    delimiter,
  };
}
