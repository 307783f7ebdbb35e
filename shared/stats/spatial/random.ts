/**
 * A small, fast, seeded pseudo-random number generator and allocation-free sampling of
 * distinct indices, for permutation inference (moran.ts, getis-ord.ts, local.ts).
 *
 * The generator is xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47, 2021): 128 bits of state, period 2^128 − 1, all
 * arithmetic on 32-bit integers (Math.imul, >>> 0), so it is exact and identical in
 * every JavaScript engine. Its state is filled from a 32-bit seed by SplitMix32 (a Weyl
 * sequence through the MurmurHash3 finaliser), as the authors recommend for seeding.
 * Not for cryptography.
 */

const TWO_POW_32 = 4294967296;
/** Below this bound x·bound stays under 2^53 for a 32-bit x, so the product is exact. */
const EXACT_PRODUCT_BOUND = 2 ** 21;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Xoshiro128 {
  /**
   * One instance that lives as long as the class. At a memory-reducing full GC (an idle
   * app, or gc() between benchmark runs) V8 may drop the hidden class of objects with
   * no live instance left, and with it the optimised code of the permutation loops that
   * was specialised to it: the next call runs interpreted until they are compiled again
   * (about 4× slower at 3,085 areas × 9,999 permutations). This keeps the class alive.
   */
  private static readonly keepAlive = new Xoshiro128(0);

  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed any number; its low 32 bits seed the state (the same seed always gives
   *   the same sequence).
   */
  constructor(seed: number) {
    let weyl = seed | 0;
    const next = (): number => {
      weyl = (weyl + 0x9e3779b9) | 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // The all-zero state is the one state xoshiro must avoid; SplitMix32 cannot produce
    // four zeros in a row, but guard anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with the state given directly (for known-answer tests). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const rng = new Xoshiro128(0);
    rng.s0 = s0 | 0;
    rng.s1 = s1 | 0;
    rng.s2 = s2 | 0;
    rng.s3 = s3 | 0;
    if ((rng.s0 | rng.s1 | rng.s2 | rng.s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
    return rng;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, bound), without bias. For bound ≤ 2^21 (any realistic
   * number of areas) this is Lemire's multiply-and-shift with rejection ("Fast random
   * integer generation in an interval", ACM TOMACS 29, 2019), exact in doubles; larger
   * bounds use bit masking with rejection.
   */
  nextBelow(bound: number): number {
    if (bound <= EXACT_PRODUCT_BOUND) {
      let product = this.nextUint32() * bound;
      let low = product % TWO_POW_32;
      if (low < bound) {
        const threshold = TWO_POW_32 % bound;
        while (low < threshold) {
          product = this.nextUint32() * bound;
          low = product % TWO_POW_32;
        }
      }
      return Math.floor(product / TWO_POW_32);
    }
    if (!(bound <= TWO_POW_32) || !Number.isInteger(bound)) throw new RangeError(`nextBelow needs an integer bound in 1..2^32, not ${bound}`);
    const mask = bound === TWO_POW_32 ? 0xffffffff : 2 ** Math.ceil(Math.log2(bound)) - 1;
    for (;;) {
      const x = (this.nextUint32() & mask) >>> 0;
      if (x < bound) return x;
    }
  }
}

/**
 * Draws k distinct indices from 0..n−1, optionally excluding one, by a partial
 * Fisher–Yates shuffle (Durstenfeld 1964; Knuth, TAOCP vol. 2, Algorithm P) over a
 * persistent pool, with no allocation per draw.
 *
 * The pool is a permutation of 0..n−1 that is never reset: a partial Fisher–Yates
 * shuffle yields a uniformly random ordered k-sample whatever order the pool starts in.
 * To exclude an index, it is first swapped to the last position (its position is kept
 * in an inverse array) and the shuffle runs over the other n − 1 positions.
 */
export class DistinctSampler {
  /** One instance that lives as long as the class (see Xoshiro128.keepAlive). */
  private static readonly keepAlive = new DistinctSampler(0);

  readonly n: number;
  private readonly pool: Int32Array;
  private readonly position: Int32Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`DistinctSampler needs a size ≥ 0, not ${n}`);
    this.n = n;
    this.pool = new Int32Array(n);
    this.position = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.pool[i] = i;
      this.position[i] = i;
    }
  }

  /**
   * Writes k distinct indices, uniformly drawn from 0..n−1 without `exclude` (pass −1 to
   * exclude none), in random order into out[0..k).
   */
  draw(rng: Xoshiro128, k: number, out: Int32Array, exclude = -1): void {
    const pool = this.pool;
    const position = this.position;
    let m = this.n;
    if (exclude >= 0) {
      if (exclude >= m) throw new RangeError(`excluded index ${exclude} is outside 0..${m - 1}`);
      const at = position[exclude] as number;
      const last = m - 1;
      const other = pool[last] as number;
      pool[at] = other;
      position[other] = at;
      pool[last] = exclude;
      position[exclude] = last;
      m = last;
    }
    if (k > m || k > out.length) throw new RangeError(`cannot draw ${k} distinct indices from ${m} into ${out.length} slots`);
    for (let t = 0; t < k; t++) {
      const r = t + rng.nextBelow(m - t);
      const a = pool[t] as number;
      const b = pool[r] as number;
      pool[t] = b;
      position[b] = t;
      pool[r] = a;
      position[a] = r;
      out[t] = b;
    }
  }
}

/** Shuffles values[0..length) in place (Fisher–Yates), with no allocation. */
export function shuffleInPlace(rng: Xoshiro128, values: Float64Array | Int32Array, length = values.length): void {
  for (let i = length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const a = values[i] as number;
    values[i] = values[j] as number;
    values[j] = a;
  }
}
