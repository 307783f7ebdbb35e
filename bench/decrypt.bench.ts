/**
 * Decryption throughput: an extract-sized random payload encrypted by the `age` CLI to
 * an X25519 key from `age-keygen`, then decrypted by
 *   (a) the app's main-process path, exactly as the extract service calls it
 *       (decryptExtractFile with its defaults: a file this size is opened by the worker
 *       pool, the main thread putting the plaintext together),
 *   (b) `age -d -i key -o /dev/null` — the reference,
 *   (c) the same path held to one thread (parallelMinBytes: Infinity), for comparison,
 *   (d) the pure-JS path (the browser host's), an extra figure against the same reference,
 * and, as a second reference for (a), `age -d` writing into tmpfs (/dev/shm): like the
 * app, it then has to put the whole plaintext in fresh memory, which /dev/null spares
 * it (on a VM, first-touch page faults of a 200 MB buffer are a large share of the time).
 * Goal: (a) at least as fast as `age -d -o /dev/null`. (a), (b), (c) and the tmpfs
 * reference run interleaved in the same rounds; the worker pool starts during the
 * correctness check, before the warm-up, as in the app it starts with the first large
 * file and then stays. The files live in a temporary folder that is removed
 * afterwards, whatever happens.
 */
import { execFile } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ageWorkerPool, closeAgeWorkerPool } from '../electron/services/age';
import { decryptExtractFile } from '../electron/services/decrypt';
import { decryptAgeInMemory } from '../shared/extract/decrypt';
import type { DecryptResult, ExtractSecret } from '../shared/host/contract';
import { garbageCollectedBetweenRuns, measureInterleaved, megabytesPerSecond, throughputFigure, type Target, type Timing } from './measure';
import type { Benchmark, BenchContext, MeasuredFigure } from './types';

const run = promisify(execFile);
const AGE = '/usr/bin/age';
const AGE_KEYGEN = '/usr/bin/age-keygen';
const TMPFS = '/dev/shm';

const FULL = { bytes: 200_000_000, warmup: 1, runs: 7, jsRuns: 3 };
const QUICK = { bytes: 32_000_000, warmup: 1, runs: 3, jsRuns: 1 };

async function writeRandomFile(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const block = new Uint8Array(8 * 1024 * 1024);
  const handle = await open(file, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const piece = block.subarray(0, Math.min(block.length, bytes - written));
      randomFillSync(piece);
      hash.update(piece);
      await handle.write(piece);
      written += piece.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function makeKey(dir: string): Promise<{ file: string; identity: string; recipient: string }> {
  const file = path.join(dir, 'key.txt');
  await run(AGE_KEYGEN, ['-o', file]);
  const text = await readFile(file, 'utf8');
  const identity = /^AGE-SECRET-KEY-1[0-9A-Z]+$/m.exec(text)?.[0];
  const recipient = /^# public key: (age1[0-9a-z]+)$/m.exec(text)?.[1];
  if (!identity || !recipient) throw new Error('age-keygen wrote an unexpected key file');
  return { file, identity, recipient };
}

function expectPlaintext(result: DecryptResult, label: string, bytes: number, sha256?: string): void {
  if (!result.ok) throw new Error(`${label} failed to decrypt the benchmark file: ${JSON.stringify(result.error)}`);
  if (result.plaintext.length !== bytes) throw new Error(`${label} returned ${result.plaintext.length} bytes, expected ${bytes}`);
  if (sha256 && createHash('sha256').update(result.plaintext).digest('hex') !== sha256) {
    throw new Error(`${label} returned a plaintext that differs from the original`);
  }
}

async function ageVersion(): Promise<string> {
  const { stdout } = await run(AGE, ['--version']);
  return stdout.trim();
}

async function runDecryptBenchmark(context: BenchContext): Promise<MeasuredFigure[]> {
  if (!existsSync(AGE) || !existsSync(AGE_KEYGEN)) {
    throw new Error(`${AGE} or ${AGE_KEYGEN} not found: install Debian's age package (apt-get install age); the reference needs it`);
  }
  const plan = context.quick ? QUICK : FULL;
  const version = await ageVersion();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bm-bench-decrypt-'));
  try {
    context.log(`decrypt: writing ${plan.bytes / 1e6} MB of random data and encrypting it with age ${version}`);
    const key = await makeKey(dir);
    const plainFile = path.join(dir, 'payload.bin');
    const sha256 = await writeRandomFile(plainFile, plan.bytes);
    const encryptedFile = path.join(dir, 'payload.age');
    await run(AGE, ['-r', key.recipient, '-o', encryptedFile, plainFile]);
    await rm(plainFile);
    const secret: ExtractSecret = { kind: 'identity', identity: key.identity };

    const appOptions = { maxBytes: Number.MAX_SAFE_INTEGER };
    const singleThreadOptions = { maxBytes: Number.MAX_SAFE_INTEGER, parallelMinBytes: Number.POSITIVE_INFINITY };

    // Correctness first: a fast wrong answer is not a result. This also starts the pool.
    const pool = ageWorkerPool();
    const jobsBefore = pool.jobsDone;
    expectPlaintext(await decryptExtractFile(encryptedFile, secret, appOptions), 'the app path', plan.bytes, sha256);
    const workers = pool.jobsDone - jobsBefore;
    const workerCount = `${workers} pool worker${workers === 1 ? '' : 's'}`;
    context.log(workers > 0 ? `decrypt: the app path used ${workerCount}` : 'decrypt: the app path ran on one thread (no worker pool here)');
    expectPlaintext(await decryptExtractFile(encryptedFile, secret, singleThreadOptions), 'the single-threaded path', plan.bytes, sha256);

    const app: Target = {
      name: 'app',
      run: async () => expectPlaintext(await decryptExtractFile(encryptedFile, secret, appOptions), 'the app path', plan.bytes),
    };
    const singleThread: Target = {
      name: 'single',
      run: async () => expectPlaintext(await decryptExtractFile(encryptedFile, secret, singleThreadOptions), 'the single-threaded path', plan.bytes),
    };
    const reference: Target = {
      name: 'age',
      run: async () => {
        await run(AGE, ['-d', '-i', key.file, '-o', '/dev/null', encryptedFile]);
      },
    };
    const tmpfsOutput = path.join(TMPFS, `${path.basename(dir)}.out`);
    const referenceInMemory: Target = {
      name: 'age-tmpfs',
      run: async () => {
        try {
          await run(AGE, ['-d', '-i', key.file, '-o', tmpfsOutput, encryptedFile]);
        } finally {
          await rm(tmpfsOutput, { force: true });
        }
      },
    };
    const withTmpfs = existsSync(TMPFS);
    if (!withTmpfs) context.log(`decrypt: ${TMPFS} is missing, so the in-memory reference is not measured`);
    const pureJs: Target = {
      name: 'js',
      run: async () => expectPlaintext(await decryptAgeInMemory(await readFile(encryptedFile), secret), 'the pure-JS path', plan.bytes),
    };
    const onRun = (name: string, ms: number) => context.log(`  ${name}: ${ms.toFixed(0)} ms`);
    const fast = await measureInterleaved(withTmpfs ? [app, reference, singleThread, referenceInMemory] : [app, reference, singleThread], {
      warmup: plan.warmup,
      runs: plan.runs,
      onRun,
    });
    const slow = await measureInterleaved([pureJs, reference], { warmup: plan.warmup, runs: plan.jsRuns, onRun });

    const timing = (timings: Map<string, Timing>, name: string): Timing => timings.get(name) ?? { samples: [], median: Number.NaN, p95: Number.NaN };
    const mbps = (timings: Map<string, Timing>, name: string) => megabytesPerSecond(plan.bytes, timing(timings, name).median);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    for (const name of ['app', 'age', 'single', 'age-tmpfs']) {
      const { median, p95 } = timing(fast, name);
      if (Number.isFinite(median)) context.log(`  ${name}: median ${ms(median)}, p95 ${ms(p95)}`);
    }
    const cores = os.cpus().length;
    const gcNote = garbageCollectedBetweenRuns ? 'GC between runs' : 'no GC between runs (run node with --expose-gc)';
    const workload = (runs: number) =>
      `${plan.bytes / 1e6} MB random payload, age X25519 file from the age CLI (page-cached), plaintext MB/s from the median of ${runs} interleaved runs after ${plan.warmup} warm-up, ${gcNote}; ${cores} CPU cores`;
    const appPath = workers > 0 ? `${workerCount} ${workers === 1 ? 'opens' : 'open'} the chunks, the main thread puts the plaintext together` : 'no worker pool on this machine: one thread';
    const p95s = (name: string) => `p95 ${ms(timing(fast, name).p95)} vs age ${ms(timing(fast, 'age').p95)}`;
    const referenceName = `age -d -i key -o /dev/null (${version})`;
    const inMemoryFigure = withTmpfs
      ? [
          throughputFigure(
            {
              name: 'decrypt X25519 extract: app main-process path vs age writing into memory',
              workload: `${workload(plan.runs)}; same runs as above, reference writes the plaintext to tmpfs as the app must hold it in memory`,
              goal: 'none: context for the figure above (higher is better)',
              targetRatio: null,
            },
            mbps(fast, 'app'),
            { name: `age -d -i key -o ${TMPFS}/… (${version})`, value: mbps(fast, 'age-tmpfs') },
          ),
        ]
      : [];
    return [
      throughputFigure(
        {
          name: 'decrypt X25519 extract: app main-process path (Node crypto, worker pool)',
          workload: `${workload(plan.runs)}; ${appPath}; ${p95s('app')}`,
          goal: 'ratio ≥ 1: at least as fast as age -d (higher is better)',
          targetRatio: 1,
        },
        mbps(fast, 'app'),
        { name: referenceName, value: mbps(fast, 'age') },
      ),
      ...inMemoryFigure,
      throughputFigure(
        {
          name: 'decrypt X25519 extract: the same path held to one thread',
          workload: `${workload(plan.runs)}; same runs as above, decryptExtractFile with parallelMinBytes: Infinity (read in 4 MiB blocks, opened in place on the main thread); ${p95s('single')}`,
          goal: 'none: shows what the worker pool adds (higher is better)',
          targetRatio: null,
        },
        mbps(fast, 'single'),
        { name: referenceName, value: mbps(fast, 'age') },
      ),
      throughputFigure(
        {
          name: 'decrypt X25519 extract: pure-JS path (age-encryption, browser host)',
          workload: `${workload(plan.jsRuns)}; includes reading the file into memory`,
          goal: 'none: extra figure for the browser host (higher is better)',
          targetRatio: null,
        },
        mbps(slow, 'js'),
        { name: referenceName, value: mbps(slow, 'age') },
      ),
    ];
  } finally {
    await closeAgeWorkerPool();
    await rm(dir, { recursive: true, force: true });
  }
}

export const decryptBenchmark: Benchmark = {
  name: 'decrypt',
  description: 'age decryption throughput of the app paths against the age CLI',
  run: runDecryptBenchmark,
};
