import { describe, expect, it } from 'vitest';
import { SEVERITY_RANK, computeFlags, explainFlag, filterFlags, strongestFlagByArea, type Flag, type FunnelFlag } from './index';
import { LAYER, gridGeometry, packOf, resultsOf, rowsOf, shareIndicator, type CountRow } from './test-fixtures';

const { geometry, ids } = gridGeometry(4, 4);
const worse = shareIndicator('worse');
const better = shareIndicator('better', { direction: 'higher-is-better' });
const context = shareIndicator('context', { direction: 'context' });
const pack = packOf([worse, better, context]);

function rows(): CountRow[] {
  const out: CountRow[] = [];
  for (const period of [2022, 2023, 2024]) {
    // r0c0 high on "worse" from 2023; r3c3 low on "better" in 2024 only.
    out.push(...rowsOf('worse', period, ids.map((id, i) => [id, id === 'r0c0' && period >= 2023 ? 250 : 90 + (i % 4) * 5, 1000] as const)));
    out.push(...rowsOf('better', period, ids.map((id, i) => [id, id === 'r3c3' && period === 2024 ? 500 : 700 + (i % 4) * 5, 1000] as const)));
    out.push(...rowsOf('context', period, ids.map((id) => [id, id === 'r1c1' ? 900 : 100, 1000] as const)));
  }
  return out;
}
const results = resultsOf(pack.indicators as never, rows(), ids, [2022, 2023, 2024]);
const names = new Map(ids.map((id) => [id, `Distrikt ${id}`]));
const analysis = computeFlags(pack, results, { layerId: LAYER, geometry, overdispersion: 'none', areaNames: names });

describe('computeFlags', () => {
  it('sorts flags by severity and certainty, most severe first', () => {
    expect(analysis.flags.length).toBeGreaterThan(0);
    for (let i = 1; i < analysis.flags.length; i++) expect(analysis.flags[i - 1]!.sortKey).toBeGreaterThanOrEqual(analysis.flags[i]!.sortKey);
    for (const f of analysis.flags) expect(Math.floor(f.sortKey)).toBe(SEVERITY_RANK[f.severity]);
  });

  it('flags only worse-side, directional indicators, and says why the context indicator is skipped', () => {
    const funnel = analysis.flags.filter((f) => f.kind === 'funnel-outlier');
    expect(new Set(funnel.map((f) => `${f.indicatorId} ${f.areaId}`))).toEqual(new Set(['worse r0c0', 'better r3c3']));
    expect(analysis.flags.some((f) => f.indicatorId === 'context')).toBe(false);
    expect(analysis.skipped.filter((s) => s.indicatorId === 'context').map((s) => s.kind)).toEqual(['funnel-outlier', 'negative-development', 'hot-spot']);
  });

  it('writes every flag in Danish and English, with area names, and keeps ids stable', () => {
    for (const f of analysis.flags) {
      expect(f.explanation.da.length).toBeGreaterThan(20);
      expect(f.explanation.en.length).toBeGreaterThan(20);
      expect(f.id).toBe(`${f.kind}|${f.indicatorId ?? f.classificationId}|${LAYER}|${f.areaId}|${f.period}`);
    }
    const flag = analysis.flags.find((f) => f.kind === 'funnel-outlier' && f.areaId === 'r0c0' && f.period === 2024)!;
    expect(flag.explanation.da).toMatch(/^Distrikt r0c0: Andel worse er 25,0 % i 2024 mod kommunens /);
    expect(flag.explanation.da).toMatch(/Markeret uafbrudt siden 2023\.$/);
    expect(flag.explanation.en).toMatch(/Flagged in every period since 2023\.$/);
  });

  it('builds the text from the evidence alone', () => {
    const flag = analysis.flags.find((f): f is FunnelFlag => f.kind === 'funnel-outlier' && f.areaId === 'r3c3')!;
    expect(flag.explanation.da).toMatch(/Ny i 2024\./);
    const { explanation: _, ...detected } = flag;
    const moved = explainFlag({ ...detected, since: 2022, evidence: { ...detected.evidence, value: 0.4 } }, { pack, areaNames: names });
    expect(moved.da).toMatch(/er 40,0 % i 2024/);
    expect(moved.da).toMatch(/Markeret uafbrudt siden 2022\./);
  });

  it('reports only the periods asked for, and one indicator on demand', () => {
    const latest = computeFlags(pack, results, { layerId: LAYER, geometry, overdispersion: 'none', periods: [2024], indicatorIds: ['worse', 'nope'] });
    expect(new Set(latest.flags.map((f) => f.period))).toEqual(new Set([2024]));
    expect(new Set(latest.flags.map((f) => f.indicatorId))).toEqual(new Set(['worse']));
    expect(latest.funnels.map((f) => [f.indicatorId, f.period])).toEqual([['worse', 2024]]);
    expect(latest.hotSpots.map((h) => [h.indicatorId, h.period])).toEqual([['worse', 2024]]);
    expect(latest.skipped.filter((s) => s.indicatorId === 'nope').map((s) => s.code)).toEqual(['not-in-pack', 'not-in-pack', 'not-in-pack']);
    // "since" still looks back before the reported periods.
    expect(latest.flags.find((f) => f.kind === 'funnel-outlier')?.since).toBe(2023);
  });
});

describe('filterFlags and strongestFlagByArea', () => {
  it('filters by kind, indicator, area, period and severity', () => {
    const all = analysis.flags;
    expect(filterFlags(all, {}).length).toBe(all.length);
    expect(filterFlags(all, { kinds: ['funnel-outlier'], indicatorIds: ['worse'], periods: [2024] }).map((f) => f.areaId)).toEqual(['r0c0']);
    expect(filterFlags(all, { areaIds: ['r3c3'] }).every((f) => f.areaId === 'r3c3')).toBe(true);
    expect(filterFlags(all, { minSeverity: 'alarm' }).every((f) => f.severity === 'alarm')).toBe(true);
    expect(filterFlags(all, { classificationIds: ['x'] })).toEqual([]);
  });

  it('picks each area\'s most severe flag in a period for the map', () => {
    const marks = strongestFlagByArea(analysis.flags, 2024);
    const r0c0 = analysis.flags.filter((f: Flag) => f.areaId === 'r0c0' && f.period === 2024);
    expect(marks.get('r0c0')?.sortKey).toBe(Math.max(...r0c0.map((f) => f.sortKey)));
    expect(marks.has('r2c2')).toBe(false);
  });
});
