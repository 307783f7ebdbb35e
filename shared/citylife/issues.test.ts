import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { show, UNSHOWABLE } from './issues';

/** A value nested `depth` arrays deep around `inner`. */
function nested(depth: number, inner: unknown = 'x'): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('show', () => {
  it('writes small values as JSON and shortens long ones', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show(42)).toBe('42');
    expect(show(null)).toBe('null');
    expect(show(undefined)).toBe('undefined');
    expect(show(12n)).toBe('12');
    expect(show({ a: 1, b: [1, 'two', null, true], c: undefined })).toBe('{"a":1,"b":[1,"two",null,true]}');
    expect(show(new Date(Date.UTC(2024, 4, 1)))).toBe('2024-05-01T00:00:00.000Z');
    const long = show(Array.from({ length: 100 }, (_, i) => i));
    expect(long).toHaveLength(58);
    expect(long.startsWith('[0,1,2,3,')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    expect(show('y'.repeat(1_000_000))).toBe(`"${'y'.repeat(56)}…`);
  });

  it('agrees with JSON.stringify, shortened, on any JSON value that is not text', () => {
    const cut = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t);
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => typeof v !== 'string'),
        (v) => {
          expect(show(v)).toBe(cut(JSON.stringify(v)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws: values nested 100 000 deep, objects with odd toString, throwing getters', () => {
    // JSON.stringify and String() both overflow the stack on these.
    expect(() => JSON.stringify(nested(100_000))).toThrow(RangeError);
    const deep = show(nested(100_000));
    expect(deep.startsWith('[[[[')).toBe(true);
    expect(deep.length).toBeLessThanOrEqual(60);
    const deepObject = show(JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`));
    expect(deepObject.startsWith('{"a":{"a":')).toBe(true);
    expect(show(nested(10, { toString: [] }))).toBe('[[[[[[[[[[{"toString":[]}]]]]]]]]]]');
    expect(show({ toString: [] })).toBe('{"toString":[]}');
    expect(show([1n, 2n])).toBe('[1,2]');
    const throwing = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(show(throwing)).toBe(UNSHOWABLE);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(show(cyclic).startsWith('[[[')).toBe(true);
  });
});
