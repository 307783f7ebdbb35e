import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './intervals';

describe('wilsonInterval', () => {
  it('matches published values (Newcombe 1998, method 3)', () => {
    // 81/263: 0.2553–0.3662; 15/148: 0.0624–0.1605 (Newcombe, Stat Med 17:857, table I).
    const a = wilsonInterval(81, 263);
    expect(a?.lower).toBeCloseTo(0.2553, 4);
    expect(a?.upper).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148);
    expect(b?.lower).toBeCloseTo(0.0624, 4);
    expect(b?.upper).toBeCloseTo(0.1605, 4);
  });

  it('handles zero and full counts without leaving [0, 1]', () => {
    const zero = wilsonInterval(0, 20);
    expect(zero?.lower).toBe(0);
    expect(zero?.upper).toBeCloseTo(0.1611, 4); // Newcombe table I: 0/20 → 0–0.1611
    const full = wilsonInterval(29, 29);
    expect(full?.upper).toBe(1);
    expect(full?.lower).toBeCloseTo(0.8830, 4); // 29/29 → 0.8830–1
  });

  it('is undefined for an empty population or impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(5, 3)).toBeNull();
    expect(wilsonInterval(-1, 3)).toBeNull();
  });
});
