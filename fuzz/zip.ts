/**
 * A minimal zip writer and central-directory reader, for archives fflate's zipSync will
 * not make: duplicate entry names, entries sharing one deflate stream (overlap bombs),
 * sizes that lie, unknown compression methods, broken counts. Fuzzing only.
 */
import { deflateSync } from 'fflate';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One entry as written: its bytes as stored (compressed already when method is 8). */
export interface RawEntry {
  name: string | Uint8Array;
  /** Stored bytes (deflated when method is 8). */
  data: Uint8Array;
  method: number;
  crc: number;
  /** Declared uncompressed size (written in both headers). */
  size: number;
  /** General-purpose flags (bit 11: UTF-8 name; bit 0: "encrypted"). */
  flags?: number;
  /** Write no local header or data: point the central record at this earlier entry's (overlap). */
  sharesDataOf?: number;
}

/** An entry holding content, stored (method 0) or deflated (method 8). */
export function zipEntry(name: string, content: Uint8Array, method: 0 | 8 = 8, level: 0 | 1 | 6 | 9 = 6): RawEntry {
  const data = method === 8 ? deflateSync(content, { level }) : content;
  return { name, data, method, crc: crc32(content), size: content.length };
}

export interface ZipOptions {
  /** Entry count written in the end record (default: the true count). */
  countOverride?: number;
  comment?: Uint8Array;
  /** Bytes before the first local header (a self-extractor stub, or junk). */
  prefix?: Uint8Array;
}

const encoder = new TextEncoder();

export function writeZip(entries: readonly RawEntry[], options: ZipOptions = {}): Uint8Array {
  const names = entries.map((e) => (typeof e.name === 'string' ? encoder.encode(e.name) : e.name));
  const prefix = options.prefix ?? new Uint8Array(0);
  const comment = options.comment ?? new Uint8Array(0);
  let localSize = prefix.length;
  for (const [i, e] of entries.entries()) if (e.sharesDataOf === undefined) localSize += 30 + names[i]!.length + e.data.length;
  const centralSize = names.reduce((sum, n) => sum + 46 + n.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22 + comment.length);
  const view = new DataView(out.buffer);
  out.set(prefix, 0);
  let at = prefix.length;
  const offsets: number[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.sharesDataOf !== undefined) {
      offsets.push(offsets[e.sharesDataOf] ?? 0);
      continue;
    }
    offsets.push(at);
    const name = names[i]!;
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, e.flags ?? 0x0800, true);
    view.setUint16(at + 8, e.method, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, 0x2821, true); // 2000-01-01
    view.setUint32(at + 14, e.crc, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.size, true);
    view.setUint16(at + 26, name.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(name, at + 30);
    out.set(e.data, at + 30 + name.length);
    at += 30 + name.length + e.data.length;
  }
  const centralStart = at;
  for (const [i, e] of entries.entries()) {
    const shared = e.sharesDataOf !== undefined ? entries[e.sharesDataOf] : undefined;
    const stored = shared ?? e;
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, e.flags ?? 0x0800, true);
    view.setUint16(at + 10, stored.method, true);
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, 0x2821, true);
    view.setUint32(at + 16, stored.crc, true);
    view.setUint32(at + 20, stored.data.length, true);
    view.setUint32(at + 24, e.sharesDataOf !== undefined ? stored.size : e.size, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  }
  const count = options.countOverride ?? entries.length;
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, count & 0xffff, true);
  view.setUint16(at + 10, count & 0xffff, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  view.setUint16(at + 20, comment.length, true);
  out.set(comment, at + 22);
  return out;
}

export interface CentralRecord {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
}

/**
 * The central directory as written (names, methods, declared sizes), or null when there is
 * none to read. Bounded and total: never throws, never reads past the input.
 */
export function readCentralDirectory(bytes: Uint8Array, maxRecords = 100_000): CentralRecord[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65535; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const records: CentralRecord[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count && i < maxRecords; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return records;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return records;
    records.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

/** Total declared uncompressed size of an archive's entries (0 when there is no directory). */
export function declaredUnpackedSize(bytes: Uint8Array): number {
  return (readCentralDirectory(bytes) ?? []).reduce((sum, r) => sum + r.size, 0);
}
