/**
 * Parquet → Arrow IPC with parquet-wasm. DuckDB-wasm reads Parquet only through an
 * extension it downloads at run time, which an offline app must not do; its Arrow
 * ingestion is built in, so tables enter the engine as Arrow.
 */
import initParquetWasm, { readParquet } from 'parquet-wasm/esm/parquet_wasm.js';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

let ready: Promise<unknown> | null = null;

export async function parquetToArrowIpc(bytes: Uint8Array): Promise<Uint8Array> {
  ready ??= initParquetWasm({ module_or_path: parquetWasmUrl });
  await ready;
  return readParquet(bytes).intoIPCStream();
}
