/** Number formatting for the two UI languages (Danish: decimal comma, dot thousands). */
import type { Language } from '../i18n/messages';

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

export function formatNumber(value: number, language: Language, decimals = 0): string {
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** Formats a proportion in the indicator's unit: percent or per 1,000. */
export function formatIndicatorValue(
  proportion: number | null,
  unit: 'share' | 'per1000',
  language: Language,
): string {
  if (proportion === null || !Number.isFinite(proportion)) return '–';
  return unit === 'share'
    ? `${formatNumber(proportion * 100, language, 1)} %`
    : `${formatNumber(proportion * 1000, language, 1)} ‰`;
}
