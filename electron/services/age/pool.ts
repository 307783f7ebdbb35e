/**
 * The decryption workers: started at the first large decryption, then kept for the
 * life of the process so that later files do not pay their start-up. Idle workers are
 * unref'd (they never keep the app or a CLI alive). A worker that dies is replaced at
 * the next decryption; if workers cannot start at all (say, the worker bundle is
 * missing), the pool stops trying and files are opened on the calling thread alone.
 */
import os from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { CHUNK_PLAINTEXT_BYTES } from './stream';
import { defaultWorkerScript, type WorkerScript } from './worker-location';
import type { RangeJob, WorkerReport, WorkerSetup } from './worker-protocol';

/** More would not pay: the calling thread's copying becomes the limit. */
export const MAX_POOL_WORKERS = 4;
/**
 * 16 chunks ≈ 1 MiB: a block is claimed, read, opened and handed over as one. Measured
 * best on 2 cores: smaller blocks cost more in messages, larger ones in cache misses.
 */
export const DEFAULT_CHUNKS_PER_BLOCK = 16;
/** Block buffers per worker: enough to keep it busy while the main thread copies (more cost cache). */
export const BUFFERS_PER_WORKER = 4;

/** A worker died or could not start while it had a job: the caller retries without the pool. */
export class WorkerLostError extends Error {
  constructor(cause: unknown) {
    super(`an age decryption worker stopped: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WorkerLostError';
  }
}

interface ActiveJob {
  onReport(report: Exclude<WorkerReport, { kind: 'done' }>): void;
  resolve(): void;
  reject(err: Error): void;
}

interface PooledWorkerEvents {
  done(): void;
  lost(worker: PooledWorker, everWorked: boolean): void;
}

export class PooledWorker {
  /** The main thread's end of the channel that hands block buffers back. */
  readonly returnPort: MessagePort;
  readonly #worker: Worker;
  readonly #events: PooledWorkerEvents;
  #job: ActiveJob | null = null;
  #alive = true;
  #everWorked = false;

  constructor(script: WorkerScript, chunksPerBlock: number, buffers: number, events: PooledWorkerEvents) {
    const { port1, port2 } = new MessageChannel();
    this.returnPort = port1;
    this.#events = events;
    const setup: WorkerSetup = { returnPort: port2, blockBytes: chunksPerBlock * CHUNK_PLAINTEXT_BYTES, buffers };
    this.#worker = new Worker(script.script, { eval: script.eval, workerData: setup, transferList: [port2], execArgv: [] });
    this.#worker.on('message', (report: WorkerReport) => {
      const job = this.#job;
      if (job === null) return;
      if (report.kind !== 'done') {
        job.onReport(report);
        return;
      }
      this.#job = null;
      this.#everWorked = true;
      this.#worker.unref();
      this.#events.done();
      job.resolve();
    });
    this.#worker.on('error', (err) => this.#lost(err));
    this.#worker.on('exit', (code) => this.#lost(new Error(`it exited with code ${code}`)));
    this.#worker.unref();
    port1.unref();
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Runs one job; resolves once the worker reports it over (every buffer back and wiped). */
  run(job: RangeJob, onReport: ActiveJob['onReport']): Promise<void> {
    if (!this.#alive) return Promise.reject(new WorkerLostError('it had stopped before the job'));
    if (this.#job !== null) return Promise.reject(new Error('PooledWorker.run: the worker already has a job'));
    return new Promise<void>((resolve, reject) => {
      this.#job = { onReport, resolve, reject };
      this.#worker.ref(); // a job in progress keeps the process alive until it is over
      this.#worker.postMessage(job);
    });
  }

  terminate(): Promise<number> {
    this.#alive = false;
    return this.#worker.terminate();
  }

  #lost(cause: unknown): void {
    if (!this.#alive && this.#job === null) return;
    this.#alive = false;
    const job = this.#job;
    this.#job = null;
    this.returnPort.close();
    this.#events.lost(this, this.#everWorked);
    job?.reject(new WorkerLostError(cause));
  }
}

export interface AgeWorkerPoolOptions {
  /** Number of workers (0: no pool; files are opened on the calling thread). */
  size: number;
  chunksPerBlock?: number;
  buffersPerWorker?: number;
  /** Where the worker code is; defaults to worker-location.ts's answer. */
  script?: () => Promise<WorkerScript>;
}

export class AgeWorkerPool {
  readonly size: number;
  readonly chunksPerBlock: number;
  readonly #buffersPerWorker: number;
  readonly #script: () => Promise<WorkerScript>;
  #resolvedScript: Promise<WorkerScript> | null = null;
  readonly #workers = new Set<PooledWorker>();
  readonly #idle = new Set<PooledWorker>();
  /** Set when a worker died before it ever finished a job: workers cannot start here. */
  #broken = false;
  #jobsDone = 0;
  #closed = false;

  constructor(options: AgeWorkerPoolOptions) {
    this.size = Math.max(0, Math.floor(options.size));
    this.chunksPerBlock = options.chunksPerBlock ?? DEFAULT_CHUNKS_PER_BLOCK;
    this.#buffersPerWorker = options.buffersPerWorker ?? BUFFERS_PER_WORKER;
    this.#script = options.script ?? defaultWorkerScript;
  }

  /** Whether acquire() may return workers at all. */
  get usable(): boolean {
    return this.size > 0 && !this.#broken && !this.#closed;
  }

  /** The idle workers, started if need be, now reserved for the caller (maybe none). */
  async acquire(): Promise<PooledWorker[]> {
    if (!this.usable) return [];
    if (this.#workers.size < this.size) {
      let script: WorkerScript;
      try {
        script = await (this.#resolvedScript ??= this.#script());
      } catch {
        this.#broken = true;
        return [];
      }
      while (this.usable && this.#workers.size < this.size) {
        let worker: PooledWorker;
        try {
          worker = new PooledWorker(script, this.chunksPerBlock, this.#buffersPerWorker, {
            done: () => this.#jobsDone++,
            lost: (lost, everWorked) => this.#forget(lost, everWorked),
          });
        } catch {
          this.#broken = true;
          break;
        }
        this.#workers.add(worker);
        this.#idle.add(worker);
      }
    }
    const reserved = [...this.#idle].filter((worker) => worker.alive);
    this.#idle.clear();
    return reserved;
  }

  /** Jobs the pool's workers have finished (each decryption gives one to every worker it uses). */
  get jobsDone(): number {
    return this.#jobsDone;
  }

  release(workers: readonly PooledWorker[]): void {
    for (const worker of workers) {
      if (worker.alive && this.#workers.has(worker) && !this.#closed) this.#idle.add(worker);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const workers = [...this.#workers];
    this.#workers.clear();
    this.#idle.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #forget(worker: PooledWorker, everWorked: boolean): void {
    this.#workers.delete(worker);
    this.#idle.delete(worker);
    if (!everWorked) this.#broken = true;
  }
}

/**
 * One worker per core besides the calling thread's, at most MAX_POOL_WORKERS; none on a
 * single core. The calling thread is busy the whole time too, putting the plaintext
 * together (parallel.ts): on 2 cores one worker beat two (less CPU for the same work).
 */
export function defaultPoolSize(cores = os.availableParallelism()): number {
  return Math.max(0, Math.min(MAX_POOL_WORKERS, cores - 1));
}

let sharedPool: AgeWorkerPool | null = null;

/** The process-wide pool, created on first use. */
export function ageWorkerPool(): AgeWorkerPool {
  return (sharedPool ??= new AgeWorkerPool({ size: defaultPoolSize() }));
}

/** Stops the process-wide pool's workers (tests; the app may call it on quit). */
export async function closeAgeWorkerPool(): Promise<void> {
  const pool = sharedPool;
  sharedPool = null;
  await pool?.close();
}
