/**
 * Unit tests for the Node age decryptor's parts. The spec's edge cases at large are
 * covered by the C2SP vectors (age-vectors.test.ts) and other implementations' files
 * (interop.test.ts); these pin down the pieces and the file-reading behaviour.
 */
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bech32Error, decodeBech32 } from './bech32';
import { AgeFailure } from './failure';
import { MAX_HEADER_BYTES, parseHeader } from './header';
import { decryptAgeBytes, decryptAgeFile, openAgeBytes } from './index';
import { decryptAgeInMemory } from '../../../shared/extract/decrypt';
import type { ExtractSecret } from '../../../shared/host/contract';
import { CHUNK_CIPHERTEXT_BYTES, payloadLayout } from './stream';
import { parseX25519Identity } from './x25519';

// The spec's example key pair (C2SP age, "The X25519 recipient type").
const SPEC_IDENTITY = 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX';
const SPEC_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';

function stageOf(fn: () => unknown): string {
  try {
    fn();
    return 'no failure';
  } catch (err) {
    return err instanceof AgeFailure ? `${err.stage}/${err.info.code}` : `other: ${String(err)}`;
  }
}

describe('decodeBech32', () => {
  it('decodes the BIP 173 valid examples, in either case', () => {
    expect(decodeBech32('A12UEL5L')).toEqual({ hrp: 'a', bytes: new Uint8Array() });
    expect(decodeBech32('a12uel5l')).toEqual({ hrp: 'a', bytes: new Uint8Array() });
    expect(decodeBech32('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw').hrp).toBe('abcdef');
  });

  it.each([
    ['A1G7SGD8', 'invalid checksum'], // checksum computed over the upper-case HRP
    ['10a06t8', 'invalid length'], // empty HRP
    ['li1dgmt3', 'invalid length'], // checksum too short
    ['x1b4n0q5v', 'invalid character in the data'],
    ['a12UEL5L', 'mixed case'],
    ['age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwq', 'invalid checksum'],
  ])('rejects %s (%s)', (text, message) => {
    expect(() => decodeBech32(text)).toThrow(Bech32Error);
    expect(() => decodeBech32(text)).toThrow(message);
  });

  it('decodes the spec identity to 32 bytes and its recipient to the derived public key', () => {
    const { hrp, bytes } = decodeBech32(SPEC_IDENTITY);
    expect(hrp).toBe('age-secret-key-');
    expect(bytes).toHaveLength(32);
    expect(Buffer.from(parseX25519Identity(SPEC_IDENTITY).publicKey)).toEqual(Buffer.from(decodeBech32(SPEC_RECIPIENT).bytes));
  });
});

describe('parseX25519Identity', () => {
  it('accepts the lower-case form and surrounding whitespace', () => {
    const publicKey = parseX25519Identity(SPEC_IDENTITY).publicKey;
    expect(parseX25519Identity(` ${SPEC_IDENTITY.toLowerCase()}\n`).publicKey).toEqual(publicKey);
  });

  it.each([
    ['a recipient instead of an identity', SPEC_RECIPIENT, /not an age identity/],
    ['a typo', SPEC_IDENTITY.replace('GFPQ4', 'GFPQ5'), /not an age identity/],
    ['mixed case', SPEC_IDENTITY.slice(0, 20) + SPEC_IDENTITY.slice(20).toLowerCase(), /not an age identity/],
    ['a post-quantum identity', 'AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR', /post-quantum/],
    ['an SSH key', '-----BEGIN OPENSSH PRIVATE KEY-----', /not an age identity/],
    // Case mapping outside ASCII: KELVIN SIGN lower-cases to "k", which Bech32 would read.
    ['a non-ASCII look-alike (a public test-vector key with a KELVIN SIGN)', 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYV\u212a2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0', /not an age identity/],
  ])('refuses %s as a wrong secret', (_label, text, detail) => {
    expect(stageOf(() => parseX25519Identity(text))).toBe('secret/wrong-secret');
    expect(() => parseX25519Identity(text)).toThrow(detail);
  });
});

describe('parseHeader', () => {
  const stanzaLine = '-> X25519 ' + 'A'.repeat(43) + '\n';
  const header = `age-encryption.org/v1\n${stanzaLine}${'A'.repeat(43)}\n--- ${'A'.repeat(43)}\n`;
  const bytes = new TextEncoder().encode(header + 'nonce...........');

  it('parses a header and says where the payload starts', () => {
    const parsed = parseHeader(bytes, true);
    expect(parsed?.byteLength).toBe(header.length);
    expect(parsed?.stanzas).toHaveLength(1);
    expect(parsed?.stanzas[0]?.args).toEqual(['X25519', 'A'.repeat(43)]);
    expect(new TextDecoder().decode(parsed?.macInput)).toBe(header.slice(0, header.indexOf('---') + 3));
  });

  it('asks for more bytes for every proper prefix, so a file can be read in pieces', () => {
    for (let length = 0; length < header.length; length++) {
      expect(parseHeader(bytes.subarray(0, length), false), `prefix of ${length} bytes`).toBeNull();
    }
  });

  it('refuses an unrelated file from its first bytes, without waiting for a line end', () => {
    expect(stageOf(() => parseHeader(new TextEncoder().encode('PK\u0003\u0004'), false))).toBe('format/not-an-extract');
    expect(stageOf(() => parseHeader(new TextEncoder().encode('age-encryption.org/v2\n'), false))).toBe('format/not-an-extract');
  });

  it('refuses a header that does not end within 1 MiB', () => {
    const endless = new TextEncoder().encode(`age-encryption.org/v1\n-> grease\n${`${'A'.repeat(64)}\n`.repeat(MAX_HEADER_BYTES / 65 + 1)}`);
    expect(stageOf(() => parseHeader(endless, false))).toBe('header/damaged');
    expect(() => parseHeader(endless, true)).toThrow(/larger than/);
  });

  it('refuses a header without stanzas', () => {
    const empty = new TextEncoder().encode(`age-encryption.org/v1\n--- ${'A'.repeat(43)}\n`);
    expect(stageOf(() => parseHeader(empty, true))).toBe('header/damaged');
  });
});

describe('the pure-JS and Node paths agree on secrets and refusals', () => {
  // A public C2SP test-vector identity (cctv-age), with a K in its data part.
  const VECTOR_IDENTITY = 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
  let forKey: string;
  let withPassphrase: string;

  beforeAll(async () => {
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(VECTOR_IDENTITY));
    forKey = new TextDecoder('latin1').decode(await encrypter.encrypt('hello'));
    const scrypt = new Encrypter();
    scrypt.setPassphrase('sundby');
    scrypt.setScryptWorkFactor(4);
    withPassphrase = new TextDecoder('latin1').decode(await scrypt.encrypt('hello'));
  });

  const latin1 = (value: string) => Uint8Array.from(Buffer.from(value, 'latin1'));
  const outcome = (r: Awaited<ReturnType<typeof decryptAgeBytes>>) => (r.ok ? `opens: ${new TextDecoder().decode(r.plaintext)}` : r.error.code);
  const secrets: Record<string, ExtractSecret> = {
    key: { kind: 'identity', identity: VECTOR_IDENTITY },
    'key in lower case': { kind: 'identity', identity: VECTOR_IDENTITY.toLowerCase() },
    'key in mixed case': { kind: 'identity', identity: VECTOR_IDENTITY.slice(0, 30) + VECTOR_IDENTITY.slice(30).toLowerCase() },
    'key with a KELVIN SIGN': { kind: 'identity', identity: VECTOR_IDENTITY.replace('VK2VK', 'V\u212a2V\u212a') },
    'malformed key': { kind: 'identity', identity: 'AGE-SECRET-KEY-1QQQQQQ' },
    'post-quantum key': { kind: 'identity', identity: 'AGE-SECRET-KEY-PQ-1QQQQQQ' },
    passphrase: { kind: 'passphrase', passphrase: 'sundby' },
  };
  const files: Record<string, () => string> = {
    'for the key': () => forKey,
    'with a passphrase': () => withPassphrase,
    'with no stanzas': () => `age-encryption.org/v1\n--- ${'A'.repeat(43)}\n${'x'.repeat(40)}`,
    'with a bad MAC line': () => forKey.replace(/^--- .*$/m, '--- AAAA'),
    'with a 3-argument X25519 stanza': () => forKey.replace(/^-> X25519 (\S+)$/m, '-> X25519 $1 extra'),
    'with scrypt 2^30': () => withPassphrase.replace(/^(-> scrypt \S+) 4$/m, '$1 30'),
    'with scrypt and a grease stanza': () => withPassphrase.replace(/^(-> scrypt .*\n.*\n)/m, '$1-> grease\n\n'),
  };

  it.each(Object.keys(files).flatMap((file) => Object.keys(secrets).map((secret) => [file, secret] as const)))('a file %s, opened with: %s', async (file, secret) => {
    const bytes = latin1(files[file]!());
    const pure = await decryptAgeInMemory(bytes, secrets[secret]!);
    const node = await decryptAgeBytes(bytes, secrets[secret]!);
    expect(outcome(pure)).toBe(outcome(node));
  });

  it('lower case opens on both paths; mixed case and look-alikes on neither', async () => {
    const bytes = latin1(forKey);
    for (const path of [decryptAgeInMemory, decryptAgeBytes]) {
      expect(outcome(await path(bytes, secrets['key in lower case']!))).toBe('opens: hello');
      expect(await path(bytes, secrets['key in mixed case']!)).toMatchObject({ ok: false, error: { code: 'wrong-secret', detail: expect.stringMatching(/not an age identity/) } });
      expect(await path(bytes, secrets['key with a KELVIN SIGN']!)).toMatchObject({ ok: false, error: { code: 'wrong-secret', detail: expect.stringMatching(/not an age identity/) } });
    }
  });
});

describe('payloadLayout', () => {
  it.each([
    [16, 1, 0],
    [17, 1, 1],
    [CHUNK_CIPHERTEXT_BYTES, 1, 65536],
    [CHUNK_CIPHERTEXT_BYTES + 17, 2, 65537],
    [3 * CHUNK_CIPHERTEXT_BYTES, 3, 3 * 65536],
  ])('%i ciphertext bytes are %i chunks, %i plaintext bytes', (ciphertext, chunkCount, plaintextLength) => {
    expect(payloadLayout(ciphertext)).toEqual({ chunkCount, plaintextLength });
  });

  it.each([
    [0, 'no chunk at all'],
    [15, 'a cut-off first chunk'],
    [CHUNK_CIPHERTEXT_BYTES + 16, 'an empty final chunk after a full one'],
    [CHUNK_CIPHERTEXT_BYTES + 5, 'a few bytes after a full chunk'],
  ])('refuses %i bytes (%s) as a damaged payload', (ciphertext) => {
    expect(stageOf(() => payloadLayout(ciphertext))).toBe('payload/damaged');
  });
});

describe('decryptAgeFile', () => {
  let tmp: string;
  let identity: string;
  const plaintext = randomBytes(5 * 65536 + 99);
  let ciphertext: Uint8Array;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-age-unit-'));
    identity = await generateX25519Identity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(identity));
    ciphertext = await encrypter.encrypt(plaintext);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function withFile<T>(bytes: Uint8Array, use: (handle: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> {
    const file = path.join(tmp, `f-${Math.random().toString(36).slice(2)}`);
    await writeFile(file, bytes);
    const handle = await open(file, 'r');
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  }

  it.each([1, 2, 3, 64])('gives the same plaintext with %i chunk(s) per read', async (chunksPerRead) => {
    const result = await withFile(ciphertext, (handle) => decryptAgeFile(handle, ciphertext.length, { kind: 'identity', identity }, { chunksPerRead }));
    expect(result.ok && Buffer.from(result.plaintext).equals(plaintext)).toBe(true);
  });

  it('reports a file that got shorter while reading as damaged', async () => {
    const result = await withFile(ciphertext, (handle) => decryptAgeFile(handle, ciphertext.length + 100, { kind: 'identity', identity }));
    expect(result).toMatchObject({ ok: false, error: { code: 'damaged' } });
  });

  it('reads a header longer than the first read', async () => {
    const others = await Promise.all(Array.from({ length: 200 }, () => generateX25519Identity()));
    const encrypter = new Encrypter();
    for (const other of others) encrypter.addRecipient(await identityToRecipient(other));
    encrypter.addRecipient(await identityToRecipient(identity));
    const many = await encrypter.encrypt(plaintext.subarray(0, 1000));
    expect(many.length).toBeGreaterThan(20_000);
    const result = await withFile(many, (handle) => decryptAgeFile(handle, many.length, { kind: 'identity', identity }));
    expect(result.ok && Buffer.from(result.plaintext).equals(plaintext.subarray(0, 1000))).toBe(true);
  });

  it('the in-memory variant agrees, and a wrong key is wrong-secret without detail', async () => {
    const result = await decryptAgeBytes(ciphertext, { kind: 'identity', identity });
    expect(result.ok && Buffer.from(result.plaintext).equals(plaintext)).toBe(true);
    const stranger = await generateX25519Identity();
    expect(await decryptAgeBytes(ciphertext, { kind: 'identity', identity: stranger })).toEqual({ ok: false, error: { code: 'wrong-secret' } });
    await expect(openAgeBytes(ciphertext, { kind: 'passphrase', passphrase: 'x' })).rejects.toMatchObject({
      stage: 'no-match',
      info: { code: 'wrong-secret', detail: expect.stringMatching(/named keys/) },
    });
  });
});

describe('scrypt', () => {
  it('opens a passphrase file and tells a key-holder that it wants a passphrase', async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('sundby');
    encrypter.setScryptWorkFactor(10);
    const ciphertext = await encrypter.encrypt('hello');
    expect(await decryptAgeBytes(ciphertext, { kind: 'passphrase', passphrase: 'sundby' })).toEqual({ ok: true, plaintext: new TextEncoder().encode('hello') });
    expect(await decryptAgeBytes(ciphertext, { kind: 'identity', identity: SPEC_IDENTITY })).toEqual({
      ok: false,
      error: { code: 'wrong-secret', detail: 'the extract is protected by a passphrase, not encrypted for a key' },
    });
  });

  it('refuses a work factor above 2^22 before running scrypt', async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('sundby');
    encrypter.setScryptWorkFactor(10);
    const text = new TextDecoder('latin1').decode(await encrypter.encrypt('hello'));
    const raised = Uint8Array.from(Buffer.from(text.replace(/^(-> scrypt \S+) 10$/m, '$1 30'), 'latin1'));
    const started = performance.now();
    const result = await decryptAgeBytes(raised, { kind: 'passphrase', passphrase: 'sundby' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-an-extract', detail: expect.stringMatching(/2\^30/) } });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
