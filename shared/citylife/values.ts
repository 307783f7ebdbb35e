/**
 * Small readers shared by the importers: counts, key variants (snake_case, camelCase),
 * optional text fields, and finishing a study (gap check) into a parse result.
 */
import { detectGaps, gapIssues, type GapOptions } from './gaps';
import { failure, show, type Issue, type IssueCode, type IssueList, type ParseResult } from './issues';
import type { Bilingual, CityLifeStudy } from './model';

export type CountRead = { ok: true; count: number } | { ok: false; missing: boolean; code: IssueCode; message: Bilingual };

/**
 * A count of people: a whole number ≥ 0, as a number, a bigint or digits in text. Empty
 * text, null and undefined are "missing" (the caller decides what missing means). Anything
 * else (an object, a list, true/false) is a bad count; its message never converts the value
 * itself to text (an object's toString may be anything), it shows it with show().
 */
export function readCount(value: unknown): CountRead {
  let n: number;
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return {
      ok: false,
      missing: true,
      code: 'missing-count',
      message: { da: 'antallet mangler.', en: 'the count is missing.' },
    };
  }
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/.test(value)) n = Number(value.trim().replace(',', '.'));
  else {
    return {
      ok: false,
      missing: false,
      code: 'bad-count',
      message: {
        da: `antallet ${show(value)} er ikke et tal. Skriv et helt tal ≥ 0.`,
        en: `the count ${show(value)} is not a number. Write a whole number ≥ 0.`,
      },
    };
  }
  if (!Number.isFinite(n)) {
    return { ok: false, missing: false, code: 'bad-count', message: { da: 'antallet er ikke et endeligt tal. Skriv et helt tal ≥ 0.', en: 'the count is not a finite number. Write a whole number ≥ 0.' } };
  }
  if (n < 0) {
    return {
      ok: false,
      missing: false,
      code: 'negative-count',
      message: {
        da: `antallet er negativt (${String(n).replace('.', ',')}). Et antal personer er 0 eller mere; ret tallet.`,
        en: `the count is negative (${n}). A number of people is 0 or more; fix the number.`,
      },
    };
  }
  if (!Number.isInteger(n)) {
    return {
      ok: false,
      missing: false,
      code: 'non-integer-count',
      message: {
        da: `antallet ${String(n).replace('.', ',')} er ikke et helt tal. Tæl hele personer (et gennemsnit hører ikke hjemme her).`,
        en: `the count ${n} is not a whole number. Count whole people (an average does not belong here).`,
      },
    };
  }
  return { ok: true, count: n };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of several key spellings present in an object: `time_start`, `timeStart`, … */
export function pick(obj: Record<string, unknown>, keys: readonly string[]): { key: string; value: unknown } | null {
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) return { key: k, value: obj[k] };
  return null;
}

/** A string value (numbers are turned into text; empty text is absent). */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

export { isRecord };

/** Runs the gap check and turns a finished study into the parse result. */
export function finishStudy(study: CityLifeStudy, problems: IssueList, warnings: Issue[], gapOptions: GapOptions = {}): ParseResult {
  if (!problems.empty) return failure(problems, warnings);
  const found = detectGaps(study, gapOptions);
  const g = gapIssues(study, found, gapOptions);
  for (const e of g.errors) problems.add(e.code, e.message, e.where);
  if (!problems.empty) return failure(problems, [...warnings, ...g.warnings]);
  return { ok: true, study, warnings: [...warnings, ...g.warnings], gaps: found.gaps, coverage: found.coverage };
}
