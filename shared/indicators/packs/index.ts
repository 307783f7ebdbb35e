/** The packs shipped with the app, validated on import (a broken shipped pack fails loudly in tests). */
import { parsePackOrThrow } from '../schema';
import type { IndicatorDefinition, IndicatorPack } from '../pack';
import socialBalanceJson from './social-balance.json' with { type: 'json' };
import officialCriteriaJson from './dk-official-criteria.json' with { type: 'json' };

export const SOCIAL_BALANCE_PACK: IndicatorPack = parsePackOrThrow(socialBalanceJson);

/**
 * The Danish criteria for vulnerable housing areas, 2010 to today, with their thresholds,
 * legal sources and classifications (docs/official-criteria.md).
 */
export const OFFICIAL_CRITERIA_PACK: IndicatorPack = parsePackOrThrow(officialCriteriaJson);

/** Every pack shipped with the app, in the order they are offered. */
export const BUILTIN_PACKS: readonly IndicatorPack[] = [SOCIAL_BALANCE_PACK, OFFICIAL_CRITERIA_PACK];

/** The indicators the app's map and panel can display today (shares and rates per 1,000 with a direction). */
export function displayableIndicators(pack: IndicatorPack): IndicatorDefinition[] {
  return pack.indicators.filter(
    (ind): ind is IndicatorDefinition => (ind.unit === 'share' || ind.unit === 'per1000') && ind.direction !== 'context',
  );
}
