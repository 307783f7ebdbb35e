/** The fuzzer's own tools: deterministic mutators and a zip writer whose archives fflate reads. */
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { caseRng, encodeText, mutateBytes, mutateCsv, mutateJson, zipWithTrick, ZIP_TRICKS, type ArchiveEntry, type Json } from './mutate';
import { crc32, declaredUnpackedSize, readCentralDirectory, writeZip, zipEntry } from './zip';
import { matchPending, PENDING, type PendingBug } from './pending';
import { TARGETS } from './targets/index';

const seedJson: Json = { a: [1, 2, { b: 'x', c: null }], d: { e: true, f: 'æøå' } };

describe('mutators', () => {
  it('give the same output for the same seed and index, and differ across indices', () => {
    const run = (i: number) => ({
      bytes: [...mutateBytes(caseRng(1, 't', i), strToU8('hello, world'))],
      json: [...mutateJson(caseRng(1, 't', i), seedJson)],
      csv: [...mutateCsv(caseRng(1, 't', i), 'a;b\n1;2\n3;4')],
    });
    expect(run(7)).toEqual(run(7));
    const distinct = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(run(i))));
    expect(distinct.size).toBeGreaterThan(15);
  });

  it('write own "__proto__" keys and raw numbers that JSON.stringify cannot', () => {
    const texts = Array.from({ length: 400 }, (_, i) => new TextDecoder().decode(mutateJson(caseRng(2, 'json', i), seedJson)));
    expect(texts.some((t) => t.includes('"__proto__"'))).toBe(true);
    expect(texts.some((t) => /1e999|123456789012345678901234567890/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('['.repeat(500)))).toBe(true);
  });

  it('encode Danish text as Windows-1252 and UTF-16 with a BOM', () => {
    expect([...encodeText('æø', 'windows-1252')]).toEqual([0xe6, 0xf8]);
    expect([...encodeText('a', 'utf-16le')]).toEqual([0xff, 0xfe, 0x61, 0]);
    expect([...encodeText('a', 'utf-8-bom')]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
  });
});

describe('zip writer', () => {
  it('writes archives fflate reads, with the CRC-32 zip uses', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    const zip = writeZip([zipEntry('a.txt', strToU8('hello')), zipEntry('b/c.bin', new Uint8Array([1, 2, 3]), 0)]);
    expect(unzipSync(zip)).toEqual({ 'a.txt': strToU8('hello'), 'b/c.bin': new Uint8Array([1, 2, 3]) });
    expect(readCentralDirectory(zip)?.map((r) => r.name)).toEqual(['a.txt', 'b/c.bin']);
  });

  it('makes every trick without throwing, and an overlap bomb that declares more than it weighs', () => {
    const entries = (): ArchiveEntry[] => [{ name: 'manifest.json', content: strToU8('{}'), method: 8 }];
    for (const trick of ZIP_TRICKS.filter((t) => t !== 'overlap-bomb')) expect(zipWithTrick(caseRng(3, trick, 0), entries(), trick).length).toBeGreaterThan(0);
    const bomb = writeZip([{ ...zipEntry('x', new Uint8Array(1 << 20)), name: 'a' }, { ...zipEntry('x', new Uint8Array(1 << 20)), name: 'b', sharesDataOf: 0 }]);
    expect(bomb.length).toBeLessThan(4096);
    expect(declaredUnpackedSize(bomb)).toBe(2 << 20);
    expect(Object.keys(unzipSync(bomb))).toEqual(['a', 'b']);
  });
});

describe('pending list', () => {
  it('names existing targets and matches only its own violations', () => {
    for (const bug of PENDING) for (const t of bug.targets) expect(Object.keys(TARGETS)).toContain(t);
    const list: PendingBug[] = [{ id: 'example', targets: ['extract-archive'], summary: '', kinds: ['accepted-invalid'], message: /^\[layer-geometry\]/ }];
    expect(matchPending('extract-archive', { kind: 'crash', message: 'TypeError: x is not a function' }, '', list)).toBeNull();
    expect(matchPending('pack', { kind: 'accepted-invalid', message: '[layer-geometry] x' }, '', list)).toBeNull();
    expect(matchPending('extract-archive', { kind: 'accepted-invalid', message: '[layer-geometry] layer "a" feature 1: …' }, '', list)?.id).toBe('example');
  });
});
