/**
 * What an age header says about how to open the file, read before any key derivation:
 * a passphrase (scrypt stanza) or named keys (X25519 stanzas). The UI asks for the
 * right secret from this.
 */
import { AGE_MAGIC, startsWithAscii } from './decrypt';

export type ExtractEncryption = 'passphrase' | 'recipients' | 'unknown';

/** Reads stanza types from the first bytes of a file (4 KiB is plenty for a header). */
export function detectEncryption(head: Uint8Array): ExtractEncryption {
  if (!startsWithAscii(head, AGE_MAGIC)) return 'unknown';
  const text = new TextDecoder('latin1').decode(head.subarray(0, 16 * 1024));
  const types = [...text.matchAll(/^-> (\S+)/gm)].map((m) => m[1]);
  if (types.length === 1 && types[0] === 'scrypt') return 'passphrase';
  if (types.length > 0 && types.includes('X25519')) return 'recipients';
  return 'unknown';
}
