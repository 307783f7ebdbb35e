/**
 * Pure-JS age decryption (the browser host's path; runs anywhere). The Electron main
 * process has a faster path on Node's own crypto (electron/services/age/); both accept
 * the same secrets, refuse the same files and map failures to the same codes, using
 * the helpers exported here.
 */
import { Decrypter, type Identity, type Stanza } from 'age-encryption';
import type { DecryptResult, ExtractSecret } from '../host/contract';
import type { ExtractErrorInfo } from './errors';

export const AGE_MAGIC = 'age-encryption.org/v1\n';
const AGE_VERSION_PREFIX = 'age-encryption.org/';
const ARMOR_MAGIC = '-----BEGIN AGE ENCRYPTED FILE-----';
const X25519_IDENTITY_PREFIX = 'AGE-SECRET-KEY-1';
const PQ_IDENTITY_PREFIX = 'AGE-SECRET-KEY-PQ-1';

export const INVALID_IDENTITY_DETAIL = 'the key is not an age identity (AGE-SECRET-KEY-1…)';
export const PQ_IDENTITY_DETAIL =
  'post-quantum identities (AGE-SECRET-KEY-PQ-1…) are not supported; extracts use X25519 keys or a passphrase';

export function startsWithAscii(bytes: Uint8Array, text: string, offset = 0): boolean {
  if (bytes.length - offset < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function isAsciiWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** Refuses files that are not binary age v1 files before any key derivation runs. */
export function checkAgeFile(bytes: Uint8Array): ExtractErrorInfo | null {
  if (startsWithAscii(bytes, AGE_MAGIC)) return null;
  if (startsWithAscii(bytes, 'age-encryption.org/v1\r')) {
    return { code: 'damaged', detail: 'the header has Windows line endings (CRLF): a text tool changed the file' };
  }
  if (startsWithAscii(bytes, AGE_VERSION_PREFIX)) {
    return { code: 'not-an-extract', detail: 'the file uses an age format version this app does not know' };
  }
  let start = 0;
  // Armored files may have whitespace around them; say "armored" rather than "not age".
  while (start < 64 && isAsciiWhitespace(bytes[start])) start++;
  if (startsWithAscii(bytes, ARMOR_MAGIC, start)) {
    return { code: 'not-an-extract', detail: 'ASCII-armored age file; extracts are binary age files' };
  }
  return { code: 'not-an-extract', detail: 'the file does not start with an age header' };
}

/** Which recipient types a header holds, to explain why a secret did not match. */
export interface RecipientTypes {
  scrypt: boolean;
  x25519: boolean;
  /** Types neither path opens (plugins, post-quantum, …), as written in the file. */
  others: string[];
}

/** The error for "no stanza opened with this secret", naming the likely cause. */
export function noMatchError(found: RecipientTypes, secretKind: ExtractSecret['kind']): ExtractErrorInfo {
  if (!found.scrypt && !found.x25519) {
    const names = [...new Set(found.others)].slice(0, 3).map((name) => name.slice(0, 40));
    return {
      code: 'not-an-extract',
      detail: `the file is encrypted for recipient types this app does not open (${names.join(', ')}); extracts use a passphrase or X25519 keys`,
    };
  }
  if (secretKind === 'passphrase' && !found.scrypt) {
    return { code: 'wrong-secret', detail: 'the extract is encrypted for named keys, not with a passphrase' };
  }
  if (secretKind === 'identity' && !found.x25519) {
    return { code: 'wrong-secret', detail: 'the extract is protected by a passphrase, not encrypted for a key' };
  }
  return { code: 'wrong-secret' };
}

/** Shape check of an identity secret shared by both paths; null when it looks usable. */
export function checkIdentityText(identity: string): ExtractErrorInfo | null {
  const upper = identity.toUpperCase();
  if (upper.startsWith(PQ_IDENTITY_PREFIX)) return { code: 'wrong-secret', detail: PQ_IDENTITY_DETAIL };
  if (!upper.startsWith(X25519_IDENTITY_PREFIX)) return { code: 'wrong-secret', detail: INVALID_IDENTITY_DETAIL };
  return null;
}

/** Maps an age library failure to an extract error code, without leaking data. */
export function classifyAgeFailure(message: string): ExtractErrorInfo {
  if (/no identity matched/i.test(message)) return { code: 'wrong-secret' };
  if (/scrypt work factor|too many|unsupported/i.test(message)) {
    return { code: 'not-an-extract', detail: message };
  }
  return { code: 'damaged', detail: message };
}

/**
 * Runs first among the decrypter's identities: sees every stanza, enforces the rule
 * the library leaves to identities (an scrypt stanza stands alone, even when the
 * secret is a key) and records the recipient types for the no-match message.
 */
class HeaderPolicy implements Identity {
  found: RecipientTypes = { scrypt: false, x25519: false, others: [] };

  unwrapFileKey(stanzas: Stanza[]): null {
    const types = stanzas.map((stanza) => stanza.args[0] ?? '');
    if (types.includes('scrypt') && stanzas.length !== 1) {
      throw new Error('an scrypt stanza must be the only stanza in the header');
    }
    this.found = {
      scrypt: types.includes('scrypt'),
      x25519: types.includes('X25519'),
      others: types.filter((type) => type !== 'scrypt' && type !== 'X25519'),
    };
    return null;
  }
}

function addSecret(decrypter: Decrypter, secret: ExtractSecret): ExtractErrorInfo | null {
  if (secret.kind === 'passphrase') {
    decrypter.addPassphrase(secret.passphrase);
    return null;
  }
  const identity = secret.identity.trim();
  const problem = checkIdentityText(identity);
  if (problem) return problem;
  try {
    decrypter.addIdentity(identity);
    return null;
  } catch {
    return { code: 'wrong-secret', detail: INVALID_IDENTITY_DETAIL };
  }
}

export async function decryptAgeInMemory(
  bytes: Uint8Array,
  secret: ExtractSecret,
): Promise<DecryptResult> {
  const notAge = checkAgeFile(bytes);
  if (notAge) return { ok: false, error: notAge };
  const decrypter = new Decrypter();
  const policy = new HeaderPolicy();
  decrypter.addIdentity(policy);
  const badSecret = addSecret(decrypter, secret);
  if (badSecret) return { ok: false, error: badSecret };
  try {
    const plaintext = await decrypter.decrypt(bytes);
    return { ok: true, plaintext };
  } catch (err) {
    const failure = classifyAgeFailure(err instanceof Error ? err.message : String(err));
    if (failure.code === 'wrong-secret') return { ok: false, error: noMatchError(policy.found, secret.kind) };
    return { ok: false, error: failure };
  }
}
