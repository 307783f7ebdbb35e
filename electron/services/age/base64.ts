/**
 * Base64 as age writes it: standard alphabet, no padding, canonical. Buffer's decoder
 * is lenient (it skips padding, stray characters and set unused bits), so the input is
 * checked first and the result re-encoded to prove it was canonical.
 */
const UNPADDED_BASE64 = /^[A-Za-z0-9+/]*$/;

/** The decoded bytes, or null when the text is not canonical unpadded base64. */
export function decodeBase64NoPadding(text: string): Uint8Array | null {
  if (!UNPADDED_BASE64.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== text) return null;
  return bytes;
}
