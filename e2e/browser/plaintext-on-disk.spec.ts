/**
 * Nothing in plain text on disk (issue 9, item 3).
 *
 * The demo extract carries seven marker pseudonyms (scripts/demo/markers.ts): seven persons
 * whose `person_id` is `<their generator pseudonym>-BMMARK-<tag>-000<n>` in every period and
 * event. The first test runs a full session in the browser host, in a Chromium profile of its
 * own (open the demo, map, another indicator, an area, the comparison, a target-group
 * profile, flags; then exports: table CSV and XLSX, a PDF report, a PNG map and an encrypted
 * briefing pack), closes the browser so that the profile is flushed, and looks for the markers:
 *
 * - everywhere in the profile folder (recursively);
 * - in files under os.tmpdir(), /tmp and /dev/shm changed since the session started, both
 *   while the browser still runs and after it has closed (the profile and the download folder
 *   are left to their own passes; so are the tool runner's own /tmp/bash_jobs* folders);
 * - in the working tree: `git ls-files -co --exclude-standard`, test-results/ and dist/
 *   (not node_modules; scripts/demo/markers.ts, which defines the markers, is left out);
 * - in the exports, which must hold suppressed aggregates only: no marker and no
 *   pseudonym-shaped value, at most one row per area and period, every count ("tæller",
 *   "nævner") empty, 0 or at least the minimum cell size (CSV and XLSX parsed, the PDF's text
 *   extracted, the briefing pack decrypted and checked against its strict schema);
 * - in the browser console of the page and its workers, and in the export (audit) log.
 *
 * Each marker is looked for as its original pseudonym and as its tag (each unique to it and
 * each a part of it), in UTF-8/Latin-1, UTF-16LE and UTF-16BE, and the pseudonym also in
 * base64 (three alignments, standard and URL alphabet) and hex. LevelDB files (localStorage,
 * IndexedDB, session storage …) are decoded as well: tables (.ldb/.sst) block by block, Snappy
 * blocks decompressed and keys rebuilt from their shared prefixes; write-ahead logs (.log)
 * with records reassembled across 32 KB blocks; and Snappy-compressed values (Blink's
 * IndexedDB wrapper 0xFF 0x11 0x02, in any file) are decompressed. Plaintext Parquet (PAR1
 * at both ends of a file), a zip holding `manifest.json`, or the archive's member names in a
 * zip header anywhere in a file (a stored copy of the decrypted archive) are failures too,
 * except in small (≤ 1 MB) hand-made fixtures of the fuzz corpus and of the fuzz harness's
 * saved inputs, which are listed in a note (a marker there still fails).
 *
 * The scan can fail, and is shown to: strings written during the session through
 * localStorage (Latin-1, and UTF-16, which Chromium stores as such) and IndexedDB (a small
 * value, and a large one that Chromium Snappy-compresses so that the string exists only after
 * decompression) must be found in the profile; a marker written as UTF-16 to a file in the
 * temp folder must be found; and the second test hides markers behind Snappy literals, LevelDB
 * key prefixes and a log block boundary and expects the decoders to find them.
 *
 * Limits: files created and deleted during the session, and unlinked shared memory, are not
 * seen (the temp folders are scanned twice to narrow this); other compression (gzip, zstd,
 * brotli, the HTTP and code caches' own formats) is not undone, so a marker that something
 * other than LevelDB or IndexedDB compressed could be missed; a marker split by Snappy across
 * copies is only found where this file decodes Snappy (LevelDB and the IndexedDB wrapper). The
 * extract's Parquet is ZSTD-compressed, so a leaked table is caught by its structure (PAR1,
 * zip headers), not by the markers. Swap, core dumps elsewhere and Chromium's own stderr are
 * not checked, nor is Electron (no binary here): its profile and audit-log.jsonl are not run.
 * The demo is served from resources/demo/demo.bdx through a route, so that a dist/ built
 * before the markers were planted cannot make the scan vacuous, and the test first checks
 * that the served file does hold the markers.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type ConsoleMessage, type Download, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { gunzipSync, unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { decompress as zstdDecompress } from 'fzstd';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { DEMO_PASSPHRASE } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { DEFAULT_MIN_CELL_SIZE } from '../../shared/disclosure';
import { openBriefingBytes } from '../../shared/briefing/file';
import { DEMO_MARKED_PERSONS } from '../../scripts/demo/markers';
import { demoBytes, expectDistrictMap, openDemo } from './fixtures';
import { pdfText } from './pdf-text';

const BRIEFING_PASSPHRASE = 'mødet-i-aften';
/** 84 base districts, 8 bydele and the municipality, ten periods. */
const MAX_TABLE_ROWS = (84 + 8 + 1) * 10;
/** Pseudonyms: "P" and 12 base32 characters (the generator) or 16 (the extract builder). */
const PSEUDONYM = /\bP[A-Z2-7]{12}(?:[A-Z2-7]{4})?\b/;
/** Files larger than this are listed as not scanned (none is expected). */
const MAX_SCAN_BYTES = 512 * 1024 * 1024;

// ---------------------------------------------------------------------------------------
// Needles
// ---------------------------------------------------------------------------------------

interface Needle {
  /** Names the marker by number and form, never by its value (reports end up on disk). */
  label: string;
  bytes: Buffer;
}

/** The characters of base64(prefix of k bytes + text) that depend on the text alone. */
function base64Parts(text: Buffer): string[] {
  const parts: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), text]).toString('base64');
    const from = Math.ceil((8 * k) / 6);
    const to = Math.floor((8 * (k + text.length) - 6) / 6);
    parts.push(b64.slice(from, to + 1));
  }
  return parts;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/** Every form a string is looked for in. */
function needlesFor(label: string, text: string, withEncodings = true): Needle[] {
  const utf8 = Buffer.from(text, 'utf8');
  const out: Needle[] = [
    { label: `${label} (UTF-8/Latin-1)`, bytes: utf8 },
    { label: `${label} (UTF-16LE)`, bytes: Buffer.from(text, 'utf16le') },
    { label: `${label} (UTF-16BE)`, bytes: utf16be(text) },
  ];
  if (withEncodings) {
    for (const [i, part] of base64Parts(utf8).entries()) {
      out.push({ label: `${label} (base64, alignment ${i})`, bytes: Buffer.from(part, 'latin1') });
      const url = part.replace(/\+/g, '-').replace(/\//g, '_');
      if (url !== part) out.push({ label: `${label} (base64url, alignment ${i})`, bytes: Buffer.from(url, 'latin1') });
    }
    out.push({ label: `${label} (hex)`, bytes: Buffer.from(utf8.toString('hex'), 'latin1') });
    out.push({ label: `${label} (HEX)`, bytes: Buffer.from(utf8.toString('hex').toUpperCase(), 'latin1') });
  }
  return out;
}

/**
 * Per marker: its original pseudonym and its tag, each unique to the marker and each a part
 * of it, so a copy of the whole marker is found through both. The tags' shared prefix
 * "BMMARK-" is not a needle of its own: base64 and hex forms are kept to the pseudonym.
 */
const MARKER_NEEDLES: Needle[] = DEMO_MARKED_PERSONS.flatMap((p, i) => [
  ...needlesFor(`marker ${i + 1} pseudonym`, p.original),
  ...needlesFor(`marker ${i + 1} tag`, p.tag, false),
]);

/** The decrypted archive's members: a stored copy of it shows their names in zip headers. */
const ARCHIVE_MEMBERS = ['manifest.json', 'tables/persons.parquet', 'tables/events.parquet', 'geo/basisdistrikt.geojson'].map((name) => Buffer.from(name, 'latin1'));
const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_CENTRAL = Buffer.from('PK\x01\x02', 'latin1');

/** Archive members named in a zip local (30-byte) or central (46-byte) header anywhere in the bytes. */
function archiveMembersIn(view: Uint8Array): string[] {
  const buffer = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const found: string[] = [];
  for (const name of ARCHIVE_MEMBERS) {
    for (let at = buffer.indexOf(name); at >= 0; at = buffer.indexOf(name, at + 1)) {
      const header = (offset: number, signature: Buffer) => at >= offset && buffer.subarray(at - offset, at - offset + 4).equals(signature) && buffer.readUInt16LE(at - offset + (offset === 30 ? 26 : 28)) === name.length;
      if (header(30, ZIP_LOCAL) || header(46, ZIP_CENTRAL)) {
        found.push(`a zip entry "${name.toString('latin1')}" of the extract archive`);
        break;
      }
    }
  }
  return found;
}

function matchesIn(haystack: Uint8Array, needles: readonly Needle[]): string[] {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  return needles.filter((n) => buffer.indexOf(n.bytes) >= 0).map((n) => n.label);
}

function textHits(text: string): string[] {
  const hits = matchesIn(Buffer.from(text, 'utf8'), MARKER_NEEDLES);
  const pseudonym = PSEUDONYM.exec(text);
  if (pseudonym) hits.push(`a pseudonym-shaped value at ${pseudonym.index}`);
  return hits;
}

// ---------------------------------------------------------------------------------------
// Snappy and LevelDB (how Chromium stores localStorage, IndexedDB and session storage)
// ---------------------------------------------------------------------------------------

function varint(bytes: Uint8Array, at: number): [value: number, next: number] | null {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, i + 1];
    scale *= 128;
  }
  return null;
}

/** Raw Snappy (no framing); null if the bytes are not a valid stream. */
function snappyDecompress(input: Uint8Array, maxLength = 256 * 1024 * 1024): Uint8Array | null {
  const head = varint(input, 0);
  // A Snappy tag of at most five bytes yields at most 64 bytes.
  if (!head || head[0] > maxLength || head[0] > (input.length - head[1]) * 64) return null;
  const [length, start] = head;
  const out = new Uint8Array(length);
  let o = 0;
  let i = start;
  // Stops at the stated length: a wrapped value may be followed by other bytes of its record.
  while (i < input.length && o < length) {
    const tag = input[i++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const n = len - 59;
        if (i + n > input.length) return null;
        len = 0;
        for (let k = 0; k < n; k++) len += input[i + k]! * 2 ** (8 * k);
        i += n;
      }
      len += 1;
      if (i + len > input.length || o + len > length) return null;
      out.set(input.subarray(i, i + len), o);
      i += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (i + 1 > input.length) return null;
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[i]!;
      i += 1;
    } else if (kind === 2) {
      if (i + 2 > input.length) return null;
      len = (tag >>> 2) + 1;
      offset = input[i]! | (input[i + 1]! << 8);
      i += 2;
    } else {
      if (i + 4 > input.length) return null;
      len = (tag >>> 2) + 1;
      offset = (input[i]! | (input[i + 1]! << 8) | (input[i + 2]! << 16)) + input[i + 3]! * 2 ** 24;
      i += 4;
    }
    if (offset === 0 || offset > o || o + len > length) return null;
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset]!;
  }
  return o === length ? out : null;
}

const LEVELDB_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);

/** The entries of one LevelDB block: full keys (prefix compression undone) and values. */
function blockEntries(block: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  if (block.length < 4) return [];
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const restarts = view.getUint32(block.length - 4, true);
  const end = block.length - 4 - 4 * restarts;
  const entries: { key: Uint8Array; value: Uint8Array }[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  let at = 0;
  while (at < end && end > 0) {
    const shared = varint(block, at);
    const unshared = shared && varint(block, shared[1]);
    const valueLength = unshared && varint(block, unshared[1]);
    if (!shared || !unshared || !valueLength) break;
    const keyStart = valueLength[1];
    const valueStart = keyStart + unshared[0];
    const next = valueStart + valueLength[0];
    if (shared[0] > previous.length || next > end) break;
    const key = new Uint8Array(shared[0] + unshared[0]);
    key.set(previous.subarray(0, shared[0]));
    key.set(block.subarray(keyStart, valueStart), shared[0]);
    entries.push({ key, value: block.subarray(valueStart, next) });
    previous = key;
    at = next;
  }
  return entries;
}

/** Reads a block by its handle: Snappy-decompressed when its trailer says so. */
function readBlock(file: Uint8Array, offset: number, size: number): Uint8Array | null {
  if (offset + size + 5 > file.length) return null;
  const raw = file.subarray(offset, offset + size);
  const type = file[offset + size];
  if (type === 0) return raw;
  if (type === 1) return snappyDecompress(raw);
  return null;
}

/** Every piece of a LevelDB table (.ldb/.sst) worth scanning: decoded blocks, keys, values. */
function levelDbTablePieces(file: Uint8Array): Uint8Array[] | null {
  if (file.length < 48 || !Buffer.from(file.subarray(file.length - 8)).equals(LEVELDB_MAGIC)) return null;
  const footer = file.subarray(file.length - 48);
  const meta = varint(footer, 0);
  const metaSize = meta && varint(footer, meta[1]);
  const index = metaSize && varint(footer, metaSize[1]);
  const indexSize = index && varint(footer, index[1]);
  if (!index || !indexSize) return null;
  const indexBlock = readBlock(file, index[0], indexSize[0]);
  if (!indexBlock) return null;
  const pieces: Uint8Array[] = [indexBlock];
  for (const { value } of blockEntries(indexBlock)) {
    const offset = varint(value, 0);
    const size = offset && varint(value, offset[1]);
    if (!offset || !size) continue;
    const block = readBlock(file, offset[0], size[0]);
    if (!block) continue;
    pieces.push(block);
    for (const entry of blockEntries(block)) pieces.push(entry.key, entry.value);
  }
  return pieces;
}

/** A LevelDB write-ahead log's records, reassembled across its 32 KB blocks. */
function levelDbLogRecords(file: Uint8Array): Uint8Array[] {
  const BLOCK = 32 * 1024;
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  for (let block = 0; block < file.length; block += BLOCK) {
    let at = block;
    const end = Math.min(block + BLOCK, file.length);
    while (at + 7 <= end) {
      const length = file[at + 4]! | (file[at + 5]! << 8);
      const type = file[at + 6]!;
      const data = file.subarray(at + 7, Math.min(at + 7 + length, end));
      at += 7 + length;
      if (type === 0 && length === 0) break;
      if (type === 1) records.push(data);
      else if (type === 2) pending = [data];
      else if (type === 3) pending.push(data);
      else if (type === 4) {
        pending.push(data);
        records.push(Buffer.concat(pending));
        pending = [];
      }
    }
  }
  if (pending.length > 0) records.push(Buffer.concat(pending));
  return records;
}

/** Snappy-compressed IndexedDB values (Blink's wrapper: 0xFF, 0x11, 0x02, then Snappy). */
const SNAPPY_WRAPPER = Buffer.from([0xff, 0x11, 0x02]);

function wrappedSnappyValues(piece: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  for (let i = buffer.indexOf(SNAPPY_WRAPPER); i >= 0; i = buffer.indexOf(SNAPPY_WRAPPER, i + 1)) {
    const value = snappyDecompress(piece.subarray(i + 3), 64 * 1024 * 1024);
    if (value) out.push(value);
  }
  return out;
}

function isLevelDbFolder(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name === 'CURRENT' || name.startsWith('MANIFEST-'));
  } catch {
    return false;
  }
}

/**
 * The views of a file that are scanned: its bytes, and what they decode to (LevelDB blocks,
 * records, keys and values, and Snappy-wrapped values in them or in the file itself).
 */
function decodedViews(file: string, bytes: Uint8Array, stats: { levelDbFiles: number }, decode: boolean): Uint8Array[] {
  const views: Uint8Array[] = [bytes];
  if (!decode) return views;
  views.push(...wrappedSnappyValues(bytes));
  const name = path.basename(file);
  let pieces: Uint8Array[] = [];
  if (/\.(ldb|sst)$/.test(name)) {
    pieces = levelDbTablePieces(bytes) ?? [];
    if (pieces.length > 0) stats.levelDbFiles++;
  } else if (name.endsWith('.log') && isLevelDbFolder(path.dirname(file))) {
    pieces = levelDbLogRecords(bytes);
    stats.levelDbFiles++;
  }
  for (const piece of pieces) views.push(piece, ...wrappedSnappyValues(piece));
  return views;
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

interface Finding {
  file: string;
  what: string;
  /** The file's size in bytes. */
  size: number;
}

interface ScanOptions {
  /** Also look for the archive's member names in zip headers (anywhere in a file). */
  archiveNeedles: boolean;
  /** Also decode LevelDB files and Snappy-wrapped values. */
  decode: boolean;
}

interface ScanReport {
  files: number;
  bytes: number;
  levelDbFiles: number;
  skipped: string[];
  findings: Finding[];
}

function zipNames(bytes: Uint8Array): string[] | null {
  try {
    const names: string[] = [];
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
    return names;
  } catch {
    // fflate reads names from the central directory; fall back to local headers.
    const names: string[] = [];
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = buffer.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0 && at + 30 <= buffer.length; at = buffer.indexOf('PK\x03\x04', at + 4, 'latin1')) {
      const nameLength = buffer.readUInt16LE(at + 26);
      names.push(buffer.toString('utf8', at + 30, at + 30 + nameLength));
    }
    return names.length > 0 ? names : null;
  }
}

function scanFile(file: string, needles: readonly Needle[], report: ScanReport, options: ScanOptions): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    report.skipped.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    return;
  }
  report.files++;
  report.bytes += bytes.length;
  const match = (view: Uint8Array) => [...matchesIn(view, needles), ...(options.archiveNeedles ? archiveMembersIn(view) : [])];
  const [raw, ...decoded] = decodedViews(file, bytes, report, options.decode);
  const rawHits = new Set(match(raw!));
  const decodedHits = new Set(decoded.flatMap(match));
  const size = bytes.length;
  for (const label of rawHits) report.findings.push({ file, what: label, size });
  for (const label of decodedHits) if (!rawHits.has(label)) report.findings.push({ file, what: `${label} [decoded]`, size });
  if (bytes.length >= 8 && bytes.toString('latin1', 0, 4) === 'PAR1' && bytes.toString('latin1', bytes.length - 4) === 'PAR1') {
    report.findings.push({ file, what: 'a plaintext Parquet file', size });
  }
  if (bytes.length >= 4 && bytes.toString('latin1', 0, 4) === 'PK\x03\x04') {
    const names = zipNames(bytes) ?? [];
    if (names.some((n) => n === 'manifest.json' || n.endsWith('/manifest.json'))) report.findings.push({ file, what: `a zip holding manifest.json (${names.slice(0, 6).join(', ')})`, size });
  }
}

/** Regular files under a folder (symbolic links not followed), optionally changed since a time. */
function listFiles(root: string, options: { since?: number; exclude?: readonly string[] } = {}): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const excluded = (p: string) => (options.exclude ?? []).some((e) => p === e || p.startsWith(`${e}${path.sep}`));
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      skipped.push(`${dir}/: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (excluded(full)) continue;
      let stat: Stats;
      try {
        stat = lstatSync(full);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) {
        if (options.since !== undefined && Math.max(stat.mtimeMs, stat.ctimeMs) < options.since) continue;
        if (stat.size > MAX_SCAN_BYTES) skipped.push(`${full}: ${stat.size} bytes, not scanned`);
        else files.push(full);
      }
    }
  };
  walk(root);
  return { files, skipped };
}

function scanFiles(files: readonly string[], needles: readonly Needle[], options: ScanOptions, skipped: string[] = []): ScanReport {
  const report: ScanReport = { files: 0, bytes: 0, levelDbFiles: 0, skipped: [...skipped], findings: [] };
  for (const file of files) scanFile(file, needles, report, options);
  return report;
}

/** Temp folders: files changed since `since`, except the machinery's job folders and our own. */
function scanTemp(since: number, needles: readonly Needle[], exclude: readonly string[]): ScanReport {
  const roots = [...new Set([tmpdir(), '/tmp', '/dev/shm'])];
  const files: string[] = [];
  const skipped: string[] = [];
  for (const root of roots) {
    const jobs = (() => {
      try {
        return readdirSync(root).filter((n) => n.startsWith('bash_jobs')).map((n) => path.join(root, n));
      } catch {
        return [];
      }
    })();
    const listed = listFiles(root, { since, exclude: [...exclude, ...jobs] });
    files.push(...listed.files);
    skipped.push(...listed.skipped);
  }
  return scanFiles(files, needles, { archiveNeedles: true, decode: true }, skipped);
}

function workingTreeFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('node_modules/'));
  const extra = ['test-results', 'dist'].flatMap((dir) => listFiles(dir).files);
  // The file that defines the markers holds them by design.
  const own = new Set(['scripts/demo/markers.ts']);
  return [...new Set([...listed, ...extra])].filter((f) => !own.has(f)).filter((f) => {
    try {
      return lstatSync(f).isFile();
    } catch {
      return false; // listed but deleted meanwhile
    }
  });
}

const describeFindings = (findings: readonly Finding[]) => findings.map((f) => `${f.file}: ${f.what}`);

/**
 * Hand-made plaintext archives that are fixtures, not data: the fuzz corpus in the working
 * tree (tiny malformed archives for regression tests), and the fuzz harness's saved inputs of
 * failing cases (fuzz/harness.ts; its extract-archive target mutates tiny archives and the
 * demo's), which appear in the temp folder when it runs at the same time as this test. Their
 * archive structure is a note, not a failure, as long as they are small; a copy of the demo's
 * decrypted archive (5 MB) or of a real one would be larger, and a marker always fails.
 */
const FIXTURE_DIRS = ['fuzz/corpus', process.env['FUZZ_SAVE_DIR'] ?? path.join(tmpdir(), 'bydelsmonitor-fuzz')];
const MAX_FIXTURE_BYTES = 1024 * 1024;

function splitFixtures(report: ScanReport): Finding[] {
  const fixtures = report.findings.filter(
    (f) => FIXTURE_DIRS.some((dir) => f.file.startsWith(`${dir}${path.sep}`)) && !f.what.startsWith('marker ') && f.size <= MAX_FIXTURE_BYTES,
  );
  report.findings = report.findings.filter((f) => !fixtures.includes(f));
  return fixtures;
}

// ---------------------------------------------------------------------------------------
// The demo as served holds the markers (else the scan would prove nothing)
// ---------------------------------------------------------------------------------------

async function markersInDemo(bytes: Uint8Array): Promise<string[]> {
  const decrypted = await decryptAgeInMemory(bytes, { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo: ${decrypted.error.code}`);
  const persons = unzipSync(decrypted.plaintext, { filter: (f) => f.name === 'tables/persons.parquet' })['tables/persons.parquet'];
  if (!persons) throw new Error('demo: no persons table');
  const rows = await parquetReadObjects({
    file: persons.buffer.slice(persons.byteOffset, persons.byteOffset + persons.byteLength) as ArrayBuffer,
    columns: ['person_id'],
    compressors: { ZSTD: (input) => zstdDecompress(input), GZIP: (input) => gunzipSync(input) },
  });
  const ids = new Set(rows.map((r) => String(r['person_id'])));
  return DEMO_MARKED_PERSONS.filter((p) => ids.has(p.marker)).map((p) => p.tag);
}

// ---------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------


/** A count cell of an export: empty (suppressed), 0, or at least the minimum cell size. */
function countProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const n = Number(text.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(n)) return `not a number: "${text}"`;
  return n === 0 || n >= DEFAULT_MIN_CELL_SIZE ? null : `a count of ${n} (< ${DEFAULT_MIN_CELL_SIZE})`;
}

function checkTableCsv(csv: string): string[] {
  const problems: string[] = [];
  if (csv.charCodeAt(0) !== 0xfeff) problems.push('CSV without BOM');
  const rows = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
  const head = rows[0] ?? [];
  const columns = ['tæller', 'nævner'].map((c) => head.indexOf(c));
  if (columns.some((c) => c < 0)) problems.push(`CSV head lacks tæller/nævner: ${head.join(';')}`);
  const body = rows.slice(1);
  if (body.length > MAX_TABLE_ROWS) problems.push(`CSV has ${body.length} rows (> ${MAX_TABLE_ROWS} areas × periods)`);
  for (const [i, row] of body.entries()) {
    if (row.length !== head.length) problems.push(`CSV row ${i + 2} has ${row.length} fields`);
    for (const c of columns) {
      const problem = countProblem(row[c] ?? '');
      if (problem) problems.push(`CSV row ${i + 2}, ${head[c]}: ${problem}`);
    }
  }
  return problems;
}

async function checkTableXlsx(bytes: Buffer): Promise<{ problems: string[]; text: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const problems: string[] = [];
  let text = '';
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => (text += `${cell.text}\n`))));
  const table = workbook.getWorksheet('Tabel');
  if (!table) return { problems: ['XLSX without the sheet "Tabel"'], text };
  if (table.rowCount - 1 > MAX_TABLE_ROWS) problems.push(`XLSX has ${table.rowCount - 1} rows`);
  const head = (table.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const columns = ['tæller', 'nævner'].map((c) => head.indexOf(c)).filter((c) => c > 0);
  if (columns.length !== 2) problems.push(`XLSX head lacks tæller/nævner: ${head.join(';')}`);
  table.eachRow((row, n) => {
    if (n === 1) return;
    for (const c of columns) {
      const value = row.getCell(c).value;
      const problem = countProblem(value === null || value === undefined ? '' : String(value));
      if (problem) problems.push(`XLSX row ${n}, ${head[c]}: ${problem}`);
    }
  });
  return { problems, text };
}

// ---------------------------------------------------------------------------------------
// The session
// ---------------------------------------------------------------------------------------

/** Positive controls written through the page's storage; each must be found in the profile. */
const CONTROLS = {
  localLatin1: `BMCTRL-${Date.now().toString(36)}-LS-LATIN1`,
  localUtf16: `BMCTRL-${Date.now().toString(36)}-LS-UTF16`,
  idbSmall: `BMCTRL-${Date.now().toString(36)}-IDB-SMALL`,
  idbLarge: `BMCTRL-${Date.now().toString(36)}-IDB-LARGE`,
};

async function writeControls(page: Page): Promise<void> {
  await page.evaluate(async (c) => {
    localStorage.setItem('bm-plaintext-control-1', c.localLatin1);
    // A character outside Latin-1 makes Chromium store the whole string as UTF-16.
    localStorage.setItem('bm-plaintext-control-2', `${c.localUtf16} €`);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('bm-plaintext-control', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('s');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('s', 'readwrite');
        tx.objectStore('s').put(c.idbSmall, 'small');
        // Large and compressible (Chromium Snappy-compresses values above some 64 KB). Its two
        // halves come first, in the same 64 KB Snappy fragment, so that Snappy writes the whole
        // string as copies of them, never literally.
        const filler = 'Sundby, Sundby, Sundby. '.repeat(800);
        const half = c.idbLarge.length >> 1;
        tx.objectStore('s').put(`${c.idbLarge.slice(0, half)} ${filler} ${c.idbLarge.slice(half)} ${filler} ${c.idbLarge} ${filler.repeat(12)}`, 'large');
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, CONTROLS);
}

async function saveDownload(page: Page, click: () => Promise<void>): Promise<Download> {
  const download = page.waitForEvent('download');
  await click();
  return download;
}

test('a full session leaves no marker of the data on disk, in exports beyond suppressed aggregates, or in the logs', async ({ baseURL }, testInfo) => {
  test.setTimeout(170_000);
  if (!baseURL) throw new Error('no baseURL');

  // The demo as served holds every marker.
  const demo = demoBytes();
  expect(await markersInDemo(demo), 'the served demo holds the markers').toEqual(DEMO_MARKED_PERSONS.map((p) => p.tag));

  const started = Date.now() - 2_000;
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'bm-plaintext-profile-'));
  const downloadsPath = mkdtempSync(path.join(tmpdir(), 'bm-plaintext-downloads-'));
  const messages: string[] = [];
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      downloadsPath,
      baseURL,
      viewport: { width: 1400, height: 1000 },
    });
    const record = (where: string) => (message: ConsoleMessage) => messages.push(`${where} ${message.type()}: ${message.text()}`);
    context.on('console', record('context'));
    context.on('weberror', (error) => messages.push(`pageerror: ${error.error().message}`));
    // Served from resources/, so that a dist/ older than the markers cannot make this vacuous.
    let demoServed = 0;
    await context.route('**/demo/demo.bdx', (route) => {
      demoServed++;
      return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: demo });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', record('page'));
    page.on('worker', (worker) => worker.on('console', record(`worker ${worker.url().split('/').pop()}`)));

    // Open, map, another indicator, an area, the comparison, a target-group profile, flags.
    await page.goto('/');
    await openDemo(page);
    await expectDistrictMap(page);
    expect(demoServed, 'the demo came through the route').toBe(1);
    await page.getByTestId('indicator-select').selectOption('youth_neet_18_24');
    const area = page.getByTestId('area-select');
    for (const index of [1, 30]) {
      await area.selectOption({ index });
      await page.getByTestId('compare-toggle').click();
    }
    await expect(page.getByTestId('compare-panel').locator('thead th.area')).toHaveCount(2);
    const tg = page.getByTestId('target-group-panel');
    await expect(tg.getByTestId('tg-run')).toBeVisible({ timeout: 60_000 });
    await tg.getByTestId('tg-layer').selectOption('boligomraade');
    const estates = await tg.getByTestId('tg-areas').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await tg.getByTestId('tg-areas').selectOption(estates);
    await tg.getByTestId('tg-cond-labour_status').getByLabel('Ledig', { exact: true }).check();
    await tg.getByTestId('tg-run').click();
    await expect(tg.getByTestId('tg-result')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('flags-computing')).toHaveCount(0, { timeout: 60_000 });
    await writeControls(page);

    // Exports: table CSV and XLSX, a PDF report on the chosen area, the map as PNG, a briefing pack.
    const downloads = new Map<string, Download>();
    await page.getByTestId('open-table-export').click();
    const dialog = page.getByTestId('table-export');
    await dialog.getByTestId('table-protect').click();
    await expect(dialog.getByTestId('table-summary')).toContainText('bestået', { timeout: 60_000 });
    downloads.set('csv', await saveDownload(page, () => dialog.getByTestId('table-save-csv').click()));
    downloads.set('xlsx', await saveDownload(page, () => dialog.getByTestId('table-save-xlsx').click()));
    await expect(dialog.getByTestId('table-status')).toContainText('.xlsx');
    await dialog.getByRole('button', { name: 'Luk', exact: true }).click();
    downloads.set('pdf', await saveDownload(page, async () => {
      await page.getByTestId('export-pdf').click();
      await page.getByTestId('report-preview').getByTestId('report-save').click();
    }));
    await expect(page.getByTestId('export-pdf-status')).toContainText('Rapporten er gemt som');
    downloads.set('png', await saveDownload(page, () => page.getByTestId('export-png').click()));
    await expect(page.getByTestId('export-png-status')).toContainText('Kortet er gemt som');
    await page.getByTestId('open-briefing-builder').click();
    const builder = page.getByTestId('briefing-builder');
    await builder.getByTestId('briefing-name').fill('Plaintext-kontrol');
    await builder.getByTestId('briefing-passphrase').fill(BRIEFING_PASSPHRASE);
    downloads.set('briefing', await saveDownload(page, () => builder.getByTestId('briefing-save').click()));
    await expect(builder.getByTestId('briefing-status')).toContainText('Mødepakken er gemt som');
    // Read now: Playwright deletes a persistent context's downloads when it closes.
    const files = new Map<string, Buffer>();
    for (const [kind, download] of downloads) {
      const file = await download.path();
      expect(path.dirname(file), `${kind} is saved in the session's download folder`).toBe(downloadsPath);
      files.set(kind, readFileSync(file));
    }
    const exportsScan = scanFiles(listFiles(downloadsPath).files, MARKER_NEEDLES, { archiveNeedles: true, decode: true });
    expect(exportsScan.files).toBe(downloads.size);

    // The export log: every export, and no data.
    const auditLog = await page.evaluate(() => localStorage.getItem('bydelsmonitor.audit-log') ?? '');
    expect(auditLog.trim().split('\n')).toHaveLength(downloads.size);
    expect(textHits(auditLog), 'the export log holds no marker or pseudonym').toEqual([]);

    const sessionSeconds = (Date.now() - started) / 1000;
    // While the browser still runs: temp files and shared memory.
    const live = scanTemp(started, MARKER_NEEDLES, [userDataDir, downloadsPath]);
    await context.close();
    context = null;

    // The profile, whole, after the browser has flushed it.
    const profileListing = listFiles(userDataDir);
    const profile = scanFiles(profileListing.files, MARKER_NEEDLES, { archiveNeedles: true, decode: true }, profileListing.skipped);
    const controls = scanFiles(profileListing.files, Object.entries(CONTROLS).flatMap(([name, text]) => needlesFor(`control ${name}`, text, false)), { archiveNeedles: false, decode: true });
    const controlsFound = new Set(controls.findings.map((f) => f.what.replace(/^control (\S+) .*$/, '$1')));
    const decodedOnly = controls.findings.filter((f) => f.what.endsWith('[decoded]')).map((f) => f.what);

    // Temp folders after the session, with a self-check that a planted marker is found there.
    const probe = path.join(tmpdir(), `bm-plaintext-probe-${process.pid}.bin`);
    writeFileSync(probe, Buffer.concat([Buffer.from('xx'), Buffer.from(DEMO_MARKED_PERSONS[3]!.marker, 'utf16le'), Buffer.from('yy')]));
    let probeFindings: Finding[];
    let temp: ScanReport;
    try {
      temp = scanTemp(started, MARKER_NEEDLES, [userDataDir, downloadsPath]);
      probeFindings = temp.findings.filter((f) => f.file === probe);
      temp.findings = temp.findings.filter((f) => f.file !== probe);
    } finally {
      rmSync(probe, { force: true });
    }

    const fixturesInTemp = [...new Set([...splitFixtures(live), ...splitFixtures(temp)].map((f) => f.file))];

    // The working tree.
    const tree = scanFiles(workingTreeFiles(), MARKER_NEEDLES, { archiveNeedles: true, decode: true });
    const fixturesInTree = [...new Set(splitFixtures(tree).map((f) => f.file))];

    const scanSeconds = (Date.now() - started) / 1000 - sessionSeconds;
    // The exports.
    const exportProblems: string[] = [];
    for (const [kind, bytes] of files) {
      for (const label of matchesIn(bytes, MARKER_NEEDLES)) exportProblems.push(`${kind}: ${label}`);
    }
    const csv = files.get('csv')!.toString('utf8');
    exportProblems.push(...checkTableCsv(csv).map((p) => `csv: ${p}`), ...textHits(csv).map((h) => `csv: ${h}`));
    const xlsx = await checkTableXlsx(files.get('xlsx')!);
    exportProblems.push(...xlsx.problems.map((p) => `xlsx: ${p}`), ...textHits(xlsx.text).map((h) => `xlsx: ${h}`));
    exportProblems.push(...textHits((await pdfText(files.get('pdf')!)).text).map((h) => `pdf: ${h}`));
    const briefing = await decryptAgeInMemory(files.get('briefing')!, { kind: 'passphrase', passphrase: BRIEFING_PASSPHRASE });
    if (!briefing.ok) exportProblems.push(`briefing: does not decrypt (${briefing.error.code})`);
    else exportProblems.push(...textHits(new TextDecoder().decode(briefing.plaintext)).map((h) => `briefing: ${h}`));
    // The strict schema admits values and intervals only, never counts.
    const parsed = await openBriefingBytes(files.get('briefing')!, BRIEFING_PASSPHRASE);
    if (!parsed.ok) exportProblems.push(`briefing: not a valid pack (${parsed.problem.en})`);
    expect(files.get('png')!.subarray(1, 4).toString('latin1')).toBe('PNG');

    testInfo.annotations.push(
      { type: 'profile', description: `${profile.files} files, ${(profile.bytes / 1e6).toFixed(1)} MB, ${profile.levelDbFiles} LevelDB files decoded` },
      { type: 'temp', description: `during: ${live.files} files; after: ${temp.files} files, ${(temp.bytes / 1e6).toFixed(1)} MB` },
      { type: 'working tree', description: `${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB` },
      { type: 'console', description: `${messages.length} messages` },
      { type: 'time', description: `session ${sessionSeconds.toFixed(0)} s, disk scans ${scanSeconds.toFixed(0)} s` },
      { type: 'small fixture archives (fuzz corpus, fuzz harness inputs)', description: `${fixturesInTree.length} in the working tree; in temp: ${fixturesInTemp.join(', ') || 'none'}` },
      { type: 'controls found only by decoding', description: decodedOnly.join('; ') || 'none' },
      { type: 'not scanned', description: [...profile.skipped, ...live.skipped, ...temp.skipped].slice(0, 20).join('; ') || 'nothing' },
    );

    // The scan can fail: the planted probe, and the controls written through the page's storage.
    expect(probeFindings.map((f) => f.what), 'the temp scan finds a marker written as UTF-16').toContain('marker 4 pseudonym (UTF-16LE)');
    expect([...controlsFound].sort(), 'strings stored through localStorage and IndexedDB are found in the profile').toEqual(Object.keys(CONTROLS).sort());
    expect(profile.levelDbFiles, 'LevelDB files were decoded').toBeGreaterThan(0);

    // Nothing found (each place reported, then the console).
    expect.soft(describeFindings(profile.findings), 'profile').toEqual([]);
    expect.soft(describeFindings(live.findings), 'temp folders and /dev/shm during the session').toEqual([]);
    expect.soft(describeFindings(temp.findings), 'temp folders and /dev/shm after the session').toEqual([]);
    expect.soft(describeFindings(tree.findings), 'working tree').toEqual([]);
    expect.soft(describeFindings(exportsScan.findings), 'download folder').toEqual([]);
    expect.soft(exportProblems, 'exports').toEqual([]);
    const consoleHits = messages.flatMap((line, i) => textHits(line).map((h) => `message ${i + 1} (${line.split(':')[0]}): ${h}`));
    expect(consoleHits, 'browser console').toEqual([]);
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(downloadsPath, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// The decoders can find what LevelDB's framing and Snappy hide
// ---------------------------------------------------------------------------------------

function encodeVarint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

/** A valid Snappy stream of literals only, cut where asked (so the raw bytes break there). */
function snappyLiterals(data: Buffer, cuts: readonly number[]): Buffer {
  const parts: Buffer[] = [encodeVarint(data.length)];
  const bounds = [0, ...cuts, data.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const piece = data.subarray(bounds[i], bounds[i + 1]);
    const n = piece.length - 1;
    parts.push(n < 60 ? Buffer.from([n << 2]) : n < 256 ? Buffer.from([60 << 2, n]) : Buffer.from([61 << 2, n & 0xff, n >> 8]), piece);
  }
  return Buffer.concat(parts);
}

/** A LevelDB block: entries as [shared key bytes, unshared key bytes, value], one restart. */
function levelDbBlock(entries: readonly (readonly [number, Buffer, Buffer])[]): Buffer {
  const parts = entries.flatMap(([shared, unshared, value]) => [encodeVarint(shared), encodeVarint(unshared.length), encodeVarint(value.length), unshared, value]);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(0, 0);
  tail.writeUInt32LE(1, 4);
  return Buffer.concat([...parts, tail]);
}

test('the scanner finds markers split by Snappy, by LevelDB key prefixes and by log block boundaries', () => {
  const [m1, m2, m3, m4] = DEMO_MARKED_PERSONS.map((p) => Buffer.from(p.marker, 'latin1')) as [Buffer, Buffer, Buffer, Buffer];
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-plaintext-selfcheck-'));
  try {
    writeFileSync(path.join(dir, 'CURRENT'), 'MANIFEST-000001\n');
    // A table: block A Snappy-compressed, the marker cut inside its pseudonym; block B raw,
    // the marker only whole once the second key's shared prefix is put back.
    const valueA = Buffer.concat([Buffer.from('{"v":"'), m1, Buffer.from('"}')]);
    const blockA = levelDbBlock([[0, Buffer.from('key-a'), valueA]]);
    const compressedA = snappyLiterals(blockA, [blockA.indexOf(m1) + 6]);
    const key1 = Buffer.concat([Buffer.from('k-'), m2.subarray(0, 7), Buffer.from('zzzz')]);
    const blockB = levelDbBlock([
      [0, key1, Buffer.from('one')],
      [9, Buffer.concat([m2.subarray(7), Buffer.from('-x')]), Buffer.from('two')],
    ]);
    const trailer = (type: number) => Buffer.from([type, 0, 0, 0, 0]);
    const handle = (offset: number, size: number) => Buffer.concat([encodeVarint(offset), encodeVarint(size)]);
    const offB = compressedA.length + 5;
    const meta = levelDbBlock([]);
    const offMeta = offB + blockB.length + 5;
    const index = levelDbBlock([
      [0, Buffer.from('key-a'), handle(0, compressedA.length)],
      [0, Buffer.from('l'), handle(offB, blockB.length)],
    ]);
    const offIndex = offMeta + meta.length + 5;
    const footer = Buffer.alloc(48);
    Buffer.concat([handle(offMeta, meta.length), handle(offIndex, index.length)]).copy(footer);
    LEVELDB_MAGIC.copy(footer, 40);
    writeFileSync(path.join(dir, '000005.ldb'), Buffer.concat([compressedA, trailer(1), blockB, trailer(0), meta, trailer(0), index, trailer(0), footer]));
    // A log whose record crosses the 32 KB block boundary inside the marker's pseudonym.
    const BLOCK = 32 * 1024;
    const payload = Buffer.concat([Buffer.alloc(BLOCK - 7 - 6, 0x61), m3, Buffer.from('tail')]);
    const fragment = (type: number, data: Buffer) => {
      const header = Buffer.alloc(7);
      header.writeUInt16LE(data.length, 4);
      header[6] = type;
      return Buffer.concat([header, data]);
    };
    writeFileSync(path.join(dir, '000006.log'), Buffer.concat([fragment(2, payload.subarray(0, BLOCK - 7)), fragment(4, payload.subarray(BLOCK - 7))]));
    // A log record holding a Snappy-wrapped value (as Chromium's IndexedDB writes large ones).
    const wrapped = Buffer.concat([Buffer.from('val'), SNAPPY_WRAPPER, snappyLiterals(Buffer.concat([Buffer.from('xx'), m4, Buffer.from('yy')]), [2 + 5]), Buffer.from('next-key')]);
    writeFileSync(path.join(dir, '000007.log'), fragment(1, wrapped));

    const report = scanFiles(listFiles(dir).files, MARKER_NEEDLES, { archiveNeedles: true, decode: true });
    const found = (file: string) => report.findings.filter((f) => path.basename(f.file) === file).map((f) => f.what);
    expect(found('000005.ldb')).toContain('marker 1 pseudonym (UTF-8/Latin-1) [decoded]');
    expect(found('000005.ldb')).toContain('marker 2 pseudonym (UTF-8/Latin-1) [decoded]');
    expect(found('000006.log')).toContain('marker 3 pseudonym (UTF-8/Latin-1) [decoded]');
    expect(found('000007.log')).toContain('marker 4 pseudonym (UTF-8/Latin-1) [decoded]');
    expect(report.levelDbFiles).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
