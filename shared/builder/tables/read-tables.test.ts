import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { buildExtract, formatReport, validateInput, type BuildReport } from '../index';
import { CREATED, latin1, spec, testFolder } from '../testing/fixtures';
import { parquetRows } from '../testing/read-parquet-rows';

const AGGREGATE_COLUMNS = [
  { name: 'area_id', type: 'VARCHAR' },
  { name: 'period', type: 'INTEGER' },
  { name: 'measure', type: 'VARCHAR' },
  { name: 'numerator', type: 'DOUBLE' },
  { name: 'denominator', type: 'INTEGER' },
];

/** The test folder plus one aggregates table read from `file`. */
function withAggregates(file: string, bytes: Uint8Array | string, table: Record<string, unknown> = {}) {
  const base = spec();
  return testFolder({
    'extract.json': { ...base, tables: [...(base['tables'] as object[]), { name: 'flis', kind: 'aggregates', file, columns: AGGREGATE_COLUMNS, ...table }] },
    [file]: bytes,
  });
}

async function built(files: ReturnType<typeof testFolder>) {
  const result = await buildExtract(files, { created: CREATED });
  if (!result.ok) throw new Error(formatReport(result.report, 'en'));
  return result;
}

const column = (report: BuildReport, table: string, name: string) =>
  report.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);

describe('CSV in Danish dialect', () => {
  // BOM, ';', decimal comma, '.' thousands, padding, negative numbers and every marker.
  const csv =
    '\uFEFFarea_id;period;measure;numerator;denominator\r\n' +
    '0101;2023;ledige;  1.234,5 ;  12.500\r\n' +
    '0102;2023;ledige;-2,25;1.000\r\n' +
    '0103;2023;ledige;<10;900\r\n' +
    '0101;2024;ledige;<5;800\r\n' +
    '0102;2024;ledige;..;700\r\n' +
    '0103;2024;ledige;.;600\r\n' +
    '0101;2023;domme;x;500\r\n' +
    '0102;2023;domme;-;400\r\n' +
    '0103;2023;domme;;300\r\n';

  it('reads numbers as a Danish analyst would and suppressed cells as null, counted per marker', async () => {
    const { report, contents } = await built(withAggregates('flis.csv', csv));
    const t = report.tables.find((x) => x.name === 'flis')!;
    expect(t).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', delimiter: ';', rows: 9 });
    expect(column(report, 'flis', 'numerator')).toMatchObject({
      decimal: ',',
      empty: 1,
      suppressed: 6,
      suppressedByMarker: { '<10': 1, '<5': 1, '..': 1, '.': 1, x: 1, '-': 1 },
    });
    const rows = await parquetRows(contents.tables.get('flis')!);
    const value = (area: string, period: number, measure: string) =>
      rows.find((r) => r['area_id'] === area && r['period'] === period && r['measure'] === measure)!;
    expect(value('0101', 2023, 'ledige')).toMatchObject({ numerator: 1234.5, denominator: 12500 });
    expect(value('0102', 2023, 'ledige')).toMatchObject({ numerator: -2.25, denominator: 1000 });
    // Suppressed: null, never 0 and never text.
    for (const [a, p, m] of [['0103', 2023, 'ledige'], ['0101', 2024, 'ledige'], ['0101', 2023, 'domme'], ['0102', 2023, 'domme']] as const) {
      expect(value(a, p, m)['numerator']).toBeNull();
    }
    expect(formatReport(report, 'da')).toContain('numerator DOUBLE: decimaltegn ",", undertrykte: 6 ("-": 1, ".": 1, "..": 1, "<10": 1, "<5": 1, "x": 1), tomme: 1');
    expect(formatReport(report, 'en')).toContain('numerator DOUBLE: decimal separator ",", suppressed: 6 (');
  });

  it('refuses a suppressed cell where a value is required', async () => {
    const bad = csv.replace('0101;2023;ledige', '0101;..;ledige');
    const report = await validateInput(withAggregates('flis.csv', bad));
    const p = report.problems.find((x) => x.code === 'value-suppressed-required')!;
    expect(p).toMatchObject({ table: 'flis', column: 'period', row: 2 });
    expect(p.message.da).toBe('Cellen er undertrykt (".."), men kolonnen skal altid have en værdi.');
  });

  it('reports a column that mixes decimal commas and points', async () => {
    const bad = csv.replace('-2,25', '-2.25');
    const report = await validateInput(withAggregates('flis.csv', bad));
    const p = report.problems.find((x) => x.code === 'decimal-mixed')!;
    expect(p).toMatchObject({ severity: 'error', table: 'flis', column: 'numerator' });
    expect(p.message.da).toBe('Kolonnen blander decimalkomma og decimalpunktum (fx "1.234,5" og "-2.25").');
  });
});

describe('CSV encodings and delimiters', () => {
  it('reads Windows-1252 (æ, ø, å as single bytes) and says so', async () => {
    const text = 'area_id;period;measure;numerator;denominator\n0101;2023;ældre på ø;1;2\n';
    const bytes = latin1(text);
    expect([...bytes]).toContain(0xe6);
    const { report, contents } = await built(withAggregates('flis.csv', bytes));
    expect(report.tables.find((t) => t.name === 'flis')?.encoding).toBe('windows-1252');
    expect(formatReport(report, 'da')).toContain('flis.csv · CSV · Windows-1252 · skilletegn ";"');
    const rows = await parquetRows(contents.tables.get('flis')!);
    expect(rows[0]!['measure']).toBe('ældre på ø');
  });

  it('reads comma-separated files with decimal points and quoted commas', async () => {
    const text = 'area_id,period,measure,numerator,denominator\n"0101",2023,"ledige, 16-64 år",12.5,"1,000"\n0102,2024,ledige,0.125,40\n';
    const { report, contents } = await built(withAggregates('flis.csv', text));
    expect(report.tables.find((t) => t.name === 'flis')).toMatchObject({ delimiter: ',', encoding: 'utf-8' });
    const rows = await parquetRows(contents.tables.get('flis')!);
    expect(rows).toContainEqual({ area_id: '0101', period: 2023, measure: 'ledige, 16-64 år', numerator: 12.5, denominator: 1000 });
    expect(rows).toContainEqual({ area_id: '0102', period: 2024, measure: 'ledige', numerator: 0.125, denominator: 40 });
  });

  it('reads tab-separated UTF-16 from Excel\'s "Unicode text"', async () => {
    const text = 'area_id\tperiod\tmeasure\tnumerator\tdenominator\r\n0101\t2023\tunge\t3,5\t10\r\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    [...text].forEach((c, i) => new DataView(utf16.buffer).setUint16(2 + i * 2, c.charCodeAt(0), true));
    const { report, contents } = await built(withAggregates('flis.txt', utf16));
    expect(report.tables.find((t) => t.name === 'flis')).toMatchObject({ delimiter: '\t', encoding: 'utf-16le' });
    expect((await parquetRows(contents.tables.get('flis')!))[0]).toMatchObject({ numerator: 3.5 });
  });

  it('names rows with the wrong number of fields, counting the header as row 1', async () => {
    const text = 'area_id;period;measure;numerator;denominator\n0101;2023;a;1;2\n0102;2023;b;1\n0103;2023;c;1;2\n0101;2024;d;1;2;3\n';
    const report = await validateInput(withAggregates('flis.csv', text));
    const p = report.problems.find((x) => x.code === 'row-field-count')!;
    expect(p).toMatchObject({ table: 'flis', row: 3, count: 2, moreRows: [5] });
    expect(p.message.en).toBe("The row has another number of fields than the header's 5 (the first such row has 4).");
  });
});

describe('XLSX', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void, sheetName = 'Ark1'): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').addRow(['Udtræk fra FLIS']);
    fill(wb.addWorksheet(sheetName));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads a named sheet: numbers, text numbers in Danish, markers and formula results', async () => {
    const bytes = await workbook((s) => {
      s.addRow(['area_id', 'period', 'measure', 'numerator', 'denominator']);
      s.addRow(['0101', 2023, 'ledige', 12.5, 100]);
      s.addRow(['0102', 2023, 'ledige', '1.234,5', '2.000']);
      s.addRow(['0103', 2023, 'ledige', '<5', 90]);
      s.addRow(['0101', 2024, 'ledige', { formula: 'D2*2', result: 25 }, 100]);
    });
    const { report, contents } = await built(withAggregates('flis.xlsx', bytes, { sheet: 'Ark1' }));
    expect(report.tables.find((t) => t.name === 'flis')).toMatchObject({ format: 'xlsx', sheet: 'Ark1', rows: 4 });
    expect(column(report, 'flis', 'numerator')).toMatchObject({ suppressed: 1, suppressedByMarker: { '<5': 1 } });
    const rows = await parquetRows(contents.tables.get('flis')!);
    expect(rows).toContainEqual({ area_id: '0102', period: 2023, measure: 'ledige', numerator: 1234.5, denominator: 2000 });
    expect(rows).toContainEqual({ area_id: '0103', period: 2023, measure: 'ledige', numerator: null, denominator: 90 });
    expect(rows).toContainEqual({ area_id: '0101', period: 2024, measure: 'ledige', numerator: 25, denominator: 100 });
  });

  it('names a missing sheet and Excel error cells with their sheet row', async () => {
    const bytes = await workbook((s) => {
      s.addRow(['area_id', 'period', 'measure', 'numerator', 'denominator']);
      s.addRow(['0101', 2023, 'ledige', { error: '#DIV/0!' }, 100]);
    });
    const missing = await validateInput(withAggregates('flis.xlsx', bytes, { sheet: 'Data' }));
    expect(missing.problems.find((p) => p.code === 'sheet-missing')?.message.da).toBe('Regnearket har ingen fane «Data». Faner: Forside, Ark1.');
    const errorCell = await validateInput(withAggregates('flis.xlsx', bytes, { sheet: 'Ark1' }));
    expect(errorCell.problems.find((p) => p.code === 'xlsx-error-cell')).toMatchObject({ table: 'flis', column: 'numerator', row: 2 });
  });

  it('reads the first sheet by default', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Data');
    s.addRow(['area_id', 'period', 'measure', 'numerator', 'denominator']);
    s.addRow(['0101', 2023, 'ledige', 1, 2]);
    const { report } = await built(withAggregates('flis.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(report.tables.find((t) => t.name === 'flis')?.sheet).toBe('Data');
  });
});

describe('Parquet input', () => {
  it('reads a Parquet file written by hyparquet-writer (SNAPPY)', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'area_id', data: ['0101', '0102'], type: 'STRING' },
          { name: 'period', data: [2023, 2024], type: 'INT32' },
          { name: 'measure', data: ['ledige', 'ledige'], type: 'STRING' },
          { name: 'numerator', data: [1.5, null], type: 'DOUBLE' },
          { name: 'denominator', data: [10n, 20n], type: 'INT64' },
        ],
      }),
    );
    const { contents } = await built(withAggregates('flis.parquet', bytes));
    expect(await parquetRows(contents.tables.get('flis')!)).toEqual([
      { area_id: '0101', period: 2023, measure: 'ledige', numerator: 1.5, denominator: 10 },
      { area_id: '0102', period: 2024, measure: 'ledige', numerator: null, denominator: 20 },
    ]);
  });

  it('reads ZSTD Parquet as DuckDB writes it, and refuses a codec it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bdm-builder-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const copy = async (codec: string, file: string) =>
        connection.run(
          `COPY (SELECT * FROM (VALUES ('0101', 2023, 'ledige', 2.5, 10), ('0103', 2024, 'ledige', NULL, 30)) t(area_id, period, measure, numerator, denominator)) TO '${join(dir, file)}' (FORMAT parquet, COMPRESSION ${codec})`,
        );
      await copy('zstd', 'zstd.parquet');
      await copy('brotli', 'brotli.parquet');
      const zstd = new Uint8Array(await readFile(join(dir, 'zstd.parquet')));
      const { contents } = await built(withAggregates('flis.parquet', zstd));
      expect(await parquetRows(contents.tables.get('flis')!)).toContainEqual({ area_id: '0103', period: 2024, measure: 'ledige', numerator: null, denominator: 30 });
      const brotli = new Uint8Array(await readFile(join(dir, 'brotli.parquet')));
      const report = await validateInput(withAggregates('flis.parquet', brotli));
      expect(report.problems.find((p) => p.code === 'parquet-codec')?.message.en).toBe(
        'The Parquet file is compressed with BROTLI, which the builder cannot read.',
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
