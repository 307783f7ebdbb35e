/**
 * Disclosure control for exports: primary suppression (minimum cell size, shares whose
 * numerator, denominator or complement is small), secondary suppression across every
 * published relation, optional rounding, and the attacker check that proves the result:
 * for every suppressed cell, the interval of values consistent with everything published
 * is at least the protection level wide. Pure and isomorphic (Node, browser, Web Worker).
 * Rules, the LP formulation and limits: docs/disclosure.md.
 *
 *   const table = buildCrossTable(dimensions, leaves);
 *   const result = await protectTable(table, { minCellSize: 5 });
 *   if (!result.audit.ok) refuse the export;
 */
import { auditPattern } from './audit';
import { loadHighsSolver } from './highs';
import type { LpSolver } from './lp';
import { Protector } from './protect';
import { denominatorOf, primaryReasons, resolveOptions, settingsOf, type Resolved } from './rules';
import { roundToBase } from './rounding';
import { indexTable, type IndexedTable } from './table';
import {
  DisclosureError,
  type AuditableTable,
  type AuditReport,
  type DisclosureOptions,
  type ProtectedCell,
  type ProtectedTable,
  type PublishedTable,
  type SuppressionReason,
  type TableCell,
} from './types';

export * from './types';
export type { LinearProgram, LpObjective, LpResult, LpRow, LpSession, LpSolver } from './lp';
export { highsSolver, loadHighsSolver, type HighsLoadOptions } from './highs';
export { buildCrossTable, crossCellId, type Dimension, type LeafCount } from './table';
export { primaryReasons, DEFAULT_MIN_CELL_SIZE } from './rules';
export { roundToBase } from './rounding';

async function resolve(options: DisclosureOptions): Promise<Resolved> {
  const solver: LpSolver = await (options.solver ?? loadHighsSolver());
  return resolveOptions(options, solver);
}

function report(
  table: IndexedTable,
  suppressed: readonly boolean[],
  primary: readonly boolean[],
  settings: Resolved,
): AuditReport {
  const { cells, publishedViolations, solves } = auditPattern(table, suppressed, primary, settings);
  return {
    ok: publishedViolations.length === 0 && cells.every((c) => c.safe),
    cells,
    publishedViolations,
    solves,
    settings: settingsOf(settings),
  };
}

/**
 * Primary and secondary suppression, optional rounding, and the attacker check of the result.
 * Deterministic: the same table and options give the same pattern. Check `audit.ok` before
 * exporting; it is false only when some cell cannot be protected at all (see the audit's
 * cells), e.g. when cells marked alwaysPublished pin it down.
 */
export async function protectTable(table: PublishedTable, options: DisclosureOptions = {}): Promise<ProtectedTable> {
  const settings = await resolve(options);
  const indexed = indexTable(table);
  const { cells } = indexed;
  const reasons: SuppressionReason[][] = cells.map((cell, i) =>
    primaryReasons(cell, denominatorOf(cells, indexed.denominatorCell, i), settings),
  );
  const primary = reasons.map((r) => r.length > 0);
  cells.forEach((cell, i) => {
    if (cell.alwaysPublished && primary[i]) {
      throw new DisclosureError(
        `Cell "${cell.id}" must be published but breaks the rule(s) ${reasons[i]!.join(', ')}; leave it out of the export.`,
      );
    }
  });
  const protector = new Protector(indexed, primary, settings);
  let audit: AuditReport;
  try {
    protector.protect(
      cells.flatMap((_, i) => (primary[i] ? [i] : [])),
      primary,
    );
    const maxRounds = options.maxRounds ?? 5;
    const extra = new Map<number, number>();
    for (let round = 1; ; round++) {
      audit = report(indexed, protector.suppressed, primary, settings);
      if (audit.ok || round >= maxRounds) break;
      // The witnesses promised more than the attacker check found (an integer attacker,
      // or a denominator that became unknown): protect those cells again with a larger target.
      const short: number[] = [];
      for (const c of audit.cells) {
        if (c.safe) continue;
        const i = indexed.indexOf.get(c.id)!;
        if (protector.unprotectable.has(i)) continue;
        extra.set(i, (extra.get(i) ?? 0) + round);
        protector.proven[i] = 0;
        short.push(i);
      }
      if (short.length === 0) break;
      protector.protect(short, primary, extra);
    }
  } finally {
    protector.dispose();
  }
  const base = settings.rounding?.base ?? 1;
  const protectedCells: ProtectedCell[] = cells.map((cell, i) => {
    const status = primary[i] ? 'primary' : protector.suppressed[i] ? 'secondary' : 'published';
    const published = status === 'published';
    const display = published ? roundToBase(cell.value, base) : null;
    const out: ProtectedCell = {
      ...cell,
      status,
      reasons: primary[i] ? reasons[i]! : status === 'secondary' ? ['complementary'] : [],
      display,
    };
    const den = denominatorOf(cells, indexed.denominatorCell, i);
    if (den === undefined) return out;
    const displayDenominator = published ? roundToBase(den, base) : null;
    return {
      ...out,
      displayDenominator,
      displayShare: display !== null && displayDenominator ? display / displayDenominator : null,
    };
  });
  const count = (s: string): number => protectedCells.filter((c) => c.status === s).length;
  return {
    cells: protectedCells,
    relations: table.relations,
    summary: { cells: cells.length, published: count('published'), primary: count('primary'), secondary: count('secondary') },
    audit: audit!,
    settings: audit!.settings,
  };
}

/**
 * The attacker check of any suppression pattern (a ProtectedTable, or a table whose cells carry
 * a status): per suppressed cell the interval [min, max] consistent with everything published,
 * and every published cell that breaks a primary rule. Run it on every export.
 */
export async function auditTable(table: AuditableTable, options: DisclosureOptions = {}): Promise<AuditReport> {
  const settings = await resolve(options);
  const indexed = indexTable(table);
  const suppressed = table.cells.map((c) => c.status !== 'published');
  const primary = table.cells.map((c) => c.status === 'primary');
  return report(indexed, suppressed, primary, settings);
}

/** The cells of a ProtectedTable as plain table cells (e.g. to protect again with other options). */
export function withoutStatus(table: ProtectedTable): PublishedTable {
  const cells: TableCell[] = table.cells.map(
    ({ status: _s, reasons: _r, display: _d, displayDenominator: _dd, displayShare: _ds, ...cell }) => cell,
  );
  return { cells, relations: table.relations };
}
