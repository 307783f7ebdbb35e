/**
 * An independent check of a protected table, for tests: it re-derives the primary rules from
 * scratch and, for every suppressed cell, asks the solver for two completions of the table
 * (the attacker's lowest and highest value) and verifies them itself — every relation holds
 * with the published values, every count is non-negative, every share within its
 * denominator — and that they lie at least the required width apart. It trusts the solver
 * for nothing but finding the points.
 */
import { attackerIntervals, attackerModel } from './audit';
import type { LpSolver } from './lp';
import { resolveOptions } from './rules';
import { indexTable } from './table';
import type { DisclosureOptions, ProtectedTable } from './types';

function ruleBroken(value: number, denominator: number | undefined, min: number, zeroIsSafe: boolean): boolean {
  const small = (v: number): boolean => v > 0 && v < min;
  if (small(value)) return true;
  if (denominator === undefined) return !zeroIsSafe && value === 0;
  if (small(denominator) || small(denominator - value)) return true;
  return !zeroIsSafe && denominator > 0 && (value === 0 || value === denominator);
}

/** Problems found (empty when the table is safe). */
export function certify(result: ProtectedTable, options: DisclosureOptions, solver: LpSolver): string[] {
  const problems: string[] = [];
  const settings = resolveOptions(options, solver);
  const min = settings.minCellSize;
  const p = settings.protectionLevel;
  const table = indexTable(result);
  const { cells } = result;
  const byId = new Map(cells.map((c, i) => [c.id, i]));
  const denOf = (i: number): number | undefined => {
    const c = cells[i]!;
    if (c.denominator !== undefined) return c.denominator;
    return c.denominatorCell !== undefined ? cells[byId.get(c.denominatorCell)!]!.value : undefined;
  };
  cells.forEach((cell, i) => {
    const broken = ruleBroken(cell.value, denOf(i), min, settings.zeroIsSafe) || cell.forceSuppress === true;
    if (cell.status === 'published' && broken) problems.push(`published cell ${cell.id} = ${cell.value} breaks a primary rule`);
    if (cell.status === 'primary' && !broken) problems.push(`cell ${cell.id} = ${cell.value} is primary but breaks no rule`);
    if (cell.status === 'published' && cell.denominatorCell !== undefined && cells[byId.get(cell.denominatorCell)!]!.status !== 'published') {
      problems.push(`published share ${cell.id} over suppressed denominator ${cell.denominatorCell}`);
    }
  });
  const suppressed = cells.map((c) => c.status !== 'published');
  const model = attackerModel(table, suppressed, settings);
  const { witnesses } = attackerIntervals(table, model, solver, settings.attacker === 'integer', undefined, true);
  const feasible = (point: ReadonlyMap<number, number>): string | null => {
    const v = (i: number): number => (suppressed[i] ? point.get(i)! : cells[i]!.value);
    for (const [i, x] of point) {
      if (x < -1e-7) return `${cells[i]!.id} = ${x} < 0`;
      const c = cells[i]!;
      if (c.denominator !== undefined && settings.denominatorsKnown && x > c.denominator + 1e-6) return `${c.id} = ${x} > its denominator`;
      const d = c.denominatorCell !== undefined ? byId.get(c.denominatorCell)! : -1;
      if (d >= 0 && x > v(d) + 1e-6) return `${c.id} = ${x} > its denominator cell`;
    }
    for (const rel of result.relations) {
      const sum = rel.parts.reduce((s, id) => s + v(byId.get(id)!), 0);
      const total = v(byId.get(rel.total)!);
      if (Math.abs(sum - total) > 1e-6 * (1 + Math.abs(total))) return `relation ${rel.total}: parts ${sum} ≠ total ${total}`;
    }
    return null;
  };
  cells.forEach((cell, i) => {
    if (!suppressed[i]) return;
    const w = witnesses.get(model.varOf[i]!)!;
    for (const point of [w.low, w.high]) {
      const bad = feasible(point);
      if (bad) problems.push(`witness for ${cell.id} is not feasible: ${bad}`);
    }
    let range = Infinity;
    if (cell.denominator !== undefined && settings.denominatorsKnown) range = cell.denominator;
    if (cell.denominatorCell !== undefined) {
      const d = byId.get(cell.denominatorCell)!;
      if (!suppressed[d]) range = cells[d]!.value;
    }
    const required = cell.status === 'secondary' && !settings.protectSecondary ? 0 : Math.min(p, range);
    const width = w.high.get(i)! - w.low.get(i)!;
    if (width < required - 1e-6) problems.push(`suppressed cell ${cell.id} = ${cell.value}: width ${width} < ${required}`);
  });
  return problems;
}
