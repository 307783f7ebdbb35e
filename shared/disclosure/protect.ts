/**
 * Secondary (complementary) suppression by per-cell protection programs — the linear
 * relaxation behind the network-flow and "optimal" methods of cell suppression (Kelly,
 * Golden & Assad 1992; Cox 1995; Fischetti & Salazar-González 1999/2000; tau-ARGUS's
 * Network and Optimal methods), which works for any list of linear relations, hierarchical
 * or not, and proves each cell's protection as it goes.
 *
 * For a suppressed cell u that needs a width of at least p, find a perturbation y of the
 * table that keeps every relation (A y = 0), keeps every count non-negative
 * (y_j ≥ −a_j, and y_j ≤ d_j − a_j under a known denominator d_j), moves u by p (up, or
 * down if a_u ≥ p), and moves only cells that are, or become, suppressed. Among such
 * perturbations, take the cheapest: minimise Σ c_j |y_j| over published cells j (c_j the
 * cost of the cell: its value + 1 by default; already suppressed cells are free), with
 * |y_j| = y⁺_j + y⁻_j. Every published cell the solution moves becomes a secondary
 * suppression. Since the true table a and a + y are both consistent with everything still
 * published, the attacker's interval of u then contains [a_u, a_u + p]: a width of at least
 * p, whatever else is suppressed later (suppressing more only widens intervals), and every
 * moved cell j is shown to have a width of at least |y_j|.
 *
 * Secondary cells are protected the same way when the witness so far does not show their
 * width (protectSecondary). The result is then verified by the attacker check (audit.ts),
 * and any cell it finds short is protected again with a larger target.
 */
import type { LpSession, LpSolver } from './lp';
import { cellCost, type Resolved } from './rules';
import type { IndexedTable } from './table';

const MOVE_EPS = 1e-7;

interface Component {
  /** Cell indices; local index l ↔ variables y⁺ = 2l, y⁻ = 2l + 1. */
  readonly cells: readonly number[];
  readonly relations: readonly number[];
  readonly pairs: readonly (readonly [number, number])[];
  session?: LpSession;
}

export class Protector {
  readonly suppressed: boolean[];
  /** A width each cell is shown to have by a witness perturbation (0 until shown). */
  readonly proven: Float64Array;
  /** Cells that no suppression pattern can protect (e.g. fixed by cells that must be published). */
  readonly unprotectable = new Set<number>();
  solves = 0;
  private readonly componentOf: Int32Array;
  private readonly localOf: Int32Array;
  private readonly components: Component[] = [];
  private readonly costs: Float64Array;

  constructor(
    private readonly table: IndexedTable,
    primary: readonly boolean[],
    private readonly settings: Resolved,
    private readonly solver: LpSolver = settings.solver,
  ) {
    const { cells } = table;
    this.suppressed = [...primary];
    this.proven = new Float64Array(cells.length);
    this.costs = Float64Array.from(cells, (c) => cellCost(c, settings.cost));
    // Components of the relation graph over all cells (published ones included).
    const parent = Array.from({ length: cells.length }, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    const union = (a: number, b: number): void => {
      parent[find(a)] = find(b);
    };
    for (const rel of table.relations) for (const p of rel.parts) union(p, rel.total);
    for (const [n, d] of table.sharePairs) union(n, d);
    const linked = new Uint8Array(cells.length);
    for (const rel of table.relations) for (const c of [rel.total, ...rel.parts]) linked[c] = 1;
    for (const [n, d] of table.sharePairs) linked[n] = linked[d] = 1;
    this.componentOf = new Int32Array(cells.length).fill(-1);
    this.localOf = new Int32Array(cells.length).fill(-1);
    const byRoot = new Map<number, { cells: number[]; relations: number[]; pairs: (readonly [number, number])[] }>();
    cells.forEach((_, i) => {
      if (!linked[i]) {
        // Nothing published relates to this cell: suppressing it reveals nothing beyond its a-priori range.
        this.proven[i] = Infinity;
        return;
      }
      const root = find(i);
      let comp = byRoot.get(root);
      if (!comp) byRoot.set(root, (comp = { cells: [], relations: [], pairs: [] }));
      this.localOf[i] = comp.cells.length;
      comp.cells.push(i);
    });
    table.relations.forEach((rel, r) => byRoot.get(find(rel.total))!.relations.push(r));
    for (const pair of table.sharePairs) byRoot.get(find(pair[0]))!.pairs.push(pair);
    for (const comp of byRoot.values()) {
      for (const i of comp.cells) this.componentOf[i] = this.components.length;
      this.components.push(comp);
    }
  }

  /** Upward room of a cell: up to its known denominator, else unbounded. */
  private headroom(i: number): number {
    const cell = this.table.cells[i]!;
    if (cell.alwaysPublished) return 0;
    if (cell.denominator !== undefined && this.settings.denominatorsKnown) return cell.denominator - cell.value;
    return Infinity;
  }

  private downroom(i: number): number {
    const cell = this.table.cells[i]!;
    return cell.alwaysPublished ? 0 : cell.value;
  }

  /** The width cell i must have (the protection level, capped at its a-priori range). */
  required(i: number): number {
    const cell = this.table.cells[i]!;
    let range = Infinity;
    if (cell.denominator !== undefined && this.settings.denominatorsKnown) range = cell.denominator;
    const d = this.table.denominatorCell[i]!;
    if (d >= 0 && !this.suppressed[d]) range = this.table.cells[d]!.value;
    return Math.min(this.settings.protectionLevel, range);
  }

  private session(comp: Component): LpSession {
    if (comp.session) return comp.session;
    const { cells } = this.table;
    const n = comp.cells.length * 2;
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    comp.cells.forEach((i, l) => {
      upper[2 * l] = this.headroom(i);
      upper[2 * l + 1] = this.downroom(i);
    });
    const rows = comp.relations.map((r) => {
      const rel = this.table.relations[r]!;
      const vars: number[] = [];
      const coefs: number[] = [];
      const add = (i: number, sign: number): void => {
        const l = this.localOf[i]!;
        vars.push(2 * l, 2 * l + 1);
        coefs.push(sign, -sign);
      };
      for (const p of rel.parts) add(p, 1);
      add(rel.total, -1);
      return { vars, coefs, lo: 0, hi: 0 };
    });
    for (const [num, den] of comp.pairs) {
      const ln = this.localOf[num]!;
      const ld = this.localOf[den]!;
      rows.push({
        vars: [2 * ln, 2 * ln + 1, 2 * ld, 2 * ld + 1],
        coefs: [1, -1, -1, 1],
        lo: -Infinity,
        hi: cells[den]!.value - cells[num]!.value,
      });
    }
    comp.session = this.solver.open({ numVars: n, lower, upper, rows });
    return comp.session;
  }

  /**
   * Solves one protection program: cell i moves up by `up` (or down by `down`). Returns the
   * movement of every cell of the component and the cost, or null when impossible.
   */
  private solve(comp: Component, i: number, up: number, down: number): { move: Float64Array; cost: number } | null {
    const session = this.session(comp);
    const l = this.localOf[i]!;
    const vars: number[] = [];
    const coefs: number[] = [];
    comp.cells.forEach((c, k) => {
      if (this.suppressed[c]) return;
      vars.push(2 * k, 2 * k + 1);
      coefs.push(this.costs[c]!, this.costs[c]!);
    });
    session.setBounds(2 * l, up, up > 0 ? this.headroom(i) : 0);
    session.setBounds(2 * l + 1, down, down > 0 ? this.downroom(i) : 0);
    this.solves++;
    let result;
    try {
      result = session.optimize({ vars, coefs }, 'min');
    } finally {
      session.setBounds(2 * l, 0, this.headroom(i));
      session.setBounds(2 * l + 1, 0, this.downroom(i));
    }
    if (result.status !== 'optimal') return null;
    const move = new Float64Array(comp.cells.length);
    for (let k = 0; k < move.length; k++) move[k] = result.x[2 * k]! - result.x[2 * k + 1]!;
    return { move, cost: result.objective };
  }

  /** Suppresses what the movement needs, records the witness; returns the newly suppressed cells. */
  private apply(comp: Component, move: Float64Array): number[] {
    const added: number[] = [];
    comp.cells.forEach((c, k) => {
      const m = Math.abs(move[k]!);
      if (m <= MOVE_EPS * (1 + this.table.cells[c]!.value)) return;
      if (m > this.proven[c]!) this.proven[c] = m;
      if (!this.suppressed[c]) {
        this.suppressed[c] = true;
        added.push(c);
      }
    });
    return added;
  }

  /** A published share over a suppressed denominator cell would give the denominator away. */
  private enforceShares(): number[] {
    const added: number[] = [];
    for (const [num, den] of this.table.sharePairs) {
      if (this.suppressed[den] && !this.suppressed[num]) {
        this.suppressed[num] = true;
        added.push(num);
      }
    }
    return added;
  }

  /**
   * Protects the given cells (already suppressed) and, transitively, every complement drawn
   * in. `extra` raises a cell's target above its requirement (after a failed audit).
   */
  protect(cells: readonly number[], primary: readonly boolean[], extra: ReadonlyMap<number, number> = new Map()): void {
    const queue = [...cells, ...this.enforceShares()];
    const needs = (i: number): boolean => primary[i]! || this.settings.protectSecondary;
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q]!;
      if (!needs(i) || this.unprotectable.has(i)) continue;
      // Whole units: the attacker knows counts are integers, so a width of 4.5 is a width of 4.
      const target = Math.ceil(this.required(i) - 1e-9) + (extra.get(i) ?? 0);
      if (this.proven[i]! >= target - 1e-9) continue;
      const c = this.componentOf[i]!;
      if (c < 0) continue;
      const comp = this.components[c]!;
      const up = this.headroom(i);
      const down = this.downroom(i);
      const plans: [number, number][] = [];
      if (up >= target) plans.push([target, 0]);
      if (down >= target) plans.push([0, target]);
      let best: { move: Float64Array; cost: number } | null = null;
      for (const [u, d] of plans) {
        const found = this.solve(comp, i, u, d);
        if (found && (!best || found.cost < best.cost - 1e-9)) best = found;
        // Free: the cells already suppressed protect it; the other direction cannot be cheaper.
        if (best && best.cost <= 1e-9) break;
      }
      let added: number[] = [];
      if (best) {
        added = this.apply(comp, best.move);
        this.proven[i] = Math.max(this.proven[i]!, target);
      } else if (plans.length === 0 && up + down >= target && up > 0 && down > 0) {
        // Neither direction alone has room (a share whose known denominator is below the
        // protection level): move up to the denominator in one perturbation, down to 0 in another.
        const upward = this.solve(comp, i, up, 0);
        const downward = upward && this.solve(comp, i, 0, down);
        if (upward && downward) {
          added = [...this.apply(comp, upward.move), ...this.apply(comp, downward.move)];
          this.proven[i] = Math.max(this.proven[i]!, up + down);
        } else this.unprotectable.add(i);
      } else this.unprotectable.add(i);
      queue.push(...added, ...this.enforceShares());
    }
  }

  dispose(): void {
    for (const comp of this.components) {
      comp.session?.dispose();
      comp.session = undefined;
    }
  }
}
