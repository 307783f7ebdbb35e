import { describe, expect, it } from 'vitest';
import { cprShape, looksLikeCprColumn, scanForCpr } from './cpr';
import { buildExtract, createPseudonymiser, formatReport, validateInput, type BuildReport } from './index';
import { base32 } from './pseudonym';
import { CREATED, PERSONS_CSV, spec, testFolder } from './testing/fixtures';
import { parquetRows } from './testing/read-parquet-rows';

// Fictitious numbers with valid dates; none is a real person's.
const CPRS = { A1: '010190-1234', A2: '311299-4321', A3: '2902004000' };
const withCprs = (csv: string) => csv.replaceAll(/;(A[123]);/g, (_, id: 'A1' | 'A2' | 'A3') => `;${CPRS[id]};`);
const SECRET = 'team-secret: correct horse battery staple';

describe('CPR numbers', () => {
  it('are recognised by a valid date, with or without hyphen, without modulus 11', () => {
    expect(cprShape('010190-1234')).toBe('hyphen');
    expect(cprShape('0101901234')).toBe('plain');
    // 29 February 2000 (seventh digit 4, year 00 → 2000) exists; 1900 had none.
    expect(cprShape('290200-4000')).toBe('hyphen');
    expect(cprShape('290200-1000')).toBeNull();
    expect(cprShape('320190-1234')).toBeNull();
    expect(cprShape('011390-1234')).toBeNull();
    expect(cprShape('01019-01234')).toBeNull();
  });

  it('flag a column on one hyphenated value or on a majority of ten-digit values, also when stored as numbers', () => {
    expect(looksLikeCprColumn(scanForCpr(['x', 'y', '010190-1234']))).toBe(true);
    expect(looksLikeCprColumn(scanForCpr([101901234, 311299432]))).toBe(true); // leading zero lost in Excel
    // Random ten-digit ids: some have a valid date by chance, which is no evidence.
    expect(looksLikeCprColumn(scanForCpr(['0101901234', '9999999999', '8888888888', '7777777777']))).toBe(false);
    expect(looksLikeCprColumn(scanForCpr([34, 35, 9, 10, 71]))).toBe(false);
  });

  it('are refused in any column that is not pseudonymised, without the values in the report', async () => {
    const report = await validateInput(testFolder({ 'persons.csv': withCprs(PERSONS_CSV) }));
    const p = report.problems.find((x) => x.code === 'cpr-column')!;
    expect(p).toMatchObject({ severity: 'error', table: 'persons', column: 'person_id' });
    expect(p.message.da).toBe(
      'Kolonnen ligner CPR-numre (5 værdier har form som et CPR-nummer med gyldig dato). Et udtræk må ikke rumme CPR-numre.',
    );
    expect(p.fix.en).toBe('Remove the column from the export, or list it under "pseudonymise" in extract.json so it is replaced by a keyed pseudonym.');
    const text = formatReport(report, 'da') + JSON.stringify(report);
    for (const cpr of Object.values(CPRS)) expect(text).not.toContain(cpr.slice(0, 6));
  });

  it('are refused in area layer properties too', async () => {
    const layer = JSON.parse(JSON.stringify((await import('./testing/fixtures')).districtLayer())) as { features: { properties: Record<string, string> }[] };
    layer.features[0]!.properties['kontakt'] = '010190-1234';
    const report = await validateInput(testFolder({ 'geo/basisdistrikt.geojson': layer }));
    expect(report.problems.find((x) => x.code === 'cpr-column')).toMatchObject({ layer: 'basisdistrikt', column: 'kontakt' });
  });
});

describe('keyed pseudonymisation', () => {
  it('is stable for the same value and secret, differs with the secret, and hides the input', async () => {
    const a = await createPseudonymiser(SECRET);
    const b = await createPseudonymiser(SECRET);
    const other = await createPseudonymiser('another secret of the same length!');
    const p = await a.pseudonymise('0101901234');
    expect(p).toMatch(/^P[A-Z2-7]{16}$/);
    expect(await b.pseudonymise('0101901234')).toBe(p);
    expect(await other.pseudonymise('0101901234')).not.toBe(p);
    // With or without the hyphen, one person.
    expect(await a.pseudonymise('010190-1234')).toBe(p);
    expect(await a.pseudonymise('0101901235')).not.toBe(p);
    expect(p).not.toContain('010190');
    expect(p).not.toContain('1234');
  });

  it('is HMAC-SHA256 truncated to 80 bits, in base32', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('bydelsmonitor/pseudonym/v1\nA1')));
    expect(await (await createPseudonymiser(SECRET)).pseudonymise('A1')).toBe(`P${base32(mac.subarray(0, 10))}`);
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 test vector
  });

  it('replaces the named columns in every table, so tables still join, and keeps the secret out of the extract', async () => {
    const folder = testFolder({ 'persons.csv': withCprs(PERSONS_CSV), 'extract.json': spec({ pseudonymise: ['person_id'] }) });
    const missing = await buildExtract(folder, { created: CREATED });
    expect(missing.ok).toBe(false);
    expect(missing.report.problems.find((p) => p.code === 'secret-missing')?.message.da).toBe(
      'Kolonnerne person_id skal pseudonymiseres, men der er ingen pseudonymiseringsnøgle.',
    );
    const short = await buildExtract(folder, { created: CREATED, pseudonymSecret: 'kort' });
    expect(short.report.problems.find((p) => p.code === 'secret-short')?.message.en).toBe('The pseudonymisation secret is too short (under 16 characters).');

    const first = await buildExtract(folder, { created: CREATED, pseudonymSecret: SECRET });
    const again = await buildExtract(folder, { created: CREATED, pseudonymSecret: SECRET });
    if (!first.ok || !again.ok) throw new Error(formatReport(first.report, 'en'));
    const rows = await parquetRows(first.contents.tables.get('persons')!);
    const ids = rows.map((r) => String(r['person_id']));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^P[A-Z2-7]{16}$/);
    expect(first.contents.tables.get('persons')).toEqual(again.contents.tables.get('persons'));
    const everything = new TextDecoder('latin1').decode(first.contents.tables.get('persons')) + JSON.stringify(first.contents.manifest) + JSON.stringify(first.report);
    expect(everything).not.toContain(SECRET);
    for (const cpr of Object.values(CPRS)) expect(everything).not.toContain(cpr.replace('-', '').slice(0, 6));
    expect(first.report.tables[0]!.columns.find((c) => c.name === 'person_id')?.pseudonymised).toBe(true);
  });

  it('requires pseudonymised columns to be text', async () => {
    const report: BuildReport = await validateInput(testFolder({ 'extract.json': spec({ pseudonymise: ['age'] }) }));
    expect(report.problems.find((p) => p.code === 'spec-pseudonymise-type')?.message.en).toBe(
      'Column "age" is pseudonymised, so it must have type VARCHAR (it is declared as INTEGER).',
    );
  });
});
