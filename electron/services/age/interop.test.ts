/**
 * Interoperability: files made by other age implementations open with both of the
 * app's paths (Node crypto here, pure JS in the browser host). X25519 files come from
 * Debian's `age` CLI and `age-keygen`; passphrase files from age-encryption's Encrypter,
 * because the CLI reads passphrases only from a terminal.
 *
 * These tests need /usr/bin/age. CI installs it; when it is missing they fail with a
 * message saying so, rather than skipping silently.
 */
import { Encrypter } from 'age-encryption';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAgeInMemory } from '../../../shared/extract/decrypt';
import type { DecryptResult, ExtractSecret } from '../../../shared/host/contract';
import { AgeWorkerPool, decryptAgeBytes, decryptAgeFile, type FileDecryptOptions } from './index';

const run = promisify(execFile);
const AGE = '/usr/bin/age';
const AGE_KEYGEN = '/usr/bin/age-keygen';
const MISSING_CLI = `${AGE} or ${AGE_KEYGEN} not found: install Debian's age package (apt-get install age); CI installs it`;
const cliAvailable = existsSync(AGE) && existsSync(AGE_KEYGEN);

function requireAgeCli(): void {
  expect(cliAvailable, MISSING_CLI).toBe(true);
}

interface KeyPair {
  identity: string;
  recipient: string;
  file: string;
}

let tmp: string;
let counter = 0;

async function keygen(): Promise<KeyPair> {
  const file = path.join(tmp, `key-${counter++}.txt`);
  await run(AGE_KEYGEN, ['-o', file]);
  const text = await readFile(file, 'utf8');
  const identity = /^AGE-SECRET-KEY-1[0-9A-Z]+$/m.exec(text)?.[0];
  const recipient = /^# public key: (age1[0-9a-z]+)$/m.exec(text)?.[1];
  if (!identity || !recipient) throw new Error('age-keygen wrote an unexpected key file');
  return { identity, recipient, file };
}

async function cliEncrypt(plaintext: Uint8Array, recipients: readonly string[], extraArgs: readonly string[] = []): Promise<Uint8Array> {
  const input = path.join(tmp, `plain-${counter++}`);
  const output = `${input}.age`;
  await writeFile(input, plaintext);
  await run(AGE, [...extraArgs, ...recipients.flatMap((recipient) => ['-r', recipient]), '-o', output, input]);
  const ciphertext = await readFile(output);
  await rm(input);
  await rm(output);
  return ciphertext;
}

type Path = (ciphertext: Uint8Array, secret: ExtractSecret) => Promise<DecryptResult>;

/** Small blocks, so that even these test files are spread over both workers. */
const pool = new AgeWorkerPool({ size: 2, chunksPerBlock: 2 });

async function fromFile(ciphertext: Uint8Array, secret: ExtractSecret, options: FileDecryptOptions = {}): Promise<DecryptResult> {
  const file = path.join(tmp, `cipher-${counter++}.age`);
  await writeFile(file, ciphertext);
  const handle = await open(file, 'r');
  try {
    return await decryptAgeFile(handle, ciphertext.length, secret, options);
  } finally {
    await handle.close();
    await rm(file);
  }
}

const PATHS: ReadonlyArray<readonly [string, Path]> = [
  ['Node, in memory', decryptAgeBytes],
  ['Node, from a file', (bytes, secret) => fromFile(bytes, secret)],
  ['Node, from a file, one chunk per read', (bytes, secret) => fromFile(bytes, secret, { chunksPerRead: 1 })],
  ['Node, from a file, on the worker pool', (bytes, secret) => fromFile(bytes, secret, { parallelMinBytes: 0, pool })],
  ['pure JS', decryptAgeInMemory],
];

async function expectEveryPathOpens(ciphertext: Uint8Array, secret: ExtractSecret, plaintext: Uint8Array): Promise<void> {
  for (const [name, decrypt] of PATHS) {
    const result = await decrypt(ciphertext, secret);
    expect(result.ok, `${name}: ${result.ok ? '' : JSON.stringify(result.error)}`).toBe(true);
    if (result.ok) expect(Buffer.from(result.plaintext).equals(Buffer.from(plaintext)), `${name}: plaintext differs`).toBe(true);
  }
}

async function expectEveryPathRefuses(ciphertext: Uint8Array, secret: ExtractSecret, code: string): Promise<void> {
  for (const [name, decrypt] of PATHS) {
    expect(await decrypt(ciphertext, secret), name).toMatchObject({ ok: false, error: { code } });
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-age-interop-'));
  if (!cliAvailable) console.error(`interop tests: ${MISSING_CLI}`);
});

afterAll(async () => {
  await pool.close();
  await rm(tmp, { recursive: true, force: true });
});

const CHUNK = 64 * 1024;

describe('files from the age CLI (X25519, age-keygen keys)', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one chunk', CHUNK],
    ['one chunk and a byte', CHUNK + 1],
    ['exactly three chunks', 3 * CHUNK],
    ['about 1.5 MiB', 1_500_000],
  ])('opens a %s plaintext with every path', async (_label, size) => {
    requireAgeCli();
    const key = await keygen();
    const plaintext = randomBytes(size);
    await expectEveryPathOpens(await cliEncrypt(plaintext, [key.recipient]), { kind: 'identity', identity: key.identity }, plaintext);
  });

  it('opens a file for several analysts with each one’s key, and not with a stranger’s', async () => {
    requireAgeCli();
    const [anna, bo, stranger] = [await keygen(), await keygen(), await keygen()];
    const plaintext = randomBytes(100_000);
    const ciphertext = await cliEncrypt(plaintext, [anna.recipient, bo.recipient]);
    await expectEveryPathOpens(ciphertext, { kind: 'identity', identity: anna.identity }, plaintext);
    await expectEveryPathOpens(ciphertext, { kind: 'identity', identity: bo.identity }, plaintext);
    await expectEveryPathRefuses(ciphertext, { kind: 'identity', identity: stranger.identity }, 'wrong-secret');
    await expectEveryPathRefuses(ciphertext, { kind: 'passphrase', passphrase: 'anna' }, 'wrong-secret');
  });

  it('accepts the identity with surrounding whitespace, as pasted from a key file', async () => {
    requireAgeCli();
    const key = await keygen();
    const plaintext = randomBytes(1000);
    await expectEveryPathOpens(await cliEncrypt(plaintext, [key.recipient]), { kind: 'identity', identity: `\n${key.identity}\n` }, plaintext);
  });

  it('refuses an ASCII-armored file (age -a) as not-an-extract on every path', async () => {
    requireAgeCli();
    const key = await keygen();
    const armored = await cliEncrypt(randomBytes(1000), [key.recipient], ['-a']);
    await expectEveryPathRefuses(armored, { kind: 'identity', identity: key.identity }, 'not-an-extract');
  });

  it('reports a CLI file cut short or altered as damaged on every path', async () => {
    requireAgeCli();
    const key = await keygen();
    const secret: ExtractSecret = { kind: 'identity', identity: key.identity };
    const ciphertext = await cliEncrypt(randomBytes(3 * CHUNK + 500), [key.recipient]);
    await expectEveryPathRefuses(ciphertext.subarray(0, ciphertext.length - 500 - 16), secret, 'damaged');
    await expectEveryPathRefuses(ciphertext.subarray(0, ciphertext.length - 1), secret, 'damaged');
    const altered = Uint8Array.from(ciphertext);
    altered[altered.length - 2 * CHUNK] = (altered[altered.length - 2 * CHUNK] ?? 0) ^ 0x80;
    await expectEveryPathRefuses(altered, secret, 'damaged');
    await expectEveryPathRefuses(Buffer.concat([ciphertext, Buffer.from('x')]), secret, 'damaged');
  });

  it('the CLI opens what it made (the test files are standard age)', async () => {
    requireAgeCli();
    const key = await keygen();
    const plaintext = randomBytes(70_000);
    const file = path.join(tmp, `roundtrip-${counter++}.age`);
    await writeFile(file, await cliEncrypt(plaintext, [key.recipient]));
    const { stdout } = await run(AGE, ['-d', '-i', key.file, file], { encoding: 'buffer', maxBuffer: 1 << 20 });
    expect(Buffer.from(stdout).equals(plaintext)).toBe(true);
  });
});

describe('passphrase files from age-encryption (the CLI needs a terminal for passphrases)', () => {
  it.each([0, 1, CHUNK, 2 * CHUNK + 7])('opens a %i-byte plaintext with every path', async (size) => {
    const plaintext = randomBytes(size);
    const encrypter = new Encrypter();
    encrypter.setPassphrase('sundby-interop-2025');
    encrypter.setScryptWorkFactor(12); // small: tests, not protection
    const ciphertext = await encrypter.encrypt(plaintext);
    await expectEveryPathOpens(ciphertext, { kind: 'passphrase', passphrase: 'sundby-interop-2025' }, plaintext);
    await expectEveryPathRefuses(ciphertext, { kind: 'passphrase', passphrase: 'sundby-interop-2024' }, 'wrong-secret');
  });
});
