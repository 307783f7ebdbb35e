/**
 * Seeded pseudo-random numbers for the synthetic municipality.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter) on 32-bit integer arithmetic, seeded
 * through the xmur3 string hash. Only integer ops and IEEE basics (log, sqrt) are used, so
 * a seed gives the same stream on every platform; Math.random is never touched.
 */

/** xmur3: a string hash that yields a sequence of 32-bit seeds. */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;
  /** The text this stream was derived from; forks extend it, so streams stay independent. */
  readonly key: string;

  constructor(key: string) {
    this.key = key;
    const h = xmur3(key);
    this.a = h();
    this.b = h();
    this.c = h();
    this.d = h();
    // Warm up: the first outputs of sfc32 are weakly mixed.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A stream for a seed; the label separates independent uses of the same seed. */
  static fromSeed(seed: number, label = 'root'): Rng {
    return new Rng(`${String(seed)}|${label}`);
  }

  /** An independent child stream: what the child draws never shifts this stream. */
  fork(label: string): Rng {
    return new Rng(`${this.key}/${label}`);
  }

  uint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi] inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Marsaglia polar method: log and sqrt only). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Poisson by inversion (fine for the small means used here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with probability proportional to weights (all ≥ 0, some > 0). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weightedIndex needs a positive weight');
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    // Rounding can leave x at 0: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return weights.length - 1;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /**
   * k items without replacement, chosen with probability increasing in weight
   * (Efraimidis–Spirakis keys). Returns them in the input order.
   */
  weightedSample<T>(items: readonly T[], weights: readonly number[], k: number): T[] {
    if (k <= 0) return [];
    if (k >= items.length) return items.slice();
    const keys: { i: number; key: number }[] = [];
    for (let i = 0; i < items.length; i++) {
      const w = Math.max(weights[i]!, 1e-12);
      // log(U)/w orders like U^(1/w) without underflow.
      keys.push({ i, key: Math.log(1 - this.next()) / w });
    }
    keys.sort((x, y) => y.key - x.key || x.i - y.i);
    return keys
      .slice(0, k)
      .map((x) => x.i)
      .sort((x, y) => x - y)
      .map((i) => items[i] as T);
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Unique pseudonyms "P" + 12 base32 characters: a keyed 4-round Feistel permutation of a
 * counter over 60 bits, so ids look random, never repeat and need no lookup set. The
 * leading "P" means they can never look like a CPR number.
 */
export class PseudonymMaker {
  private readonly keys: number[];
  private counter = 0;

  constructor(rng: Rng) {
    this.keys = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
  }

  next(): string {
    const c = this.counter++;
    // Two 30-bit halves of the counter (fine up to 2^53 ids).
    let left = Math.floor(c / 1073741824) & 0x3fffffff;
    let right = c & 0x3fffffff;
    for (const k of this.keys) {
      let h = Math.imul(right ^ k, 0x9e3779b1);
      h ^= h >>> 15;
      h = Math.imul(h, 0x85ebca77);
      h ^= h >>> 13;
      const f = h & 0x3fffffff;
      const nl = right;
      right = (left ^ f) & 0x3fffffff;
      left = nl;
    }
    let out = 'P';
    for (let i = 5; i >= 0; i--) out += BASE32[(left >>> (5 * i)) & 31];
    for (let i = 5; i >= 0; i--) out += BASE32[(right >>> (5 * i)) & 31];
    return out;
  }
}
