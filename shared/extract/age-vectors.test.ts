/**
 * The C2SP age test vectors (cctv-age) against the pure-JS path (the browser host's).
 * Every vector runs: supported ones must succeed or fail as the vector says; those
 * using features the app does not offer (ASCII armor, post-quantum identities) must be
 * refused cleanly. The Node path runs the same vectors in electron/services/age/.
 */
import * as cctvAge from 'cctv-age';
import { describe, expect, it } from 'vitest';
import { loadAgeTestVectors, unsupportedFeatures, vectorProblems, vectorTitle } from './age-test-vectors';
import { decryptAgeInMemory } from './decrypt';

const vectors = loadAgeTestVectors(cctvAge);

describe('C2SP age vectors, pure-JS path (age-encryption)', () => {
  it('loads the whole suite', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(140);
    expect(vectors.filter((vector) => unsupportedFeatures(vector).length === 0 && vector.expect === 'success').length).toBeGreaterThanOrEqual(15);
  });

  it.each(vectors.map((vector) => [vectorTitle(vector), vector] as const))('%s', async (_title, vector) => {
    expect(await vectorProblems(vector, decryptAgeInMemory)).toEqual([]);
  });
});
