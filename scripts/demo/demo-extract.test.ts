import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract, type UnpackedExtract } from '../../shared/extract/unpack';
import { buildSyntheticArchive } from './build-extract';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the committed demo extract', () => {
  let committed: UnpackedExtract;
  let fresh: UnpackedExtract;
  let ciphertext: Buffer;

  beforeAll(async () => {
    ciphertext = readFileSync('resources/demo/demo.bdx');
    const decrypted = await decryptAgeInMemory(ciphertext, { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
    if (!decrypted.ok) throw new Error(`demo does not open with the documented passphrase: ${decrypted.error.code}`);
    committed = unpackExtract(decrypted.plaintext);
    fresh = unpackExtract((await buildSyntheticArchive(DEMO_SEED)).archive);
  });

  it('is an age file of a few MB whose passphrase the README gives in backticks', () => {
    expect(ciphertext.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(ciphertext.length).toBeLessThan(8_000_000);
    expect(readFileSync('README.md', 'utf8')).toContain(`\`${DEMO_PASSPHRASE}\``);
  });

  it('is exactly what the seeded generator makes (else run `npm run demo:build`)', () => {
    expect(committed.manifest).toEqual(fresh.manifest);
    expect(committed.manifest.synthetic).toBe(true);
    for (const [name, layer] of fresh.layers) expect(committed.layers.get(name), name).toEqual(layer);
    for (const [name, bytes] of fresh.tables) expect(sha256(committed.tables.get(name)!), name).toBe(sha256(bytes));
  });

  it('holds 84 base districts, 8 bydele and ten periods', () => {
    expect(committed.layers.get('basisdistrikt')?.features).toHaveLength(84);
    expect(committed.layers.get('bydel')?.features).toHaveLength(8);
    expect(committed.manifest.periods).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
  });
});
