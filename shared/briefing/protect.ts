/**
 * The briefing's disclosure rule for one published value: a share is withheld when its
 * numerator, denominator or complement is below the minimum cell size (the value would
 * tell about fewer than that many persons); a rate, mean or median when its population is.
 */
import type { LocalizedText, Unit } from '../indicators/pack';

export const DEFAULT_MIN_CELL_SIZE = 5;

export function briefingProtect(minCellSize: number) {
  return ({ numerator, denominator, unit }: { numerator: number; denominator: number; unit: string }): LocalizedText | null => {
    if (denominator < minCellSize) return { da: `færre end ${minCellSize} i populationen`, en: `fewer than ${minCellSize} in the population` };
    if ((unit as Unit) === 'share') {
      if (numerator < minCellSize) return { da: `færre end ${minCellSize} personer`, en: `fewer than ${minCellSize} persons` };
      if (denominator - numerator < minCellSize) return { da: `færre end ${minCellSize} uden for andelen`, en: `fewer than ${minCellSize} outside the share` };
    }
    if ((unit as Unit) === 'per1000' && numerator > 0 && numerator < minCellSize) return { da: `færre end ${minCellSize} hændelser`, en: `fewer than ${minCellSize} events` };
    return null;
  };
}
