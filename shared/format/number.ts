/** Number formatting for the two UI languages (Danish: decimal comma, dot thousands). */
import type { Language } from '../i18n/messages';
import type { Unit } from '../indicators/pack';

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

export function formatNumber(value: number, language: Language, decimals = 0): string {
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/**
 * Formats a value in the indicator's unit: shares (0–1) as percent, rates per 1,000,
 * amounts in kroner, means and medians of a column as plain numbers, counts (e.g.
 * residents) as whole numbers with thousands separators.
 */
export function formatIndicatorValue(value: number | null, unit: Unit, language: Language): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'share':
      return `${formatNumber(value * 100, language, 1)} %`;
    case 'per1000':
      return `${formatNumber(value * 1000, language, 1)} ‰`;
    case 'dkk':
      return `${formatNumber(value, language, 0)} kr.`;
    case 'mean':
    case 'median':
      return formatNumber(value, language, Math.abs(value) < 10 ? 3 : 1);
    case 'count':
      return formatNumber(Math.round(value), language, 0);
  }
}

/**
 * A change of an indicator's value, signed: shares in percentage points (not per cent of
 * the old value), rates per 1,000, amounts in kroner.
 */
export function formatIndicatorChange(delta: number | null, unit: Unit, language: Language): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  const magnitude = (x: number, decimals: number) => formatNumber(Math.abs(x), language, decimals);
  switch (unit) {
    case 'share': {
      const points = Number((delta * 100).toFixed(1));
      return `${sign(points)}${magnitude(points, 1)} ${language === 'da' ? 'pct.-point' : 'pp'}`;
    }
    case 'per1000': {
      const perThousand = Number((delta * 1000).toFixed(1));
      return `${sign(perThousand)}${magnitude(perThousand, 1)} ‰`;
    }
    case 'dkk':
      return `${sign(Math.round(delta))}${magnitude(delta, 0)} kr.`;
    case 'mean':
    case 'median': {
      const decimals = Math.abs(delta) < 10 ? 3 : 1;
      return `${sign(Number(delta.toFixed(decimals)))}${magnitude(delta, decimals)}`;
    }
    case 'count':
      return `${sign(Math.round(delta))}${magnitude(delta, 0)}`;
  }
}
