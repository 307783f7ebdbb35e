/**
 * The attacker check (audit), as tau-ARGUS audits a suppression pattern: for every
 * suppressed cell, the smallest and largest value it can take given everything published.
 *
 * Unknowns: the suppressed cells x_j. Known: every published cell's value. Constraints:
 * - every relation Σ parts = total, with the published values moved to the right-hand side;
 * - x_j ≥ 0 (counts);
 * - for a share whose denominator the attacker knows (denominatorsKnown, or a published
 *   denominator cell): x_j ≤ denominator; a suppressed numerator and a suppressed
 *   denominator cell: x_n − x_d ≤ 0; a published share over a suppressed denominator
 *   cell reveals the denominator (it is then fixed at its value).
 * For each suppressed cell j: min x_j and max x_j (two LPs, or integer programs for the
 * integer attacker), rounded inwards to integers. The cell is protected when
 * max − min ≥ the protection level (capped at the cell's a-priori range, see CellAudit).
 *
 * The program falls apart into independent components (cells linked through relations);
 * each is solved on its own, with warm starts between the objectives of one component.
 */
import type { LpRow, LpSession, LpSolver } from './lp';
import { denominatorOf, primaryReasons, type Resolved } from './rules';
import type { IndexedTable } from './table';
import type { CellAudit, PublishedViolation, TableCell } from './types';

const TOL = 1e-6;

export function tolerance(v: number): number {
  return TOL + 1e-9 * Math.abs(v);
}

export interface AttackerModel {
  /** Cell index of each unknown. */
  readonly cellOf: readonly number[];
  /** Unknown index of each cell, or -1 when published. */
  readonly varOf: Int32Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** The range the attacker knows without any relation: the denominator of a share, else Infinity. */
  readonly apriori: Float64Array;
  readonly rows: readonly LpRow[];
  /** Unknowns grouped into independent components, each with the rows among them. */
  readonly components: readonly { readonly vars: readonly number[]; readonly rows: readonly number[] }[];
}

/** The attacker's program for a suppression pattern (`suppressed[i]` per cell). */
export function attackerModel(table: IndexedTable, suppressed: readonly boolean[], settings: Resolved): AttackerModel {
  const { cells } = table;
  const varOf = new Int32Array(cells.length).fill(-1);
  const cellOf: number[] = [];
  cells.forEach((_, i) => {
    if (suppressed[i]) {
      varOf[i] = cellOf.length;
      cellOf.push(i);
    }
  });
  const n = cellOf.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const apriori = new Float64Array(n).fill(Infinity);
  const rows: LpRow[] = [];
  for (const rel of table.relations) {
    const vars: number[] = [];
    const coefs: number[] = [];
    let rhs = 0;
    for (const p of rel.parts) {
      if (varOf[p]! >= 0) {
        vars.push(varOf[p]!);
        coefs.push(1);
      } else rhs -= cells[p]!.value;
    }
    if (varOf[rel.total]! >= 0) {
      vars.push(varOf[rel.total]!);
      coefs.push(-1);
    } else rhs += cells[rel.total]!.value;
    if (vars.length > 0) rows.push({ vars, coefs, lo: rhs, hi: rhs });
  }
  for (let k = 0; k < n; k++) {
    const cell: TableCell = cells[cellOf[k]!]!;
    if (cell.denominator !== undefined && settings.denominatorsKnown) upper[k] = apriori[k] = cell.denominator;
  }
  for (const [num, den] of table.sharePairs) {
    const vn = varOf[num]!;
    const vd = varOf[den]!;
    if (vn >= 0 && vd >= 0) rows.push({ vars: [vn, vd], coefs: [1, -1], lo: -Infinity, hi: 0 });
    else if (vn >= 0) upper[vn] = apriori[vn] = Math.min(upper[vn]!, cells[den]!.value);
    else if (vd >= 0) {
      // A published share over a suppressed denominator gives the denominator away.
      lower[vd] = cells[den]!.value;
      upper[vd] = cells[den]!.value;
    }
  }
  // Components by union-find over the rows.
  const parent = Array.from({ length: n }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  for (const row of rows) for (let k = 1; k < row.vars.length; k++) parent[find(row.vars[k]!)] = find(row.vars[0]!);
  const byRoot = new Map<number, { vars: number[]; rows: number[] }>();
  for (let k = 0; k < n; k++) {
    const root = find(k);
    let comp = byRoot.get(root);
    if (!comp) byRoot.set(root, (comp = { vars: [], rows: [] }));
    comp.vars.push(k);
  }
  rows.forEach((row, r) => byRoot.get(find(row.vars[0]!))!.rows.push(r));
  return { cellOf, varOf, lower, upper, apriori, rows, components: [...byRoot.values()] };
}

/** The width demanded of suppressed cell `k` of the model (see CellAudit.required). */
export function requiredWidth(model: AttackerModel, k: number, isPrimary: boolean, settings: Resolved): number {
  if (!isPrimary && !settings.protectSecondary) return 0;
  return Math.min(settings.protectionLevel, model.apriori[k]!);
}

export interface Interval {
  readonly min: number;
  readonly max: number;
}

/** Two feasible completions of the suppressed cells (cell index → value) at the low and high end. */
export interface Witness {
  readonly low: ReadonlyMap<number, number>;
  readonly high: ReadonlyMap<number, number>;
}

/**
 * Exact attacker intervals of the unknowns `targets` (all unknowns when omitted). Bounds that
 * a known feasible point (the true values, or an earlier optimum) already attains need no LP.
 */
export function attackerIntervals(
  table: IndexedTable,
  model: AttackerModel,
  solver: LpSolver,
  integer: boolean,
  targets?: ReadonlySet<number>,
  withWitnesses = false,
): { intervals: Map<number, Interval>; solves: number; witnesses: Map<number, Witness> } {
  const intervals = new Map<number, Interval>();
  const witnesses = new Map<number, Witness>();
  let solves = 0;
  for (const comp of model.components) {
    const wanted = targets ? comp.vars.filter((k) => targets.has(k)) : comp.vars;
    if (wanted.length === 0) continue;
    // Local numbering within the component.
    const local = new Map<number, number>();
    comp.vars.forEach((k, l) => local.set(k, l));
    const lower = Float64Array.from(comp.vars, (k) => model.lower[k]!);
    const upper = Float64Array.from(comp.vars, (k) => model.upper[k]!);
    const seenMin = Float64Array.from(comp.vars, (k) => table.cells[model.cellOf[k]!]!.value);
    const seenMax = Float64Array.from(seenMin);
    // The feasible points at which seenMin / seenMax were seen (for witnesses).
    const truth = Float64Array.from(seenMin);
    const minAt: Float64Array[] = comp.vars.map(() => truth);
    const maxAt: Float64Array[] = comp.vars.map(() => truth);
    const observe = (x: Float64Array): void => {
      for (let l = 0; l < x.length; l++) {
        if (x[l]! < seenMin[l]!) {
          seenMin[l] = x[l]!;
          minAt[l] = x;
        }
        if (x[l]! > seenMax[l]!) {
          seenMax[l] = x[l]!;
          maxAt[l] = x;
        }
      }
    };
    const asCells = (x: Float64Array): Map<number, number> => new Map(comp.vars.map((k, l) => [model.cellOf[k]!, x[l]!]));
    let session: LpSession | undefined;
    const open = (): LpSession =>
      (session ??= solver.open({
        numVars: comp.vars.length,
        lower,
        upper,
        integer,
        rows: comp.rows.map((r) => {
          const row = model.rows[r]!;
          return { ...row, vars: row.vars.map((k) => local.get(k)!) };
        }),
      }));
    try {
      for (const k of wanted) {
        const l = local.get(k)!;
        let min: number;
        if (seenMin[l]! <= lower[l]! + tolerance(lower[l]!)) min = lower[l]!;
        else {
          solves++;
          const res = open().optimize({ vars: [l], coefs: [1] }, 'min');
          if (res.status !== 'optimal') throw new Error(`The attacker's minimum LP ended "${res.status}"; the table is inconsistent.`);
          observe(res.x);
          min = Math.max(lower[l]!, Math.ceil(res.objective - tolerance(res.objective)));
        }
        let max: number;
        if (Number.isFinite(upper[l]!) && seenMax[l]! >= upper[l]! - tolerance(upper[l]!)) max = upper[l]!;
        else {
          solves++;
          const res = open().optimize({ vars: [l], coefs: [1] }, 'max');
          if (res.status === 'optimal') {
            observe(res.x);
            max = Math.min(upper[l]!, Math.floor(res.objective + tolerance(res.objective)));
          } else if (res.status === 'unbounded' || res.status === 'infeasible-or-unbounded') {
            // The true values are feasible, so "one of the two" means unbounded.
            max = Infinity;
            if (withWitnesses) {
              // A point far up the unbounded direction, for the witness.
              const session = open();
              session.setBounds(l, lower[l]!, seenMax[l]! + 1e6);
              const capped = session.optimize({ vars: [l], coefs: [1] }, 'max');
              session.setBounds(l, lower[l]!, upper[l]!);
              if (capped.status === 'optimal') observe(capped.x);
            }
          } else throw new Error(`The attacker's maximum LP ended "${res.status}"; the table is inconsistent.`);
        }
        intervals.set(k, { min, max });
        if (withWitnesses) witnesses.set(k, { low: asCells(minAt[l]!), high: asCells(maxAt[l]!) });
      }
    } finally {
      session?.dispose();
    }
  }
  return { intervals, solves, witnesses };
}

/** The attacker check of a suppression pattern. */
export function auditPattern(
  table: IndexedTable,
  suppressed: readonly boolean[],
  primary: readonly boolean[],
  settings: Resolved,
): { cells: CellAudit[]; publishedViolations: PublishedViolation[]; solves: number } {
  const model = attackerModel(table, suppressed, settings);
  const { intervals, solves } = attackerIntervals(table, model, settings.solver, settings.attacker === 'integer');
  const cells: CellAudit[] = [];
  const publishedViolations: PublishedViolation[] = [];
  table.cells.forEach((cell, i) => {
    if (!suppressed[i]) {
      const reasons = primaryReasons(cell, denominatorOf(table.cells, table.denominatorCell, i), settings);
      if (reasons.length > 0) publishedViolations.push({ id: cell.id, value: cell.value, reasons });
      return;
    }
    const k = model.varOf[i]!;
    const { min, max } = intervals.get(k)!;
    const required = requiredWidth(model, k, primary[i]!, settings);
    const width = max - min;
    cells.push({
      id: cell.id,
      status: primary[i] ? 'primary' : 'secondary',
      value: cell.value,
      min,
      max,
      width,
      required,
      safe: width >= required - tolerance(required),
    });
  });
  return { cells, publishedViolations, solves };
}
