/**
 * Defaults, primary suppression rules, a-priori bounds and costs.
 */
import type { LpSolver } from './lp';
import { DisclosureError, type DisclosureOptions, type ResolvedSettings, type SuppressionReason, type TableCell } from './types';

export const DEFAULT_MIN_CELL_SIZE = 5;

export interface Resolved extends Omit<ResolvedSettings, 'solver'> {
  readonly solver: LpSolver;
}

export function resolveOptions(options: DisclosureOptions, solver: LpSolver): Resolved {
  const minCellSize = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  if (!Number.isInteger(minCellSize) || minCellSize < 1) {
    throw new DisclosureError(`minCellSize is ${String(minCellSize)}; it must be a whole number ≥ 1.`);
  }
  const protectionLevel = options.protectionLevel ?? minCellSize;
  if (!(typeof protectionLevel === 'number' && protectionLevel >= 0 && Number.isFinite(protectionLevel))) {
    throw new DisclosureError(`protectionLevel is ${String(protectionLevel)}; it must be a number ≥ 0.`);
  }
  const rounding = options.rounding ?? null;
  if (rounding && !(Number.isInteger(rounding.base) && rounding.base >= 1)) {
    throw new DisclosureError(`rounding.base is ${String(rounding.base)}; it must be a whole number ≥ 1.`);
  }
  return {
    minCellSize,
    protectionLevel,
    zeroIsSafe: options.zeroIsSafe ?? true,
    cost: options.cost ?? 'value',
    denominatorsKnown: options.denominatorsKnown ?? true,
    attacker: options.attacker ?? 'lp',
    protectSecondary: options.protectSecondary ?? true,
    rounding,
    solver,
  };
}

export function settingsOf(resolved: Resolved): ResolvedSettings {
  return { ...resolved, solver: resolved.solver.name };
}

function small(count: number, min: number): boolean {
  return count >= 1 && count < min;
}

/**
 * The primary rules a cell breaks (empty: it may be published as far as its own value goes).
 * `denominator` is the share's denominator: the cell's own, or the value of its denominator cell.
 */
export function primaryReasons(
  cell: TableCell,
  denominator: number | undefined,
  settings: Pick<ResolvedSettings, 'minCellSize' | 'zeroIsSafe'>,
): SuppressionReason[] {
  const min = settings.minCellSize;
  const reasons: SuppressionReason[] = [];
  if (cell.forceSuppress) reasons.push('forced');
  if (small(cell.value, min)) reasons.push('small-count');
  if (denominator !== undefined) {
    if (small(denominator, min)) reasons.push('small-denominator');
    const complement = denominator - cell.value;
    if (small(complement, min)) reasons.push('small-complement');
    // A share of 0 % or 100 % says something about every member of the group.
    if (!settings.zeroIsSafe && denominator > 0 && (cell.value === 0 || complement === 0)) reasons.push('zero');
  } else if (!settings.zeroIsSafe && cell.value === 0) {
    reasons.push('zero');
  }
  return reasons;
}

/** The denominator of a share cell, or undefined for a plain count. */
export function denominatorOf(cells: readonly TableCell[], denominatorCell: readonly number[], i: number): number | undefined {
  const cell = cells[i]!;
  if (cell.denominator !== undefined) return cell.denominator;
  const d = denominatorCell[i]!;
  return d >= 0 ? cells[d]!.value : undefined;
}

/** Cost per unit of movement when a published cell is drawn in as a complement. */
export function cellCost(cell: TableCell, cost: ResolvedSettings['cost']): number {
  if (cell.cost !== undefined) return cell.cost;
  switch (cost) {
    case 'unity':
      return 1;
    case 'log':
      return 1 + Math.log1p(cell.value);
    case 'value':
      // +1: an empty cell is cheap, not free (free cells would be drawn in for nothing).
      return cell.value + 1;
  }
}
