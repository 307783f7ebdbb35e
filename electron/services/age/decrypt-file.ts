/**
 * age decryption straight from an open file: the header is read in growing prefixes,
 * then the payload.
 *
 * Large payloads (PARALLEL_MIN_BYTES and up) are opened by the worker pool, each worker
 * taking blocks of chunks as it is free, and put together here (parallel.ts). Smaller
 * ones, and any file when no worker is free or workers cannot run, are opened here
 * alone: in blocks of whole chunks (4 MiB), the next block read on the thread pool
 * while the current one is decrypted, each block read into the not yet written part
 * of the plaintext buffer where it fits (PayloadDecryptor.stagingArea), so the kernel
 * touches its fresh pages on the I/O thread. Plaintext goes only into the one
 * preallocated buffer that is returned (besides Node's short-lived per-chunk output
 * buffers, and on the parallel path the workers' block buffers, wiped after each
 * file), never to disk.
 */
import type { KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { DecryptResult, ExtractSecret } from '../../../shared/host/contract';
import { toDecryptResult } from './decrypt-bytes';
import { malformedHeader } from './failure';
import { unwrapFileKey } from './file-key';
import { MAX_HEADER_BYTES, parseHeader, type AgeHeader } from './header';
import { openPayloadInParallel, type ParallelTuning } from './parallel';
import { ageWorkerPool, WorkerLostError, type AgeWorkerPool } from './pool';
import { CHUNK_CIPHERTEXT_BYTES, fileGotShorter, PAYLOAD_NONCE_BYTES, PayloadDecryptor, payloadKey, payloadLayout } from './stream';

/** 64 chunks ≈ 4 MiB per read: few system calls, still a fine-grained pipeline. */
export const DEFAULT_CHUNKS_PER_READ = 64;
/** Below this much ciphertext, starting work on other threads does not pay. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const FIRST_HEADER_READ_BYTES = 16 * 1024;

export interface FileDecryptOptions {
  /** Whole chunks per read on the single-threaded path (tests use 1 to cross every block boundary). */
  chunksPerRead?: number;
  /**
   * Payloads of at least this many ciphertext bytes are opened with the worker pool's
   * help (default PARALLEL_MIN_BYTES); Infinity keeps every file on this thread.
   */
  parallelMinBytes?: number;
  /** The pool to use (default: the process-wide one). Tests pass their own. */
  pool?: AgeWorkerPool;
  /** Tuning of the parallel path, for tests and benchmarks. */
  parallel?: Partial<ParallelTuning>;
}

/** Fills `buffer` from `position`; a file that got shorter meanwhile is damaged. */
async function readExactly(handle: FileHandle, buffer: Uint8Array, position: number): Promise<Uint8Array> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw fileGotShorter();
    filled += bytesRead;
  }
  return buffer;
}

async function readHeader(handle: FileHandle, fileSize: number): Promise<{ header: AgeHeader; prefix: Uint8Array }> {
  let length = Math.min(fileSize, FIRST_HEADER_READ_BYTES);
  for (;;) {
    const prefix = await readExactly(handle, new Uint8Array(length), 0);
    const header = parseHeader(prefix, length === fileSize);
    if (header) return { header, prefix };
    // parseHeader throws once the prefix is complete or MAX_HEADER_BYTES long.
    length = Math.min(fileSize, MAX_HEADER_BYTES, length * 4);
  }
}

async function readNonce(handle: FileHandle, fileSize: number, header: AgeHeader, prefix: Uint8Array): Promise<Uint8Array> {
  const end = header.byteLength + PAYLOAD_NONCE_BYTES;
  if (fileSize < end) throw malformedHeader('the file ends before the payload nonce');
  if (prefix.length >= end) return prefix.slice(header.byteLength, end);
  return readExactly(handle, new Uint8Array(PAYLOAD_NONCE_BYTES), header.byteLength);
}

async function decryptPayload(handle: FileHandle, payload: PayloadDecryptor, start: number, end: number, chunksPerRead: number): Promise<void> {
  const blockBytes = chunksPerRead * CHUNK_CIPHERTEXT_BYTES;
  // Blocks are read into the plaintext buffer itself where they fit (see stagingArea);
  // only the last few, which would run past its end, need these.
  const spare: [Uint8Array | null, Uint8Array | null] = [null, null];
  const readBlock = (index: 0 | 1, position: number): Promise<Uint8Array> => {
    const length = Math.min(blockBytes, end - position);
    const target = payload.stagingArea(position - start, length) ?? (spare[index] ??= new Uint8Array(blockBytes)).subarray(0, length);
    return readExactly(handle, target, position);
  };
  let position = start;
  let current: 0 | 1 = 0;
  let pending: Promise<Uint8Array> | null = position < end ? readBlock(current, position) : null;
  while (pending) {
    const block = await pending;
    const next = position + block.length;
    const other: 0 | 1 = current === 0 ? 1 : 0;
    // Read ahead on the thread pool while this block is decrypted here.
    pending = next < end ? readBlock(other, next) : null;
    try {
      payload.decryptBlock(block);
    } catch (err) {
      await pending?.catch(() => undefined);
      throw err;
    }
    position = next;
    current = other;
  }
}

/** The single-threaded path: this thread opens every chunk. */
async function openHere(handle: FileHandle, payload: PayloadDecryptor, payloadStart: number, fileSize: number, chunksPerRead: number): Promise<Uint8Array> {
  try {
    await decryptPayload(handle, payload, payloadStart, fileSize, chunksPerRead);
  } catch (err) {
    payload.wipe(); // a read failure mid-way leaves opened chunks behind
    throw err;
  }
  return payload.finish();
}

/** The plaintext of the age file open as `handle`, `fileSize` bytes long. */
export async function openAgeFile(
  handle: FileHandle,
  fileSize: number,
  secret: ExtractSecret,
  options: FileDecryptOptions = {},
): Promise<Uint8Array> {
  const chunksPerRead = Math.max(1, Math.floor(options.chunksPerRead ?? DEFAULT_CHUNKS_PER_READ));
  const { header, prefix } = await readHeader(handle, fileSize);
  const fileKey = await unwrapFileKey(header, secret);
  const payloadStart = header.byteLength + PAYLOAD_NONCE_BYTES;
  const ciphertextLength = fileSize - payloadStart;
  let key: KeyObject;
  try {
    key = payloadKey(fileKey, await readNonce(handle, fileSize, header, prefix));
  } finally {
    fileKey.fill(0);
  }
  const layout = payloadLayout(ciphertextLength);
  if (ciphertextLength >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    const pool = options.pool ?? ageWorkerPool();
    const workers = await pool.acquire();
    if (workers.length > 0) {
      const chunksPerBlock = Math.max(1, Math.min(pool.chunksPerBlock, Math.floor(options.parallel?.chunksPerBlock ?? pool.chunksPerBlock)));
      const tuning: ParallelTuning = { chunksPerBlock };
      try {
        return await openPayloadInParallel({ handle, key, layout, payloadStart, ciphertextLength }, workers, tuning);
      } catch (err) {
        // A worker died: open the file again here, from the start.
        if (!(err instanceof WorkerLostError)) throw err;
      } finally {
        pool.release(workers);
      }
    }
  }
  return openHere(handle, PayloadDecryptor.withKey(key, layout), payloadStart, fileSize, chunksPerRead);
}

/** File variant: reads `handle` in bounded blocks. I/O errors are thrown as they are. */
export async function decryptAgeFile(
  handle: FileHandle,
  fileSize: number,
  secret: ExtractSecret,
  options: FileDecryptOptions = {},
): Promise<DecryptResult> {
  try {
    return { ok: true, plaintext: await openAgeFile(handle, fileSize, secret, options) };
  } catch (err) {
    return toDecryptResult(err);
  }
}
