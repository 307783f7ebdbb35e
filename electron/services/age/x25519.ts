/**
 * The X25519 recipient type: identities `AGE-SECRET-KEY-1…` (Bech32 of a 32-byte
 * scalar) and unwrapping of X25519 stanzas with Node's own X25519
 * (crypto.diffieHellman on KeyObjects built from the raw keys).
 */
import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { INVALID_IDENTITY_DETAIL, checkIdentityText } from '../../../shared/extract/decrypt';
import { hkdfSha256, openWithZeroNonce } from './aead';
import { decodeBech32 } from './bech32';
import { AgeFailure, malformedHeader } from './failure';
import type { X25519Stanza } from './recipients';

const IDENTITY_HRP = 'age-secret-key-';
const KEY_BYTES = 32;
const STANZA_LABEL = 'age-encryption.org/v1/X25519';
// DER framing of a raw X25519 key (RFC 8410): PKCS #8 for the private, SPKI for public.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface X25519Identity {
  readonly privateKey: KeyObject;
  /** The recipient's public key, part of every stanza's HKDF salt. */
  readonly publicKey: Uint8Array;
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Parses an identity; a malformed one is a wrong secret, not a damaged file. */
export function parseX25519Identity(text: string): X25519Identity {
  const identity = text.trim();
  const problem = checkIdentityText(identity);
  if (problem) throw AgeFailure.fromInfo('secret', problem);
  let scalar: Uint8Array;
  try {
    const decoded = decodeBech32(identity);
    if (decoded.hrp !== IDENTITY_HRP || decoded.bytes.length !== KEY_BYTES) throw new Error('not an X25519 identity');
    scalar = decoded.bytes;
  } catch {
    throw new AgeFailure('secret', 'wrong-secret', INVALID_IDENTITY_DETAIL);
  }
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
  scalar.fill(0);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)) };
}

function sharedSecret(identity: X25519Identity, share: Uint8Array): Uint8Array {
  let secret: Uint8Array;
  try {
    secret = diffieHellman({ privateKey: identity.privateKey, publicKey: publicKeyObject(share) });
  } catch {
    // OpenSSL refuses low-order shares itself (all-zero result).
    throw malformedHeader('an X25519 share is a low-order point');
  }
  if (secret.every((byte) => byte === 0)) throw malformedHeader('an X25519 share gives an all-zero shared secret');
  return secret;
}

/** The file key from the first stanza addressed to this identity, or null. */
export function unwrapX25519(identity: X25519Identity, stanzas: readonly X25519Stanza[]): Uint8Array | null {
  for (const stanza of stanzas) {
    const secret = sharedSecret(identity, stanza.share);
    const salt = Buffer.concat([stanza.share, identity.publicKey]);
    const wrapKey = hkdfSha256(secret, salt, STANZA_LABEL);
    secret.fill(0);
    const fileKey = openWithZeroNonce(wrapKey, stanza.body);
    wrapKey.fill(0);
    if (fileKey) return fileKey;
  }
  return null;
}
