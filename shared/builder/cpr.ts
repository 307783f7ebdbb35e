/**
 * Recognising Danish CPR numbers: DDMMYY-SSSS or DDMMYYSSSS whose first six digits are a
 * real date. The modulus-11 check is not used: numbers issued since 2007 need not pass it.
 * The century follows from the seventh digit (CPR rules), so 29 February is checked too.
 */
import type { CellValue } from '../extract/parquet-write';

const CPR = /^(\d{2})(\d{2})(\d{2})(-?)(\d)(\d{3})$/;

function century(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  if (seventh <= 8) return yy <= 57 ? 2000 : 1800;
  return 1900;
}

export type CprShape = 'hyphen' | 'plain';

/** The shape of a CPR number with a valid birth date, or null. */
export function cprShape(text: string): CprShape | null {
  const m = CPR.exec(text.trim());
  if (!m) return null;
  const [dd, mm, yy, hyphen, seventh] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4], Number(m[5])];
  const year = century(yy, seventh) + yy;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || dd < 1 || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return hyphen ? 'hyphen' : 'plain';
}

export interface CprScan {
  /** Values shaped like a CPR number. */
  matches: number;
  /** Non-empty values looked at. */
  values: number;
  hyphenated: number;
}

/** Scans a column's values; numbers are padded to ten digits (a leading zero lost in a spreadsheet). */
export function scanForCpr(values: readonly CellValue[]): CprScan {
  const scan: CprScan = { matches: 0, values: 0, hyphenated: 0 };
  for (const value of values) {
    if (value === null || typeof value === 'boolean') continue;
    scan.values++;
    let text: string;
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (typeof value === 'number' && !Number.isInteger(value)) continue;
      const digits = String(value);
      if (digits.length < 9 || digits.length > 10 || digits.startsWith('-')) continue;
      text = digits.padStart(10, '0');
    } else text = value;
    const shape = cprShape(text);
    if (shape) {
      scan.matches++;
      if (shape === 'hyphen') scan.hyphenated++;
    }
  }
  return scan;
}

/**
 * Refuse a column when it holds CPR numbers: any "DDMMYY-SSSS" value (that form is
 * unmistakable), or a majority of ten-digit values with valid dates (random ten-digit
 * ids have a valid date in about 4 % of cases, so a few are no evidence).
 */
export function looksLikeCprColumn(scan: CprScan): boolean {
  if (scan.hyphenated > 0) return true;
  return scan.matches > 0 && scan.matches * 2 >= scan.values;
}
