/**
 * Property-based tests (fast-check): for many random tables, margins and settings, the
 * suppression pattern passes the attacker check, and an independent certificate (two
 * completions of the table, checked here against every relation, that lie at least the
 * protection level apart) exists for every suppressed cell; no published cell breaks a
 * primary rule. And the other way round: the audit catches every lone suppression.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditTable,
  buildCrossTable,
  loadHighsSolver,
  protectTable,
  type DisclosureOptions,
  type Dimension,
  type LeafCount,
  type LpSolver,
  type PublishedTable,
  type TableCell,
} from './index';
import { certify } from './testing';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** Mostly small counts (the interesting case), some large, some zeros. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }) },
);

const settings: fc.Arbitrary<DisclosureOptions> = fc
  .record({
    minCellSize: fc.integer({ min: 2, max: 6 }),
    protectionOffset: fc.integer({ min: -1, max: 3 }),
    zeroIsSafe: fc.boolean(),
    cost: fc.constantFrom('value' as const, 'unity' as const, 'log' as const),
    denominatorsKnown: fc.boolean(),
  })
  .map(({ protectionOffset, ...o }) => ({ ...o, protectionLevel: Math.max(1, o.minCellSize + protectionOffset) }));

/** A tree dimension: `leaves[k]` leaves under each of the middle nodes, all under a root (or flat). */
function treeDimension(name: string, groups: readonly number[], withTotals: boolean): Dimension {
  const nodes: string[] = [];
  const parent: Record<string, string> = {};
  groups.forEach((size, g) => {
    for (let k = 0; k < size; k++) {
      const leaf = `${name}${g}.${k}`;
      nodes.push(leaf);
      if (withTotals) parent[leaf] = `${name}${g}`;
    }
  });
  if (withTotals) {
    groups.forEach((_, g) => {
      nodes.push(`${name}${g}`);
      // One middle node only: it is the root itself.
      if (groups.length > 1) parent[`${name}${g}`] = `${name}*`;
    });
    if (groups.length > 1) nodes.push(`${name}*`);
  }
  return { name, nodes, parent };
}

const leafNodes = (dim: Dimension): string[] => {
  const parents = new Set(Object.values(dim.parent ?? {}));
  return dim.nodes.filter((n) => !parents.has(n));
};

/** Areas (leaves → bydele → municipality) × an optional second dimension (groups or periods, with or without a total). */
const crossTable: fc.Arbitrary<PublishedTable> = fc
  .record({
    areas: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    second: fc.option(
      fc.record({ size: fc.integer({ min: 2, max: 4 }), total: fc.boolean() }),
      { nil: undefined },
    ),
    shares: fc.boolean(),
  })
  .chain(({ areas, second, shares }) => {
    const dims: Dimension[] = [treeDimension('a', areas, true)];
    if (second) dims.push(treeDimension('g', [second.size], second.total));
    const combos = dims.reduce<Record<string, string>[]>(
      (acc, dim) => acc.flatMap((at) => leafNodes(dim).map((node) => ({ ...at, [dim.name]: node }))),
      [{}],
    );
    const leaf = shares
      ? fc.tuple(count, count).map(([v, extra]) => ({ value: v, denominator: v + extra }))
      : count.map((value) => ({ value }));
    return fc
      .array(leaf, { minLength: combos.length, maxLength: combos.length })
      .map((values) => buildCrossTable(dims, values.map((v, k): LeafCount => ({ at: combos[k]!, ...v }))));
  });

/** Populations and counts in one table: each count is a share over the population cell at the same place. */
const populationTable: fc.Arbitrary<PublishedTable> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((areas) => {
    const area = treeDimension('a', areas, true);
    const leaves = leafNodes(area);
    return fc
      .array(fc.tuple(count, count), { minLength: leaves.length, maxLength: leaves.length })
      .map((pairs) => {
        const dims: Dimension[] = [{ name: 'm', nodes: ['pop', 'x'] }, area];
        const counts = pairs.flatMap(([x, extra], k): LeafCount[] => [
          { at: { m: 'pop', a: leaves[k]! }, value: x + extra },
          { at: { m: 'x', a: leaves[k]! }, value: x },
        ]);
        const table = buildCrossTable(dims, counts);
        const cells = table.cells.map((c) =>
          c.dims?.['m'] === 'x' ? { ...c, denominatorCell: c.id.replace('m=x', 'm=pop') } : c,
        );
        return { cells, relations: table.relations };
      });
  });

/** Leaves and totals over overlapping subsets of them (non-nested geographies), plus a grand total. */
const overlappingTable: fc.Arbitrary<PublishedTable> = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.record({
      values: fc.array(count, { minLength: n, maxLength: n }),
      subsets: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), { minLength: 1, maxLength: 4 }),
    }),
  )
  .map(({ values, subsets }) => {
    const cells: TableCell[] = values.map((value, k) => ({ id: `x${k}`, value }));
    const relations = subsets.map((subset, s) => {
      const id = `S${s}`;
      cells.push({ id, value: subset.reduce((sum, k) => sum + values[k]!, 0) });
      return { total: id, parts: subset.map((k) => `x${k}`) };
    });
    cells.push({ id: 'T', value: values.reduce((a, b) => a + b, 0) });
    relations.push({ total: 'T', parts: values.map((_, k) => `x${k}`) });
    return { cells, relations };
  });

async function protectsEverything(table: PublishedTable, options: DisclosureOptions): Promise<void> {
  const result = await protectTable(table, { ...options, solver });
  expect(result.audit.publishedViolations).toEqual([]);
  expect(result.audit.cells.filter((c) => !c.safe)).toEqual([]);
  expect(result.audit.ok).toBe(true);
  expect(certify(result, options, solver)).toEqual([]);
  // Every suppressed cell is in the audit, and only those.
  expect(result.audit.cells.map((c) => c.id)).toEqual(result.cells.filter((c) => c.status !== 'published').map((c) => c.id));
}

describe('after suppression, no suppressed cell can be narrowed below the protection level', () => {
  it('hierarchical cross tables (areas → bydele → municipality × groups or periods), counts and shares', async () => {
    await fc.assert(
      fc.asyncProperty(crossTable, settings, protectsEverything),
      { numRuns: 250, seed: 20250601 },
    );
  });

  it('populations and shares over population cells in one table', async () => {
    await fc.assert(
      fc.asyncProperty(populationTable, settings, protectsEverything),
      { numRuns: 150, seed: 20250605 },
    );
  });

  it('overlapping relations (geographies that do not nest)', async () => {
    await fc.assert(
      fc.asyncProperty(overlappingTable, settings, protectsEverything),
      { numRuns: 200, seed: 20250602 },
    );
  });

  it('against an integer attacker too', async () => {
    await fc.assert(
      fc.asyncProperty(overlappingTable, settings, (table, options) => protectsEverything(table, { ...options, attacker: 'integer' })),
      { numRuns: 60, seed: 20250603 },
    );
  });
});

describe('the audit finds what is recoverable', () => {
  it('a relation with exactly one suppressed cell gives that cell away', async () => {
    await fc.assert(
      fc.asyncProperty(crossTable, fc.integer({ min: 2, max: 6 }), async (table, minCellSize) => {
        // Suppress the small cells only, as a naive export would.
        const cells = table.cells.map((c) => ({
          ...c,
          status: c.value > 0 && c.value < minCellSize ? ('primary' as const) : ('published' as const),
        }));
        const report = await auditTable({ cells, relations: table.relations }, { solver, minCellSize, denominatorsKnown: false });
        const byId = new Map(cells.map((c) => [c.id, c]));
        for (const rel of table.relations) {
          const hidden = [rel.total, ...rel.parts].filter((id) => byId.get(id)!.status !== 'published');
          if (hidden.length !== 1) continue;
          const c = report.cells.find((x) => x.id === hidden[0])!;
          expect([c.min, c.max]).toEqual([c.value, c.value]);
          expect(c.safe).toBe(false);
          expect(report.ok).toBe(false);
        }
        // Whatever the audit calls safe has an interval at least the protection level wide.
        for (const c of report.cells) expect(c.safe).toBe(c.max - c.min >= minCellSize);
      }),
      { numRuns: 150, seed: 20250604 },
    );
  });
});
