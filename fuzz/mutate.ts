/**
 * Deterministic, seeded mutators for fuzzing: bytes, JSON (structure-aware), CSV (dialect-
 * aware) and zip archives (entry-aware, see zip.ts). Every mutator draws only from the Rng
 * it is given (scripts/synth/random.ts: sfc32, the same stream on every platform), so a
 * case is reproduced from its seed and index alone.
 */
import { Rng } from '../scripts/synth/random';
import { crc32, writeZip, zipEntry, type RawEntry, type ZipOptions } from './zip';

export { Rng };

/** The RNG of one case: independent of every other case and target. */
export function caseRng(seed: number, target: string, index: number): Rng {
  return Rng.fromSeed(seed, `${target}#${index}`);
}

// ---------------------------------------------------------------------------------------
// Bytes

/** Bytes that tend to matter to parsers: NUL, high bit, line ends, quotes, separators, BOM parts, æ/ø/å. */
export const BOUNDARY_BYTES: readonly number[] = [
  0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3b, 0x5c, 0x09, 0xef, 0xbb, 0xbf, 0xc3, 0xa6, 0xe6, 0xf8, 0xe5, 0x7b, 0x5b, 0x2d, 0x3e,
];

/** Little-endian 32-bit values that break length and offset fields (zip, Parquet, age). */
const BOUNDARY_U32: readonly number[] = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

export interface ByteMutationOptions {
  /** A region [start, end) where most mutations land (e.g. a header). */
  focus?: readonly [number, number];
  /** How many rounds at most (default 4). */
  maxRounds?: number;
}

function position(rng: Rng, length: number, focus: ByteMutationOptions['focus']): number {
  if (length === 0) return 0;
  if (focus && rng.chance(0.7)) {
    const start = Math.max(0, Math.min(length - 1, focus[0]));
    const end = Math.max(start + 1, Math.min(length, focus[1]));
    return start + rng.int(end - start);
  }
  return rng.int(length);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.chance(0.5) ? rng.pick(BOUNDARY_BYTES) : rng.int(256);
  return out;
}

type ByteOp = (rng: Rng, b: Uint8Array, focus: ByteMutationOptions['focus']) => Uint8Array;

const BYTE_OPS: readonly { name: string; weight: number; op: ByteOp }[] = [
  {
    name: 'flip-bit',
    weight: 5,
    op: (rng, b, focus) => {
      if (b.length === 0) return b;
      const out = b.slice();
      const i = position(rng, b.length, focus);
      out[i] = out[i]! ^ (1 << rng.int(8));
      return out;
    },
  },
  {
    name: 'set-byte',
    weight: 4,
    op: (rng, b, focus) => {
      if (b.length === 0) return b;
      const out = b.slice();
      out[position(rng, b.length, focus)] = rng.chance(0.6) ? rng.pick(BOUNDARY_BYTES) : rng.int(256);
      return out;
    },
  },
  {
    name: 'set-u32',
    weight: 2,
    op: (rng, b, focus) => {
      if (b.length < 4) return b;
      const out = b.slice();
      const i = Math.min(position(rng, b.length, focus), b.length - 4);
      new DataView(out.buffer).setUint32(i, rng.pick(BOUNDARY_U32), true);
      return out;
    },
  },
  { name: 'truncate', weight: 3, op: (rng, b, focus) => b.slice(0, position(rng, b.length, focus)) },
  {
    name: 'insert',
    weight: 3,
    op: (rng, b, focus) => {
      const i = position(rng, b.length + 1, focus);
      const run = rng.chance(0.3) ? new Uint8Array(rng.intBetween(1, 4096)).fill(rng.pick(BOUNDARY_BYTES)) : randomBytes(rng, rng.intBetween(1, 16));
      return concat(b.subarray(0, i), run, b.subarray(i));
    },
  },
  {
    name: 'remove-chunk',
    weight: 2,
    op: (rng, b, focus) => {
      const i = position(rng, b.length, focus);
      const n = rng.intBetween(1, Math.max(1, Math.min(b.length - i, rng.chance(0.5) ? 16 : 4096)));
      return concat(b.subarray(0, i), b.subarray(i + n));
    },
  },
  {
    name: 'duplicate-chunk',
    weight: 2,
    op: (rng, b, focus) => {
      const i = position(rng, b.length, focus);
      const n = rng.intBetween(1, Math.max(1, Math.min(b.length - i, rng.chance(0.5) ? 16 : 4096)));
      const times = rng.chance(0.2) ? rng.intBetween(2, 64) : 1;
      const chunk = b.subarray(i, i + n);
      return concat(b.subarray(0, i + n), ...Array.from({ length: times }, () => chunk), b.subarray(i + n));
    },
  },
  {
    name: 'copy-chunk',
    weight: 1,
    op: (rng, b, focus) => {
      if (b.length < 2) return b;
      const from = rng.int(b.length);
      const to = position(rng, b.length, focus);
      const n = rng.intBetween(1, Math.min(64, b.length - Math.max(from, to)) || 1);
      const out = b.slice();
      out.set(b.subarray(from, from + n).slice(0, out.length - to), to);
      return out;
    },
  },
];

function weighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  return items[rng.weightedIndex(items.map((i) => i.weight))]!;
}

/** 1–maxRounds byte mutations (flips, truncation, boundary bytes and u32s, insertions, chunk copies). */
export function mutateBytes(rng: Rng, input: Uint8Array, options: ByteMutationOptions = {}): Uint8Array {
  const rounds = 1 + rng.int(options.maxRounds ?? 4);
  let out = input;
  for (let r = 0; r < rounds; r++) out = weighted(rng, BYTE_OPS).op(rng, out, options.focus);
  return out;
}

// ---------------------------------------------------------------------------------------
// JSON, structure-aware

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys that trip naive object handling. */
export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'length', ''];

/** Strings that break parsers, paths, identifiers and SQL. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e999',
  '__proto__',
  'constructor',
  '../x',
  '../../etc/passwd',
  '/absolute',
  'C:\\x',
  'a\\b',
  "it's",
  '"; DROP TABLE persons; --',
  "x' OR '1'='1",
  '\u0000',
  'a\u0000b',
  '\u0001\u001f',
  '\ud800',
  '\udfff\ud800',
  '\u2028\u2029',
  '\u202e',
  '\ufeff',
  '\ufffd',
  'æøå ÆØÅ',
  '🏘️👨‍👩‍👧',
  'Z̷̢̛a̸l̵g̶o̷',
  '%s%n',
  '${x}',
  '<script>',
  '2024-02-30T25:61:61Z',
  '1900-01-01T00:00:00Z',
  'tables/persons.parquet',
  'geo/basisdistrikt.geojson',
  'tables/../manifest.json',
  'manifest.json',
];

export interface JsonMutationOptions {
  /** Wrappers for deep nesting, e.g. ['{"all":[', ']}'] for a pack filter; generic ones are always possible. */
  deepWrappers?: readonly (readonly [string, string])[];
  /** Extra strings worth trying (ids, column names, paths of this format). */
  strings?: readonly string[];
  /** Upper bound for long strings and repeats, in characters (default 200 000). */
  maxAddedChars?: number;
  /** How many structural edits at most (default 3). */
  maxEdits?: number;
  /** Chance of one further byte-level mutation of the text (default 0.1). */
  byteChance?: number;
}

interface Slot {
  parent: Json[] | { [key: string]: Json } | null;
  key: string | number | null;
  value: Json;
  depth: number;
}

function slots(root: Json, limit = 50_000): Slot[] {
  const out: Slot[] = [{ parent: null, key: null, value: root, depth: 0 }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const { value, depth } = out[i]!;
    if (Array.isArray(value)) value.forEach((v, k) => out.push({ parent: value, key: k, value: v, depth: depth + 1 }));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push({ parent: value, key: k, value: v, depth: depth + 1 });
  }
  return out;
}

/** Sets an own, enumerable property (also for "__proto__", which plain assignment would not). */
function setKey(object: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Raw JSON text placeholders, substituted after JSON.stringify (1e999, deep nesting, …). */
class RawTexts {
  private readonly texts: string[] = [];
  marker(text: string): string {
    this.texts.push(text);
    return `@@FUZZRAW${this.texts.length - 1}@@`;
  }
  /** Each text once: a copied node (array-dup, transplant) repeats the marker, not the (maybe huge) text. */
  substitute(json: string): string {
    const used = new Set<number>();
    return json.replace(/"@@FUZZRAW(\d+)@@"/g, (_, i: string) => {
      const n = Number(i);
      if (used.has(n)) return 'null';
      used.add(n);
      return this.texts[n] ?? 'null';
    });
  }
}

const RAW_NUMBERS: readonly string[] = [
  '1e999',
  '-1e999',
  '1e-999',
  '-0',
  '123456789012345678901234567890',
  '9007199254740993',
  '-9007199254740993',
  '0.1e1',
  '1E+2',
  '4294967296',
  '2147483648',
  '-2147483649',
  '1.7976931348623157e308',
  '5e-324',
];

function interestingNumber(rng: Rng, current?: number): number | string {
  const pool: (number | string)[] = [0, -1, 1, 0.5, -0.5, 1899, 1900, 2100, 2101, 99999, 2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, 1e-308, 3.14159];
  if (current !== undefined && Number.isFinite(current)) pool.push(current + 1, current - 1, -current, current * 10, current / 10, Math.round(current) + 0.5);
  return rng.chance(0.3) ? `RAW:${rng.pick(RAW_NUMBERS)}` : rng.pick(pool);
}

function longString(rng: Rng, max: number): string {
  const n = Math.min(max, rng.pick([256, 4096, 65_536, 200_000]));
  const unit = rng.pick(['a', 'æ', '\u0000', ' ', '"', '\\', '🏘️', '<5;', 'x'.repeat(7) + '\n']);
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function interestingValue(rng: Rng, options: JsonMutationOptions, raw: RawTexts): Json {
  const max = options.maxAddedChars ?? 200_000;
  switch (rng.int(9)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2: {
      const n = interestingNumber(rng);
      return typeof n === 'string' ? raw.marker(n.slice(4)) : n;
    }
    case 3:
      return rng.pick([...NASTY_STRINGS, ...(options.strings ?? [])]);
    case 4:
      return longString(rng, max);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return rng.pick([[null], [1, 2, 3], ['a'], [[]], [{}]]);
    default: {
      const o: { [key: string]: Json } = {};
      setKey(o, rng.pick(PROTO_KEYS), rng.pick<Json>([null, 1, 'x', {}, []]));
      return o;
    }
  }
}

function mutateString(rng: Rng, s: string, options: JsonMutationOptions): string {
  switch (rng.int(7)) {
    case 0:
      return rng.pick([...NASTY_STRINGS, ...(options.strings ?? [])]);
    case 1:
      return s + rng.pick(NASTY_STRINGS);
    case 2:
      return s.slice(0, rng.int(s.length + 1));
    case 3:
      return s.toUpperCase();
    case 4: {
      const i = rng.int(s.length + 1);
      return s.slice(0, i) + String.fromCharCode(rng.pick([0, 0x0a, 0x22, 0x5c, 0xd800, 0x2028, 0x202e, 0xfeff, 0xe6])) + s.slice(i);
    }
    case 5:
      return ` ${s} `;
    default:
      return s.repeat(rng.intBetween(2, 50));
  }
}

function deepText(rng: Rng, leaf: Json, options: JsonMutationOptions): string {
  const depth = rng.pick([64, 500, 1000, 2000, 5000, 10_000, 50_000]);
  const wrappers: (readonly [string, string])[] = [['[', ']'], ['{"a":', '}'], ...(options.deepWrappers ?? [])];
  const [open, close] = rng.pick(wrappers);
  const inner = JSON.stringify(leaf === undefined ? null : leaf) ?? 'null';
  return open.repeat(depth) + inner + close.repeat(depth);
}

type Edit = (rng: Rng, root: { value: Json }, all: Slot[], options: JsonMutationOptions, raw: RawTexts) => void;

function replaceSlot(root: { value: Json }, slot: Slot, value: Json): void {
  if (slot.parent === null) root.value = value;
  else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else setKey(slot.parent, slot.key as string, value);
}

const JSON_EDITS: readonly { name: string; weight: number; edit: Edit }[] = [
  {
    name: 'drop',
    weight: 4,
    edit: (rng, _root, all) => {
      const slot = rng.pick(all);
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else if (slot.parent) delete slot.parent[slot.key as string];
    },
  },
  { name: 'retype', weight: 5, edit: (rng, root, all, options, raw) => replaceSlot(root, rng.pick(all), interestingValue(rng, options, raw)) },
  {
    name: 'tweak-scalar',
    weight: 6,
    edit: (rng, root, all, options, raw) => {
      const scalars = all.filter((s) => typeof s.value === 'number' || typeof s.value === 'string' || typeof s.value === 'boolean');
      if (scalars.length === 0) return;
      const slot = rng.pick(scalars);
      if (typeof slot.value === 'number') {
        const n = interestingNumber(rng, slot.value);
        replaceSlot(root, slot, typeof n === 'string' ? raw.marker(n.slice(4)) : n);
      } else if (typeof slot.value === 'string') replaceSlot(root, slot, mutateString(rng, slot.value, options));
      else replaceSlot(root, slot, rng.pick<Json>([!slot.value, 'true', 1, 0]));
    },
  },
  {
    name: 'add-key',
    weight: 3,
    edit: (rng, _root, all, options, raw) => {
      const objects = all.filter((s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value));
      if (objects.length === 0) return;
      const target = rng.pick(objects).value as { [key: string]: Json };
      const siblings = Object.keys(target);
      const key = rng.chance(0.5) ? rng.pick(PROTO_KEYS) : rng.chance(0.5) && siblings.length > 0 ? `${rng.pick(siblings)}_x` : rng.pick(['extra', 'id', 'type', 'x']);
      setKey(target, key, interestingValue(rng, options, raw));
    },
  },
  {
    name: 'array-dup',
    weight: 3,
    edit: (rng, _root, all, options) => {
      const arrays = all.filter((s) => Array.isArray(s.value) && s.value.length > 0);
      if (arrays.length === 0) return;
      const array = rng.pick(arrays).value as Json[];
      const item = rng.pick(array);
      const size = JSON.stringify(item)?.length ?? 4;
      const budget = Math.max(1, Math.floor((options.maxAddedChars ?? 200_000) / Math.max(1, size)));
      const times = rng.chance(0.7) ? 1 : Math.min(budget, rng.pick([10, 100, 1000, 10_000]));
      for (let i = 0; i < times; i++) array.push(structuredClone(item));
    },
  },
  {
    name: 'array-empty',
    weight: 1,
    edit: (rng, _root, all) => {
      const arrays = all.filter((s) => Array.isArray(s.value));
      if (arrays.length > 0) (rng.pick(arrays).value as Json[]).length = 0;
    },
  },
  {
    name: 'transplant',
    weight: 3,
    edit: (rng, root, all) => {
      const from = rng.pick(all);
      const to = rng.pick(all);
      if (from.depth > 40) return;
      replaceSlot(root, to, structuredClone(from.value));
    },
  },
  {
    name: 'deep',
    weight: 1,
    edit: (rng, root, all, options, raw) => {
      const slot = rng.pick(all);
      replaceSlot(root, slot, raw.marker(deepText(rng, slot.depth > 40 ? null : slot.value, options)));
    },
  },
  {
    name: 'duplicate-key',
    weight: 1,
    edit: (rng, root, all, _options, raw) => {
      const objects = all.filter((s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value) && Object.keys(s.value).length > 0);
      if (objects.length === 0) return;
      const slot = rng.pick(objects);
      const o = slot.value as { [key: string]: Json };
      const key = rng.pick(Object.keys(o));
      // JSON.parse keeps the last of duplicate keys; write both in the text.
      const inner = JSON.stringify(o).slice(1, -1);
      replaceSlot(root, slot, raw.marker(`{${inner}${inner ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(interestingValue(rng, {}, new RawTexts()))}}`));
    },
  },
];

/** Text-level changes to JSON that keep most of it: BOM, trailing garbage, truncation, comments. */
function mutateJsonText(rng: Rng, text: string): string {
  switch (rng.int(6)) {
    case 0:
      return `\ufeff${text}`;
    case 1:
      return text + rng.pick(['\n', ' garbage', '}', ']', '\u0000', ',', '{}']);
    case 2:
      return text.slice(0, rng.int(text.length));
    case 3:
      return text.replace(/,(\s*[}\]])/, ',,$1').replace(/:/, ':/*c*/');
    case 4:
      return text.replaceAll('"', "'");
    default:
      return text.replace(/\n/g, '\r\n');
  }
}

/** A structure-aware mutation of a JSON value, as UTF-8 bytes. */
export function mutateJson(rng: Rng, value: Json, options: JsonMutationOptions = {}): Uint8Array {
  const root = { value: structuredClone(value) };
  const raw = new RawTexts();
  const edits = 1 + rng.int(options.maxEdits ?? 3);
  for (let e = 0; e < edits; e++) {
    const all = slots(root.value);
    weighted(rng, JSON_EDITS).edit(rng, root, all, options, raw);
  }
  let text = raw.substitute(JSON.stringify(root.value, null, rng.chance(0.5) ? 2 : undefined) ?? 'null');
  if (rng.chance(0.08)) text = mutateJsonText(rng, text);
  let bytes: Uint8Array = new TextEncoder().encode(text);
  if (rng.chance(options.byteChance ?? 0.1)) bytes = mutateBytes(rng, bytes, { maxRounds: 2 });
  return bytes;
}

// ---------------------------------------------------------------------------------------
// CSV in Danish dialects

/** Cells from Danish statistics banks and municipal systems, and cells that break readers. */
export const NASTY_CELLS: readonly string[] = [
  '',
  ' ',
  '<5',
  '< 10',
  '..',
  '.',
  'x',
  'X',
  '-',
  '–',
  '1.234.567,89',
  '1,234,567.89',
  '1 234 567',
  '1\u00a0234',
  '−5',
  '+3',
  '-0',
  '00123',
  '1e5',
  '1e999',
  '1,5e3',
  '0x10',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999999',
  '3,',
  ',5',
  '1.2.3',
  'ja',
  'nej',
  'sand',
  '01-02-2024',
  '1.2.2024',
  '2024-02-30',
  '2024-13-01',
  '31/12/1899',
  '"quoted;cell"',
  '"unterminated',
  'a"b',
  '""',
  '=cmd|\'/c calc\'!A1',
  'æøå',
  '\u0000',
  '010190-1234',
  '0101901234',
  '2023',
  '2101',
  '0101',
  'A1',
];

function cellsOf(line: string, delimiter: string): string[] {
  return line.split(delimiter);
}

function nastyCell(rng: Rng): string {
  if (rng.chance(0.1)) return rng.pick(['1', '9', '.', ',', ' ', '<', '1.', '-']).repeat(rng.pick([100, 5000, 50_000]));
  return rng.pick(NASTY_CELLS);
}

type CsvEdit = (rng: Rng, lines: string[], delimiter: string) => void;

const CSV_EDITS: readonly { name: string; weight: number; edit: CsvEdit }[] = [
  {
    name: 'cell',
    weight: 8,
    edit: (rng, lines, d) => {
      if (lines.length === 0) return;
      const row = rng.chance(0.15) ? 0 : rng.int(lines.length);
      const cells = cellsOf(lines[row]!, d);
      cells[rng.int(cells.length)] = nastyCell(rng);
      lines[row] = cells.join(d);
    },
  },
  {
    name: 'header',
    weight: 2,
    edit: (rng, lines, d) => {
      if (lines.length === 0) return;
      const cells = cellsOf(lines[0]!, d);
      const i = rng.int(cells.length);
      switch (rng.int(5)) {
        case 0:
          cells.splice(i, 1);
          break;
        case 1:
          cells.push(cells[i]!);
          break;
        case 2:
          cells[i] = ` ${cells[i]!.toUpperCase()} `;
          break;
        case 3:
          cells[i] = rng.pick(['', '__proto__', 'constructor', 'Person ID', 'period;x', '"period"', '\ufeffperiod', 'ålder']);
          break;
        default:
          cells.push('');
      }
      lines[0] = cells.join(d);
    },
  },
  {
    name: 'delimiter',
    weight: 2,
    edit: (rng, lines, d) => {
      const to = rng.pick([',', '\t', '|', ' ', ';;']);
      if (rng.chance(0.5)) for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.split(d).join(to);
      else if (lines.length > 0) {
        const i = rng.int(lines.length);
        lines[i] = lines[i]!.split(d).join(to);
      }
    },
  },
  {
    name: 'line',
    weight: 3,
    edit: (rng, lines) => {
      if (lines.length === 0) return;
      const i = rng.int(lines.length);
      switch (rng.int(6)) {
        case 0:
          lines.splice(i, 1);
          break;
        case 1:
          lines.splice(i, 0, lines[i]!);
          break;
        case 2:
          lines.splice(i, 0, '', '  ');
          break;
        case 3:
          lines[i] = `${lines[i]!};extra`;
          break;
        case 4:
          lines.splice(i, 0, ...Array.from({ length: rng.pick([100, 1000, 5000]) }, () => lines[Math.max(1, i) % lines.length]!));
          break;
        default:
          lines[i] = lines[i]!.slice(0, rng.int(lines[i]!.length + 1));
      }
    },
  },
  {
    name: 'quotes',
    weight: 2,
    edit: (rng, lines, d) => {
      if (lines.length === 0) return;
      const row = rng.int(lines.length);
      const cells = cellsOf(lines[row]!, d);
      const c = rng.int(cells.length);
      cells[c] = rng.pick([`"${cells[c]!}"`, `"${cells[c]!}`, `${cells[c]!}"`, `"${cells[c]!}\n${cells[c]!}"`, `"${cells[c]!}""x"`]);
      lines[row] = cells.join(d);
    },
  },
];

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'broken-utf-8';

/** Encodes text; Windows-1252 is written as Latin-1 (the same bytes for æ/ø/å), unmappable characters as '?'. */
export function encodeText(text: string, encoding: CsvEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode(text));
    case 'windows-1252':
      return Uint8Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(2 + text.length * 2);
      const le = encoding === 'utf-16le';
      out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < text.length; i++) new DataView(out.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), le);
      return out;
    }
    case 'broken-utf-8': {
      const bytes = new TextEncoder().encode(text);
      const i = Math.floor(bytes.length / 2);
      return concat(bytes.subarray(0, i), Uint8Array.of(0xc3), bytes.subarray(i));
    }
  }
}

/** A dialect-aware mutation of a delimited text table, as bytes in one of the encodings Danish systems write. */
export function mutateCsv(rng: Rng, text: string, delimiter = ';'): Uint8Array {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(newline);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) weighted(rng, CSV_EDITS).edit(rng, lines, delimiter);
  const eol = rng.chance(0.8) ? newline : rng.pick(['\n', '\r', '\r\n', '\n\r']);
  let out = lines.join(eol);
  if (rng.chance(0.2)) out += eol;
  const encoding = rng.chance(0.6) ? 'utf-8' : rng.pick<CsvEncoding>(['utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be', 'broken-utf-8']);
  let bytes = encodeText(out, encoding);
  if (rng.chance(0.1)) bytes = mutateBytes(rng, bytes, { maxRounds: 2 });
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Zip archives

/** A zip entry's content by name, kept with a cached RawEntry so unchanged entries are not recompressed. */
export interface ArchiveEntry {
  name: string;
  content: Uint8Array;
  /** Stored or deflated when re-zipped. */
  method: 0 | 8;
  raw?: RawEntry;
}

export function toRawEntry(entry: ArchiveEntry): RawEntry {
  if (entry.raw) return entry.raw;
  entry.raw = zipEntry(entry.name, entry.content, entry.method, 1);
  return entry.raw;
}

/** Container-level tricks; each returns a whole archive. */
export type ZipTrick =
  | 'duplicate-name'
  | 'traversal-names'
  | 'overlap-bomb'
  | 'lying-size-small'
  | 'lying-size-huge'
  | 'unknown-method'
  | 'encrypted-flag'
  | 'count-mismatch'
  | 'prefix-and-comment'
  | 'proto-name'
  | 'many-entries';

export const ZIP_TRICKS: readonly ZipTrick[] = [
  'duplicate-name',
  'traversal-names',
  'overlap-bomb',
  'lying-size-small',
  'lying-size-huge',
  'unknown-method',
  'encrypted-flag',
  'count-mismatch',
  'prefix-and-comment',
  'proto-name',
  'many-entries',
];

let zeroStreamCache: { size: number; entry: RawEntry } | null = null;

/** A deflate stream of `size` zero bytes (cached: deflating 64 MiB takes a moment; call early to warm it). */
export function zeros(size: number): RawEntry {
  if (zeroStreamCache?.size !== size) zeroStreamCache = { size, entry: zipEntry('zeros', new Uint8Array(size), 8, 9) };
  return zeroStreamCache.entry;
}

/** The inflated total an overlap bomb reaches: 9 × 64 MiB = 576 MiB, just over the 512 MiB extract limit. */
export const OVERLAP_BOMB = { streamBytes: 64 * 1024 * 1024, copies: 9 } as const;

/** Applies one container-level trick to an archive's entries (names are kept unless the trick renames). */
export function zipWithTrick(rng: Rng, entries: ArchiveEntry[], trick: ZipTrick): Uint8Array {
  const raws = entries.map(toRawEntry);
  const pickIndex = () => rng.int(raws.length);
  const options: ZipOptions = {};
  let out: RawEntry[] = [...raws];
  switch (trick) {
    case 'duplicate-name': {
      const i = pickIndex();
      const j = pickIndex();
      // A second entry with the name of another (the reader sees one of them).
      const copy: RawEntry = { ...raws[j]!, name: raws[i]!.name };
      out.splice(rng.chance(0.5) ? 0 : out.length, 0, copy);
      break;
    }
    case 'traversal-names': {
      const i = pickIndex();
      const name = typeof raws[i]!.name === 'string' ? raws[i]!.name : 'x';
      const renamed = rng.pick([`../${name}`, `/${name}`, `./${name}`, name.replace('/', '\\'), `${name}/`, `x/../${name}`, name.toUpperCase(), `${name}\u0000.txt`, ` ${name}`]);
      out[i] = { ...raws[i]!, name: renamed };
      if (rng.chance(0.5)) out.push(raws[i]!);
      break;
    }
    case 'overlap-bomb': {
      // One 64 MiB stream of zeros, referenced by many central records (Fifield's "better zip bomb").
      const z = zeros(OVERLAP_BOMB.streamBytes);
      const first = out.length;
      out.push({ ...z, name: 'tables/bomb-0.parquet' });
      for (let k = 1; k < OVERLAP_BOMB.copies; k++) out.push({ ...z, name: `tables/bomb-${k}.parquet`, sharesDataOf: first });
      break;
    }
    case 'lying-size-small': {
      const i = pickIndex();
      out[i] = { ...raws[i]!, size: rng.pick([0, 1, Math.floor(raws[i]!.size / 2)]) };
      break;
    }
    case 'lying-size-huge': {
      const i = pickIndex();
      out[i] = { ...raws[i]!, size: rng.pick([0x7fffffff, 0xfffffffe, 0xffffffff]) };
      break;
    }
    case 'unknown-method': {
      const i = pickIndex();
      out[i] = { ...raws[i]!, method: rng.pick([1, 9, 12, 14, 93, 95, 99, 0xffff]) };
      break;
    }
    case 'encrypted-flag': {
      const i = pickIndex();
      out[i] = { ...raws[i]!, flags: 0x0801 };
      break;
    }
    case 'count-mismatch':
      options.countOverride = rng.pick([0, 1, raws.length + 1, 0xffff]);
      break;
    case 'prefix-and-comment':
      options.prefix = new TextEncoder().encode('MZ\u0090\u0000 stub '.repeat(rng.intBetween(1, 100)));
      options.comment = new TextEncoder().encode('PK\u0005\u0006 fake end record');
      break;
    case 'proto-name':
      out.push({ ...raws[pickIndex()]!, name: rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']) });
      break;
    case 'many-entries': {
      const n = rng.pick([1000, 5000]);
      const small = zipEntry('x', new Uint8Array(0), 0);
      for (let k = 0; k < n; k++) out.push({ ...small, name: `geo/extra-${k}.geojson` });
      break;
    }
  }
  // Shuffled entries each get their own copy of their data (an overlap bomb becomes a plain one).
  if (rng.chance(0.3)) out = rng.shuffle(out.map(({ sharesDataOf: _shared, ...e }) => e));
  return writeZip(out, options);
}

/** Re-zips entries as they are (the common path after an entry's content was mutated). */
export function zipEntries(entries: ArchiveEntry[]): Uint8Array {
  return writeZip(entries.map(toRawEntry));
}

export { crc32 };
