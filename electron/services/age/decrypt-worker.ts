/**
 * Entry point of an age decryption worker (one of the pool in pool.ts). It helps the
 * main thread open one payload at a time, as worker-protocol.ts describes: claim a
 * block, read its ciphertext from the caller's open file, open its chunks (each one
 * authenticated, the final flag set exactly on the payload's last chunk) into a block
 * buffer, hand that buffer to the main thread; repeat until no block is left or the
 * main thread says stop.
 *
 * It writes plaintext only into its own block buffers, which it wipes when a job is
 * over, and never logs or persists anything. Built as its own bundle for the app
 * (worker-build.mjs); run through tsx when the app runs from source.
 */
import { readSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { AEAD_TAG_BYTES } from './aead';
import { AgeFailure } from './failure';
import { CHUNK_CIPHERTEXT_BYTES, CHUNK_PLAINTEXT_BYTES, ChunkOpener } from './stream';
import { NEXT_BLOCK, STOP_AT_BLOCK, type BlockFailure, type RangeJob, type WorkerReport, type WorkerSetup } from './worker-protocol';

/** How long a wait lasts before the stop flag is checked again (a safety net: the main thread also wakes waiters). */
const WAIT_MS = 50;

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('decrypt-worker.ts runs only as a worker thread');

const chunksPerBlock = Math.floor(setup.blockBytes / CHUNK_PLAINTEXT_BYTES);
/** Ciphertext of one block; never plaintext. */
const sealedBlock = Buffer.allocUnsafeSlow(chunksPerBlock * CHUNK_CIPHERTEXT_BYTES);
/** Block buffers this worker holds now; the others are with the main thread. */
const free: ArrayBuffer[] = Array.from({ length: setup.buffers }, () => new ArrayBuffer(setup.blockBytes));

function report(message: WorkerReport, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function collectReturnedBuffers(): void {
  for (let returned = receiveMessageOnPort(setup.returnPort); returned !== undefined; returned = receiveMessageOnPort(setup.returnPort)) {
    free.push(returned.message as ArrayBuffer);
  }
}

/** Waits until `ready()` holds, buffers coming back meanwhile; false if `block` is stopped first. */
function waitForBuffers(control: Int32Array, slot: number, ready: () => boolean, block: number | null): boolean {
  for (;;) {
    const seen = Atomics.load(control, slot);
    collectReturnedBuffers();
    if (ready()) return true;
    if (block !== null && block >= Atomics.load(control, STOP_AT_BLOCK)) return false;
    Atomics.wait(control, slot, seen, WAIT_MS);
  }
}

function readFailure(err: unknown): BlockFailure {
  if (err instanceof Error && 'syscall' in err) {
    const { code, errno, syscall } = err as NodeJS.ErrnoException;
    return { kind: 'io', message: err.message, ...(code === undefined ? {} : { code }), ...(errno === undefined ? {} : { errno }), ...(syscall === undefined ? {} : { syscall }) };
  }
  return { kind: 'bug', message: err instanceof Error ? err.message : String(err) };
}

/** Reads `length` bytes at `position` into sealedBlock; a failure when the file ends first. */
function readSealed(job: RangeJob, length: number, position: number): BlockFailure | null {
  let filled = 0;
  try {
    while (filled < length) {
      const bytesRead = readSync(job.fd, sealedBlock, filled, length - filled, position + filled);
      if (bytesRead === 0) return { kind: 'shorter' };
      filled += bytesRead;
    }
  } catch (err) {
    return readFailure(err);
  }
  return null;
}

/** Opens one block and hands it over; false when this worker should stop. */
function openBlock(job: RangeJob, control: Int32Array, opener: ChunkOpener, block: number): boolean {
  const firstChunk = block * job.chunksPerBlock;
  const chunks = Math.min(job.chunksPerBlock, job.chunkCount - firstChunk);
  const start = firstChunk * CHUNK_CIPHERTEXT_BYTES;
  const length = Math.min(chunks * CHUNK_CIPHERTEXT_BYTES, job.ciphertextLength - start);
  const readProblem = readSealed(job, length, job.payloadStart + start);
  if (readProblem !== null) {
    report({ kind: 'failed', block, failure: readProblem });
    return false;
  }
  if (!waitForBuffers(control, job.returnSlot, () => free.length > 0, block)) return false;
  const buffer = free.pop() as ArrayBuffer;
  const plaintext = new Uint8Array(buffer);
  let offset = 0;
  let written = 0;
  let chunk = firstChunk;
  try {
    for (; chunk < firstChunk + chunks; chunk++) {
      const chunkLength = Math.min(CHUNK_CIPHERTEXT_BYTES, length - offset);
      opener.open(chunk, sealedBlock.subarray(offset, offset + chunkLength), plaintext, written);
      offset += chunkLength;
      written += chunkLength - AEAD_TAG_BYTES;
    }
  } catch (err) {
    free.push(buffer);
    const failure: BlockFailure =
      err instanceof AgeFailure ? { kind: 'authentication', chunk } : { kind: 'bug', message: err instanceof Error ? err.message : String(err) };
    report({ kind: 'failed', block, failure });
    return false;
  }
  report({ kind: 'block', block, buffer, bytes: written }, [buffer]);
  return true;
}

function runJob(job: RangeJob): void {
  const control = new Int32Array(job.control);
  try {
    if (job.chunksPerBlock > chunksPerBlock) throw new Error(`a job asked for ${job.chunksPerBlock} chunks per block; this worker holds ${chunksPerBlock}`);
    const opener = new ChunkOpener(job.key, job.chunkCount);
    for (;;) {
      const block = Atomics.add(control, NEXT_BLOCK, 1);
      if (block >= job.blockCount || block >= Atomics.load(control, STOP_AT_BLOCK)) break;
      if (!openBlock(job, control, opener, block)) break;
    }
  } catch (err) {
    report({ kind: 'failed', block: Atomics.load(control, NEXT_BLOCK), failure: { kind: 'bug', message: err instanceof Error ? err.message : String(err) } });
  } finally {
    // The main thread hands every buffer back, also after a failure; once all are
    // here, none of this job's plaintext is left outside the caller's buffer.
    waitForBuffers(control, job.returnSlot, () => free.length >= setup.buffers, null);
    for (const buffer of free) new Uint8Array(buffer).fill(0);
    report({ kind: 'done' });
  }
}

port.on('message', (job: RangeJob) => runJob(job));
