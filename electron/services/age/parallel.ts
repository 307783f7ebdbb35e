/**
 * Opens a large payload with the worker pool (worker-protocol.ts describes the
 * exchange). STREAM chunks are independent given the payload key, since each nonce is
 * the chunk's index plus the final flag, so blocks of chunks open in any order and on
 * any thread, with the same rules as the single-threaded path: every chunk
 * authenticated, the final flag exactly on the last chunk of the layout the file size
 * implies, a file that ends early reported as damaged.
 *
 * The workers read and open the blocks; this thread only copies each opened block
 * into place. That copy is where the fresh plaintext pages are first touched, which
 * costs about as much as opening the chunks and can happen only on a thread that owns
 * the buffer: the plaintext is an ordinary Uint8Array because it goes to the renderer
 * over IPC, which refuses shared memory. Measured on 2 cores, each of these was slower:
 * this thread opening blocks as well (its garbage costs more than a worker's), this
 * thread reading for the workers, workers reading ahead on the I/O thread pool, and
 * handing over each chunk's own output buffer instead of a reused block buffer.
 *
 * When several blocks fail, the error is the one the single-threaded path would have
 * met first: the lowest failing chunk (or the block whose read failed). Blocks are
 * claimed in order, so every block before a failure is claimed and finishes; blocks
 * after it are abandoned. Nothing is returned before every worker has reported its job
 * over, so the file stays open as long as anyone reads it; on failure the plaintext is
 * wiped.
 */
import type { KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { PooledWorker } from './pool';
import { CHUNK_CIPHERTEXT_BYTES, CHUNK_PLAINTEXT_BYTES, chunkAuthenticationFailure, fileGotShorter, type PayloadLayout } from './stream';
import { FIRST_RETURN_SLOT, STOP_AT_BLOCK, controlSlots, type BlockFailure, type RangeJob, type WorkerReport } from './worker-protocol';

export interface ParallelPayload {
  readonly handle: FileHandle;
  readonly key: KeyObject;
  readonly layout: PayloadLayout;
  /** File offset of the first chunk. */
  readonly payloadStart: number;
  readonly ciphertextLength: number;
}

export interface ParallelTuning {
  /** Chunks per block, the unit a worker claims, reads, opens and hands over; at most the pool's (its workers' buffers hold that many). */
  readonly chunksPerBlock: number;
}

/** The first failure in payload order wins; `order` is the chunk it concerns. */
interface RecordedFailure {
  readonly order: number;
  readonly error: Error;
}

function systemError(failure: Extract<BlockFailure, { kind: 'io' }>): Error {
  const err: NodeJS.ErrnoException = new Error(failure.message);
  if (failure.code !== undefined) err.code = failure.code;
  if (failure.errno !== undefined) err.errno = failure.errno;
  if (failure.syscall !== undefined) err.syscall = failure.syscall;
  return err;
}

class ParallelRun {
  #plaintext = new Uint8Array(0);
  readonly #payload: ParallelPayload;
  readonly #tuning: ParallelTuning;
  readonly #control: Int32Array;
  readonly #blockCount: number;
  #blocksDone = 0;
  #failure: RecordedFailure | null = null;
  #workerLost: Error | null = null;

  constructor(payload: ParallelPayload, tuning: ParallelTuning, workers: number) {
    this.#payload = payload;
    this.#tuning = tuning;
    this.#blockCount = Math.ceil(payload.layout.chunkCount / tuning.chunksPerBlock);
    this.#control = new Int32Array(new SharedArrayBuffer(controlSlots(workers) * Int32Array.BYTES_PER_ELEMENT));
    Atomics.store(this.#control, STOP_AT_BLOCK, this.#blockCount);
  }

  async run(workers: readonly PooledWorker[]): Promise<Uint8Array> {
    const jobs = workers.map((worker, index) => this.#runWorker(worker, FIRST_RETURN_SLOT + index));
    // Allocated once the workers are busy, since allocating it may cost this thread a
    // GC; no block is taken in before this synchronous code has run.
    this.#plaintext = new Uint8Array(this.#payload.layout.plaintextLength);
    await Promise.all(jobs);
    if (this.#workerLost !== null) {
      this.#plaintext.fill(0);
      throw this.#workerLost;
    }
    if (this.#failure !== null) {
      this.#plaintext.fill(0);
      throw this.#failure.error;
    }
    if (this.#blocksDone !== this.#blockCount) {
      this.#plaintext.fill(0);
      throw new Error(`parallel age decryption opened ${this.#blocksDone} of ${this.#blockCount} blocks`);
    }
    return this.#plaintext;
  }

  #blockRange(block: number): { firstChunk: number; chunks: number; start: number; length: number } {
    const { chunksPerBlock } = this.#tuning;
    const firstChunk = block * chunksPerBlock;
    const chunks = Math.min(chunksPerBlock, this.#payload.layout.chunkCount - firstChunk);
    const start = firstChunk * CHUNK_CIPHERTEXT_BYTES;
    return { firstChunk, chunks, start, length: Math.min(chunks * CHUNK_CIPHERTEXT_BYTES, this.#payload.ciphertextLength - start) };
  }

  /** Records a failure at payload position `order` and stops the blocks after it. */
  #stop(order: number, error: Error, block = 0): void {
    if (this.#failure === null || order < this.#failure.order) this.#failure = { order, error };
    const stopAt = Math.max(0, Math.min(Atomics.load(this.#control, STOP_AT_BLOCK), block));
    Atomics.store(this.#control, STOP_AT_BLOCK, stopAt);
    for (let slot = FIRST_RETURN_SLOT; slot < this.#control.length; slot++) Atomics.notify(this.#control, slot);
  }

  /** Settles once the worker's job is over; never rejects. */
  #runWorker(worker: PooledWorker, slot: number): Promise<void> {
    const payload = this.#payload;
    const job: RangeJob = {
      kind: 'job',
      fd: payload.handle.fd,
      key: payload.key,
      payloadStart: payload.payloadStart,
      ciphertextLength: payload.ciphertextLength,
      chunkCount: payload.layout.chunkCount,
      chunksPerBlock: this.#tuning.chunksPerBlock,
      blockCount: this.#blockCount,
      control: this.#control.buffer as SharedArrayBuffer,
      returnSlot: slot,
    };
    return worker
      .run(job, (report) => this.#onReport(worker, slot, report))
      .catch((err: unknown) => {
        this.#workerLost ??= err instanceof Error ? err : new Error(String(err));
        this.#stop(Number.NEGATIVE_INFINITY, this.#workerLost);
      });
  }

  #onReport(worker: PooledWorker, slot: number, report: Exclude<WorkerReport, { kind: 'done' }>): void {
    if (report.kind === 'block') {
      if (this.#failure === null) {
        const { firstChunk } = this.#blockRange(report.block);
        this.#plaintext.set(new Uint8Array(report.buffer, 0, report.bytes), firstChunk * CHUNK_PLAINTEXT_BYTES);
        this.#blocksDone++;
      }
      worker.returnPort.postMessage(report.buffer, [report.buffer]);
      Atomics.add(this.#control, slot, 1);
      Atomics.notify(this.#control, slot);
      return;
    }
    const { firstChunk } = this.#blockRange(report.block);
    const { failure } = report;
    switch (failure.kind) {
      case 'authentication':
        this.#stop(failure.chunk, chunkAuthenticationFailure(failure.chunk, this.#payload.layout.chunkCount), report.block);
        break;
      case 'shorter':
        this.#stop(firstChunk, fileGotShorter(), report.block);
        break;
      case 'io':
        this.#stop(firstChunk, systemError(failure), report.block);
        break;
      case 'bug':
        this.#stop(Number.NEGATIVE_INFINITY, new Error(`age decryption worker: ${failure.message}`));
        break;
    }
  }
}

/**
 * The plaintext of the payload, opened by `workers` (at least one) and put together here.
 * Throws AgeFailure as the single-threaded path would, system errors from reading as
 * they are, and WorkerLostError when a worker died (the caller then starts over
 * without the pool).
 */
export async function openPayloadInParallel(payload: ParallelPayload, workers: readonly PooledWorker[], tuning: ParallelTuning): Promise<Uint8Array> {
  return new ParallelRun(payload, tuning, workers.length).run(workers);
}
