/**
 * Reading one text cell as an analyst would: Danish numbers (decimal comma, '.' thousands,
 * padding, minus signs), suppression markers (read as suppressed, never as zero or text),
 * Danish booleans and dates.
 */

export type Decimal = ',' | '.';

/** Markers statistics banks and municipal systems write for suppressed or unpublished cells. */
export const DEFAULT_SUPPRESSION_MARKERS: readonly string[] = ['..', '.', 'x', 'X', '-', '–'];

/** Spaces that pad numbers or separate thousands: space, no-break space, thin spaces. */
const SPACES = /[\s\u00A0\u2007\u2009\u202F]/g;

const isPadding = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2007 || code === 0x2009 || code === 0x202f;

export function trimCell(text: string): string {
  // Most cells carry no padding: skip the regular expression for them.
  if (text.length === 0 || (!isPadding(text.charCodeAt(0)) && !isPadding(text.charCodeAt(text.length - 1)))) return text;
  return text.replace(/^[\s\u00A0\u2007\u2009\u202F]+|[\s\u00A0\u2007\u2009\u202F]+$/g, '');
}

/** "<5", "< 10", or a listed marker such as ".." and "x". */
export function suppressionMarker(text: string, extra: readonly string[] = []): string | null {
  const t = trimCell(text);
  if (/^<\s*\d+$/.test(t)) return t.replace(/\s+/g, '');
  if (DEFAULT_SUPPRESSION_MARKERS.includes(t) || extra.includes(t)) return t;
  return null;
}

/** Text that shows which decimal separator a column uses (ambiguous "1.234" shows nothing). */
export function decimalEvidence(text: string): Decimal | null {
  const t = trimCell(text).replace(/^[-−+]/, '').replace(SPACES, '');
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t) || (/^\d*,\d+$/.test(t) && !/^\d{1,3}(,\d{3})+$/.test(t))) return ',';
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(t) || (/^\d*\.\d+$/.test(t) && !/^\d{1,3}(\.\d{3})+$/.test(t))) return '.';
  return null;
}

/**
 * The digits of a number written in the given convention, normalised to JS syntax
 * ("-1234.5"), or null when the text is not such a number.
 */
const NUMBER_PATTERNS: Record<Decimal, { grouped: RegExp; plain: RegExp; thousands: string }> = {
  ',': { grouped: /^\d{1,3}(\.\d{3})+(,\d+)?$/, plain: /^(\d+(,\d*)?|,\d+)([eE][-+]?\d+)?$/, thousands: '.' },
  '.': { grouped: /^\d{1,3}(,\d{3})+(\.\d+)?$/, plain: /^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/, thousands: ',' },
};
const SPACE_GROUPED = /^\d{1,3}([\s\u00A0\u2007\u2009\u202F]\d{3})+([.,]\d+)?$/;
const HAS_SPACE = /[\s\u00A0\u2007\u2009\u202F]/;

export function normaliseNumber(text: string, decimal: Decimal): string | null {
  let t = trimCell(text);
  if (/^-?\d+$/.test(t)) return t; // the common case
  let sign = '';
  if (/^[-−]/.test(t)) {
    sign = '-';
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  t = trimCell(t);
  // Spaces as thousands separators only in proper groups of three ("1 234 567").
  if (HAS_SPACE.test(t)) {
    if (!SPACE_GROUPED.test(t)) return null;
    t = t.replace(SPACES, '');
  }
  const { grouped, plain, thousands } = NUMBER_PATTERNS[decimal];
  if (grouped.test(t)) t = t.replaceAll(thousands, '');
  else if (!plain.test(t)) return null;
  if (decimal === ',') t = t.replace(',', '.');
  return sign + t;
}

export function parseNumber(text: string, decimal: Decimal): number | null {
  const n = normaliseNumber(text, decimal);
  if (n === null) return null;
  const value = Number(n);
  return Number.isFinite(value) ? value : null;
}

/** A whole number from text; BIGINT text beyond 2^53 stays exact as a bigint. */
export function parseWhole(text: string, decimal: Decimal): number | bigint | null {
  const n = normaliseNumber(text, decimal);
  if (n === null) return null;
  const whole = /^-?\d+$/.test(n) ? n : /^-?\d+\.0*$/.test(n) ? n.replace(/\.0*$/, '') : null;
  if (whole === null) {
    const value = Number(n);
    return Number.isInteger(value) && Number.isSafeInteger(value) ? value : null;
  }
  const value = Number(whole);
  return Number.isSafeInteger(value) ? (Object.is(value, -0) ? 0 : value) : BigInt(whole);
}

const TRUE = new Set(['true', 'sand', 'ja', 'j', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'falsk', 'nej', 'n', 'no', '0']);

export function parseBoolean(text: string): boolean | null {
  const t = trimCell(text).toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO "2024-03-01" or Danish day-first "01-03-2024", "1.3.2024", "01/03/2024" (never month-first). */
export function parseDate(text: string): string | null {
  const t = trimCell(text);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

export function dateFromUtc(date: Date): string | null {
  if (!Number.isFinite(date.getTime())) return null;
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}
