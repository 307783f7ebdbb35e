/**
 * The C2SP age test vectors (cctv-age) against the Node path, all its variants: in
 * memory, streamed from a file one chunk per read (so every block boundary is crossed),
 * and on the worker pool one chunk per block (so neighbouring chunks, the last one
 * included, are opened by different workers).
 * Beyond the extract error codes, the failing stage must be the one the vector names,
 * so a parse error is never masked as a later MAC or payload failure.
 */
import * as cctvAge from 'cctv-age';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadAgeTestVectors,
  secretsFor,
  unsupportedFeatures,
  vectorProblems,
  vectorTitle,
  type AgeTestVector,
  type DecryptVectorFile,
} from '../../../shared/extract/age-test-vectors';
import type { ExtractSecret } from '../../../shared/host/contract';
import { AgeFailure, AgeWorkerPool, decryptAgeBytes, decryptAgeFile, openAgeBytes, type AgeFailureStage, type FileDecryptOptions } from './index';

const vectors = loadAgeTestVectors(cctvAge);
const supported = vectors.filter((vector) => unsupportedFeatures(vector).length === 0);

const STAGES_FOR: Record<Exclude<AgeTestVector['expect'], 'success' | 'armor failure'>, readonly AgeFailureStage[]> = {
  'header failure': ['format', 'header'],
  'no match': ['no-match'],
  'HMAC failure': ['header-mac'],
  'payload failure': ['payload'],
};

let tmp: string;
const pool = new AgeWorkerPool({ size: 2, chunksPerBlock: 1 });
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-age-vectors-'));
});
afterAll(async () => {
  await pool.close();
  await rm(tmp, { recursive: true, force: true });
});

const fileVariant =
  (options: FileDecryptOptions): DecryptVectorFile =>
  async (file, secret) => {
    const filePath = path.join(tmp, `v-${Math.random().toString(36).slice(2)}.age`);
    await writeFile(filePath, file);
    const handle = await open(filePath, 'r');
    try {
      return await decryptAgeFile(handle, file.length, secret, options);
    } finally {
      await handle.close();
      await rm(filePath);
    }
  };

/** The file variant, reading one 64 KiB chunk per read. */
const decryptFromFile = fileVariant({ chunksPerRead: 1, parallelMinBytes: Number.POSITIVE_INFINITY });
/** The file variant on the worker pool, whatever the size, one chunk per block. */
const decryptOnPool = fileVariant({ parallelMinBytes: 0, pool });

async function failureStage(file: Uint8Array, secret: ExtractSecret): Promise<AgeFailureStage | 'succeeded'> {
  try {
    await openAgeBytes(file, secret);
    return 'succeeded';
  } catch (err) {
    if (err instanceof AgeFailure) return err.stage;
    throw err;
  }
}

describe('C2SP age vectors, Node path', () => {
  it('loads the whole suite', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(140);
    expect(supported.filter((vector) => vector.expect === 'success').length).toBeGreaterThanOrEqual(15);
  });

  describe('in memory', () => {
    it.each(vectors.map((vector) => [vectorTitle(vector), vector] as const))('%s', async (_title, vector) => {
      expect(await vectorProblems(vector, decryptAgeBytes)).toEqual([]);
    });
  });

  describe('from a file, one chunk per read', () => {
    it.each(vectors.map((vector) => [vectorTitle(vector), vector] as const))('%s', async (_title, vector) => {
      expect(await vectorProblems(vector, decryptFromFile)).toEqual([]);
    });
  });

  describe('from a file, on the worker pool, one chunk per block', () => {
    it.each(vectors.map((vector) => [vectorTitle(vector), vector] as const))('%s', async (_title, vector) => {
      expect(await vectorProblems(vector, decryptOnPool)).toEqual([]);
    });

    it('used the pool', () => {
      expect(pool.jobsDone).toBeGreaterThan(0);
    });
  });

  describe('fails at the stage the vector names', () => {
    const failing = supported.filter((vector) => vector.expect !== 'success' && vector.expect !== 'armor failure');
    it.each(failing.map((vector) => [`${vector.name}: ${vector.expect}`, vector] as const))('%s', async (_title, vector) => {
      const expected = STAGES_FOR[vector.expect as keyof typeof STAGES_FOR];
      for (const secret of secretsFor(vector)) {
        expect(expected).toContain(await failureStage(vector.file, secret));
      }
    });
  });
});
