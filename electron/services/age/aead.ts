/**
 * Node crypto primitives shared by the header and payload code: HKDF-SHA-256 with a
 * 32-byte output (the only length age uses) and ChaCha20-Poly1305 opening.
 */
import { createDecipheriv, hkdfSync, type KeyObject } from 'node:crypto';

export const AEAD_TAG_BYTES = 16;
export const AEAD_NONCE_BYTES = 12;
const ZERO_NONCE = new Uint8Array(AEAD_NONCE_BYTES);

export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', ikm, salt, info, 32));
}

/**
 * Opens `sealed` (ciphertext || 16-byte tag) in one go; null when authentication
 * fails. For stanza bodies, whose nonce is always zero.
 */
export function openWithZeroNonce(key: Uint8Array | KeyObject, sealed: Uint8Array): Uint8Array | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: AEAD_TAG_BYTES });
  const split = sealed.length - AEAD_TAG_BYTES;
  decipher.setAuthTag(sealed.subarray(split));
  const plaintext = decipher.update(sealed.subarray(0, split));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    return null;
  }
  return plaintext;
}
