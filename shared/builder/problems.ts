/**
 * Problems found while reading and validating the input. Row-level findings are gathered
 * per (code, place) into one problem with its first row, a sample of further rows and a
 * count, so a column with 10 000 bad cells gives one readable entry, not 10 000.
 */
import { renderMessage, type ProblemCode, type ProblemParams, type Severity } from './messages';
import type { Bilingual } from './text';

export interface ProblemPlace {
  /** Table name (from extract.json). */
  table?: string;
  /** Area layer id (from extract.json). */
  layer?: string;
  /** File in the input folder. */
  file?: string;
  column?: string;
}

export interface Problem extends ProblemPlace {
  severity: Severity;
  code: ProblemCode;
  /** First row, 1-based as in the file with the header as row 1 (as a spreadsheet counts). */
  row?: number;
  /** First feature of a layer, 1-based in file order. */
  feature?: number;
  /** Id of that feature, when it has one. */
  featureId?: string;
  /** How many rows or features the problem concerns, when more than one. */
  count?: number;
  /** Further rows (or features), at most SAMPLE_SIZE, in file order. */
  moreRows?: number[];
  message: Bilingual;
  fix: Bilingual;
}

export const SAMPLE_SIZE = 10;

interface Gathered {
  code: ProblemCode;
  params: unknown;
  place: ProblemPlace;
  rows: number[];
  count: number;
  kind: 'row' | 'feature';
  featureId?: string;
}

export class ProblemList {
  private readonly single: Problem[] = [];
  private readonly gathered = new Map<string, Gathered>();

  add<C extends ProblemCode>(code: C, params: ProblemParams<C>, place: ProblemPlace = {}, at: { row?: number; feature?: number; featureId?: string } = {}): void {
    const text = renderMessage(code, params);
    const problem: Problem = { severity: text.severity, code, ...clean(place), ...clean(at), message: text.message, fix: text.fix };
    this.single.push(problem);
  }

  /** Adds one row to the problem gathered under (code, place); params come from the first row. */
  addRow<C extends ProblemCode>(code: C, params: ProblemParams<C>, place: ProblemPlace, row: number): void {
    this.gather(code, params, place, row, 'row');
  }

  addFeature<C extends ProblemCode>(code: C, params: ProblemParams<C>, place: ProblemPlace, feature: number, featureId?: string): void {
    this.gather(code, params, place, feature, 'feature', featureId);
  }

  private gather(code: ProblemCode, params: unknown, place: ProblemPlace, at: number, kind: Gathered['kind'], featureId?: string): void {
    const key = JSON.stringify([code, place.table ?? '', place.layer ?? '', place.file ?? '', place.column ?? '']);
    const entry = this.gathered.get(key);
    if (entry) {
      entry.count++;
      if (entry.rows.length <= SAMPLE_SIZE) entry.rows.push(at);
      return;
    }
    const created: Gathered = { code, params, place, rows: [at], count: 1, kind };
    if (featureId !== undefined) created.featureId = featureId;
    this.gathered.set(key, created);
  }

  get hasErrors(): boolean {
    return this.list().some((p) => p.severity === 'error');
  }

  list(): Problem[] {
    const out = [...this.single];
    for (const g of this.gathered.values()) {
      const text = renderMessage(g.code, g.params as never);
      const [first, ...more] = g.rows;
      const problem: Problem = { severity: text.severity, code: g.code, ...clean(g.place), message: text.message, fix: text.fix };
      if (g.kind === 'row') problem.row = first;
      else {
        problem.feature = first;
        if (g.featureId !== undefined) problem.featureId = g.featureId;
      }
      if (g.count > 1) {
        problem.count = g.count;
        problem.moreRows = more.slice(0, SAMPLE_SIZE);
      }
      out.push(problem);
    }
    return sortProblems(out);
  }
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Deterministic order: errors first, then extract.json, files, layers, tables; by name, column, row, code. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const scope = (p: Problem) => (p.table !== undefined ? 3 : p.layer !== undefined ? 2 : p.file !== undefined ? 1 : 0);
  const cmp = (a: string | number | undefined, b: string | number | undefined) => {
    if (a === b) return 0;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    return a < b ? -1 : 1;
  };
  return [...problems].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      scope(a) - scope(b) ||
      cmp(a.table ?? a.layer ?? a.file, b.table ?? b.layer ?? b.file) ||
      cmp(a.column, b.column) ||
      cmp(a.row ?? a.feature, b.row ?? b.feature) ||
      cmp(a.code, b.code) ||
      cmp(a.message.en, b.message.en),
  );
}
