import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTable, loadHighsSolver, type LpSolver, type StatusCell } from '../disclosure';
import { SOCIAL_BALANCE_PACK } from '../indicators/packs/index';
import type { PackCell, PackResults } from '../indicators/results';
import { indicatorTable } from './indicator-table';
import { protectValueExport, type ValueExportInput } from './value-export';

const share = SOCIAL_BALANCE_PACK.indicators.find((i) => i.unit === 'share' && i.numerator.kind !== 'value')!;
const mean = SOCIAL_BALANCE_PACK.indicators.find((i) => i.numerator.kind === 'value' && i.numerator.statistic === 'mean')!;

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function cell(indicatorId: string, areaId: string, numerator: number, denominator: number): PackCell {
  return { layerId: 'basis', indicatorId, period: 2024, areaId, numerator, denominator, value: denominator ? numerator / denominator : null, lower: null, upper: null, small: false, method: 'wilson', reference: null };
}

function results(indicatorId: string, counts: Record<string, [number, number]>): PackResults {
  const cells = Object.entries(counts).map(([id, [n, d]]) => cell(indicatorId, id, n, d));
  const num = cells.reduce((s, c) => s + c.numerator, 0);
  const den = cells.reduce((s, c) => s + c.denominator, 0);
  return { cells, municipality: [{ indicatorId, period: 2024, numerator: num, denominator: den, value: num / den, lower: null, upper: null }] };
}

const layer = {
  id: 'basis',
  areas: [
    { id: 'a', name: 'A', parentId: 'N' },
    { id: 'b', name: 'B', parentId: 'N' },
    { id: 'c', name: 'C', parentId: 'S' },
    { id: 'd', name: 'D', parentId: 'S' },
  ],
};
const parent = { id: 'bydel', areas: [{ id: 'N', name: 'Nord' }, { id: 'S', name: 'Syd' }] };
const counts: Record<string, [number, number]> = { a: [40, 200], b: [3, 150], c: [60, 300], d: [50, 250] };

function input(shown: string[], over: Partial<ValueExportInput> = {}): ValueExportInput {
  return { indicator: share, results: results(share.id, counts), period: 2024, layer, parent, coversMunicipality: true, municipalityName: 'Sundby', shown: new Set(shown), ...over };
}

/** The attacker's view of an export, rebuilt from the decision alone: shown and not withheld is known. */
async function independentAudit(inp: ValueExportInput, withheld: ReadonlySet<string>, municipalityKnown: boolean) {
  const { table, rows } = indicatorTable({ ...inp, periods: [inp.period] });
  const rowOf = new Map(rows.map((r) => [r.cellId, r]));
  const cells: StatusCell[] = table.cells.map((c) => {
    const row = rowOf.get(c.id)!;
    const known = row.level === 'municipality' ? municipalityKnown : row.level === 'area' && inp.shown.has(row.areaId) && !withheld.has(row.areaId);
    const d = c.denominator ?? 0;
    const sensitive = (c.value > 0 && c.value < 5) || (d > 0 && d < 5) || (d - c.value > 0 && d - c.value < 5);
    return { ...c, status: known ? 'published' : sensitive ? 'primary' : 'secondary' };
  });
  return auditTable({ cells, relations: table.relations }, { solver, protectSecondary: false });
}

describe('value exports (reports, briefings): the attacker check on what values give away', () => {
  it('all areas shown with the municipality: the small area is withheld and so is a complement, or it would be the municipality minus the rest', async () => {
    const decision = await protectValueExport(input(['a', 'b', 'c', 'd']), { solver });
    expect(decision.audit.ok).toBe(true);
    expect(decision.withheld.get('b')).toContain('small-count');
    const complements = [...decision.withheld].filter(([, reasons]) => reasons.includes('complementary'));
    expect(complements.length).toBeGreaterThan(0);
    const b = decision.audit.cells.find((c) => c.id === 'area=b|period=2024')!;
    expect(b.width).toBeGreaterThanOrEqual(5);
  });

  it('without the complement the same export fails the audit: b = municipality − a − c − d', async () => {
    const { table } = indicatorTable({ ...input([]), periods: [2024] });
    const cells: StatusCell[] = table.cells.map((c) => ({ ...c, status: c.id.startsWith('area=b|') ? 'primary' : c.id.startsWith('area=N|') || c.id.startsWith('area=S|') ? 'secondary' : 'published' }));
    const audit = await auditTable({ cells, relations: table.relations }, { solver, protectSecondary: false });
    expect(audit.ok).toBe(false);
    expect(audit.cells.find((c) => c.id === 'area=b|period=2024')!.width).toBe(0);
  });

  it('a briefing of some areas: the areas left out hide the small one, nothing more is withheld', async () => {
    const decision = await protectValueExport(input(['a', 'c']), { solver });
    expect(decision.audit.ok).toBe(true);
    expect(decision.withheld.size).toBe(0);
  });

  it('the small area chosen alone is withheld for its own rule, without complements', async () => {
    const decision = await protectValueExport(input(['b']), { solver });
    expect(decision.audit.ok).toBe(true);
    expect([...decision.withheld.keys()]).toEqual(['b']);
    expect(decision.withheld.get('b')).not.toContain('complementary');
  });

  it('a mean over three persons is withheld, and its population is protected like a count', async () => {
    const means = results(mean.id, { a: [200, 200], b: [3, 3], c: [300, 300], d: [250, 250] });
    const decision = await protectValueExport(input(['a', 'b', 'c', 'd'], { indicator: mean, results: means }), { solver });
    expect(decision.audit.ok).toBe(true);
    expect(decision.withheld.get('b')).toContain('small-count');
    expect(decision.withheld.size).toBeGreaterThan(1);
  });

  it('a municipality total below the minimum is withheld itself', async () => {
    const tiny = results(share.id, { a: [1, 200], b: [1, 150], c: [0, 300], d: [1, 250] });
    const decision = await protectValueExport(input(['a', 'b', 'c', 'd'], { results: tiny }), { solver });
    expect(decision.municipalityWithheld).toContain('small-count');
    expect(decision.audit.ok).toBe(true);
  });

  it('property: for random layers and random choices of areas, the audit passes and no shown value breaks a primary rule', async () => {
    const areaCount = fc.integer({ min: 2, max: 9 });
    await fc.assert(
      fc.asyncProperty(
        areaCount.chain((n) =>
          fc.record({
            counts: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 80 })), fc.integer({ min: 0, max: 120 })), { minLength: n, maxLength: n }),
            shown: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            bydele: fc.integer({ min: 1, max: 3 }),
          }),
        ),
        async ({ counts: raw, shown, bydele }) => {
          const areas = raw.map((_, i) => ({ id: `x${i}`, name: `X${i}`, parentId: `P${i % bydele}` }));
          const byArea = Object.fromEntries(raw.map(([n, extra], i) => [`x${i}`, [n, n + extra] as [number, number]]));
          const res = results(share.id, byArea);
          const chosen = areas.filter((_, i) => shown[i]).map((a) => a.id);
          const inp: ValueExportInput = { indicator: share, results: res, period: 2024, layer: { id: 'basis', areas }, parent: { id: 'bydel', areas: Array.from({ length: bydele }, (_, k) => ({ id: `P${k}`, name: `P${k}` })) }, coversMunicipality: true, municipalityName: 'M', shown: new Set(chosen) };
          const decision = await protectValueExport(inp, { solver });
          expect(decision.audit.ok).toBe(true);
          const audit = await independentAudit(inp, new Set(decision.withheld.keys()), decision.municipalityWithheld === null);
          expect(audit.ok).toBe(true);
          expect(decision.audit.publishedViolations).toEqual([]);
          for (const id of chosen) {
            const [n, d] = byArea[id]!;
            const breaks = (n > 0 && n < 5) || (d > 0 && d < 5) || (d - n > 0 && d - n < 5);
            if (breaks) expect(decision.withheld.has(id)).toBe(true);
          }
        },
      ),
      { numRuns: 60, seed: 20261205 },
    );
  });
});

describe('value exports: rates of events', () => {
  it('more events than persons: the events are audited as counts, and a rate over four persons is still withheld', async () => {
    const rate = { ...share, unit: 'per1000' as const };
    const res = results(share.id, { a: [300, 200], b: [9, 4], c: [60, 300], d: [50, 250] });
    const decision = await protectValueExport(input(['a', 'b', 'c', 'd'], { indicator: rate, results: res }), { solver });
    expect(decision.audit.ok).toBe(true);
    expect(decision.withheld.get('b')).toEqual(['small-denominator']);
    expect([...decision.withheld.values()].some((r) => r.includes('complementary'))).toBe(true);
  });
});
