/**
 * The DuckDB-wasm engine in its Web Worker. Wasm and worker are bundled and served
 * from the app's own origin; extension auto-install is switched off so the engine
 * never reaches for the network (Parquet arrives as Arrow, see parquet.ts).
 */
import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { parquetToArrowIpc } from './parquet';

export type Row = Record<string, unknown>;

/**
 * A query that has not answered in this time is taken as a dead worker (a worker that dies
 * silently leaves its promises pending forever). Generous: the largest extract the app opens
 * computes each query in seconds; anything bigger belongs on native DuckDB.
 */
export const QUERY_DEADLINE_MS = 5 * 60 * 1000;

/** The engine cannot go on: its worker stopped or stopped answering. Its data is gone. */
export class EngineFailure extends Error {
  constructor(
    readonly reason: 'stopped' | 'no-answer',
    detail: string,
  ) {
    super(detail);
    this.name = 'EngineFailure';
  }
}

/** DuckDB's and the wasm runtime's ways of saying the heap is full. */
export function isOutOfMemory(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /out of memory|array buffer allocation failed|could not allocate|memory\.grow|Cannot enlarge memory/i.test(text);
}

export class AnalyticEngine {
  private failure: EngineFailure | null = null;
  private readonly failureListeners = new Set<(failure: EngineFailure) => void>();

  private constructor(
    private readonly worker: Worker,
    private readonly connection: AsyncDuckDBConnection,
  ) {
    worker.addEventListener('error', (event) => this.fail(new EngineFailure('stopped', event.message || 'the engine worker stopped')));
  }

  /** Called once when the engine fails; returns the unsubscribe function. */
  onFailure(listener: (failure: EngineFailure) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  private fail(failure: EngineFailure): void {
    if (this.failure) return;
    this.failure = failure;
    this.worker.terminate();
    for (const listener of this.failureListeners) listener(failure);
  }

  static async start(): Promise<AnalyticEngine> {
    const worker = new Worker(ehWorkerUrl);
    try {
      const db = new AsyncDuckDB(new VoidLogger(), worker);
      await db.instantiate(ehWasmUrl);
      await db.open({ query: { castBigIntToDouble: true } });
      const connection = await db.connect();
      await connection.query('SET autoinstall_known_extensions = false');
      await connection.query('SET autoload_known_extensions = false');
      return new AnalyticEngine(worker, connection);
    } catch (err) {
      worker.terminate();
      throw err;
    }
  }

  /** Loads Parquet bytes as a table (decoded to Arrow, see parquet.ts); returns its columns. */
  async loadParquetTable(table: string, bytes: Uint8Array): Promise<string[]> {
    const ipc = await parquetToArrowIpc(bytes);
    if (this.failure) throw this.failure;
    await this.withDeadline(this.connection.insertArrowFromIPCStream(ipc, { name: table, create: true }));
    const columns = await this.query(`SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`);
    return columns.map((c) => String(c['column_name']));
  }

  async query(sql: string): Promise<Row[]> {
    if (this.failure) throw this.failure;
    const result = await this.withDeadline(this.connection.query(sql));
    return result.toArray().map((row) => (row as { toJSON(): Row }).toJSON());
  }

  private withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const failure = new EngineFailure('no-answer', `no answer from the engine in ${QUERY_DEADLINE_MS / 60000} minutes`);
        this.fail(failure);
        reject(failure);
      }, QUERY_DEADLINE_MS);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  /** Drops every decrypted byte: terminating the worker frees its whole wasm heap. */
  terminate(): void {
    this.failureListeners.clear();
    this.failure ??= new EngineFailure('stopped', 'the extract was closed');
    this.worker.terminate();
  }
}
