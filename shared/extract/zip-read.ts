/**
 * A strict, bounded zip reader for extract archives. It reads the central directory first
 * (names, methods, declared sizes), so the caller can refuse an archive by its declared sizes
 * and entry count before anything is inflated, and then inflates only the entries asked for,
 * never past the size an entry declares (a stream that inflates further is refused, not cut),
 * and checks that it inflates to exactly that size.
 *
 * fflate's unzipSync is not used here: it inflates into a buffer of the declared size and
 * silently drops whatever a stream inflates beyond it (taking as long as the whole stream),
 * and reads central records without checking their signatures.
 *
 * Every problem is an ExtractError; nothing else escapes (for any input bytes).
 */
import { Inflate } from 'fflate';
import { ExtractError } from './errors';

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when the entry is read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
/**
 * Input per inflate step: one step can write at most ~1032× this (66 MiB) before the size check
 * runs. Smaller steps cost time (16 KiB: ~1.6× inflateSync; 64 KiB: ~1.4×).
 */
const INFLATE_CHUNK = 64 * 1024;

/** An entry name as text fit for a message (control characters escaped, long names cut). */
export function entryLabel(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}

function notZip(why: string): never {
  throw new ExtractError('not-an-extract', `the decrypted content is not a zip archive (${why})`);
}

function damaged(why: string): never {
  throw new ExtractError('damaged', `the archive inside the extract is damaged: ${why}`);
}

function u64(view: DataView, at: number): number {
  const value = view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
  return value;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * The archive's entries as its central directory lists them, in order. Reads at most
 * `maxEntries` records (more is refused as too-large before any is read).
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) notZip('too short');
  // The end record is the last 22 bytes plus a comment of at most 65 535 bytes. A candidate
  // counts only if its comment reaches exactly to the end, so "PK\5\6" inside a comment is skipped.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - U16_MAX; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + 22 + view.getUint16(at + 20, true) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) notZip('no end of central directory record');
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) notZip('a multi-part archive');
  let count = view.getUint16(eocd + 10, true);
  const countOnDisk = view.getUint16(eocd + 8, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  let directoryEnd = eocd;
  const locator = eocd - 20;
  if ((count === U16_MAX || directorySize === U32_MAX || directoryOffset === U32_MAX) && locator >= 0 && view.getUint32(locator, true) === EOCD64_LOCATOR_SIGNATURE) {
    // zip64: the real count, size and offset are in the zip64 end record.
    const at = u64(view, locator + 8);
    if (at + 56 > locator || view.getUint32(at, true) !== EOCD64_SIGNATURE) damaged('the zip64 end record is missing');
    if (view.getUint32(at + 16, true) !== 0 || view.getUint32(at + 20, true) !== 0) notZip('a multi-part archive');
    const count64 = u64(view, at + 32);
    if (count64 !== u64(view, at + 24)) damaged('the directory counts disagree');
    count = count64;
    directorySize = u64(view, at + 40);
    directoryOffset = u64(view, at + 48);
    directoryEnd = at;
  } else if (count !== countOnDisk) {
    damaged('the directory counts disagree');
  }
  if (directoryOffset + directorySize !== directoryEnd) damaged('the central directory is not where the end record says');
  // Every record takes at least 46 bytes: a count the directory cannot hold is a lie, not a size.
  if (count * 46 > directorySize) damaged(`the end record counts ${count} entries, more than the directory holds`);
  if (count > maxEntries) {
    throw new ExtractError('too-large', `the archive holds ${count} entries; an extract holds at most ${maxEntries}`);
  }

  const entries: ZipEntryInfo[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) damaged(`central directory record ${i + 1} is missing`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > directoryEnd) damaged(`central directory record ${i + 1} runs past the directory`);
    const rawName = bytes.subarray(nameStart, extraStart);
    const name = (flags & 0x0800 ? utf8 : latin1).decode(rawName);
    if (size === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // zip64 extended information (tag 1): the 64-bit values, in this order, for the fields set to 0xFFFFFFFF.
      for (let e = extraStart; e + 4 <= extraStart + extraLength; ) {
        const tag = view.getUint16(e, true);
        const length = view.getUint16(e + 2, true);
        if (e + 4 + length > extraStart + extraLength) break;
        if (tag === 1) {
          let field = e + 4;
          const take = (): number | null => {
            if (field + 8 > e + 4 + length) return null;
            const value = u64(view, field);
            field += 8;
            return value;
          };
          if (size === U32_MAX) size = take() ?? size;
          if (compressedSize === U32_MAX) compressedSize = take() ?? compressedSize;
          if (localHeaderOffset === U32_MAX) localHeaderOffset = take() ?? localHeaderOffset;
          break;
        }
        e += 4 + length;
      }
    }
    entries.push({ name, method, flags, compressedSize, size, localHeaderOffset });
    at = next;
  }
  if (at !== directoryEnd) damaged(`the directory holds more than the ${count} entries its end record counts`);
  return entries;
}

/** One entry's content: stored or deflated, exactly `entry.size` bytes, or an ExtractError. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntryInfo): Uint8Array {
  const label = entryLabel(entry.name);
  if (entry.flags & 0x0001) throw new ExtractError('not-an-extract', `entry ${label} uses zip encryption, which extracts never do`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ExtractError('not-an-extract', `entry ${label} uses compression method ${entry.method}; extracts use stored (0) or deflate (8)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL_SIGNATURE) damaged(`entry ${label} has no local header`);
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) damaged(`entry ${label} runs past the end of the archive`);
  const stored = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) damaged(`stored entry ${label} declares ${entry.size} bytes but holds ${entry.compressedSize}`);
    return stored.slice();
  }
  return inflateExactly(stored, entry.size, label);
}

function inflateExactly(data: Uint8Array, size: number, label: string): Uint8Array {
  const out = new Uint8Array(size);
  let written = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > size) damaged(`entry ${label} inflates to more than the ${size} bytes it declares`);
    out.set(chunk, written);
    written += chunk.length;
    if (final) ended = true;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
    }
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    damaged(`entry ${label} is not a valid deflate stream`);
  }
  if (!ended || written !== size) damaged(`entry ${label} inflates to ${written} bytes, not the ${size} it declares`);
  return out;
}
