/**
 * Reads an extract's encrypted bytes from disk into memory, refusing files larger than
 * the app can hold. Failures come back as extract error info (plain data for the UI);
 * details name the system error code, never the path.
 */
import { promises as fs } from 'node:fs';
import type { ExtractErrorInfo } from '../../shared/extract/errors';

/** Ciphertext, plaintext and the DuckDB copy all live in memory at once. */
export { DEFAULT_MAX_EXTRACT_BYTES, tooLargeError } from '../../shared/extract/limits';
import { tooLargeError } from '../../shared/extract/limits';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; error: ExtractErrorInfo };


export function unreadableError(err: unknown): ExtractErrorInfo {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const reasons: Record<string, string> = {
    ENOENT: 'the file no longer exists',
    EACCES: 'permission to read the file was denied',
    EPERM: 'permission to read the file was denied',
    EISDIR: 'a folder was chosen, not a file',
    EBUSY: 'the file is locked by another program',
  };
  return { code: 'unreadable-file', detail: reasons[code] ?? (code ? `the file could not be read (${code})` : 'the file could not be read') };
}

/** Size of a regular file, or an error when it is missing, unreadable or not a file. */
export async function statExtractFile(absolutePath: string): Promise<{ ok: true; sizeBytes: number } | { ok: false; error: ExtractErrorInfo }> {
  try {
    const stat = await fs.stat(absolutePath);
    if (!stat.isFile()) return { ok: false, error: unreadableError({ code: stat.isDirectory() ? 'EISDIR' : 'ENOTFILE' }) };
    return { ok: true, sizeBytes: stat.size };
  } catch (err) {
    return { ok: false, error: unreadableError(err) };
  }
}

/** The first bytes of a file (for the age header); empty when it cannot be read. */
export async function readFileHead(absolutePath: string, length: number): Promise<Uint8Array> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absolutePath, 'r');
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } catch {
    return new Uint8Array(0);
  } finally {
    await handle?.close();
  }
}

export async function readExtractFile(absolutePath: string, maxBytes: number): Promise<ReadResult> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absolutePath, 'r');
  } catch (err) {
    return { ok: false, error: unreadableError(err) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, error: unreadableError({ code: 'EISDIR' }) };
    // Checked before allocating, so an oversize file costs no memory.
    if (stat.size > maxBytes) return { ok: false, error: tooLargeError(stat.size, maxBytes) };
    const bytes = new Uint8Array(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // shrank while reading: decryption will report it damaged
      filled += bytesRead;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (err) {
    return { ok: false, error: unreadableError(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
