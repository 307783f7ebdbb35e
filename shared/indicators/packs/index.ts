/** The packs shipped with the app, validated on import (a broken shipped pack fails loudly in tests). */
import { parsePackOrThrow } from '../schema';
import type { IndicatorDefinition, IndicatorPack } from '../pack';
import socialBalanceJson from './social-balance.json' with { type: 'json' };

export const SOCIAL_BALANCE_PACK: IndicatorPack = parsePackOrThrow(socialBalanceJson);

/** The indicators the app's map and panel can display today (shares and rates per 1,000 with a direction). */
export function displayableIndicators(pack: IndicatorPack): IndicatorDefinition[] {
  return pack.indicators.filter(
    (ind): ind is IndicatorDefinition => (ind.unit === 'share' || ind.unit === 'per1000') && ind.direction !== 'context',
  );
}
