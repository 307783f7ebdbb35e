/**
 * Which checks apply to an indicator, and why not when they do not. Context and
 * contested indicators are described, never flagged; counts are not rates; a median has
 * no sampling distribution to build a funnel or a trend test from.
 */
import type { Indicator, LocalizedText } from '../indicators/pack';
import { developmentSetting } from '../indicators/pack';
import { intervalMethod } from '../indicators/results';
import type { FlagKind, SkipCode, SkippedCheck } from './types';

export const SKIP_REASONS: Readonly<Record<SkipCode, LocalizedText>> = {
  context: {
    da: 'kontekstindikator: den beskriver området og markeres aldrig',
    en: 'context indicator: it describes the area and is never flagged',
  },
  contested: {
    da: 'omstridt indikator: den markeres aldrig',
    en: 'contested indicator: it is never flagged',
  },
  'count-unit': {
    da: 'et antal, ikke en andel eller rate: der er intet at sammenligne områder af forskellig størrelse med',
    en: 'a count, not a share or rate: there is nothing to compare areas of different size against',
  },
  median: {
    da: 'en median har ingen fordeling at bygge tragtgrænser eller trendtest på (intet interval i cellen)',
    en: 'a median has no distribution to build funnel limits or a trend test from (the cell has no interval)',
  },
  'mean-development': {
    da: 'udvikling testes med tællemodeller (binomial/Poisson) og derfor kun for andele og rater pr. 1.000',
    en: 'development is tested with count models (binomial/Poisson), so only for shares and rates per 1,000',
  },
  'pooled-window': {
    da: 'værdier over flere år deler data fra år til år, så en trendtest ville tælle de samme personer flere gange',
    en: 'values pooled over several years share data from year to year, so a trend test would count the same persons more than once',
  },
  'no-geometry': {
    da: 'laget har ingen geometri, så naboskaber kan ikke bestemmes',
    en: 'the layer has no geometry, so neighbours cannot be determined',
  },
  'not-in-pack': {
    da: 'indikatoren findes ikke i pakken',
    en: 'the indicator is not in the pack',
  },
};

function skip(indicator: Indicator, kind: FlagKind, code: SkipCode): SkippedCheck {
  return { indicatorId: indicator.id, kind, code, reason: SKIP_REASONS[code] };
}

/** Null when the indicator gets this check; else why not. (Classification flags are not per indicator.) */
export function skipReason(indicator: Indicator, kind: 'funnel-outlier' | 'negative-development' | 'hot-spot', hasWeights: boolean): SkippedCheck | null {
  if (indicator.contested !== undefined) return skip(indicator, kind, 'contested');
  if (indicator.direction === 'context') return skip(indicator, kind, 'context');
  if (indicator.unit === 'count') return skip(indicator, kind, 'count-unit');
  const method = intervalMethod(indicator);
  switch (kind) {
    case 'funnel-outlier':
      return method === 'none' ? skip(indicator, kind, 'median') : null;
    case 'negative-development':
      if (method === 'none') return skip(indicator, kind, 'median');
      if (method === 't') return skip(indicator, kind, 'mean-development');
      if ((indicator.window ?? 1) > 1) return skip(indicator, kind, 'pooled-window');
      return developmentSetting(indicator) === null ? skip(indicator, kind, 'mean-development') : null;
    case 'hot-spot':
      return hasWeights ? null : skip(indicator, kind, 'no-geometry');
  }
}

/** +1 when higher values are worse, −1 when lower values are worse. */
export function worseSign(indicator: Indicator): 1 | -1 {
  return indicator.direction === 'higher-is-better' ? -1 : 1;
}
