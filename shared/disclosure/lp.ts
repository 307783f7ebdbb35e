/**
 * The small solver interface disclosure control needs, so that the solver (HiGHS compiled
 * to WebAssembly by default, see ./highs.ts) can be loaded differently in Node and in a
 * browser worker, or replaced.
 *
 * A program is: variables with bounds `lower ≤ x ≤ upper` (upper may be Infinity), rows
 * `lo ≤ Σ coef·x ≤ hi` (lo = hi for an equation; ±Infinity for a missing side). A session
 * keeps one program in memory and optimises it for a sequence of objectives and bounds,
 * which lets a simplex solver warm-start from the previous basis.
 */

export interface LpRow {
  readonly vars: readonly number[];
  readonly coefs: readonly number[];
  readonly lo: number;
  readonly hi: number;
}

export interface LinearProgram {
  readonly numVars: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly rows: readonly LpRow[];
  /** All variables integer (a mixed-integer program). */
  readonly integer?: boolean;
}

export type LpResult =
  | { readonly status: 'optimal'; readonly objective: number; readonly x: Float64Array }
  | { readonly status: 'unbounded' }
  | { readonly status: 'infeasible' }
  /** The solver could not tell which; callers know from context (e.g. a known feasible point). */
  | { readonly status: 'infeasible-or-unbounded' };

/** A sparse objective: Σ coefs[k] · x[vars[k]]; every other variable costs 0. */
export interface LpObjective {
  readonly vars: readonly number[];
  readonly coefs: readonly number[];
}

export interface LpSession {
  optimize(objective: LpObjective, sense: 'min' | 'max'): LpResult;
  /** Changes the bounds of one variable for the following solves. */
  setBounds(variable: number, lower: number, upper: number): void;
  /** Releases the solver's memory (WebAssembly memory is not garbage-collected). */
  dispose(): void;
}

export interface LpSolver {
  /** Name and version, recorded in reports. */
  readonly name: string;
  open(program: LinearProgram): LpSession;
}
