/**
 * How large an extract the app opens. DuckDB-wasm runs in 32-bit WebAssembly (4 GiB
 * heap), and tables take several times their compressed size once loaded, so a larger
 * extract belongs on native DuckDB (`npm run compute`), not in a desktop window.
 */
import type { ExtractErrorInfo } from './errors';

export const DEFAULT_MAX_EXTRACT_BYTES = 512 * 1024 * 1024;

export function tooLargeError(sizeBytes: number, maxBytes: number): ExtractErrorInfo {
  const mib = (n: number) => `${Math.ceil(n / (1024 * 1024))} MiB`;
  return { code: 'too-large', detail: `the file is ${mib(sizeBytes)}; this app opens extracts up to ${mib(maxBytes)}` };
}
