import { describe, expect, it } from 'vitest';
import { OFFICIAL_CRITERIA_PACK } from '../indicators/packs/index';
import type { Filter } from '../indicators/pack';
import { CONTESTED_COLUMNS, allowedCategories, filterColumns, type ProfileColumn, type TargetGroupDefinition } from './definition';
import {
  buildProfile,
  cohensD,
  cohensH,
  newcombeInterval,
  suppressRows,
  welchInterval,
  type ProfileAggregates,
  type ProfileRow,
  type RowStatus,
} from './statistics';

describe('Newcombe hybrid score interval for a difference of proportions', () => {
  // Newcombe RG (1998), Interval estimation for the difference between independent
  // proportions: comparison of eleven methods. Stat Med 17:873–890, Table II, method 10
  // (score interval without continuity correction), to the paper's 4 decimals.
  const TABLE_II: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  it.each(TABLE_II)('%i/%i − %i/%i → (%f, %f)', (x1, n1, x2, n2, lower, upper) => {
    const interval = newcombeInterval(x1, n1, x2, n2);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  it('is undefined for an empty sample', () => {
    expect(newcombeInterval(0, 0, 3, 10)).toBeNull();
  });
});

describe('effect sizes and the Welch interval, against hand computation', () => {
  it("Cohen's h: 2·asin√0.5 − 2·asin√0.2 = π/2 − 0.9272952 = 0.6435011", () => {
    expect(cohensH(0.5, 0.2)).toBeCloseTo(Math.PI / 2 - 2 * 0.4636476, 6);
    expect(cohensH(0.5, 0.2)).toBeCloseTo(0.6435011, 6);
    expect(cohensH(0.2, 0.5)).toBeCloseTo(-0.6435011, 6);
    // p = 1 against p = 0: the largest possible h, π.
    expect(cohensH(1, 0)).toBeCloseTo(Math.PI, 12);
  });

  const group = { n: 10, mean: 20, sd: 4 };
  const comparison = { n: 40, mean: 17, sd: 6 };

  it("Cohen's d: pooled variance (9·16 + 39·36)/48 = 32.25, d = 3/√32.25 = 0.5282705", () => {
    expect(cohensD(group, comparison)).toBeCloseTo(3 / Math.sqrt(32.25), 10);
    expect(cohensD(group, comparison)).toBeCloseTo(0.5282705, 6);
    expect(cohensD({ n: 5, mean: 1, sd: 0 }, { n: 5, mean: 2, sd: 0 })).toBeNull();
  });

  it('Welch: SE² = 16/10 + 36/40 = 2.5, ν = 6.25/(1.6²/9 + 0.9²/39) = 20.4775, t(0.975; ν) = 2.08285', () => {
    const w = welchInterval(group, comparison);
    expect(w?.df).toBeCloseTo(6.25 / (2.56 / 9 + 0.81 / 39), 8);
    expect(w?.df).toBeCloseTo(20.4775, 4);
    // t(0.975; 20.4775) lies between the table values t(0.975; 21) = 2.0796 and t(0.975; 20) = 2.0860.
    const half = ((w?.upper ?? 0) - (w?.lower ?? 0)) / 2 / Math.sqrt(2.5);
    expect(half).toBeGreaterThan(2.0796);
    expect(half).toBeLessThan(2.086);
    expect(half).toBeCloseTo(2.08285, 4);
    expect(w?.lower).toBeCloseTo(3 - 2.0828499 * Math.sqrt(2.5), 5);
    expect(w?.upper).toBeCloseTo(3 + 2.0828499 * Math.sqrt(2.5), 5);
  });

  it('Welch is undefined without spread or with a single value', () => {
    expect(welchInterval({ n: 5, mean: 1, sd: 0 }, { n: 5, mean: 1, sd: 0 })).toBeNull();
    expect(welchInterval({ n: 1, mean: 1, sd: 0 }, comparison)).toBeNull();
  });
});

describe('suppression of small counts within a column', () => {
  const big = (k: number) => Array.from({ length: k }, () => 1000);
  const rows = (group: number[], comparison = big(group.length), structural = group.map(() => false)) =>
    suppressRows(
      [
        { counts: group, structural },
        { counts: comparison, structural: comparison.map(() => false) },
      ],
      5,
      false,
    );

  it('suppresses a count below 5 and, since the total would give it away, the smallest other count too', () => {
    expect(rows([100, 50, 3])).toEqual<RowStatus[]>(['shown', 'complementary', 'small']);
  });

  it('treats zero as a small count (it too would reveal something about the group)', () => {
    expect(rows([50, 0, 20])).toEqual<RowStatus[]>(['shown', 'small', 'complementary']);
  });

  it('publishes zeros (and then 100 %) when zeros are declared safe, as shared/disclosure does by default', () => {
    const safe = (group: number[]) => suppressRows([{ counts: group, structural: group.map(() => false) }, { counts: group.map(() => 1000), structural: group.map(() => false) }], 5, true);
    expect(safe([50, 0, 20])).toEqual<RowStatus[]>(['shown', 'shown', 'shown']);
    expect(safe([70, 0, 0])).toEqual<RowStatus[]>(['shown', 'shown', 'shown']);
    // 1–4 stay unsafe, and a hidden 3 beside a shown zero still needs protecting (0 + 3 < 5).
    expect(safe([97, 3, 0])).toEqual<RowStatus[]>(['complementary', 'small', 'complementary']);
  });

  it('keeps suppressing until the suppressed counts sum to at least 5', () => {
    // 2 + 2 = 4 < 5: the pair could only be 0–4 each; the third joins them.
    expect(rows([100, 2, 2])).toEqual<RowStatus[]>(['complementary', 'small', 'small']);
    expect(rows([100, 3, 2, 40])).toEqual<RowStatus[]>(['shown', 'small', 'small', 'shown']);
  });

  it('shows structural zeros (categories the conditions exclude) without suppression', () => {
    expect(rows([120, 0, 0], big(3), [false, true, true])).toEqual<RowStatus[]>(['shown', 'shown', 'shown']);
  });

  it("protects the other population's counts when a row is hidden for one of them", () => {
    // The comparison's 3 hides row 1; the group's 30 in row 1 would then be its total minus
    // the rest, so the group's smallest shown count (row 2) is hidden too.
    expect(rows([40, 30, 25], [1000, 3, 997])).toEqual<RowStatus[]>(['shown', 'small', 'complementary']);
  });

  it('leaves no suppressed count that can be narrowed to a range under 5 (random columns)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 2000; trial++) {
      const k = 2 + Math.floor(random() * 6);
      const draw = () => Array.from({ length: k }, () => (random() < 0.4 ? Math.floor(random() * 6) : Math.floor(random() * 200)));
      const populations = [draw(), draw()].map((counts) => ({ counts, structural: counts.map(() => false) }));
      const status = suppressRows(populations, 5, false);
      for (const p of populations) {
        const hidden = status.flatMap((s, i) => (s === 'shown' ? [] : [i]));
        // Nothing shown is small.
        status.forEach((s, i) => {
          if (s === 'shown') expect(p.counts[i]).toBeGreaterThanOrEqual(5);
        });
        // The suppressed counts of each population: none, or at least two whose sum (the
        // width of the range each can take given the total) is at least 5 — unless all are hidden.
        if (hidden.length > 0 && hidden.length < k) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((a, i) => a + (p.counts[i] ?? 0), 0)).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });
});

describe('the profile from aggregates', () => {
  const columns: ProfileColumn[] = [
    { name: 'sex', type: 'VARCHAR', kind: 'categorical', contested: null },
    { name: 'status', type: 'VARCHAR', kind: 'categorical', contested: null },
    { name: 'benefit', type: 'VARCHAR', kind: 'categorical', contested: null },
    { name: 'income', type: 'INTEGER', kind: 'numeric', contested: null },
    { name: 'absence', type: 'DOUBLE', kind: 'numeric', contested: null },
  ];
  const definition: TargetGroupDefinition = {
    period: 2024,
    area: { kind: 'areas', layerId: 'estate', areaIds: ['E'] },
    conditions: [{ column: 'status', op: 'in', values: ['ledig'] }],
    comparison: 'rest-of-municipality',
  };
  const aggregates: ProfileAggregates = {
    groupSize: 100,
    comparisonSize: 1000,
    overlap: 0,
    categories: [
      { column: 'sex', category: 'K', group: 50, comparison: 500 },
      { column: 'sex', category: 'M', group: 50, comparison: 500 },
      { column: 'status', category: 'job', group: 0, comparison: 900 },
      { column: 'status', category: 'ledig', group: 100, comparison: 100 },
      { column: 'benefit', category: 'ingen', group: 30, comparison: 880 },
      { column: 'benefit', category: 'kontant', group: 67, comparison: 100 },
      { column: 'benefit', category: 'su', group: 3, comparison: 20 },
    ],
    numeric: [
      { column: 'income', group: { n: 100, mean: 150, sd: 50 }, comparison: { n: 1000, mean: 300, sd: 100 } },
      { column: 'absence', group: { n: 4, mean: 0.2, sd: 0.1 }, comparison: { n: 200, mean: 0.05, sd: 0.05 } },
    ],
  };

  const profile = buildProfile(aggregates, columns, definition);
  if (profile.status !== 'ok') throw new Error('expected a profile');
  const row = (id: string): ProfileRow => {
    const r = profile.rows.find((x) => x.id === id);
    if (!r) throw new Error(`no row ${id}`);
    return r;
  };

  it('gives sizes, shares, differences with intervals and effect sizes', () => {
    expect([profile.groupSize, profile.comparisonSize, profile.overlap]).toEqual([100, 1000, 'none']);
    const k = row('sex=K');
    if (k.suppressed) throw new Error('sex=K suppressed');
    expect([k.group, k.comparison, k.difference, k.effect]).toEqual([0.5, 0.5, 0, 0]);
    const income = row('income');
    if (income.suppressed) throw new Error('income suppressed');
    expect(income.difference).toBe(-150);
    expect(income.effectMeasure).toBe('cohens-d');
    const pooled = Math.sqrt((99 * 2500 + 999 * 10000) / 1098);
    expect(income.effect).toBeCloseTo(-150 / pooled, 10);
  });

  it('ranks by |standardised effect|, never ranks columns of the definition or suppressed rows', () => {
    const ranked = profile.rows.filter((r) => r.rank !== null);
    expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
    const sizes = ranked.map((r) => (r.suppressed ? 0 : Math.abs(r.effect ?? 0)));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    // income: d = −150/96.56 = −1.553; kontant: h = 2·asin√0.67 − 2·asin√0.1 = 1.274.
    expect(ranked[0]?.id).toBe('income');
    expect(ranked[1]?.id).toBe('benefit=kontant');
    expect(row('status=ledig').rank).toBeNull();
    expect(row('status=ledig').inDefinition).toBe(true);
    // The structural zero (no employed person in a group of unemployed) is shown, not suppressed.
    expect(row('status=job').suppressed).toBe(false);
  });

  it('suppresses small counts (and their complement) without any value, and never ranks them', () => {
    const su = row('benefit=su');
    const ingen = row('benefit=ingen');
    expect(su).toMatchObject({ suppressed: true, reason: 'small', rank: null });
    expect(ingen).toMatchObject({ suppressed: true, reason: 'complementary', rank: null });
    expect(row('absence')).toMatchObject({ suppressed: true, reason: 'small' });
    for (const r of profile.rows.filter((x) => x.suppressed)) {
      expect(Object.keys(r)).not.toContain('group');
      expect(Object.keys(r)).not.toContain('comparison');
      expect(Object.keys(r)).not.toContain('effect');
    }
    // Suppressed rows come last.
    const firstSuppressed = profile.rows.findIndex((r) => r.suppressed);
    expect(profile.rows.slice(firstSuppressed).every((r) => r.suppressed)).toBe(true);
  });

  it('gives a message, and no sizes, for a group or comparison under the minimum size', () => {
    const small = buildProfile({ ...aggregates, groupSize: 19 }, columns, definition);
    expect(small).toEqual({ status: 'too-small', population: 'group', minGroupSize: 20 });
    expect(buildProfile({ ...aggregates, comparisonSize: 3 }, columns, definition)).toMatchObject({ status: 'too-small', population: 'comparison' });
    expect(buildProfile({ ...aggregates, groupSize: 0, comparisonSize: 0 }, columns, definition)).toMatchObject({ population: 'both' });
  });

  it('says when the comparison includes the group', () => {
    const all = buildProfile({ ...aggregates, overlap: 100 }, columns, { ...definition, comparison: 'municipality' });
    expect(all.status === 'ok' && all.overlap).toBe('all');
  });
});

describe('definitions', () => {
  it('reads the columns a filter uses and the categories it allows', () => {
    const filter: Filter = [
      { column: 'age', op: 'between', min: 18, max: 64 },
      { any: [{ column: 'education', op: 'in', values: ['grundskole'] }, { column: 'education', op: 'is-null' }] },
      { column: 'labour', op: 'in', values: ['ledig', 'uden_for'] },
      { column: 'labour', op: 'ne', value: 'uden_for' },
    ];
    expect([...filterColumns(filter)].sort()).toEqual(['age', 'education', 'labour']);
    expect(allowedCategories(filter, 'education')).toEqual(new Set(['grundskole', null]));
    expect(allowedCategories(filter, 'labour')).toEqual(new Set(['ledig', 'uden_for']));
    expect(allowedCategories(filter, 'age')).toBeNull();
  });

  it('marks every column a contested indicator of the official-criteria pack uses as contested', () => {
    const contested = OFFICIAL_CRITERIA_PACK.indicators.filter((i) => i.contested !== undefined);
    expect(contested.length).toBeGreaterThan(0);
    for (const indicator of contested) {
      const n = indicator.numerator;
      const used = new Set([...filterColumns(indicator.population), ...(n.kind === 'persons' ? filterColumns(n.where) : [])]);
      for (const column of used) expect(Object.keys(CONTESTED_COLUMNS), `${indicator.id} uses ${column}`).toContain(column);
    }
  });
});
