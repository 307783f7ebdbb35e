/** Extracts: encrypted .bdx files (age) and their decrypted archives. See fuzz/README.md. */
import { describe } from 'vitest';
import { fuzzTest } from './run';

describe('fuzz: extracts', () => {
  fuzzTest('extract-ciphertext');
  fuzzTest('extract-archive');
});
