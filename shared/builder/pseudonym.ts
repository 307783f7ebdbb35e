/**
 * Keyed pseudonyms: HMAC-SHA256 under a secret the data team keeps, truncated to 80 bits
 * and written in base32 with a "P" prefix (17 characters). The same value and secret give
 * the same pseudonym in every build, so extracts can be linked over time; without the
 * secret a pseudonym cannot be recomputed from a guessed CPR number, which a plain hash
 * would allow (there are only a few million CPR numbers to try).
 */

export const PSEUDONYM_PREFIX = 'P';
export const MIN_SECRET_LENGTH = 16;
/** Domain separation: these MACs are for this purpose only. */
const CONTEXT = 'bydelsmonitor/pseudonym/v1\n';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** CPR numbers with and without the hyphen are one person; other values are only trimmed. */
export function normaliseForPseudonym(value: string): string {
  const t = value.trim();
  return /^\d{6}-\d{4}$/.test(t) ? t.replace('-', '') : t;
}

export interface Pseudonymiser {
  pseudonymise(value: string): Promise<string>;
  /** Pseudonymises a column; nulls stay null. Repeated values are computed once. */
  pseudonymiseAll(values: readonly (string | number | bigint | boolean | null)[]): Promise<(string | null)[]>;
}

export async function createPseudonymiser(secret: string | Uint8Array): Promise<Pseudonymiser> {
  const keyBytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const key = await crypto.subtle.importKey('raw', keyBytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  const pseudonymise = async (value: string): Promise<string> => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(CONTEXT + normaliseForPseudonym(value))));
    return PSEUDONYM_PREFIX + base32(mac.subarray(0, 10));
  };
  return {
    pseudonymise,
    async pseudonymiseAll(values) {
      const keys = values.map((v) => (v === null ? null : normaliseForPseudonym(String(v))));
      const distinct = [...new Set(keys.filter((k): k is string => k !== null))];
      const done = new Map<string, string>();
      // In batches: enough in flight to keep Web Crypto busy, not a million promises at once.
      for (let i = 0; i < distinct.length; i += 2048) {
        const batch = distinct.slice(i, i + 2048);
        const macs = await Promise.all(batch.map(pseudonymise));
        batch.forEach((k, j) => done.set(k, macs[j]!));
      }
      return keys.map((k) => (k === null ? null : done.get(k)!));
    },
  };
}
