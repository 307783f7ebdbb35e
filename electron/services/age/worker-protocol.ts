/**
 * What the main thread and the decryption workers (decrypt-worker.ts) say to each other
 * while they open one payload together (parallel.ts).
 *
 * The payload is cut into blocks of whole chunks. Whichever worker is free claims the
 * next block from a shared counter (`control[NEXT_BLOCK]`), so a slow or late worker
 * simply takes fewer blocks. A worker reads its block from the file itself (pread on the caller's
 * descriptor), opens its chunks into one of its own block buffers and hands that
 * buffer over (transferred, not copied); the main thread copies it into the plaintext
 * and hands it back over the worker's return port. The buffers are ordinary memory
 * that only ever belongs to one thread at a time, so the plaintext the caller gets is
 * an ordinary ArrayBuffer (Electron's IPC refuses SharedArrayBuffers).
 */
import type { KeyObject } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';

/** Int32 slots of the job's control array (a SharedArrayBuffer). */
export const NEXT_BLOCK = 0;
/** Blocks at or after this index are no longer claimed (set on failure or abort). */
export const STOP_AT_BLOCK = 1;
/** Then one slot per worker: bumped whenever a buffer is handed back to it. */
export const FIRST_RETURN_SLOT = 2;

export function controlSlots(workers: number): number {
  return FIRST_RETURN_SLOT + workers;
}

/** Sent by the pool once, when it starts a worker. */
export interface WorkerSetup {
  /** Where the main thread hands block buffers back. */
  readonly returnPort: MessagePort;
  readonly blockBytes: number;
  readonly buffers: number;
}

/** One payload to help open. */
export interface RangeJob {
  readonly kind: 'job';
  /** The open file, read with positioned reads; stays open until the job is over. */
  readonly fd: number;
  readonly key: KeyObject;
  /** File offset of the first chunk's ciphertext. */
  readonly payloadStart: number;
  readonly ciphertextLength: number;
  readonly chunkCount: number;
  readonly chunksPerBlock: number;
  readonly blockCount: number;
  readonly control: SharedArrayBuffer;
  /** This worker's slot in `control`. */
  readonly returnSlot: number;
}

export type BlockFailure =
  | { readonly kind: 'authentication'; readonly chunk: number }
  | { readonly kind: 'shorter' }
  | { readonly kind: 'io'; readonly message: string; readonly code?: string; readonly errno?: number; readonly syscall?: string }
  | { readonly kind: 'bug'; readonly message: string };

export type WorkerReport =
  /** Block `block` is open: its plaintext is the first `bytes` bytes of `buffer`. */
  | { readonly kind: 'block'; readonly block: number; readonly buffer: ArrayBuffer; readonly bytes: number }
  | { readonly kind: 'failed'; readonly block: number; readonly failure: BlockFailure }
  /** The job is over for this worker: every buffer is back and wiped. Always the last report. */
  | { readonly kind: 'done' };
