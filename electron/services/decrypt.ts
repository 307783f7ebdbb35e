/**
 * The one place the main process decrypts extracts, on Node's own crypto
 * (./age/). The extract service decrypts straight from the file, in bounded reads;
 * the bytes variant serves callers that already hold the ciphertext.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { DecryptResult, ExtractSecret } from '../../shared/host/contract';
import { decryptAgeBytes, decryptAgeFile, type FileDecryptOptions } from './age';
import { tooLargeError, unreadableError } from './read-extract-file';

export type DecryptExtractBytes = (ciphertext: Uint8Array, secret: ExtractSecret) => Promise<DecryptResult>;

export interface DecryptFileOptions extends FileDecryptOptions {
  /** Files above this size are refused as too-large before anything is read. */
  maxBytes: number;
}

export type DecryptExtractFile = (absolutePath: string, secret: ExtractSecret, options: DecryptFileOptions) => Promise<DecryptResult>;

export const decryptExtractBytes: DecryptExtractBytes = decryptAgeBytes;

/** System errors (ENOENT, EIO, …) carry a syscall; anything else is a bug to surface. */
function isSystemError(err: unknown): boolean {
  return err instanceof Error && 'syscall' in err;
}

export const decryptExtractFile: DecryptExtractFile = async (absolutePath, secret, options) => {
  let handle: FileHandle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (err) {
    return { ok: false, error: unreadableError(err) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, error: unreadableError({ code: 'EISDIR' }) };
    if (stat.size > options.maxBytes) return { ok: false, error: tooLargeError(stat.size, options.maxBytes) };
    return await decryptAgeFile(handle, stat.size, secret, options);
  } catch (err) {
    if (isSystemError(err)) return { ok: false, error: unreadableError(err) };
    throw err;
  } finally {
    await handle.close().catch(() => undefined);
  }
};
