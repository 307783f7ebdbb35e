/**
 * The parallel path (parallel.ts, pool.ts, decrypt-worker.ts): with the size threshold
 * at zero and small blocks, even small files are cut into many blocks spread over two
 * workers, so every failure below lands in the middle of some worker's share. Each
 * result must equal the single-threaded path's, error detail included.
 *
 * Files with chosen chunk flags are sealed here with Node's crypto (sealAgeFile), since
 * no encryptor writes a final flag in the wrong place.
 */
import { generateX25519Identity } from 'age-encryption';
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { createCipheriv, createHash, createHmac, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecryptResult, ExtractSecret } from '../../../shared/host/contract';
import { AgeWorkerPool, decryptAgeFile, defaultPoolSize, type FileDecryptOptions } from './index';
import { ageDecryptWorkerBuild, AGE_DECRYPT_WORKER_BUNDLE } from './worker-build.mjs';
import { defaultWorkerScript } from './worker-location';
import { parseX25519Identity } from './x25519';

const CHUNK = 64 * 1024;
const SEALED_CHUNK = CHUNK + 16;
const CHUNKS_PER_BLOCK = 4;

// --- Sealing age files with chosen chunk flags (C2SP age, X25519 recipient) ---

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string): Buffer => Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));

function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/** An age file for `recipient` whose chunk i is sealed with the final flag `finalFlags(i, count)`. */
function sealAgeFile(recipientKey: Uint8Array, plaintext: Uint8Array, finalFlags = (index: number, count: number) => index === count - 1): Buffer {
  const fileKey = randomBytes(16);
  const ephemeral = generateKeyPairSync('x25519');
  const share = new Uint8Array(ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  const recipientObject = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), recipientKey]), format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientObject });
  const wrapKey = hkdf(shared, Buffer.concat([share, recipientKey]), 'age-encryption.org/v1/X25519');
  const body = seal(wrapKey, new Uint8Array(12), fileKey);
  const headerUpToMac = `age-encryption.org/v1\n-> X25519 ${b64(share)}\n${b64(body)}\n---`;
  const mac = createHmac('sha256', hkdf(fileKey, new Uint8Array(0), 'header')).update(headerUpToMac).digest();
  const nonce = randomBytes(16);
  const payloadKey = hkdf(fileKey, nonce, 'payload');
  const count = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  const chunks = Array.from({ length: count }, (_, index) => {
    const chunkNonce = Buffer.alloc(12);
    chunkNonce.writeUIntBE(index, 5, 6);
    chunkNonce[11] = finalFlags(index, count) ? 1 : 0;
    return seal(payloadKey, chunkNonce, plaintext.subarray(index * CHUNK, (index + 1) * CHUNK));
  });
  return Buffer.concat([Buffer.from(`${headerUpToMac} ${b64(mac)}\n`), nonce, ...chunks]);
}

// --- Running both paths on the same file ---

let tmp: string;
let identity: string;
let secret: ExtractSecret;
let recipientKey: Uint8Array;
let counter = 0;
const pool = new AgeWorkerPool({ size: 2, chunksPerBlock: CHUNKS_PER_BLOCK });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-age-parallel-'));
  identity = await generateX25519Identity();
  secret = { kind: 'identity', identity };
  recipientKey = parseX25519Identity(identity).publicKey;
});

afterAll(async () => {
  await pool.close();
  await rm(tmp, { recursive: true, force: true });
});

async function decryptFile(bytes: Uint8Array, options: FileDecryptOptions, claimedSize = bytes.length): Promise<DecryptResult> {
  const file = path.join(tmp, `f-${counter++}.age`);
  await writeFile(file, bytes);
  const handle = await open(file, 'r');
  try {
    return await decryptAgeFile(handle, claimedSize, secret, options);
  } finally {
    await handle.close();
    await rm(file);
  }
}

const onPool = (extra: FileDecryptOptions = {}): FileDecryptOptions => ({ parallelMinBytes: 0, pool, ...extra });
const ON_ONE_THREAD: FileDecryptOptions = { parallelMinBytes: Number.POSITIVE_INFINITY };

/**
 * Decrypts on the pool and on one thread; expects the same result and returns it.
 * Files whose length cannot be a payload are refused before the pool is asked.
 */
async function sameOnBothPaths(bytes: Uint8Array, claimedSize = bytes.length, poolUsed = true): Promise<DecryptResult> {
  const jobsBefore = pool.jobsDone;
  const parallel = await decryptFile(bytes, onPool(), claimedSize);
  expect(pool.jobsDone > jobsBefore, 'whether the pool did the work').toBe(poolUsed);
  const single = await decryptFile(bytes, ON_ONE_THREAD, claimedSize);
  if (parallel.ok && single.ok) expect(Buffer.from(parallel.plaintext).equals(Buffer.from(single.plaintext))).toBe(true);
  else expect(parallel).toEqual(single);
  return parallel;
}

function plaintextOf(result: DecryptResult): Buffer {
  if (!result.ok) throw new Error(`decryption failed: ${JSON.stringify(result.error)}`);
  return Buffer.from(result.plaintext);
}

describe('parallel decryption', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 4 * CHUNK, 4 * CHUNK + 1, 9 * CHUNK + 123, 40 * CHUNK])(
    'opens a %i-byte plaintext exactly as the single-threaded path',
    async (size) => {
      const plaintext = randomBytes(size);
      const result = await sameOnBothPaths(sealAgeFile(recipientKey, plaintext));
      expect(plaintextOf(result).equals(plaintext)).toBe(true);
    },
  );

  it.each([1, 3])('opens a file with %i chunk(s) per block', async (chunksPerBlock) => {
    const plaintext = randomBytes(11 * CHUNK + 7);
    const result = await decryptFile(sealAgeFile(recipientKey, plaintext), onPool({ parallel: { chunksPerBlock } }));
    expect(plaintextOf(result).equals(plaintext)).toBe(true);
  });

  it('returns an ordinary ArrayBuffer, which IPC can clone (a SharedArrayBuffer it cannot)', async () => {
    const result = await decryptFile(sealAgeFile(recipientKey, randomBytes(6 * CHUNK)), onPool());
    if (!result.ok) throw new Error('decryption failed');
    expect(result.plaintext.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Object.prototype.toString.call(result.plaintext.buffer)).toBe('[object ArrayBuffer]');
    expect(Buffer.from(v8.deserialize(v8.serialize(result.plaintext)) as Uint8Array).equals(Buffer.from(result.plaintext))).toBe(true);
  });

  it('serves decryptions that overlap (the pool lends each worker to one at a time)', async () => {
    const plaintexts = [randomBytes(13 * CHUNK), randomBytes(21 * CHUNK + 5), randomBytes(8 * CHUNK)];
    const results = await Promise.all(plaintexts.map((plaintext) => decryptFile(sealAgeFile(recipientKey, plaintext), onPool())));
    results.forEach((result, i) => expect(plaintextOf(result).equals(plaintexts[i] as Buffer)).toBe(true));
  });
});

describe('parallel decryption refuses damaged files as the single-threaded path does', () => {
  const CHUNKS = 40;
  let plaintext: Buffer;
  let file: Buffer;
  let payloadStart: number;

  beforeAll(() => {
    plaintext = randomBytes(CHUNKS * CHUNK);
    file = sealAgeFile(recipientKey, plaintext);
    payloadStart = file.length - CHUNKS * SEALED_CHUNK;
  });

  const chunkOffset = (index: number): number => payloadStart + index * SEALED_CHUNK;
  const flipByteOfChunk = (bytes: Buffer, index: number, within = 100): Buffer => {
    const altered = Buffer.from(bytes);
    altered[chunkOffset(index) + within] = (altered[chunkOffset(index) + within] ?? 0) ^ 0x01;
    return altered;
  };

  it('names the altered chunk in the middle of a worker’s block', async () => {
    const result = await sameOnBothPaths(flipByteOfChunk(file, 21));
    expect(result).toEqual({ ok: false, error: { code: 'damaged', detail: expect.stringMatching(/^payload chunk 22 of 40 failed authentication/) } });
  });

  it('names the first of two altered chunks, whichever worker meets its own first', async () => {
    const result = await sameOnBothPaths(flipByteOfChunk(flipByteOfChunk(file, 33), 6));
    expect(result).toMatchObject({ ok: false, error: { code: 'damaged', detail: expect.stringMatching(/^payload chunk 7 of 40/) } });
  });

  it('refuses an altered tag and swapped chunks', async () => {
    expect(await sameOnBothPaths(flipByteOfChunk(file, 39, SEALED_CHUNK - 1))).toMatchObject({ error: { detail: expect.stringMatching(/chunk 40 of 40/) } });
    const swapped = Buffer.from(file);
    file.copy(swapped, chunkOffset(12), chunkOffset(30), chunkOffset(31));
    file.copy(swapped, chunkOffset(30), chunkOffset(12), chunkOffset(13));
    expect(await sameOnBothPaths(swapped)).toMatchObject({ error: { detail: expect.stringMatching(/chunk 13 of 40/) } });
  });

  it('refuses a file cut after a whole chunk: the new last chunk lacks the final flag', async () => {
    const result = await sameOnBothPaths(file.subarray(0, chunkOffset(25)));
    expect(result).toMatchObject({ ok: false, error: { code: 'damaged', detail: expect.stringMatching(/^payload chunk 25 of 25/) } });
  });

  it('refuses a final flag on a chunk before the last, and a last chunk without it', async () => {
    const early = sealAgeFile(recipientKey, plaintext, (index) => index === 17 || index === CHUNKS - 1);
    expect(await sameOnBothPaths(early)).toMatchObject({ error: { detail: expect.stringMatching(/^payload chunk 18 of 40/) } });
    const never = sealAgeFile(recipientKey, plaintext, () => false);
    expect(await sameOnBothPaths(never)).toMatchObject({ error: { detail: expect.stringMatching(/^payload chunk 40 of 40/) } });
    const everyOne = sealAgeFile(recipientKey, plaintext, () => true);
    expect(await sameOnBothPaths(everyOne)).toMatchObject({ error: { detail: expect.stringMatching(/^payload chunk 1 of 40/) } });
  });

  it('refuses a file cut inside a chunk, or with bytes after its final chunk', async () => {
    const cases: Array<readonly [Buffer, RegExp, boolean]> = [
      [file.subarray(0, chunkOffset(30) + 1000), /^payload chunk 31 of 31/, true],
      [file.subarray(0, file.length - 1), /^payload chunk 40 of 40/, true],
      [Buffer.concat([file, file.subarray(chunkOffset(3), chunkOffset(4))]), /^payload chunk 40 of 41/, true],
      // Lengths no payload can have are refused from the size alone, before the pool.
      [file.subarray(0, chunkOffset(30) + 5), /truncated or has bytes after its final chunk/, false],
      [Buffer.concat([file, Buffer.from('x')]), /truncated or has bytes after its final chunk/, false],
    ];
    for (const [damaged, detail, poolUsed] of cases) {
      expect(await sameOnBothPaths(damaged, damaged.length, poolUsed)).toEqual({ ok: false, error: { code: 'damaged', detail: expect.stringMatching(detail) } });
    }
  });

  it('reports a file that got shorter while it was read', async () => {
    const result = await sameOnBothPaths(file.subarray(0, chunkOffset(27)), file.length);
    expect(result).toEqual({ ok: false, error: { code: 'damaged', detail: 'the file got shorter while it was read' } });
  });
});

describe('the worker pool', () => {
  it('has a worker per core besides the calling thread, at most four, none on one core', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultPoolSize(cores))).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('falls back to the calling thread when workers cannot start, and stops trying', async () => {
    const broken = new AgeWorkerPool({ size: 2, script: async () => ({ script: 'throw new Error("no worker here")', eval: true }) });
    try {
      const plaintext = randomBytes(9 * CHUNK);
      const result = await decryptFile(sealAgeFile(recipientKey, plaintext), { parallelMinBytes: 0, pool: broken });
      expect(plaintextOf(result).equals(plaintext)).toBe(true);
      expect(broken.usable).toBe(false);
      expect(broken.jobsDone).toBe(0);
      expect(await broken.acquire()).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  it('runs the worker from its TypeScript source when the app runs from source', async () => {
    const script = await defaultWorkerScript();
    expect(script.eval).toBe(true);
    expect(script.script).toContain(path.join('electron', 'services', 'age', 'decrypt-worker.ts'));
    expect(script.script).toContain('tsx');
  });

  it('in a CommonJS bundle, finds and runs the worker bundle next to it, in plain Node', async () => {
    // As in dist/electron/: the main-process code bundled into one .cjs file, the worker
    // bundle (built as scripts/build-electron.mjs builds it) in the same folder.
    const root = path.resolve(__dirname, '..', '..', '..');
    const outDir = path.join(tmp, 'bundle');
    const entry = path.join(tmp, 'bundle-entry.ts');
    await writeFile(
      entry,
      `import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { AgeWorkerPool, decryptAgeFile } from ${JSON.stringify(path.join(__dirname, 'index.ts'))};
async function main(): Promise<void> {
  const file = process.argv[2] as string;
  const pool = new AgeWorkerPool({ size: 2 }); // the worker script from its default location
  const handle = await open(file, 'r');
  const result = await decryptAgeFile(handle, (await handle.stat()).size, { kind: 'identity', identity: process.env.TEST_AGE_IDENTITY ?? '' }, { parallelMinBytes: 0, pool });
  await handle.close();
  const sha256 = result.ok ? createHash('sha256').update(result.plaintext).digest('hex') : JSON.stringify(result.error);
  console.log(JSON.stringify({ sha256, jobs: pool.jobsDone }));
  await pool.close();
}
void main();
`,
    );
    await Promise.all([
      build({ entryPoints: [entry], outfile: path.join(outDir, 'main.cjs'), bundle: true, format: 'cjs', platform: 'node', logLevel: 'silent' }),
      build({ ...ageDecryptWorkerBuild(root, outDir), logLevel: 'silent' }),
    ]);
    const plaintext = randomBytes(12 * CHUNK + 1);
    const file = path.join(tmp, 'bundle-input.age');
    await writeFile(file, sealAgeFile(recipientKey, plaintext));
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(outDir, 'main.cjs'), file], { env: { ...process.env, TEST_AGE_IDENTITY: identity } });
    expect(JSON.parse(stdout)).toEqual({ sha256: createHash('sha256').update(plaintext).digest('hex'), jobs: 2 });
  });

  it('runs the worker bundle that scripts/build-electron.mjs builds, in plain Node', async () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const outDir = path.join(tmp, 'dist-electron');
    const options = ageDecryptWorkerBuild(root, outDir);
    expect(path.basename(options.outfile)).toBe(AGE_DECRYPT_WORKER_BUNDLE);
    await build({ ...options, logLevel: 'silent' });
    const code = await readFile(options.outfile, 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required.every((name) => name?.startsWith('node:') || ['fs', 'crypto', 'worker_threads'].includes(name ?? ''))).toBe(true);

    const bundled = new AgeWorkerPool({ size: 2, chunksPerBlock: 2, script: async () => ({ script: options.outfile, eval: false }) });
    try {
      const plaintext = randomBytes(10 * CHUNK + 3);
      const result = await decryptFile(sealAgeFile(recipientKey, plaintext), { parallelMinBytes: 0, pool: bundled });
      expect(plaintextOf(result).equals(plaintext)).toBe(true);
      expect(bundled.jobsDone).toBeGreaterThan(0);
    } finally {
      await bundled.close();
    }
  });
});
