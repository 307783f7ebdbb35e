/**
 * Bech32 decoding (BIP 173), which age uses for identities (`AGE-SECRET-KEY-1…`).
 * Only decoding: the app never creates keys. age does not apply BIP 173's 90-character
 * limit, so neither does this.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const CHECKSUM_LENGTH = 6;

export class Bech32Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Bech32Error';
  }
}

function polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    GENERATOR.forEach((generator, bit) => {
      if ((top >>> bit) & 1) checksum ^= generator;
    });
  }
  return checksum;
}

function expandHrp(hrp: string): number[] {
  const codes = [...hrp].map((char) => char.charCodeAt(0));
  return [...codes.map((code) => code >>> 5), 0, ...codes.map((code) => code & 31)];
}

/** 5-bit groups to bytes; leftover bits must be fewer than 5 and zero. */
function wordsToBytes(words: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const word of words) {
    accumulator = (accumulator << 5) | word;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >>> bits) & 0xff);
    }
    accumulator &= (1 << bits) - 1;
  }
  if (bits >= 5 || accumulator !== 0) throw new Bech32Error('invalid padding');
  return Uint8Array.from(bytes);
}

/** Decodes a Bech32 string; the human-readable part comes back in lower case. */
export function decodeBech32(text: string): { hrp: string; bytes: Uint8Array } {
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) throw new Bech32Error('mixed case');
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 1 + CHECKSUM_LENGTH > lower.length) throw new Bech32Error('invalid length');
  const hrp = lower.slice(0, separator);
  for (const char of hrp) {
    const code = char.charCodeAt(0);
    if (code < 33 || code > 126) throw new Bech32Error('invalid character in the prefix');
  }
  const data = [...lower.slice(separator + 1)].map((char) => CHARSET.indexOf(char));
  if (data.includes(-1)) throw new Bech32Error('invalid character in the data');
  if (polymod([...expandHrp(hrp), ...data]) !== 1) throw new Bech32Error('invalid checksum');
  return { hrp, bytes: wordsToBytes(data.slice(0, -CHECKSUM_LENGTH)) };
}
