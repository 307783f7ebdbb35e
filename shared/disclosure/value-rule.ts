/**
 * The rule for a single published value with no margins beside it (briefings, reports):
 * the primary rules of disclosure control on the counts behind it — a share's numerator,
 * denominator and complement; a rate's events and population; a mean's population.
 * Values are published, never the counts, so no complementary suppression is needed.
 */
import type { LocalizedText } from '../indicators/pack';
import { reasonText } from './reasons';
import { primaryReasons } from './rules';

export function valueRule(minCellSize: number, zeroIsSafe = true) {
  const settings = { minCellSize, zeroIsSafe };
  return ({ numerator, denominator, unit }: { numerator: number; denominator: number; unit: string }): LocalizedText | null => {
    const reasons =
      unit === 'share'
        ? primaryReasons({ id: 'v', value: numerator }, denominator, settings)
        : unit === 'per1000'
          ? [...primaryReasons({ id: 'v', value: numerator }, undefined, settings), ...primaryReasons({ id: 'p', value: denominator }, undefined, settings).map(() => 'small-denominator' as const)]
          : primaryReasons({ id: 'p', value: denominator }, undefined, settings).map(() => 'small-denominator' as const);
    const first = reasons[0];
    return first ? reasonText(first, minCellSize) : null;
  };
}
