/**
 * Pure-JS age decryption (the browser host's path; runs anywhere). The Electron main
 * process has a faster path on Node's own crypto; both map failures to the same codes.
 */
import { Decrypter } from 'age-encryption';
import type { DecryptResult, ExtractSecret } from '../host/contract';
import type { ExtractErrorInfo } from './errors';

export const AGE_MAGIC = 'age-encryption.org/v1\n';
const ARMOR_MAGIC = '-----BEGIN AGE ENCRYPTED FILE-----';

export function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Refuses files that are not age files before any key derivation runs. */
export function checkAgeFile(bytes: Uint8Array): ExtractErrorInfo | null {
  if (startsWithAscii(bytes, AGE_MAGIC)) return null;
  if (startsWithAscii(bytes, ARMOR_MAGIC)) {
    return { code: 'not-an-extract', detail: 'ASCII-armored age file; extracts are binary age files' };
  }
  return { code: 'not-an-extract', detail: 'the file does not start with an age header' };
}

/** Maps an age library failure to an extract error code, without leaking data. */
export function classifyAgeFailure(message: string): ExtractErrorInfo {
  if (/no identity matched/i.test(message)) return { code: 'wrong-secret' };
  if (/scrypt work factor|too many|unsupported/i.test(message)) {
    return { code: 'not-an-extract', detail: message };
  }
  return { code: 'damaged', detail: message };
}

export async function decryptAgeInMemory(
  bytes: Uint8Array,
  secret: ExtractSecret,
): Promise<DecryptResult> {
  const notAge = checkAgeFile(bytes);
  if (notAge) return { ok: false, error: notAge };
  const decrypter = new Decrypter();
  decrypter.addPassphrase(secret.passphrase);
  try {
    const plaintext = await decrypter.decrypt(bytes);
    return { ok: true, plaintext };
  } catch (err) {
    return { ok: false, error: classifyAgeFailure(err instanceof Error ? err.message : String(err)) };
  }
}
