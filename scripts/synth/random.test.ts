import { describe, expect, it } from 'vitest';
import { PseudonymMaker, Rng } from './random.ts';

describe('Rng', () => {
  it('repeats a stream for the same seed and label, and differs otherwise', () => {
    const draw = (r: Rng) => Array.from({ length: 5 }, () => r.uint32());
    expect(draw(Rng.fromSeed(1, 'x'))).toEqual(draw(Rng.fromSeed(1, 'x')));
    expect(draw(Rng.fromSeed(1, 'x'))).not.toEqual(draw(Rng.fromSeed(2, 'x')));
    expect(draw(Rng.fromSeed(1, 'x'))).not.toEqual(draw(Rng.fromSeed(1, 'y')));
  });

  it('keeps forks independent of what the parent draws', () => {
    const r1 = Rng.fromSeed(3);
    const r2 = Rng.fromSeed(3);
    r2.next();
    expect(r1.fork('a').next()).toBe(r2.fork('a').next());
  });

  it('draws plausible uniforms and normals', () => {
    const r = Rng.fromSeed(11);
    let s = 0;
    let ss = 0;
    let u = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      ss += x * x;
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      u += v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(u / n - 0.5)).toBeLessThan(0.01);
  });

  it('samples k distinct items without replacement', () => {
    const r = Rng.fromSeed(5);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const picked = r.weightedSample(items, items.map((i) => i + 1), 30);
    expect(new Set(picked).size).toBe(30);
  });
});

describe('PseudonymMaker', () => {
  it('makes unique, CPR-proof pseudonyms', () => {
    const p = new PseudonymMaker(Rng.fromSeed(9));
    const ids = Array.from({ length: 100_000 }, () => p.next());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 1000)) {
      expect(id).toMatch(/^P[A-Z2-7]{12}$/);
      expect(/^\d{6}-?\d{4}$/.test(id)).toBe(false);
    }
  });
});
