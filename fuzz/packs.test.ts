/** Indicator packs and briefing packs. See fuzz/README.md. */
import { describe } from 'vitest';
import { fuzzTest } from './run';

describe('fuzz: packs', () => {
  fuzzTest('pack');
  fuzzTest('briefing');
});
