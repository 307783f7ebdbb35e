/**
 * Analyst keys: age X25519 identities. The data team encrypts extracts to an analyst's
 * public key (age1…); the analyst's secret key (AGE-SECRET-KEY-1…) stays on her machine,
 * sealed by the OS key store or by a passphrase, never in clear.
 */
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

export interface AnalystKeyPair {
  identity: string;
  recipient: string;
}

export async function generateAnalystKey(): Promise<AnalystKeyPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The identity in an age key file (comments and blank lines allowed), or null. */
export function identityFromKeyFile(text: string): string | null {
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('AGE-SECRET-KEY-1'));
  return keys.length === 1 ? (keys[0] as string) : null;
}

export async function recipientOf(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Seals an identity under a passphrase with age itself (scrypt, work factor 2^18). */
export async function sealWithPassphrase(identity: string, passphrase: string): Promise<string> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  return toBase64(await encrypter.encrypt(encoder.encode(identity)));
}

export class WrongKeyPassphraseError extends Error {
  constructor() {
    super('wrong key passphrase');
    this.name = 'WrongKeyPassphraseError';
  }
}

export async function unsealWithPassphrase(sealed: string, passphrase: string): Promise<string> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    return decoder.decode(await decrypter.decrypt(fromBase64(sealed)));
  } catch {
    throw new WrongKeyPassphraseError();
  }
}
