/**
 * Pure-JS age decryption (the browser host's path; runs anywhere). The Electron main
 * process has a faster path on Node's own crypto (electron/services/age/); both accept
 * the same secrets, refuse the same files and map failures to the same codes, using
 * the helpers exported here: both parse the header and check its recipient stanzas
 * with the same code (parseAgeHeader, parseAgeRecipients) before the secret is looked
 * at, so a file that is malformed and opened with a bad secret gets the same code on
 * both paths, whichever is wrong first.
 */
import { Decrypter } from 'age-encryption';
import type { DecryptResult, ExtractSecret } from '../host/contract';
import type { ExtractErrorInfo } from './errors';

export const AGE_MAGIC = 'age-encryption.org/v1\n';
const AGE_VERSION_PREFIX = 'age-encryption.org/';
const ARMOR_MAGIC = '-----BEGIN AGE ENCRYPTED FILE-----';
const X25519_IDENTITY_PREFIX = 'AGE-SECRET-KEY-1';
const PQ_IDENTITY_PREFIX = 'AGE-SECRET-KEY-PQ-1';
/** One or more printable ASCII characters other than space (ABNF VCHAR). */
const VCHAR_RUN = /^[\x21-\x7e]+$/;

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

/**
 * Shape check of an identity secret (already trimmed) shared by both paths; null when it
 * looks usable. The spec encodes identities as Bech32 with the HRP `AGE-SECRET-KEY-`, and
 * Bech32 (BIP 173) is case-insensitive but never mixed case: `AGE-SECRET-KEY-1…` and the
 * same key in lower case are one key (rage reads both; age's Go and JS code only the upper
 * case, which is what they write). Both paths accept either case and refuse mixed case.
 * Only printable ASCII: case mapping of other characters (ſ, K) could turn them into
 * Bech32 letters.
 */
export function checkIdentityText(identity: string): ExtractErrorInfo | null {
  const upper = identity.toUpperCase();
  if (upper.startsWith(PQ_IDENTITY_PREFIX)) return { code: 'wrong-secret', detail: PQ_IDENTITY_DETAIL };
  if (!upper.startsWith(X25519_IDENTITY_PREFIX)) return { code: 'wrong-secret', detail: INVALID_IDENTITY_DETAIL };
  if (!VCHAR_RUN.test(identity) || (identity !== upper && identity !== identity.toLowerCase())) {
    return { code: 'wrong-secret', detail: INVALID_IDENTITY_DETAIL };
  }
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

function addSecret(decrypter: Decrypter, secret: ExtractSecret): ExtractErrorInfo | null {
  if (secret.kind === 'passphrase') {
    decrypter.addPassphrase(secret.passphrase);
    return null;
  }
  const identity = secret.identity.trim();
  const problem = checkIdentityText(identity);
  if (problem) return problem;
  try {
    // age-encryption reads only the upper-case form; checkIdentityText allows one case throughout.
    decrypter.addIdentity(identity.toUpperCase());
    return null;
  } catch {
    return { code: 'wrong-secret', detail: INVALID_IDENTITY_DETAIL };
  }
}

export async function decryptAgeInMemory(
  bytes: Uint8Array,
  secret: ExtractSecret,
): Promise<DecryptResult> {
  // The header first, as the Node path does: format, syntax, recipient rules, then the secret.
  let recipients: AgeRecipients;
  try {
    const header = parseAgeHeader(bytes, true);
    if (header === null) return { ok: false, error: { code: 'damaged', detail: 'malformed age header: the file ends inside the header' } };
    recipients = parseAgeRecipients(header.stanzas);
  } catch (err) {
    if (err instanceof AgeHeaderError) return { ok: false, error: err.info };
    throw err;
  }
  const decrypter = new Decrypter();
  const badSecret = addSecret(decrypter, secret);
  if (badSecret) return { ok: false, error: badSecret };
  try {
    const plaintext = await decrypter.decrypt(bytes);
    return { ok: true, plaintext };
  } catch (err) {
    const failure = classifyAgeFailure(err instanceof Error ? err.message : String(err));
    if (failure.code === 'wrong-secret') return { ok: false, error: noMatchError(recipients.types, secret.kind) };
    return { ok: false, error: failure };
  }
}

// ── The header, parsed strictly (C2SP age, "Header"), shared with the Node path ─────────
//
//   age-encryption.org/v1
//   -> type arg…            one or more stanzas; arguments are 1*VCHAR
//   base64 body lines       64 columns each, ended by a shorter (maybe empty) line
//   --- base64(MAC)         HMAC-SHA-256 over everything up to and including "---"

/** Far above any real header (an X25519 stanza takes about 120 bytes). */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** age's own default ceiling; 2^22 × 1 KiB of scrypt memory is already 4 GiB. */
export const MAX_SCRYPT_LOG_N = 22;

const LF = 0x0a;
const VERSION_LINE = 'age-encryption.org/v1';
const STANZA_PREFIX = '-> ';
const MAC_PREFIX = '--- ';
const BODY_LINE_COLUMNS = 64;
const MAC_BYTES = 32;
const WRAPPED_FILE_KEY_BYTES = 32; // 16-byte file key + 16-byte Poly1305 tag
const X25519_SHARE_BYTES = 32;
const SCRYPT_SALT_BYTES = 16;
const DECIMAL_WITHOUT_LEADING_ZERO = /^[1-9][0-9]*$/;

export interface AgeStanza {
  /** The first argument (the recipient type) and the rest. */
  readonly args: readonly [string, ...string[]];
  readonly body: Uint8Array;
}

export interface AgeHeader {
  readonly stanzas: readonly AgeStanza[];
  /** The bytes the MAC covers: the header up to and including "---". */
  readonly macInput: Uint8Array;
  readonly mac: Uint8Array;
  /** Length of the header including the MAC line's LF; the payload nonce follows. */
  readonly byteLength: number;
}

/** A file refused by the header checks, with the stage the Node path reports ('format': not age v1 binary). */
export class AgeHeaderError extends Error {
  readonly stage: 'format' | 'header';
  readonly info: ExtractErrorInfo;

  constructor(stage: 'format' | 'header', info: ExtractErrorInfo) {
    super(info.detail ? `${stage}: ${info.detail}` : stage);
    this.name = 'AgeHeaderError';
    this.stage = stage;
    this.info = info;
  }
}

const malformedHeader = (detail: string): AgeHeaderError => new AgeHeaderError('header', { code: 'damaged', detail: `malformed age header: ${detail}` });

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/** Base64 as age writes it (standard alphabet, no padding, canonical: unused bits zero); null otherwise. */
export function decodeBase64NoPadding(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let accumulator = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? BASE64_VALUES[code]! : -1;
    if (value < 0) return null;
    accumulator = (accumulator << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (accumulator >>> bits) & 0xff;
    }
    accumulator &= (1 << bits) - 1;
  }
  return accumulator === 0 ? out : null;
}

/** Bytes as text, one character per byte (ISO 8859-1). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Sequential access to the LF-terminated lines of a byte prefix. */
class LineCursor {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** The next line without its LF, or null when the prefix ends before the LF. */
  next(): string | null {
    const end = this.bytes.indexOf(LF, this.position);
    if (end < 0) return null;
    const line = latin1(this.bytes.subarray(this.position, end));
    this.position = end + 1;
    return line;
  }
}

function parseStanzaArgs(line: string): AgeStanza['args'] {
  const args = line.slice(STANZA_PREFIX.length).split(' ');
  for (const arg of args) {
    if (!VCHAR_RUN.test(arg)) throw malformedHeader('a stanza argument is empty or has characters outside printable ASCII');
  }
  const [type, ...rest] = args;
  if (type === undefined) throw malformedHeader('a stanza has no arguments');
  return [type, ...rest];
}

/** Reads body lines up to the first one shorter than 64 columns; null when cut off. */
function parseStanzaBody(lines: LineCursor): Uint8Array | null {
  let text = '';
  for (;;) {
    const line = lines.next();
    if (line === null) return null;
    if (line.length > BODY_LINE_COLUMNS) throw malformedHeader('a stanza body line is longer than 64 columns');
    text += line;
    if (line.length < BODY_LINE_COLUMNS) break;
  }
  const body = decodeBase64NoPadding(text);
  if (body === null) throw malformedHeader('a stanza body is not canonical unpadded base64');
  return body;
}

function parseMacLine(line: string): Uint8Array {
  const mac = line.startsWith(MAC_PREFIX) ? decodeBase64NoPadding(line.slice(MAC_PREFIX.length)) : null;
  if (mac === null || mac.length !== MAC_BYTES) throw malformedHeader('the MAC line is not "--- " followed by a 32-byte MAC');
  return mac;
}

function checkVersion(bytes: Uint8Array, complete: boolean): void {
  // Decide "not an age file" from the first bytes already, so a large unrelated file
  // is refused without reading on; a short prefix of the magic waits for more bytes.
  const probe = bytes.subarray(0, 64);
  const problem = checkAgeFile(probe);
  if (problem === null) return;
  const prefixOfMagic = probe.length <= AGE_MAGIC.length && probe.every((byte, i) => byte === AGE_MAGIC.charCodeAt(i));
  if (complete || !prefixOfMagic) throw new AgeHeaderError('format', problem);
}

/**
 * Parses the header at the start of `bytes`. Returns null when the header continues
 * beyond them and `complete` is false (read more and call again); throws AgeHeaderError
 * for anything that is not a well-formed age v1 header. Recipient rules are
 * parseAgeRecipients'; the MAC is checked once a stanza gave the file key.
 */
export function parseAgeHeader(bytes: Uint8Array, complete: boolean): AgeHeader | null {
  // Never look further than the limit, even when the whole file is at hand.
  const capped = bytes.length > MAX_HEADER_BYTES;
  const header = tryParseHeader(capped ? bytes.subarray(0, MAX_HEADER_BYTES) : bytes, complete && !capped);
  if (header !== null) return header;
  if (bytes.length >= MAX_HEADER_BYTES) throw malformedHeader(`the header is larger than ${MAX_HEADER_BYTES} bytes`);
  if (complete) throw malformedHeader('the file ends inside the header');
  return null;
}

function tryParseHeader(bytes: Uint8Array, complete: boolean): AgeHeader | null {
  checkVersion(bytes, complete);
  const lines = new LineCursor(bytes);
  const version = lines.next();
  if (version === null) return null;
  if (version !== VERSION_LINE) throw malformedHeader('the version line is not "age-encryption.org/v1"');

  const stanzas: AgeStanza[] = [];
  for (;;) {
    const lineStart = lines.position;
    const line = lines.next();
    if (line === null) return null;
    if (line.startsWith(STANZA_PREFIX)) {
      const args = parseStanzaArgs(line);
      const body = parseStanzaBody(lines);
      if (body === null) return null;
      stanzas.push({ args, body });
    } else if (line.startsWith('---')) {
      if (stanzas.length === 0) throw malformedHeader('the header has no recipient stanzas');
      const mac = parseMacLine(line);
      return { stanzas, mac, macInput: bytes.subarray(0, lineStart + 3), byteLength: lines.position };
    } else {
      throw malformedHeader('a header line is neither a stanza nor the MAC line');
    }
  }
}

// ── Recipient stanzas ────────────────────────────────────────────────────────────────────
//
// Sorts a header's stanzas into the two recipient types the app opens and enforces their
// rules from the spec before any key is derived: exact argument counts, canonical base64
// of the right lengths, a 32-byte body (checked before decrypting, as the spec asks,
// against partitioning oracles), an scrypt stanza standing alone, and a ceiling on the
// scrypt work factor. Other types are ignored, as the spec requires (that is what lets
// "grease" stanzas through).

export interface X25519Stanza {
  readonly share: Uint8Array;
  readonly body: Uint8Array;
}

export interface ScryptStanza {
  readonly salt: Uint8Array;
  readonly logN: number;
  readonly body: Uint8Array;
}

export interface AgeRecipients {
  readonly x25519: readonly X25519Stanza[];
  readonly scrypt: ScryptStanza | null;
  readonly types: RecipientTypes;
}

function checkBody(stanza: AgeStanza, type: string): Uint8Array {
  if (stanza.body.length !== WRAPPED_FILE_KEY_BYTES) throw malformedHeader(`an ${type} stanza body is not 32 bytes`);
  return stanza.body;
}

function parseX25519Stanza(stanza: AgeStanza): X25519Stanza {
  const [, shareText, ...extra] = stanza.args;
  if (shareText === undefined || extra.length > 0) throw malformedHeader('an X25519 stanza does not have exactly two arguments');
  const share = decodeBase64NoPadding(shareText);
  if (share === null || share.length !== X25519_SHARE_BYTES) {
    throw malformedHeader('an X25519 share is not canonical base64 of 32 bytes');
  }
  return { share, body: checkBody(stanza, 'X25519') };
}

function parseScryptStanza(stanza: AgeStanza): ScryptStanza {
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
    throw new AgeHeaderError('header', {
      code: 'not-an-extract',
      detail: `the scrypt work factor 2^${logNText.slice(0, 6)} is above this app's limit of 2^${MAX_SCRYPT_LOG_N}`,
    });
  }
  return { salt, logN, body: checkBody(stanza, 'scrypt') };
}

/** The stanzas of the types the app opens, checked; throws AgeHeaderError when one breaks the spec's rules. */
export function parseAgeRecipients(stanzas: readonly AgeStanza[]): AgeRecipients {
  const x25519: X25519Stanza[] = [];
  const scrypt: ScryptStanza[] = [];
  const others: string[] = [];
  for (const stanza of stanzas) {
    const type = stanza.args[0];
    if (type === 'X25519') x25519.push(parseX25519Stanza(stanza));
    else if (type === 'scrypt') scrypt.push(parseScryptStanza(stanza));
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
