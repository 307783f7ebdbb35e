/** Number and phrase helpers for the flag texts, in Danish and English. */
import { formatIndicatorChange, formatIndicatorValue, formatNumber } from '../format/number';
import type { Language } from '../i18n/messages';
import type { Indicator, LocalizedText } from '../indicators/pack';
import type { ReferenceLevel } from '../indicators/results';

export type Lang = Language;

export const value = (v: number | null, unit: Indicator['unit'], lang: Lang): string => formatIndicatorValue(v, unit, lang);
export const change = (d: number | null, unit: Indicator['unit'], lang: Lang): string => formatIndicatorChange(d, unit, lang);
export const num = (x: number, lang: Lang, decimals = 2): string => formatNumber(x, lang, decimals);

/** An unsigned distance in the indicator's unit: percentage points for shares. */
export function distance(d: number, unit: Indicator['unit'], lang: Lang): string {
  const magnitude = Math.abs(d);
  if (unit === 'share') return `${formatNumber(magnitude * 100, lang, 1)} ${lang === 'da' ? 'procentpoint' : 'percentage points'}`;
  return formatIndicatorValue(magnitude, unit, lang);
}

/** "p < 0,001" / "p = 0,012". */
export function pValue(p: number, lang: Lang): string {
  if (p < 0.001) return `p < ${formatNumber(0.001, lang, 3)}`;
  return `p = ${formatNumber(p, lang, 3)}`;
}

/** A probability in per cent: "0,04 %", "under 0,01 %". */
export function chance(p: number, lang: Lang): string {
  if (p < 0.0001) return lang === 'da' ? 'under 0,01 %' : 'below 0.01 %';
  const percent = p * 100;
  return `${formatNumber(percent, lang, percent < 1 ? 2 : 1)} %`;
}

const LEVEL_OWNER: Record<ReferenceLevel, LocalizedText> = {
  municipality: { da: 'kommunens', en: "the municipality's" },
  region: { da: 'regionens', en: "the region's" },
  nation: { da: 'landets', en: 'the national' },
};

/** "kommunens" / "the municipality's". */
export const levelOwner = (level: ReferenceLevel, lang: Lang): string => LEVEL_OWNER[level][lang];

export const OPERATORS = { gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;

/** "Markeret uafbrudt siden 2021." / "New in 2024." */
export function sinceSentence(since: number, period: number, lang: Lang, what: LocalizedText = { da: 'Markeret', en: 'Flagged' }): string {
  if (since < period) return lang === 'da' ? `${what.da} uafbrudt siden ${since}.` : `${what.en} in every period since ${since}.`;
  return lang === 'da' ? `Ny i ${period}.` : `New in ${period}.`;
}

/** A note on a population below the indicator's minimum. */
export function smallNote(lang: Lang, minPopulation: number | null): string {
  const min = minPopulation === null ? '' : ` (${formatNumber(minPopulation, lang, 0)})`;
  return lang === 'da'
    ? `Bemærk: befolkningen er under indikatorens minimum${min}, så tallet er usikkert.`
    : `Note: the population is below the indicator's minimum${min}, so the figure is uncertain.`;
}

/** Ends a sentence with one full stop (values such as "251.531 kr." already end in one). */
export const stop = (s: string): string => (s.endsWith('.') ? s : `${s}.`);

/** Joins sentences, dropping empty ones. */
export const sentences = (...parts: (string | null | false | undefined)[]): string => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

/** Both languages from one builder. */
export const bilingual = (build: (lang: Lang) => string): LocalizedText => ({ da: build('da'), en: build('en') });
