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

export class AnalyticEngine {
  private constructor(
    private readonly worker: Worker,
    private readonly connection: AsyncDuckDBConnection,
  ) {}

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
    await this.connection.insertArrowFromIPCStream(ipc, { name: table, create: true });
    const columns = await this.query(`SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`);
    return columns.map((c) => String(c['column_name']));
  }

  async query(sql: string): Promise<Row[]> {
    const result = await this.connection.query(sql);
    return result.toArray().map((row) => (row as { toJSON(): Row }).toJSON());
  }

  /** Drops every decrypted byte: terminating the worker frees its whole wasm heap. */
  terminate(): void {
    this.worker.terminate();
  }
}
