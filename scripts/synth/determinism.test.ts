/** Same seed ⇒ byte-identical output; another seed ⇒ another municipality. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMunicipality } from './generate.ts';
import type { SyntheticMunicipality } from './types.ts';

/** SHA-256 of JSON.stringify of everything, fed part by part (the whole would be ~150 MB). */
function hashOf(m: SyntheticMunicipality): string {
  const h = createHash('sha256');
  const { persons, events, ...rest } = m;
  h.update(JSON.stringify(rest));
  for (const [k, col] of Object.entries(persons)) h.update(`${k}:${JSON.stringify(col)}`);
  for (const [k, col] of Object.entries(events)) h.update(`${k}:${JSON.stringify(col)}`);
  return h.digest('hex');
}

let a: string;
let b: string;
let c: string;

beforeAll(() => {
  a = hashOf(generateMunicipality({ seed: 7 }));
  b = hashOf(generateMunicipality({ seed: 7 }));
  c = hashOf(generateMunicipality({ seed: 8 }));
});

describe('determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    expect(b).toBe(a);
  });

  it('gives different output for a different seed', () => {
    expect(c).not.toBe(a);
  });
});
