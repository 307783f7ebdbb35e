/** Numbers and times on the city-life screen, in Danish or English notation. */
import type { Language } from '../../../shared/i18n/messages';

const locale = (language: Language) => (language === 'da' ? 'da-DK' : 'en-GB');

export function formatRate(value: number | null, language: Language, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString(locale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatCount(value: number, language: Language): string {
  return Math.round(value).toLocaleString(locale(language));
}

/** A date in Copenhagen time, e.g. "5.12.2026". */
export function formatDate(ms: number | null, language: Language): string {
  if (ms === null) return '–';
  return new Date(ms).toLocaleDateString(locale(language), { timeZone: 'Europe/Copenhagen' });
}
