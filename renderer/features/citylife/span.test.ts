import { describe, expect, it } from 'vitest';
import type { CityLifeStudy, Registration } from '../../../shared/citylife/model';
import { studySpan } from './span';

describe('study span', () => {
  it('handles a demo-sized study (a spread into Math.min overflowed the stack and blanked the app)', () => {
    const counts: Registration[] = Array.from({ length: 300_000 }, (_, i) => ({ siteId: 's', start: 1_000 + i * 10, end: 1_010 + i * 10, kind: 'moving', count: 1 }));
    const study: CityLifeStudy = { id: 'x', name: 'x', sites: [], counts, source: 'sensor' };
    expect(studySpan(study)).toEqual({ first: 1_000, last: 1_010 + 299_999 * 10 });
  });
});
