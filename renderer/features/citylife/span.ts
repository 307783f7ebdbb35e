import type { CityLifeStudy } from '../../../shared/citylife/model';

/** First start and last end (a loop: spreading 10⁵ values into Math.min overflows the stack). */
export function studySpan(study: CityLifeStudy): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const c of study.counts) {
    if (c.start < first) first = c.start;
    if (c.end > last) last = c.end;
  }
  return { first, last };
}
