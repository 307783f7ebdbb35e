import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditTable,
  buildCrossTable,
  DisclosureError,
  loadHighsSolver,
  primaryReasons,
  protectTable,
  roundToBase,
  withoutStatus,
  type AuditableTable,
  type CellStatus,
  type Dimension,
  type LeafCount,
  type LpSolver,
  type ProtectedTable,
  type PublishedTable,
  type TableCell,
} from './index';
import { certify } from './testing';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const cell = (id: string, value: number, extra: Partial<TableCell> = {}): TableCell => ({ id, value, ...extra });
const statusOf = (t: ProtectedTable): Record<string, CellStatus> => Object.fromEntries(t.cells.map((c) => [c.id, c.status]));
const suppressedIds = (t: ProtectedTable): string[] => t.cells.filter((c) => c.status !== 'published').map((c) => c.id).sort();
const withStatus = (table: PublishedTable, suppressed: readonly string[]): AuditableTable => ({
  cells: table.cells.map((c) => ({ ...c, status: suppressed.includes(c.id) ? ('primary' as const) : ('published' as const) })),
  relations: table.relations,
});
const intervalOf = (report: { cells: readonly { id: string; min: number; max: number }[] }, id: string): [number, number] => {
  const c = report.cells.find((x) => x.id === id)!;
  return [c.min, c.max];
};

/** rows × cols with row, column and grand totals, ids like r1c2, r1, c2, T. */
function twoWay(values: number[][]): PublishedTable {
  const cells: TableCell[] = [];
  const relations: PublishedTable['relations'][number][] = [];
  const rows = values.length;
  const cols = values[0]!.length;
  values.forEach((row, r) => row.forEach((v, c) => cells.push(cell(`r${r + 1}c${c + 1}`, v))));
  for (let r = 0; r < rows; r++) {
    cells.push(cell(`r${r + 1}`, values[r]!.reduce((a, b) => a + b, 0)));
    relations.push({ total: `r${r + 1}`, parts: values[r]!.map((_, c) => `r${r + 1}c${c + 1}`) });
  }
  for (let c = 0; c < cols; c++) {
    cells.push(cell(`c${c + 1}`, values.reduce((a, row) => a + row[c]!, 0)));
    relations.push({ total: `c${c + 1}`, parts: values.map((_, r) => `r${r + 1}c${c + 1}`) });
  }
  cells.push(cell('T', values.flat().reduce((a, b) => a + b, 0)));
  relations.push({ total: 'T', parts: values.map((_, r) => `r${r + 1}`) });
  relations.push({ total: 'T', parts: values[0]!.map((_, c) => `c${c + 1}`) });
  return { cells, relations };
}

describe('primary rules', () => {
  const s = { minCellSize: 5, zeroIsSafe: true };
  it('suppresses counts 1 … min − 1 and publishes zeros by default', () => {
    expect(primaryReasons(cell('a', 0), undefined, s)).toEqual([]);
    expect(primaryReasons(cell('a', 1), undefined, s)).toEqual(['small-count']);
    expect(primaryReasons(cell('a', 4), undefined, s)).toEqual(['small-count']);
    expect(primaryReasons(cell('a', 5), undefined, s)).toEqual([]);
    expect(primaryReasons(cell('a', 0), undefined, { ...s, zeroIsSafe: false })).toEqual(['zero']);
    expect(primaryReasons(cell('a', 2), undefined, { minCellSize: 3, zeroIsSafe: true })).toEqual(['small-count']);
    expect(primaryReasons(cell('a', 3), undefined, { minCellSize: 3, zeroIsSafe: true })).toEqual([]);
  });
  it('checks the numerator, denominator and complement of shares', () => {
    expect(primaryReasons(cell('a', 10), 100, s)).toEqual([]);
    expect(primaryReasons(cell('a', 3), 100, s)).toEqual(['small-count']);
    expect(primaryReasons(cell('a', 97), 100, s)).toEqual(['small-complement']);
    expect(primaryReasons(cell('a', 0), 4, s)).toEqual(['small-denominator', 'small-complement']);
    expect(primaryReasons(cell('a', 0), 0, s)).toEqual([]);
    // 0 % and 100 % say something about everyone in the area.
    expect(primaryReasons(cell('a', 0), 40, s)).toEqual([]);
    expect(primaryReasons(cell('a', 0), 40, { ...s, zeroIsSafe: false })).toEqual(['zero']);
    expect(primaryReasons(cell('a', 40), 40, { ...s, zeroIsSafe: false })).toEqual(['zero']);
    expect(primaryReasons(cell('a', 40, { forceSuppress: true }), 80, s)).toEqual(['forced']);
  });
});

describe('a 2×2 table with margins', () => {
  const table = twoWay([
    [2, 20],
    [30, 40],
  ]);

  it('recovers a lone suppressed cell by subtraction', async () => {
    const report = await auditTable(withStatus(table, ['r1c1']), { solver });
    expect(report.ok).toBe(false);
    expect(report.cells).toEqual([
      { id: 'r1c1', status: 'primary', value: 2, min: 2, max: 2, width: 0, required: 5, safe: false },
    ]);
  });

  it('complementary suppression closes the rectangle and the audit proves it', async () => {
    const result = await protectTable(table, { solver });
    expect(statusOf(result)).toEqual({
      r1c1: 'primary',
      r1c2: 'secondary',
      r2c1: 'secondary',
      r2c2: 'secondary',
      r1: 'published',
      r2: 'published',
      c1: 'published',
      c2: 'published',
      T: 'published',
    });
    expect(result.audit.ok).toBe(true);
    // The rectangle moves by t ∈ [−2, 20]: every cell's interval is 22 wide.
    expect(intervalOf(result.audit, 'r1c1')).toEqual([0, 22]);
    expect(intervalOf(result.audit, 'r1c2')).toEqual([0, 22]);
    expect(intervalOf(result.audit, 'r2c1')).toEqual([10, 32]);
    expect(intervalOf(result.audit, 'r2c2')).toEqual([38, 60]);
    expect(result.cells.find((c) => c.id === 'r1c1')!.reasons).toEqual(['small-count']);
    expect(result.cells.find((c) => c.id === 'r2c2')!.reasons).toEqual(['complementary']);
    expect(result.cells.find((c) => c.id === 'r2c2')!.display).toBeNull();
    expect(result.cells.find((c) => c.id === 'T')!.display).toBe(92);
    expect(result.summary).toEqual({ cells: 9, published: 5, primary: 1, secondary: 3 });
    expect(certify(result, {}, solver)).toEqual([]);
    // Auditing the result again, as an export would, gives the same report.
    expect(await auditTable(result, { solver })).toEqual(result.audit);
  });
});

describe('a cell known to lie between 1 and 3', () => {
  // The rectangle r1c1, r1c2, r2c1, r2c2 moves by t ∈ [−1, 1]; every margin is ≥ 5.
  const table = twoWay([
    [2, 1, 40],
    [1, 1, 40],
    [10, 10, 10],
  ]);
  const pattern = ['r1c1', 'r1c2', 'r2c1', 'r2c2'];

  it('is a disclosure, not protection', async () => {
    const report = await auditTable(withStatus(table, pattern), { solver });
    expect(report.ok).toBe(false);
    expect(report.publishedViolations).toEqual([]);
    expect(intervalOf(report, 'r1c1')).toEqual([1, 3]);
    expect(intervalOf(report, 'r1c2')).toEqual([0, 2]);
    expect(report.cells.every((c) => !c.safe && c.width === 2)).toBe(true);
  });

  it('protectTable draws in more cells until every interval is 5 wide', async () => {
    const result = await protectTable(table, { solver });
    expect(result.audit.ok).toBe(true);
    expect(suppressedIds(result).length).toBeGreaterThan(4);
    for (const c of result.audit.cells) expect(c.width).toBeGreaterThanOrEqual(5);
    expect(certify(result, {}, solver)).toEqual([]);
  });

  it('a lower protection level accepts it', async () => {
    const report = await auditTable(withStatus(table, pattern), { solver, minCellSize: 3, protectionLevel: 2 });
    expect(report.cells.map((c) => c.safe)).toEqual([true, true, true, true]);
    // …but 2 and 1 are still below the minimum cell size of 3 and stay suppressed.
    expect(report.ok).toBe(true);
  });
});

describe('a three-level hierarchy: areas → bydel → municipality', () => {
  const dims = (parentOf: Record<string, string>, areas: string[]): Dimension[] => [
    { name: 'area', nodes: [...areas, 'N', 'S', 'K'], parent: { ...parentOf, N: 'K', S: 'K' } },
  ];
  const leaves = (values: Record<string, number>): LeafCount[] =>
    Object.entries(values).map(([area, value]) => ({ at: { area }, value }));

  it('takes the complement in the same bydel when it has room', async () => {
    const table = buildCrossTable(dims({ a1: 'N', a2: 'N', s1: 'S', s2: 'S' }, ['a1', 'a2', 's1', 's2']), leaves({ a1: 2, a2: 40, s1: 12, s2: 30 }));
    expect(table.cells.map((c) => [c.id, c.value])).toEqual([
      ['area=a1', 2],
      ['area=a2', 40],
      ['area=s1', 12],
      ['area=s2', 30],
      ['area=N', 42],
      ['area=S', 42],
      ['area=K', 84],
    ]);
    expect(table.relations.map((r) => [r.total, r.parts])).toEqual([
      ['area=N', ['area=a1', 'area=a2']],
      ['area=S', ['area=s1', 'area=s2']],
      ['area=K', ['area=N', 'area=S']],
    ]);
    const result = await protectTable(table, { solver });
    expect(suppressedIds(result)).toEqual(['area=a1', 'area=a2']);
    expect(intervalOf(result.audit, 'area=a1')).toEqual([0, 42]);
    expect(result.audit.ok).toBe(true);
  });

  it('goes up through the bydel totals when the bydel has no room', async () => {
    // N = a1 + a2 = 2 + 1: both primary, and together only 3 wide. K is published elsewhere.
    const table = buildCrossTable(
      dims({ a1: 'N', a2: 'N', s1: 'S', s2: 'S', s3: 'S' }, ['a1', 'a2', 's1', 's2', 's3']),
      leaves({ a1: 2, a2: 1, s1: 12, s2: 30, s3: 9 }),
    );
    const naive = await auditTable(withStatus(table, ['area=a1', 'area=a2']), { solver });
    expect(intervalOf(naive, 'area=a1')).toEqual([0, 3]);
    expect(naive.ok).toBe(false);
    const known = { ...table, cells: table.cells.map((c) => (c.id === 'area=K' ? { ...c, alwaysPublished: true } : c)) };
    const result = await protectTable(known, { solver });
    expect(statusOf(result)).toEqual({
      'area=a1': 'primary',
      'area=a2': 'primary',
      'area=s1': 'published',
      'area=s2': 'published',
      'area=s3': 'secondary',
      'area=N': 'primary',
      'area=S': 'secondary',
      'area=K': 'published',
    });
    // N = 12 − s3 with s3 ∈ [0, 12].
    expect(intervalOf(result.audit, 'area=a1')).toEqual([0, 12]);
    expect(intervalOf(result.audit, 'area=S')).toEqual([42, 54]);
    expect(result.audit.ok).toBe(true);
    expect(certify(result, {}, solver)).toEqual([]);
  });
});

describe('shares', () => {
  it('caps the protection of a share at its known denominator', async () => {
    // area a: 1 of 3 (every rule hits); b: 20 of 50; c: 30 of 60; bydel: 51 of 113.
    const table: PublishedTable = {
      cells: [
        cell('a', 1, { denominator: 3 }),
        cell('b', 20, { denominator: 50 }),
        cell('c', 30, { denominator: 60 }),
        cell('B', 51, { denominator: 113 }),
      ],
      relations: [{ total: 'B', parts: ['a', 'b', 'c'] }],
    };
    const result = await protectTable(table, { solver });
    // a alone can move only within [0, 3]; b, drawn in for it, needs a third cell to be 5 wide.
    expect(statusOf(result)).toEqual({ a: 'primary', b: 'secondary', c: 'secondary', B: 'published' });
    expect(result.cells[0]!.reasons).toEqual(['small-count', 'small-denominator', 'small-complement']);
    const a = result.audit.cells.find((c) => c.id === 'a')!;
    expect([a.min, a.max, a.required, a.safe]).toEqual([0, 3, 3, true]);
    expect(intervalOf(result.audit, 'b')).toEqual([0, 50]);
    expect(result.cells[3]!.displayShare).toBeCloseTo(51 / 113);
    expect(result.cells[3]!.displayDenominator).toBe(113);
    expect(result.cells[0]!.displayShare).toBeNull();
    expect(certify(result, {}, solver)).toEqual([]);
    // If the attacker does not know the denominators, a's interval is [0, 21].
    const blind = await protectTable(table, { solver, denominatorsKnown: false });
    expect(statusOf(blind)).toEqual({ a: 'primary', b: 'secondary', c: 'published', B: 'published' });
    expect(intervalOf(blind.audit, 'a')).toEqual([0, 21]);
  });

  it('a published share over a suppressed denominator cell gives the denominator away', async () => {
    const table: PublishedTable = {
      cells: [cell('pop', 3), cell('pop2', 40), cell('popT', 43), cell('x', 0, { denominatorCell: 'pop' }), cell('x2', 10, { denominatorCell: 'pop2' }), cell('xT', 10, { denominatorCell: 'popT' })],
      relations: [
        { total: 'popT', parts: ['pop', 'pop2'] },
        { total: 'xT', parts: ['x', 'x2'] },
      ],
    };
    const leaky = await auditTable(withStatus(table, ['pop', 'pop2']), { solver });
    expect(leaky.ok).toBe(false);
    expect(intervalOf(leaky, 'pop')).toEqual([3, 3]);
    const result = await protectTable(table, { solver });
    expect(result.audit.ok).toBe(true);
    expect(statusOf(result)['x']).not.toBe('published');
    expect(certify(result, {}, solver)).toEqual([]);
  });
});

describe('options', () => {
  const table = twoWay([
    [2, 20, 7],
    [30, 0, 12],
    [8, 9, 51],
  ]);

  it('rounds published cells only, to the chosen base', async () => {
    expect([0, 1, 2, 3, 7, 8, 12, 13].map((v) => roundToBase(v, 5))).toEqual([0, 0, 0, 5, 5, 10, 10, 15]);
    expect([1, 2, 4, 5].map((v) => roundToBase(v, 3))).toEqual([0, 3, 3, 6]);
    const result = await protectTable(table, { solver, rounding: { base: 5 } });
    for (const c of result.cells) {
      if (c.status === 'published') expect(c.display).toBe(roundToBase(c.value, 5));
      else expect(c.display).toBeNull();
    }
    expect(result.settings.rounding).toEqual({ base: 5 });
    // Rounding changes what is printed, not the pattern.
    const exact = await protectTable(table, { solver });
    expect(result.cells.map((c) => c.status)).toEqual(exact.cells.map((c) => c.status));
  });

  it('suppresses zeros when they are not safe', async () => {
    const result = await protectTable(table, { solver, zeroIsSafe: false });
    expect(statusOf(result)['r2c2']).toBe('primary');
    expect(result.audit.ok).toBe(true);
    expect(certify(result, { zeroIsSafe: false }, solver)).toEqual([]);
  });

  it('records the settings used, for the export log', async () => {
    const result = await protectTable(table, { solver, minCellSize: 3, cost: 'unity' });
    expect(result.settings).toEqual({
      minCellSize: 3,
      protectionLevel: 3,
      zeroIsSafe: true,
      cost: 'unity',
      denominatorsKnown: true,
      attacker: 'lp',
      protectSecondary: true,
      rounding: null,
      solver: expect.stringMatching(/^HiGHS \d+\.\d+\.\d+/) as unknown as string,
    });
  });

  it('demands a width of secondary cells only when protectSecondary is on', async () => {
    const lenient = await protectTable(table, { solver, protectSecondary: false });
    expect(lenient.audit.ok).toBe(true);
    for (const c of lenient.audit.cells) expect(c.required).toBe(c.status === 'primary' ? 5 : 0);
    const strict = await auditTable(lenient, { solver });
    // The same pattern, audited with the default, is either safe or names the short cells.
    expect(strict.cells.filter((c) => !c.safe).every((c) => c.status === 'secondary')).toBe(true);
  });

  it('can be protected again with other options', async () => {
    const first = await protectTable(table, { solver });
    const again = await protectTable(withoutStatus(first), { solver, cost: 'unity' });
    expect(again.audit.ok).toBe(true);
    expect(again.cells.map((c) => c.id)).toEqual(first.cells.map((c) => c.id));
    expect(certify(again, { cost: 'unity' }, solver)).toEqual([]);
  });

  it('is deterministic', async () => {
    const a = await protectTable(table, { solver });
    const b = await protectTable(table, { solver });
    expect(a).toEqual(b);
  });

  it('an integer attacker agrees with the LP attacker on hierarchical tables', async () => {
    const lp = await protectTable(table, { solver });
    const ip = await auditTable(lp, { solver, attacker: 'integer' });
    expect(ip.cells.map((c) => [c.min, c.max])).toEqual(lp.audit.cells.map((c) => [c.min, c.max]));
  });
});

describe('what cannot be protected, and bad input', () => {
  it('reports a cell pinned by cells that must be published', async () => {
    // T = a + b with T and b required: a = T − b whatever is suppressed.
    const table: PublishedTable = {
      cells: [cell('a', 2), cell('b', 30, { alwaysPublished: true }), cell('T', 32, { alwaysPublished: true })],
      relations: [{ total: 'T', parts: ['a', 'b'] }],
    };
    const result = await protectTable(table, { solver });
    expect(result.audit.ok).toBe(false);
    expect(result.audit.cells).toEqual([{ id: 'a', status: 'primary', value: 2, min: 2, max: 2, width: 0, required: 5, safe: false }]);
  });

  it('refuses a small cell that must be published', async () => {
    const table: PublishedTable = { cells: [cell('a', 2, { alwaysPublished: true })], relations: [] };
    await expect(protectTable(table, { solver })).rejects.toThrow(/"a" must be published but breaks the rule\(s\) small-count/);
  });

  it('names the problem in a malformed table', async () => {
    const bad = (t: PublishedTable): Promise<unknown> => protectTable(t, { solver });
    await expect(bad({ cells: [cell('a', 1), cell('a', 2)], relations: [] })).rejects.toThrow(/"a" occurs twice/);
    await expect(bad({ cells: [cell('a', -1)], relations: [] })).rejects.toThrow(/non-negative integers/);
    await expect(bad({ cells: [cell('a', 1.5)], relations: [] })).rejects.toThrow(/non-negative integers/);
    await expect(bad({ cells: [cell('a', 6, { denominator: 5 })], relations: [] })).rejects.toThrow(/denominator 5/);
    await expect(bad({ cells: [cell('a', 1), cell('T', 3)], relations: [{ total: 'T', parts: ['a'] }] })).rejects.toThrow(
      /does not add up: the parts sum to 1, the total "T" is 3/,
    );
    await expect(bad({ cells: [cell('a', 1)], relations: [{ total: 'T', parts: ['a'] }] })).rejects.toThrow(/"T", which is not in the table/);
    await expect(protectTable({ cells: [], relations: [] }, { solver, minCellSize: 0 })).rejects.toThrow(DisclosureError);
  });
});

describe('loading HiGHS', () => {
  it('loads from bytes, as a browser worker can without a fetch', async () => {
    const require = createRequire(import.meta.url);
    const bytes = readFileSync(require.resolve('highs/runtime'));
    const fromBytes = await loadHighsSolver({ wasmBinary: bytes });
    expect(fromBytes.name).toBe(solver.name);
    const result = await protectTable(twoWay([[2, 20], [30, 40]]), { solver: fromBytes });
    expect(result.audit.ok).toBe(true);
  });
});

describe('an export of the size the app makes', () => {
  it('84 areas → 8 bydele → municipality × 20 indicators × 5 periods, shares, in a few seconds', async () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bydele = Array.from({ length: 8 }, (_, b) => `B${b + 1}`);
    const areas = Array.from({ length: 84 }, (_, a) => `A${a + 1}`);
    const parent: Record<string, string> = Object.fromEntries([...areas.map((a, k) => [a, bydele[k % 8]!]), ...bydele.map((b) => [b, 'K'])]);
    const periods = ['2020', '2021', '2022', '2023', '2024'];
    const indicators = Array.from({ length: 20 }, (_, i) => `I${i + 1}`);
    const dims: Dimension[] = [
      { name: 'indicator', nodes: indicators },
      { name: 'period', nodes: periods },
      { name: 'area', nodes: [...areas, ...bydele, 'K'], parent },
    ];
    const leaves: LeafCount[] = [];
    indicators.forEach((indicator, i) => {
      const rate = [0.005, 0.02, 0.06, 0.2, 0.5][i % 5]!;
      for (const period of periods) {
        for (const area of areas) {
          const denominator = 30 + Math.floor(rnd() * 1200);
          // A binomial draw by the normal approximation, clamped.
          const mean = denominator * rate;
          const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
          const value = Math.min(denominator, Math.max(0, Math.round(mean + z * Math.sqrt(mean * (1 - rate)))));
          leaves.push({ at: { indicator, period, area }, value, denominator });
        }
      }
    });
    const table = buildCrossTable(dims, leaves);
    expect(table.cells).toHaveLength(20 * 5 * 93);
    const started = performance.now();
    const result = await protectTable(table, { solver });
    const seconds = (performance.now() - started) / 1000;
    expect(result.audit.ok).toBe(true);
    expect(result.summary.primary).toBeGreaterThan(500);
    expect(seconds).toBeLessThan(15);
    expect(certify(result, {}, solver)).toEqual([]);
  });
});
