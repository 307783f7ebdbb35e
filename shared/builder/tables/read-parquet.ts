/**
 * Parquet → RawTable with hyparquet (pure JS, so it runs in the app too). SNAPPY is built
 * in; GZIP (fflate) and ZSTD (fzstd, what DuckDB and Polars often write) are added here.
 */
import { gunzipSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';
import { parquetMetadata, parquetRead, parquetSchema, type Compressors, type FileMetaData } from 'hyparquet';
import type { InputFile } from '../input-files';
import type { ProblemList, ProblemPlace } from '../problems';
import type { RawCell, RawTable } from './raw-table';

const COMPRESSORS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  ZSTD: (input, outputLength) => zstdDecompress(input, new Uint8Array(outputLength)),
};
const READABLE_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD']);

function rawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof Date) return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}

export async function readParquetFile(file: InputFile, problems: ProblemList, place: ProblemPlace): Promise<RawTable | null> {
  const buffer = file.bytes.slice().buffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: `not a Parquet file (${err instanceof Error ? err.message : String(err)})` }, place);
    return null;
  }
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const unreadable = [...codecs].filter((c) => !READABLE_CODECS.has(c)).sort();
  if (unreadable.length > 0) {
    problems.add('parquet-codec', { codec: unreadable.join(', ') }, place);
    return null;
  }
  const tree = parquetSchema(metadata);
  const header = tree.children.map((c) => c.element.name);
  const nested = new Set(tree.children.filter((c) => c.children.length > 0).map((c) => c.element.name));
  const flat = header.filter((name) => !nested.has(name));
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns: flat,
      compressors: COMPRESSORS,
      rowFormat: 'array',
      onComplete: (result: unknown[][]) => {
        rows = result;
      },
    });
  } catch (err) {
    problems.add('file-unreadable', { file: file.name, detail: err instanceof Error ? err.message : String(err) }, place);
    return null;
  }
  const columns: RawCell[][] = header.map(() => []);
  const flatIndex = header.map((name) => flat.indexOf(name));
  for (const row of rows) {
    flatIndex.forEach((j, i) => columns[i]!.push(j < 0 ? null : rawCell(row[j])));
  }
  const table: RawTable = {
    format: 'parquet',
    header,
    columns,
    // Records counted like spreadsheet rows under a header, so every format reports rows alike.
    rowNumbers: rows.map((_, i) => i + 2),
    defaultDecimal: '.',
    nestedColumns: [...nested].sort(),
  };
  return table;
}
