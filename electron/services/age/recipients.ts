/**
 * Sorts a header's stanzas into the two recipient types the app opens and enforces
 * their rules from the spec before any key is derived: exact argument counts,
 * canonical base64 of the right lengths, a 32-byte body (checked before decrypting, as
 * the spec asks, against partitioning oracles), an scrypt stanza standing alone, and
 * a ceiling on the scrypt work factor. Other types are ignored, as the spec requires
 * (that is what lets "grease" stanzas through).
 */
import type { RecipientTypes } from '../../../shared/extract/decrypt';
import { decodeBase64NoPadding } from './base64';
import { AgeFailure, malformedHeader } from './failure';
import type { Stanza } from './header';

/** age's own default ceiling; 2^22 × 1 KiB of scrypt memory is already 4 GiB. */
export const MAX_SCRYPT_LOG_N = 22;

const WRAPPED_FILE_KEY_BYTES = 32; // 16-byte file key + 16-byte Poly1305 tag
const X25519_SHARE_BYTES = 32;
const SCRYPT_SALT_BYTES = 16;
const DECIMAL_WITHOUT_LEADING_ZERO = /^[1-9][0-9]*$/;

export interface X25519Stanza {
  readonly share: Uint8Array;
  readonly body: Uint8Array;
}

export interface ScryptStanza {
  readonly salt: Uint8Array;
  readonly logN: number;
  readonly body: Uint8Array;
}

export interface Recipients {
  readonly x25519: readonly X25519Stanza[];
  readonly scrypt: ScryptStanza | null;
  readonly types: RecipientTypes;
}

function checkBody(stanza: Stanza, type: string): Uint8Array {
  if (stanza.body.length !== WRAPPED_FILE_KEY_BYTES) throw malformedHeader(`an ${type} stanza body is not 32 bytes`);
  return stanza.body;
}

function parseX25519(stanza: Stanza): X25519Stanza {
  const [, shareText, ...extra] = stanza.args;
  if (shareText === undefined || extra.length > 0) throw malformedHeader('an X25519 stanza does not have exactly two arguments');
  const share = decodeBase64NoPadding(shareText);
  if (share === null || share.length !== X25519_SHARE_BYTES) {
    throw malformedHeader('an X25519 share is not canonical base64 of 32 bytes');
  }
  return { share, body: checkBody(stanza, 'X25519') };
}

function parseScrypt(stanza: Stanza): ScryptStanza {
  const [, saltText, logNText, ...extra] = stanza.args;
  if (saltText === undefined || logNText === undefined || extra.length > 0) {
    throw malformedHeader('an scrypt stanza does not have exactly three arguments');
  }
  const salt = decodeBase64NoPadding(saltText);
  if (salt === null || salt.length !== SCRYPT_SALT_BYTES) throw malformedHeader('an scrypt salt is not canonical base64 of 16 bytes');
  if (!DECIMAL_WITHOUT_LEADING_ZERO.test(logNText)) throw malformedHeader('the scrypt work factor is not a plain decimal number');
  const logN = Number(logNText);
  if (logN > MAX_SCRYPT_LOG_N) {
    // A valid file, but one that would take minutes and gigabytes to open: refuse it
    // as not one of ours rather than as damaged.
    throw new AgeFailure(
      'header',
      'not-an-extract',
      `the scrypt work factor 2^${logNText.slice(0, 6)} is above this app's limit of 2^${MAX_SCRYPT_LOG_N}`,
    );
  }
  return { salt, logN, body: checkBody(stanza, 'scrypt') };
}

export function parseRecipients(stanzas: readonly Stanza[]): Recipients {
  const x25519: X25519Stanza[] = [];
  const scrypt: ScryptStanza[] = [];
  const others: string[] = [];
  for (const stanza of stanzas) {
    const type = stanza.args[0];
    if (type === 'X25519') x25519.push(parseX25519(stanza));
    else if (type === 'scrypt') scrypt.push(parseScrypt(stanza));
    else others.push(type);
  }
  // Passphrase encryption promises the file came from someone who knew the
  // passphrase; an added stanza for another recipient would break that promise.
  if (scrypt.length > 0 && stanzas.length !== 1) throw malformedHeader('an scrypt stanza must be the only stanza in the header');
  return {
    x25519,
    scrypt: scrypt[0] ?? null,
    types: { scrypt: scrypt.length > 0, x25519: x25519.length > 0, others },
  };
}
