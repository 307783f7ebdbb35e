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

/** Text of any JSON-ish value for a message, shortened. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `"${value}"`;
  else if (typeof value === 'bigint') text = value.toString();
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
