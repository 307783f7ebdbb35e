/** City-life registrations: PLDP JSON and counter CSV. See fuzz/README.md. */
import { describe } from 'vitest';
import { fuzzTest } from './run';

describe('fuzz: city life', () => {
  fuzzTest('citylife');
});
