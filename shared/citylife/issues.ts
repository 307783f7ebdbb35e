/**
 * Problems (errors) and warnings found while importing city-life registrations. Each names
 * the problem and what to do, in Danish and English, and says where: file, row (the line
 * number a spreadsheet shows, header = 1), site, field or JSON path.
 */
import type { Bilingual, CityLifeStudy } from './model';
import type { Gap, SiteCoverage } from './gaps';

export type IssueCode =
  | 'empty-input'
  | 'json-syntax'
  | 'not-an-object'
  | 'missing-field'
  | 'bad-value'
  | 'missing-column'
  | 'row-field-count'
  | 'unknown-site'
  | 'end-before-start'
  | 'empty-window'
  | 'negative-count'
  | 'non-integer-count'
  | 'bad-count'
  | 'missing-count'
  | 'bad-timestamp'
  | 'nonexistent-local-time'
  | 'ambiguous-local-time'
  | 'duplicate-id'
  | 'duplicate-row'
  | 'unknown-kind'
  | 'unknown-geometry'
  | 'bad-geometry'
  | 'coordinates-out-of-range'
  | 'no-geometry'
  | 'no-registrations'
  | 'irregular-interval'
  | 'gaps'
  | 'gaps-exceed-threshold'
  // Evaluation refusals and warnings.
  | 'bad-range'
  | 'periods-overlap'
  | 'no-data-in-period'
  | 'no-people-in-period'
  | 'comparison-no-data'
  | 'bad-comparison'
  | 'not-identifiable'
  | 'few-days'
  | 'gaps-in-period';

export interface IssueWhere {
  file?: string;
  /** Line number in the file as a spreadsheet shows it (header row = 1). */
  row?: number;
  siteId?: string;
  field?: string;
  /** JSON path, e.g. "surveys[3].time_stop". */
  path?: string;
  /** A time range the issue concerns (epoch ms). */
  from?: number;
  to?: number;
}

export interface Issue {
  code: IssueCode;
  message: Bilingual;
  where: IssueWhere;
}

/** At most this many problems are listed; the total is counted beyond it. */
export const MAX_LISTED = 20;

export type ParseResult =
  | {
      ok: true;
      study: CityLifeStudy;
      warnings: Issue[];
      /** Every gap found (warnings summarise them per site). */
      gaps: Gap[];
      coverage: SiteCoverage[];
    }
  | {
      ok: false;
      /** The first MAX_LISTED problems. */
      problems: Issue[];
      /** How many problems there were in all. */
      problemCount: number;
      warnings: Issue[];
    };

export class IssueList {
  readonly listed: Issue[] = [];
  count = 0;

  add(code: IssueCode, message: Bilingual, where: IssueWhere = {}): void {
    this.count++;
    if (this.listed.length < MAX_LISTED) this.listed.push({ code, message, where });
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** The failure result, with a last line saying how many more there were. */
export function failure(problems: IssueList, warnings: Issue[]): Extract<ParseResult, { ok: false }> {
  return { ok: false, problems: problems.listed.slice(), problemCount: problems.count, warnings };
}

/** "Række 14: " / "Row 14: " or the JSON path, as a message prefix. */
export function placePrefix(where: IssueWhere): Bilingual {
  if (where.row !== undefined) return { da: `Række ${where.row}: `, en: `Row ${where.row}: ` };
  if (where.path !== undefined) return { da: `${where.path}: `, en: `${where.path}: ` };
  return { da: '', en: '' };
}

/** Prefix a message with its place. */
export function at(where: IssueWhere, message: Bilingual): Bilingual {
  const p = placePrefix(where);
  return { da: p.da + message.da, en: p.en + message.en };
}

/** At most this many characters of a value are shown in a message. */
const SHOW_LIMIT = 60;
/** Shown for a value that cannot be described at all (the same in Danish and English messages). */
export const UNSHOWABLE = '(…)';

/**
 * Text of any JSON-ish value for a message, shortened. Total: it never throws, whatever it is
 * given (values nested thousands of levels deep, objects whose toString is not a function,
 * bigints inside arrays). Arrays and objects are written as JSON, but only as far as the
 * message shows them: each level writes at least one character before descending, so the
 * depth it walks is bounded by the length it writes.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    if (typeof value === 'string') text = `"${value.length > SHOW_LIMIT ? value.slice(0, SHOW_LIMIT) : value}"`;
    else {
      const out = { text: '' };
      describeValue(value, out, 0);
      text = out.text;
    }
  } catch {
    return UNSHOWABLE;
  }
  return text.length > SHOW_LIMIT ? `${text.slice(0, SHOW_LIMIT - 3)}…` : text;
}

/** Nesting beyond this is written as "[…]" / "{…}" (it could not be shown within the limit anyway). */
const SHOW_MAX_DEPTH = SHOW_LIMIT;

/** Appends JSON-like text for a value to out.text, stopping once past the limit. */
function describeValue(value: unknown, out: { text: string }, depth: number): void {
  if (out.text.length > SHOW_LIMIT) return;
  if (value === null) out.text += 'null';
  else if (value === undefined) out.text += depth === 0 ? 'undefined' : 'null';
  else if (typeof value === 'string') out.text += JSON.stringify(value.length > SHOW_LIMIT ? value.slice(0, SHOW_LIMIT) : value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.text += String(value);
  else if (typeof value === 'bigint') out.text += value.toString();
  else if (value instanceof Date) out.text += Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else if (typeof value !== 'object') out.text += depth === 0 ? `(${typeof value})` : 'null';
  else if (Array.isArray(value)) {
    if (depth >= SHOW_MAX_DEPTH) {
      out.text += '[…]';
      return;
    }
    out.text += '[';
    for (let i = 0; i < value.length; i++) {
      if (out.text.length > SHOW_LIMIT) return;
      if (i > 0) out.text += ',';
      describeValue(value[i], out, depth + 1);
    }
    out.text += ']';
  } else {
    if (depth >= SHOW_MAX_DEPTH) {
      out.text += '{…}';
      return;
    }
    out.text += '{';
    let first = true;
    for (const key in value) {
      if (out.text.length > SHOW_LIMIT) return;
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      if (!first) out.text += ',';
      first = false;
      out.text += `${JSON.stringify(key.length > SHOW_LIMIT ? key.slice(0, SHOW_LIMIT) : key)}:`;
      describeValue(v, out, depth + 1);
    }
    out.text += '}';
  }
}
