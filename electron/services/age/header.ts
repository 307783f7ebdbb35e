/**
 * Strict parser for the age v1 header (C2SP age, "Header"):
 *
 *   age-encryption.org/v1
 *   -> type arg…            one or more stanzas; arguments are 1*VCHAR
 *   base64 body lines       64 columns each, ended by a shorter (maybe empty) line
 *   --- base64(MAC)         HMAC-SHA-256 over everything up to and including "---"
 *
 * It only parses; recipient rules live in recipients.ts and the MAC check in
 * file-key.ts. It works on a prefix of the file so a file can be read a block at a time.
 */
import { checkAgeFile } from '../../../shared/extract/decrypt';
import { decodeBase64NoPadding } from './base64';
import { AgeFailure, malformedHeader } from './failure';

/** Far above any real header (an X25519 stanza takes about 120 bytes). */
export const MAX_HEADER_BYTES = 1024 * 1024;

const LF = 0x0a;
const VERSION_LINE = 'age-encryption.org/v1';
const STANZA_PREFIX = '-> ';
const MAC_PREFIX = '--- ';
const BODY_LINE_COLUMNS = 64;
const MAC_BYTES = 32;
const VCHAR_RUN = /^[\x21-\x7e]+$/;

export interface Stanza {
  /** The first argument (the recipient type) and the rest. */
  readonly args: readonly [string, ...string[]];
  readonly body: Uint8Array;
}

export interface AgeHeader {
  readonly stanzas: readonly Stanza[];
  /** The bytes the MAC covers: the header up to and including "---". */
  readonly macInput: Uint8Array;
  readonly mac: Uint8Array;
  /** Length of the header including the MAC line's LF; the payload nonce follows. */
  readonly byteLength: number;
}

/** Sequential access to the LF-terminated lines of a byte prefix. */
class LineCursor {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** The next line without its LF, or null when the prefix ends before the LF. */
  next(): string | null {
    const end = this.bytes.indexOf(LF, this.position);
    if (end < 0) return null;
    const line = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.position, end - this.position).toString('latin1');
    this.position = end + 1;
    return line;
  }
}

function parseStanzaArgs(line: string): Stanza['args'] {
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
  const prefixOfMagic = Buffer.from(VERSION_LINE + '\n').subarray(0, probe.length).equals(probe);
  if (complete || !prefixOfMagic) throw AgeFailure.fromInfo('format', problem);
}

/**
 * Parses the header at the start of `bytes`. Returns null when the header continues
 * beyond them and `complete` is false (read more and call again); throws AgeFailure for
 * anything that is not a well-formed age v1 header.
 */
export function parseHeader(bytes: Uint8Array, complete: boolean): AgeHeader | null {
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

  const stanzas: Stanza[] = [];
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
