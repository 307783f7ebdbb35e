import { beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { decryptAgeInMemory } from './decrypt';
import { buildArchive, encryptExtract } from './pack';
import { unpackExtract } from './unpack';
import { ExtractError } from './errors';
import { tinyContents, tinyManifest } from './test-fixtures';

const PASSPHRASE = 'korrekt hest batteri hæfteklamme';
const secret = { kind: 'passphrase' as const, passphrase: PASSPHRASE };

function expectExtractError(fn: () => unknown, code: string, detail?: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    expect((err as ExtractError).code).toBe(code);
    if (detail) expect((err as ExtractError).detail).toMatch(detail);
    return;
  }
  throw new Error(`expected ExtractError ${code}`);
}

describe('pack → encrypt → decrypt → unpack', () => {
  let encrypted: Uint8Array;
  beforeAll(async () => {
    encrypted = await encryptExtract(buildArchive(tinyContents()), { passphrase: PASSPHRASE, scryptWorkFactor: 10 });
  });

  it('round-trips manifest, tables and layers', async () => {
    const result = await decryptAgeInMemory(encrypted, secret);
    if (!result.ok) throw new Error(result.error.code);
    const unpacked = unpackExtract(result.plaintext);
    expect(unpacked.manifest).toEqual(tinyManifest());
    expect([...unpacked.tables.get('persons')!]).toEqual([...tinyContents().tables.get('persons')!]);
    expect(unpacked.layers.get('basisdistrikt')?.features[0]?.properties['name']).toBe('Testkvarteret');
  });

  it('builds byte-identical archives from identical contents', () => {
    expect(buildArchive(tinyContents())).toEqual(buildArchive(tinyContents()));
  });

  it('says wrong-secret for a wrong passphrase', async () => {
    const result = await decryptAgeInMemory(encrypted, { kind: 'passphrase', passphrase: 'forkert' });
    expect(result).toEqual({ ok: false, error: { code: 'wrong-secret' } });
  });

  it('says not-an-extract for other files, before any key derivation', async () => {
    for (const bytes of [new Uint8Array(0), strToU8('PK\u0003\u0004'), strToU8('%PDF-1.7\n')]) {
      const result = await decryptAgeInMemory(bytes, secret);
      expect(result.ok ? 'ok' : result.error.code).toBe('not-an-extract');
    }
    const armored = await decryptAgeInMemory(strToU8('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n'), secret);
    expect(armored.ok ? '' : armored.error.detail).toMatch(/armored/);
  });

  it('says damaged for a file truncated anywhere after the header, and for a flipped payload byte', async () => {
    const headerEnd = new TextDecoder().decode(encrypted.subarray(0, 400)).indexOf('\n---') + 50;
    for (const cut of [headerEnd + 5, Math.floor(encrypted.length / 2), encrypted.length - 1]) {
      const result = await decryptAgeInMemory(encrypted.subarray(0, cut), secret);
      expect(result.ok ? 'ok' : result.error.code, `cut at ${cut}`).toBe('damaged');
    }
    const flipped = encrypted.slice();
    flipped[flipped.length - 20]! ^= 0x01;
    const result = await decryptAgeInMemory(flipped, secret);
    expect(result.ok ? 'ok' : result.error.code).toBe('damaged');
  });
});

describe('unpackExtract refuses bad archives with a named problem', () => {
  it('refuses content that is not a zip archive', () => {
    expectExtractError(() => unpackExtract(strToU8('just text')), 'not-an-extract');
  });

  it('refuses an archive without manifest', () => {
    expectExtractError(() => unpackExtract(zipSync({ 'x.txt': strToU8('x') })), 'invalid-manifest', /manifest\.json/);
  });

  it('refuses an unknown major format version before looking at other fields', () => {
    const archive = zipSync({ 'manifest.json': strToU8(JSON.stringify({ formatVersion: '2.0', anything: 1 })) });
    expectExtractError(() => unpackExtract(archive), 'unsupported-version', /2\.0/);
  });

  it('names the invalid manifest field', () => {
    const manifest = { ...tinyManifest(), periods: ['2024'] };
    const archive = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) });
    expectExtractError(() => unpackExtract(archive), 'invalid-manifest', /periods\.0/);
  });

  it('names a column a table kind requires but the manifest does not declare', () => {
    const manifest = tinyManifest();
    manifest.tables[0]!.columns = manifest.tables[0]!.columns.filter((c) => c.name !== 'period');
    const archive = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) });
    expectExtractError(() => unpackExtract(archive), 'invalid-manifest', /tables\.0\.columns: a person-period table needs a "period" column/);
  });

  it('names a table the manifest lists but the archive lacks', () => {
    const contents = tinyContents();
    const files = {
      'manifest.json': strToU8(JSON.stringify(contents.manifest)),
      'geo/basisdistrikt.geojson': strToU8(JSON.stringify(contents.layers.get('basisdistrikt'))),
    };
    expectExtractError(() => unpackExtract(zipSync(files)), 'missing-table', /persons/);
  });

  it('refuses features without an area id', () => {
    const contents = tinyContents();
    contents.layers.get('basisdistrikt')!.features[0]!.properties = { name: 'uden kode' };
    expectExtractError(() => unpackExtract(buildArchive(contents)), 'schema-mismatch', /area_id/);
  });
});
