/** Bilingual text for the builder's report: the data team reads Danish, reviewers English. */

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

export interface Bilingual {
  da: string;
  en: string;
}

export function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

/** Integers with the language's digit grouping, written out by hand so no locale data is needed. */
export function formatCount(n: number, lang: Lang): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return sign + groups.join(lang === 'da' ? '.' : ',');
}

/** "a, b og c" / "a, b and c". */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'da' ? ' og ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** A short list of values with "… (N in all)" when it had to be cut. */
export function sampleList(items: readonly string[], total: number, lang: Lang, max = 10): string {
  const shown = items.slice(0, max).join(', ');
  if (total <= Math.min(items.length, max)) return shown;
  return lang === 'da' ? `${shown} … (${formatCount(total, lang)} i alt)` : `${shown} … (${formatCount(total, lang)} in all)`;
}

/** Quotes a value from the input for a message, cut short so the report never carries long data. */
export function quoteValue(value: string, max = 24): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${cut}"`;
}
