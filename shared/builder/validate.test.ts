import { describe, expect, it } from 'vitest';
import { buildExtract, formatReport, validateInput, type BuildReport, type Problem, type ProblemCode } from './index';
import { bydelLayer, CREATED, districtLayer, PERSONS_CSV, spec, square, testFolder } from './testing/fixtures';

function only(report: BuildReport, code: ProblemCode): Problem {
  const found = report.problems.filter((p) => p.code === code);
  expect(found, `${code} in\n${formatReport(report, 'en')}`).toHaveLength(1);
  return found[0]!;
}

const personsSpec = () => (spec()['tables'] as Record<string, unknown>[])[0]!;
const withPersonColumns = (columns: unknown[]) => spec({ tables: [{ ...personsSpec(), columns }] });

describe('the test folder', () => {
  it('builds without problems', async () => {
    const result = await buildExtract(testFolder(), { created: CREATED });
    expect(result.report.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('extract.json', () => {
  it('is required', async () => {
    const p = only(await validateInput(testFolder({ 'extract.json': null })), 'spec-missing');
    expect(p.message.da).toBe('Inddatamappen har ingen extract.json.');
  });

  it('must be JSON', async () => {
    const p = only(await validateInput(testFolder({ 'extract.json': '{ "municipality": ' })), 'spec-json');
    expect(p.message.en).toMatch(/^extract\.json is not valid JSON \(/);
  });

  it('refuses unknown fields, so a misspelt privacy setting cannot pass silently', async () => {
    const p = only(await validateInput(testFolder({ 'extract.json': spec({ pseudonymize: ['person_id'] }) })), 'spec-field');
    expect(p.message.da).toBe('extract.json: feltet «(root)» er ugyldigt: Unrecognized key: "pseudonymize".');
  });

  it('names the field of a wrong value', async () => {
    const p = only(await validateInput(testFolder({ 'extract.json': spec({ municipality: { code: 'Testby', name: 'x' } }) })), 'spec-field');
    expect(p.message.en).toBe('extract.json: field "municipality.code" is invalid: three or four digits, e.g. "0101".');
  });

  it('requires the columns of each table kind, with their types', async () => {
    const report = await validateInput(
      testFolder({ 'extract.json': withPersonColumns([{ name: 'period', type: 'VARCHAR' }, { name: 'person_id', type: 'VARCHAR' }]) }),
    );
    const missing = only(report, 'spec-required-column');
    expect(missing).toMatchObject({ table: 'persons', column: 'district_id' });
    expect(missing.message.da).toBe('En tabel af typen person-period skal have kolonnen «district_id» (VARCHAR), men den er ikke angivet.');
    const type = only(report, 'spec-required-type');
    expect(type.message.en).toBe('Column "period" must have type INTEGER, but is declared as VARCHAR.');
  });

  it('requires referenced layers to exist', async () => {
    const p = only(await validateInput(testFolder({ 'extract.json': spec({ baseLayer: 'sogn' }) })), 'spec-unknown-layer');
    expect(p.message.da).toBe('«baseLayer» henviser til laget «sogn», som ikke er beskrevet under areaLayers.');
  });
});

describe('files and columns', () => {
  it('names a file extract.json lists but the folder lacks', async () => {
    const p = only(await validateInput(testFolder({ 'persons.csv': null })), 'file-missing');
    expect(p).toMatchObject({ severity: 'error', table: 'persons' });
    expect(p.message.da).toBe('Filen «persons.csv» findes ikke i inddatamappen.');
  });

  it('names a declared column that the file lacks, listing what it has', async () => {
    const csv = PERSONS_CSV.replace('district_id', 'distrikt');
    const report = await validateInput(testFolder({ 'persons.csv': csv }));
    const p = only(report, 'column-missing');
    expect(p.message.da).toBe('Kolonnen «district_id» mangler i filen. Filen har: period, person_id, distrikt, age, income, school_absence.');
    expect(only(report, 'column-extra').severity).toBe('warning');
  });

  it('finds a column under its file header when extract.json gives one', async () => {
    const csv = PERSONS_CSV.replace('district_id', 'Basisdistrikt');
    const columns = (personsSpec()['columns'] as Record<string, unknown>[]).map((c) => (c['name'] === 'district_id' ? { ...c, header: 'Basisdistrikt' } : c));
    expect((await validateInput(testFolder({ 'persons.csv': csv, 'extract.json': withPersonColumns(columns) }))).ok).toBe(true);
  });

  it('names cells of the wrong type with their rows, counting the header as row 1', async () => {
    const csv = PERSONS_CSV.replace('2023;A2;0102;9;', '2023;A2;0102;ni;').replace('2024;A3;0103;71;', '2024;A3;0103;syv;');
    const p = only(await validateInput(testFolder({ 'persons.csv': csv })), 'value-type');
    expect(p).toMatchObject({ severity: 'error', table: 'persons', column: 'age', row: 4, count: 2, moreRows: [6] });
    expect(p.message.da).toBe('Værdien kan ikke læses som et heltal (fx "ni").');
    expect(p.message.en).toBe('The value cannot be read as a whole number (e.g. "ni").');
  });

  it('names an empty key cell', async () => {
    const p = only(await validateInput(testFolder({ 'persons.csv': PERSONS_CSV.replace('2024;A1;0101', '2024;;0101') })), 'value-missing');
    expect(p).toMatchObject({ table: 'persons', column: 'person_id', row: 3 });
  });

  it('refuses an INTEGER beyond 32 bits and says to use BIGINT', async () => {
    const p = only(await validateInput(testFolder({ 'persons.csv': PERSONS_CSV.replace(';34;', ';3.000.000.000;') })), 'value-integer-range');
    expect(p.fix.da).toBe('Angiv typen BIGINT for kolonnen.');
  });
});

describe('cross-checks', () => {
  it('refuses codes that have no geometry', async () => {
    const csv = `${PERSONS_CSV}\r\n2024;A4;0199;40;1;\r\n2023;A5; 0199 ;40;1;\r\n2023;A6;9999;40;1;`;
    const report = await validateInput(testFolder({ 'persons.csv': csv }));
    const p = only(report, 'area-code-unknown');
    expect(p).toMatchObject({ severity: 'error', table: 'persons', column: 'district_id', row: 7, count: 3, moreRows: [8, 9] });
    expect(p.message.da).toBe('Koder uden geometri i laget «basisdistrikt»: "0199", "9999".');
    expect(p.message.en).toBe('Codes without geometry in layer "basisdistrikt": "0199", "9999".');
    expect(report.ok).toBe(false);
  });

  it('warns about geometry whose code never occurs', async () => {
    const csv = PERSONS_CSV.split('\r\n').filter((l) => !l.includes(';0102;')).join('\r\n');
    const report = await validateInput(testFolder({ 'persons.csv': csv }));
    const p = only(report, 'area-unused');
    expect(p).toMatchObject({ severity: 'warning', layer: 'basisdistrikt' });
    expect(p.message.da).toBe('Områder, hvis kode aldrig optræder i persons: "0102".');
    expect(p.message.en).toBe('Areas whose code never occurs in persons: "0102".');
    expect(report.ok).toBe(true);
  });

  it('refuses periods outside extract.json and warns about periods without rows', async () => {
    const csv = PERSONS_CSV.replace('2024;A3', '2025;A3').replace('2024;A2', '2019;A2');
    const report = await validateInput(testFolder({ 'persons.csv': csv, 'extract.json': spec({ periods: { from: 2022, to: 2024 } }) }));
    const p = only(report, 'period-outside');
    expect(p).toMatchObject({ column: 'period', row: 5, count: 2, moreRows: [6] });
    expect(p.message.da).toBe('Perioder uden for udtrækkets perioder (2022–2024): "2019", "2025".');
    expect(p.message.en).toBe('Periods outside the extract\'s periods (2022–2024): "2019", "2025".');
    expect(only(report, 'period-without-data').message.en).toBe('Periods in extract.json without rows in the table: 2022.');
  });

  it('refuses duplicate keys (person_id + period in person-period data)', async () => {
    const csv = `${PERSONS_CSV}\r\n2023;A1;0102;34;1;\r\n2023;A1;0103;34;1;`;
    const p = only(await validateInput(testFolder({ 'persons.csv': csv })), 'duplicate-key');
    expect(p).toMatchObject({ table: 'persons', column: 'person_id+period', row: 7, count: 2, moreRows: [8] });
    expect(p.message.da).toBe('Rækken gentager nøglen (person_id, period) fra en tidligere række (den første gentager række 2).');
    expect(p.message.en).toBe('The row repeats the key (person_id, period) of an earlier row (the first such row repeats row 2).');
  });

  it('refuses parent codes that the parent layer lacks', async () => {
    const layer = districtLayer() as { features: { properties: Record<string, string> }[] };
    layer.features[2]!.properties['bydel_id'] = 'B9';
    const p = only(await validateInput(testFolder({ 'geo/basisdistrikt.geojson': layer })), 'geo-parent-unknown');
    expect(p.message.da).toBe('Overordnede koder, der ikke findes i laget «bydel»: "B9".');
  });

  it('refuses duplicate area ids', async () => {
    const layer = bydelLayer() as { features: { properties: Record<string, string> }[] };
    layer.features[1]!.properties['area_id'] = 'B1';
    const report = await validateInput(testFolder({ 'geo/bydel.geojson': layer }));
    expect(only(report, 'geo-id-duplicate').message.en).toBe('Several features share an id in "area_id": "B1".');
  });
});

describe('polygons', () => {
  const districtsWith = (geometry: object) => {
    const layer = districtLayer() as { features: { geometry: object }[] };
    layer.features[1]!.geometry = geometry;
    return layer;
  };

  it('refuses a self-intersecting polygon, naming the feature and its id', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[12.51, 55.67], [12.52, 55.68], [12.52, 55.67], [12.51, 55.68], [12.51, 55.67]]] };
    const report = await validateInput(testFolder({ 'geo/basisdistrikt.geojson': districtsWith(bowtie) }));
    const p = only(report, 'poly-self-intersection');
    expect(p).toMatchObject({ severity: 'error', layer: 'basisdistrikt', feature: 2, featureId: '0102' });
    expect(formatReport(report, 'da')).toContain(
      'FEJL · lag basisdistrikt · fil geo/basisdistrikt.geojson · objekt 2 (id 0102)\n   Polygonen skærer sig selv (fx en "sløjfe" eller et ottetal); den kan ikke repareres sikkert automatisk.',
    );
    expect(p.message.en).toBe('The polygon intersects itself (e.g. a loop or a figure eight); it cannot be repaired safely by the builder.');
    expect(p.fix.en).toContain('QGIS: "Fix geometries"');
  });

  it('repairs what is safe and reports it as warnings', async () => {
    const open = square(12.51, 55.67, 0.01).slice(0, -1).reverse();
    open.splice(1, 0, open[1]!);
    const report = await validateInput(testFolder({ 'geo/basisdistrikt.geojson': districtsWith({ type: 'Polygon', coordinates: [open] }) }));
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.severity, p.code, p.feature])).toEqual([
      ['warning', 'poly-closed', 2],
      ['warning', 'poly-duplicate-vertices', 2],
      ['warning', 'poly-rewound', 2],
    ]);
    expect(only(report, 'poly-closed').message.da).toBe('Ringe, der ikke var lukkede (første og sidste punkt forskellige), er lukket.');
  });

  it('refuses points where areas are expected', async () => {
    const p = only(await validateInput(testFolder({ 'geo/basisdistrikt.geojson': districtsWith({ type: 'Point', coordinates: [12.5, 55.6] }) })), 'geo-geometry-type');
    expect(p.message.en).toBe('The feature has geometry type Point; areas must be Polygon or MultiPolygon.');
  });
});

describe('empty tables', () => {
  it('are a warning, and written as an empty Parquet file', async () => {
    const result = await buildExtract(testFolder({ 'persons.csv': PERSONS_CSV.split('\r\n')[0]! }), { created: CREATED });
    if (!result.ok) throw new Error(formatReport(result.report, 'en'));
    expect(result.report.problems.find((p) => p.code === 'table-empty')?.message.da).toBe('Tabellen har ingen datarækker.');
    expect(result.contents.tables.get('persons')!.length).toBeGreaterThan(0);
    expect(result.contents.manifest.tables[0]!.columns).toHaveLength(6);
  });
});

describe('nothing is produced while an error stands', () => {
  it('returns a report and no contents', async () => {
    const result = await buildExtract(testFolder({ 'persons.csv': PERSONS_CSV.replace(';0101;34', ';0199;34') }), { created: CREATED });
    expect(result.ok).toBe(false);
    expect('contents' in result).toBe(false);
    expect(formatReport(result.report, 'da')).toContain('Der er ikke skrevet noget udtræk; ret fejlene og kør igen.');
    expect(formatReport(result.report, 'en')).toContain('No extract was written; fix the errors and run again.');
  });

  it('orders the report deterministically: errors first, then by place and row', async () => {
    const csv = PERSONS_CSV.replaceAll(';0101;', ';0199;').replace(';9;', ';ni;');
    const a = await validateInput(testFolder({ 'persons.csv': csv }));
    const b = await validateInput(testFolder({ 'persons.csv': csv }));
    expect(a).toEqual(b);
    expect(a.problems.map((p) => [p.severity, p.code, p.row ?? null])).toEqual([
      ['error', 'value-type', 4],
      ['error', 'area-code-unknown', 2],
      ['warning', 'area-unused', null],
    ]);
  });
});
