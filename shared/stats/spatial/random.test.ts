import { describe, expect, it } from 'vitest';
import { DistinctSampler, Xoshiro128, shuffleInPlace } from './random';

describe('Xoshiro128 (xoshiro128**)', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    // Blackman & Vigna's xoshiro128starstar.c, computed independently in 64-bit integers.
    const rng = Xoshiro128.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    expect(() => Xoshiro128.fromState(0, 0, 0, 0)).toThrow(RangeError);
  });

  it('repeats with the same seed and differs with another', () => {
    const a = new Xoshiro128(42);
    const b = new Xoshiro128(42);
    const c = new Xoshiro128(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(sa);
    expect(sa.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('gives floats in [0, 1) with mean ½', () => {
    const rng = new Xoshiro128(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws integers below a bound uniformly, for small and large bounds', () => {
    const rng = new Xoshiro128(1);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.nextBelow(7)]!++;
    // Each cell ~ Binomial(70000, 1/7): sd ≈ 93; allow 5 sd.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(470);
    for (const bound of [1, 2, 3, 2 ** 21, 2 ** 21 + 1, 3_000_000_019, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const x = rng.nextBelow(bound);
        expect(Number.isInteger(x) && x >= 0 && x < bound).toBe(true);
      }
    }
    // Large bounds reach their upper half too.
    let high = 0;
    for (let i = 0; i < 1000; i++) if (rng.nextBelow(3_000_000_019) > 1_500_000_000) high++;
    expect(high).toBeGreaterThan(400);
    expect(() => rng.nextBelow(2 ** 33)).toThrow(RangeError);
  });
});

describe('DistinctSampler', () => {
  it('draws distinct indices in range, never the excluded one', () => {
    const rng = new Xoshiro128(3);
    const sampler = new DistinctSampler(10);
    const out = new Int32Array(9);
    const problems: string[] = [];
    for (let trial = 0; trial < 2000; trial++) {
      const exclude = trial % 11 === 10 ? -1 : trial % 10;
      const k = 1 + (trial % 9);
      sampler.draw(rng, k, out, exclude);
      const drawn = Array.from(out.subarray(0, k));
      if (new Set(drawn).size !== k) problems.push(`repeat in ${drawn.join(',')}`);
      if (drawn.some((x) => x < 0 || x >= 10 || x === exclude)) problems.push(`${drawn.join(',')} excluding ${exclude}`);
    }
    expect(problems).toEqual([]);
  });

  it('draws every pair of the others equally often (uniform without replacement)', () => {
    // k = 2 of n = 5 excluding 2: the 6 pairs of {0, 1, 3, 4} each with probability 1/6.
    const rng = new Xoshiro128(5);
    const sampler = new DistinctSampler(5);
    const out = new Int32Array(2);
    const pairs = new Map<string, number>();
    const draws = 60_000;
    for (let i = 0; i < draws; i++) {
      sampler.draw(rng, 2, out, 2);
      const key = [out[0], out[1]].sort().join('-');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect([...pairs.keys()].sort()).toEqual(['0-1', '0-3', '0-4', '1-3', '1-4', '3-4']);
    // Binomial(60000, 1/6): sd ≈ 91; allow 5 sd.
    for (const count of pairs.values()) expect(Math.abs(count - draws / 6)).toBeLessThan(460);
  });

  it('rejects impossible draws', () => {
    const sampler = new DistinctSampler(4);
    const rng = new Xoshiro128(1);
    expect(() => sampler.draw(rng, 4, new Int32Array(4), 0)).toThrow(RangeError);
    expect(() => sampler.draw(rng, 2, new Int32Array(4), 4)).toThrow(RangeError);
    expect(() => sampler.draw(rng, 3, new Int32Array(2))).toThrow(RangeError);
    expect(() => new DistinctSampler(-1)).toThrow(RangeError);
  });
});

describe('shuffleInPlace', () => {
  it('permutes, moving every value to every position about equally often', () => {
    const rng = new Xoshiro128(9);
    const values = new Float64Array(4);
    const firstSlot = new Array<number>(4).fill(0);
    let broken = 0;
    for (let i = 0; i < 40_000; i++) {
      values.set([0, 1, 2, 3]);
      shuffleInPlace(rng, values);
      if (Array.from(values).sort().join() !== '0,1,2,3') broken++;
      firstSlot[values[0] as number]!++;
    }
    expect(broken).toBe(0);
    // Binomial(40000, 1/4): sd ≈ 87; allow 5 sd.
    for (const count of firstSlot) expect(Math.abs(count - 10_000)).toBeLessThan(440);
  });
});
