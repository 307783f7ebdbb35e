import { describe, expect, it } from 'vitest';
import { readCount } from './values';

describe('readCount', () => {
  it('reads numbers and digits in text', () => {
    expect(readCount(3)).toEqual({ ok: true, count: 3 });
    expect(readCount(' 12 ')).toEqual({ ok: true, count: 12 });
    expect(readCount('4,0')).toEqual({ ok: true, count: 4 });
    expect(readCount(7n)).toEqual({ ok: true, count: 7 });
    expect(readCount(null)).toMatchObject({ ok: false, missing: true, code: 'missing-count' });
    expect(readCount('')).toMatchObject({ ok: false, missing: true, code: 'missing-count' });
  });

  it('refuses anything else as bad-count, without converting it to text', () => {
    // String({ toString: [] }) throws "Cannot convert object to primitive value".
    for (const value of [{ toString: [] }, { toString: 1, valueOf: 1 }, Object.create(null) as object, [1], [], {}, true, 'tre', '1e3', Symbol('x'), () => 1]) {
      const r = readCount(value);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.code).toBe('bad-count');
      expect(r.missing).toBe(false);
      expect(r.message.da).toMatch(/^antallet .+ er ikke et tal\./);
      expect(r.message.en).toMatch(/^the count .+ is not a number\./);
    }
    const r = readCount({ toString: [] });
    expect(!r.ok && r.message.en).toBe('the count {"toString":[]} is not a number. Write a whole number ≥ 0.');
    expect(readCount(Infinity)).toMatchObject({ ok: false, code: 'bad-count' });
    expect(readCount(-2)).toMatchObject({ ok: false, code: 'negative-count' });
    expect(readCount(2.5)).toMatchObject({ ok: false, code: 'non-integer-count' });
  });
});
