/**
 * How large an extract the app opens. DuckDB-wasm runs in 32-bit WebAssembly (4 GiB
 * heap), and tables take several times their compressed size once loaded, so a larger
 * extract belongs on native DuckDB (`npm run compute`), not in a desktop window.
 */
import type { ExtractErrorInfo } from './errors';

export const DEFAULT_MAX_EXTRACT_BYTES = 512 * 1024 * 1024;

/**
 * How much the entries of a decrypted archive may declare in all, unpacked, relative to the
 * archive itself. Parquet is stored (about its own size) and only JSON is deflated, so a real
 * extract unpacks to little more than its archive; a zip bomb declares hundreds of times more.
 */
export const MAX_UNPACKED_RATIO = 2;

/** Entries an extract archive may hold: a manifest, a few tables and layers; thousands is not an extract. */
export const MAX_ARCHIVE_ENTRIES = 1000;

/**
 * The most an archive of `archiveBytes` may unpack to: the file limit, or twice the archive when
 * that is more (the compute CLI opens larger extracts than the app; the app refuses files over
 * DEFAULT_MAX_EXTRACT_BYTES before decrypting).
 */
export function maxUnpackedBytes(archiveBytes: number): number {
  return Math.max(DEFAULT_MAX_EXTRACT_BYTES, MAX_UNPACKED_RATIO * archiveBytes);
}

export function tooLargeError(sizeBytes: number, maxBytes: number): ExtractErrorInfo {
  const mib = (n: number) => `${Math.ceil(n / (1024 * 1024))} MiB`;
  return { code: 'too-large', detail: `the file is ${mib(sizeBytes)}; this app opens extracts up to ${mib(maxBytes)}` };
}
