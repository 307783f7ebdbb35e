import { describe, expect, it } from 'vitest';
import { distanceToLimit, evaluateClassifications, meetsLimit, withinMargin, type ClassificationResult } from './classifications';
import { OFFICIAL_CRITERIA_PACK } from './packs/index';
import { parsePackOrThrow } from './schema';
import type { IndicatorPack } from './pack';
import type { PackCell, PackResults, ReferenceLevel } from './results';

interface CellSpec {
  value: number | null;
  reference?: number | null;
  referenceLevel?: ReferenceLevel;
}

function cell(indicatorId: string, period: number, spec: CellSpec, areaId = 'E', layerId = 'estate'): PackCell {
  return {
    indicatorId,
    layerId,
    period,
    areaId,
    numerator: 0,
    denominator: spec.value === null ? 0 : 100,
    value: spec.value,
    lower: null,
    upper: null,
    small: false,
    method: 'wilson',
    reference: spec.reference ?? null,
    ...(spec.referenceLevel ? { referenceLevel: spec.referenceLevel } : {}),
  };
}

/** Results for one area from per-period values of each indicator. */
function resultsOf(byPeriod: Record<number, Record<string, CellSpec>>, areaId = 'E'): PackResults {
  const cells: PackCell[] = [];
  for (const [period, values] of Object.entries(byPeriod)) {
    for (const [id, spec] of Object.entries(values)) cells.push(cell(id, Number(period), spec, areaId));
  }
  return { cells, municipality: [] };
}

const find = (results: ClassificationResult[], id: string, period: number, areaId = 'E') => {
  const r = results.find((x) => x.classificationId === id && x.period === period && x.areaId === areaId);
  if (!r) throw new Error(`no result ${id} ${period} ${areaId}`);
  return r;
};

// A small pack: one share with gt and gte at 40 %, a rate relative to the reference, a
// mean income relative to the reference, residents, and a contested share.
const text = { da: 'x', en: 'x' };
const SMALL: IndicatorPack = parsePackOrThrow({
  format: 'bydelsmonitor-pack',
  version: '1.0',
  id: 'small',
  label: text,
  description: text,
  indicators: [
    { id: 'residents', label: text, description: text, domain: 'context', unit: 'count', direction: 'context', population: [], numerator: { kind: 'persons', where: [] }, minPopulation: 0, source: { text: 'x' } },
    {
      id: 'outside', label: text, description: text, domain: 'employment', unit: 'share', direction: 'higher-is-worse', population: [], window: 2,
      numerator: { kind: 'persons', where: [] }, minPopulation: 20, source: { text: 'x' },
      thresholds: [
        { id: 'outside_gt_40', value: 0.4, comparison: 'gt', label: text },
        { id: 'outside_gte_40', value: 0.4, comparison: 'gte', label: text },
      ],
    },
    {
      id: 'convicted', label: text, description: text, domain: 'crime', unit: 'share', direction: 'higher-is-worse', population: [], reference: 'nation',
      numerator: { kind: 'persons', where: [] }, minPopulation: 20, source: { text: 'x' },
      thresholds: [
        { id: 'convicted_gte_3x', value: 3, comparison: 'gte', relativeTo: 'reference', label: text },
        { id: 'convicted_gt_3x', value: 3, comparison: 'gt', relativeTo: 'reference', label: text },
      ],
    },
    {
      id: 'income', label: text, description: text, domain: 'income', unit: 'dkk', direction: 'higher-is-better', population: [], reference: 'region',
      numerator: { kind: 'value', column: 'income', statistic: 'mean' }, minPopulation: 20, source: { text: 'x' },
      thresholds: [{ id: 'income_lt_55pct', value: 0.55, comparison: 'lt', relativeTo: 'reference', label: text }],
    },
    {
      id: 'origin', label: text, description: text, domain: 'context', unit: 'share', direction: 'context', population: [], contested: { da: 'omstridt', en: 'contested' },
      numerator: { kind: 'persons', where: [] }, minPopulation: 20, source: { text: 'x' },
      thresholds: [{ id: 'origin_gt_50', value: 0.5, comparison: 'gt', label: text }],
    },
  ],
  classifications: [
    { id: 'strict', label: text, description: text, criteria: ['outside_gt_40'], source: { text: 'x' } },
    { id: 'inclusive', label: text, description: text, criteria: ['outside_gte_40'], source: { text: 'x' } },
    { id: 'relative_gte', label: text, description: text, criteria: ['convicted_gte_3x'], source: { text: 'x' } },
    { id: 'relative_gt', label: text, description: text, criteria: ['convicted_gt_3x'], source: { text: 'x' } },
    {
      id: 'two_of_three', label: text, description: text, minResidents: 1000, residentsIndicator: 'residents',
      criteria: ['outside_gt_40', 'convicted_gte_3x', 'income_lt_55pct'], minMet: 2, source: { text: 'x' },
    },
    { id: 'with_origin', label: text, description: text, gates: ['origin_gt_50'], criteria: ['outside_gt_40', 'income_lt_55pct'], minMet: 1, source: { text: 'x' } },
    { id: 'later', label: text, description: text, fromPeriod: 2025, criteria: ['outside_gt_40'], source: { text: 'x' } },
  ],
});

describe('thresholds: exactly at the limit, relative limits', () => {
  it('gt is not met and gte is met exactly at the threshold (distance 0)', () => {
    const results = evaluateClassifications(SMALL, resultsOf({ 2024: { outside: { value: 0.4 } } }), { includeContested: false });
    const strict = find(results, 'strict', 2024);
    const inclusive = find(results, 'inclusive', 2024);
    expect([strict.status, inclusive.status]).toEqual(['not-met', 'met']);
    expect(strict.criteria[0]).toMatchObject({ thresholdId: 'outside_gt_40', indicatorId: 'outside', value: 0.4, limit: 0.4, reference: null, referenceLevel: null, status: 'not-met', distance: 0 });
  });

  it('a relative threshold compares with value × reference; 3 × 0.01 equals 0.03 despite floating point', () => {
    const results = evaluateClassifications(SMALL, resultsOf({ 2024: { convicted: { value: 0.03, reference: 0.01, referenceLevel: 'nation' } } }), { includeContested: false });
    const gte = find(results, 'relative_gte', 2024).criteria[0]!;
    expect(gte).toMatchObject({ status: 'met', reference: 0.01, referenceLevel: 'nation', distance: 0 });
    expect(gte.limit).toBeCloseTo(0.03, 15);
    expect(find(results, 'relative_gt', 2024).status).toBe('not-met');
    expect(meetsLimit('gte', 0.03, 3 * 0.01)).toBe(true);
    expect(meetsLimit('gt', 0.0300001, 3 * 0.01)).toBe(true);
  });

  it('lt: income below 55 % of the reference; the distance is oriented (≥ 0 on the meeting side)', () => {
    const data = resultsOf({ 2024: { residents: { value: 1500 }, outside: { value: 0.3 }, convicted: { value: 0.01, reference: 0.01 }, income: { value: 200_000, reference: 400_000, referenceLevel: 'region' } } });
    const r = find(evaluateClassifications(SMALL, data, { includeContested: false }), 'two_of_three', 2024);
    const income = r.criteria.find((c) => c.thresholdId === 'income_lt_55pct')!;
    expect(income).toMatchObject({ value: 200_000, reference: 400_000, referenceLevel: 'region', status: 'met' });
    expect(income.limit).toBeCloseTo(220_000, 6);
    expect(income.distance).toBeCloseTo(20_000, 6);
    const outside = r.criteria.find((c) => c.thresholdId === 'outside_gt_40')!;
    expect(outside.distance).toBeCloseTo(-0.1, 12);
    expect(withinMargin(outside, 0.1 + 1e-9)).toBe(true);
    expect(withinMargin(outside, 0.05)).toBe(false);
    expect([r.status, r.criteriaMet]).toEqual(['not-met', 1]);
    expect(distanceToLimit('lt', 200_000, 220_000)).toBe(20_000);
  });
});

describe('missing values, the residents gate, rules in force', () => {
  it('a missing window value is unknown only when it could change the outcome', () => {
    const base = { residents: { value: 1500 }, outside: { value: null }, convicted: { value: 0.05, reference: null } };
    // 0 met, 2 unknown, 2 required → unknown.
    const unknown = find(evaluateClassifications(SMALL, resultsOf({ 2015: { ...base, income: { value: 300_000, reference: 400_000 } } }), { includeContested: false }), 'two_of_three', 2015);
    expect(unknown.status).toBe('unknown');
    expect([unknown.criteriaMet, unknown.criteriaUnknown]).toEqual([0, 2]);
    expect(unknown.criteria.find((c) => c.thresholdId === 'convicted_gte_3x')).toMatchObject({ status: 'unknown', limit: null, distance: null });
    expect(unknown.reason.en).toMatch(/^Unknown: missing values could change the outcome: .*no value for outside_gt_40, convicted_gte_3x/);
    expect(unknown.reason.da).toMatch(/^Ukendt: /);
    // Residents below the minimum decide whatever is missing.
    const few = find(evaluateClassifications(SMALL, resultsOf({ 2015: { ...base, residents: { value: 999 }, income: { value: 100_000, reference: 400_000 } } }), { includeContested: false }), 'two_of_three', 2015);
    expect([few.status, few.residents, few.residentsStatus]).toEqual(['not-met', 999, 'not-met']);
    expect(few.reason.en).toMatch(/fewer than 1,000 residents \(999\)/);
    expect(few.reason.da).toMatch(/færre end 1\.000 beboere \(999\)/);
    // 1 met, 2 unknown: still unknown; income met and an unknown: unknown.
    const one = find(evaluateClassifications(SMALL, resultsOf({ 2015: { ...base, income: { value: 100_000, reference: 400_000 } } }), { includeContested: false }), 'two_of_three', 2015);
    expect(one.status).toBe('unknown');
    // 2 met, 1 unknown: met.
    const two = find(
      evaluateClassifications(SMALL, resultsOf({ 2015: { ...base, convicted: { value: 0.05, reference: 0.01 }, income: { value: 100_000, reference: 400_000 } } }), { includeContested: false }),
      'two_of_three',
      2015,
    );
    expect([two.status, two.criteriaMet, two.criteriaUnknown]).toEqual(['met', 2, 1]);
  });

  it('the residents gate: exactly 1,000 passes (at least), a missing count is unknown', () => {
    const met = { outside: { value: 0.5 }, convicted: { value: 0.05, reference: 0.01 }, income: { value: 100_000, reference: 400_000 } };
    const results = evaluateClassifications(SMALL, resultsOf({ 2023: { ...met, residents: { value: 1000 } }, 2024: { ...met, residents: { value: null } } }), { includeContested: false });
    expect(find(results, 'two_of_three', 2023)).toMatchObject({ status: 'met', residents: 1000, minResidents: 1000, residentsStatus: 'met' });
    expect(find(results, 'two_of_three', 2024)).toMatchObject({ status: 'unknown', residentsStatus: 'unknown' });
  });

  it('a rule is only evaluated in its list years; listYearOffset shifts data periods to list years', () => {
    const data = resultsOf({ 2023: { outside: { value: 0.5 } }, 2024: { outside: { value: 0.5 } } });
    expect(evaluateClassifications(SMALL, data, { includeContested: false }).filter((r) => r.classificationId === 'later')).toEqual([]);
    const shifted = evaluateClassifications(SMALL, data, { includeContested: false, listYearOffset: 1 }).filter((r) => r.classificationId === 'later');
    expect(shifted.map((r) => [r.period, r.listYear, r.status])).toEqual([[2024, 2025, 'met']]);
  });

  it('a rule that needs a contested indicator is not evaluated unless asked, and its contested value is not shown', () => {
    const data = resultsOf({ 2024: { origin: { value: 0.7 }, outside: { value: 0.5 }, income: { value: 300_000, reference: 400_000 } } });
    const off = find(evaluateClassifications(SMALL, data, { includeContested: false }), 'with_origin', 2024);
    expect(off.status).toBe('not-evaluated');
    expect(off.contestedIndicators).toEqual(['origin']);
    expect(off.gates[0]).toMatchObject({ thresholdId: 'origin_gt_50', contested: true, status: 'not-evaluated', value: null });
    // The other criteria are still evaluated and shown.
    expect(off.criteria.map((c) => [c.thresholdId, c.status, c.value])).toEqual([['outside_gt_40', 'met', 0.5], ['income_lt_55pct', 'not-met', 300_000]]);
    expect(off.reason.en).toMatch(/^Not evaluated: the rule uses the contested criterion origin/);
    expect(off.reason.da).toMatch(/^Ikke vurderet: reglen bruger det omstridte kriterium origin/);
    const on = find(evaluateClassifications(SMALL, data, { includeContested: true }), 'with_origin', 2024);
    expect(on.status).toBe('met');
    expect(on.gates[0]).toMatchObject({ status: 'met', value: 0.7 });
    // Rules without the contested indicator are the same either way.
    expect(find(evaluateClassifications(SMALL, data, { includeContested: false }), 'strict', 2024).status).toBe('met');
  });

  it('records the reference level a cell used; a hand-built cell without one takes the indicator\'s declared level', () => {
    const data = resultsOf({ 2024: { convicted: { value: 0.05, reference: 0.01, referenceLevel: 'municipality' } }, 2023: { convicted: { value: 0.05, reference: 0.01 } } });
    const results = evaluateClassifications(SMALL, data, { includeContested: false });
    expect(find(results, 'relative_gte', 2024).criteria[0]?.referenceLevel).toBe('municipality');
    expect(find(results, 'relative_gte', 2023).criteria[0]?.referenceLevel).toBe('nation');
  });
});

describe('the official criteria across eras', () => {
  // A troubled estate: outside 45 %, convictions 1.4 × the nation, basic education 65 %
  // (70 % with unknown), income 50 % of the region, non-Western share as given.
  const year = (nonWestern: number, outside2y: number | null = 0.45): Record<string, CellSpec> => ({
    residents: { value: 2000 },
    outside_work_edu_18_64_2y: { value: outside2y },
    outside_work_edu_18_64_4y: { value: 0.45 },
    // Both 2-year windows are missing together (the first period of an extract).
    convictions_18plus_2y: { value: outside2y === null ? null : 0.0098, reference: 0.007, referenceLevel: 'municipality' },
    convictions_18plus_4y: { value: 0.0098, reference: 0.007 },
    basic_or_unknown_education_30_59: { value: 0.7 },
    basic_education_30_59: { value: 0.65 },
    income_mean_15_64: { value: 150_000, reference: 300_000, referenceLevel: 'municipality' },
    non_western_share: { value: nonWestern },
  });
  const span = (from: number, to: number, f: (p: number) => Record<string, CellSpec>) =>
    Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, f(from + i)]));

  it('omdannelsesområde: ghetto area 2017 (2013 rules), 2018–2020, parallel society 2021', () => {
    const results = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf(span(2013, 2021, () => year(0.6))), { includeContested: true });
    expect(find(results, 'ghetto_2013', 2017)).toMatchObject({ status: 'met', criteriaMet: 4, minMet: 3 });
    expect(find(results, 'ghetto_2018', 2019).status).toBe('met');
    expect(find(results, 'parallelsamfund_2021', 2021).status).toBe('met');
    const omdannelse = find(results, 'omdannelse_2021', 2021);
    expect(omdannelse.status).toBe('met');
    expect(omdannelse.persistence?.map((y) => [y.period, y.status, y.metBy])).toEqual([
      [2017, 'met', 'ghetto_2013'], [2018, 'met', 'ghetto_2018'], [2019, 'met', 'ghetto_2018'], [2020, 'met', 'ghetto_2018'], [2021, 'met', 'parallelsamfund_2021'],
    ]);
    expect(find(results, 'haardt_ghetto_2018', 2018).status).toBe('met');
    // The rules of each era apply only in their list years.
    expect(results.filter((r) => r.classificationId === 'udsat_2018').map((r) => r.period)).toEqual([2018, 2019, 2020]);
    expect(results.some((r) => r.classificationId === 'ghetto_2010')).toBe(false);
    // 2010–2012 rules are applied to 2010–2012 data.
    const early = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf(span(2010, 2012, () => year(0.3))), { includeContested: true });
    expect(find(early, 'ghetto_2010', 2012)).toMatchObject({ status: 'not-met', criteriaMet: 1 });
  });

  it('one year below the origin gate breaks the 5-year run; persistence before the data is unknown', () => {
    const broken = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf(span(2013, 2021, (p) => year(p === 2019 ? 0.45 : 0.6))), { includeContested: true });
    expect(find(broken, 'ghetto_2018', 2019).status).toBe('not-met');
    expect(find(broken, 'udsat_2018', 2019).status).toBe('met');
    expect(find(broken, 'omdannelse_2021', 2021).status).toBe('not-met');
    expect(find(broken, 'omdannelse_2021', 2021).reason.en).toMatch(/in 4 of the last 5 years; not in 2019/);
    expect(find(broken, 'haardt_ghetto_2018', 2020).status).toBe('not-met');
    const late = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf(span(2015, 2018, () => year(0.6))), { includeContested: true });
    const hard = find(late, 'haardt_ghetto_2018', 2018);
    expect(hard.status).toBe('unknown');
    expect(hard.persistence?.[0]).toEqual({ period: 2014, listYear: 2014, status: 'unknown', metBy: null });
  });

  it('a missing 2-year window in the first period makes ghetto 2013 unknown only if it matters', () => {
    const first = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf({ 2015: year(0.6, null) }), { includeContested: true });
    // Non-Western, basic/unknown education and income met: 3 of 5 whatever the window says.
    expect(find(first, 'ghetto_2013', 2015)).toMatchObject({ status: 'met', criteriaMet: 3, criteriaUnknown: 2 });
    const fewer = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf({ 2015: { ...year(0.3, null), income_mean_15_64: { value: 250_000, reference: 300_000 } } }), { includeContested: true });
    expect(find(fewer, 'ghetto_2013', 2015)).toMatchObject({ status: 'unknown', criteriaMet: 1, criteriaUnknown: 2 });
  });

  it('without contested criteria only the vulnerable-area rules are evaluated; the others say why', () => {
    const results = evaluateClassifications(OFFICIAL_CRITERIA_PACK, resultsOf(span(2013, 2021, () => year(0.6))), { includeContested: false });
    const byStatus = (period: number) => Object.fromEntries(results.filter((r) => r.period === period).map((r) => [r.classificationId, r.status]));
    expect(byStatus(2021)).toEqual({ udsat_2021: 'met', parallelsamfund_2021: 'not-evaluated', omdannelse_2021: 'not-evaluated', forebyggelse_2021: 'not-evaluated' });
    expect(byStatus(2016)).toEqual({ ghetto_2013: 'not-evaluated' });
    const ghetto = find(results, 'ghetto_2013', 2016);
    expect(ghetto.contestedIndicators).toEqual(['non_western_share']);
    expect(ghetto.criteria.find((c) => c.indicatorId === 'non_western_share')).toMatchObject({ status: 'not-evaluated', value: null });
    expect(find(results, 'omdannelse_2021', 2021)).toMatchObject({ persistence: null, contestedIndicators: ['non_western_share'] });
    // The reference level used is carried to the criterion (the municipality stood in).
    const udsat = find(results, 'udsat_2021', 2021);
    expect(udsat.criteria.find((c) => c.indicatorId === 'income_mean_15_64')).toMatchObject({ referenceLevel: 'municipality', reference: 300_000, limit: 165_000, status: 'met' });
    expect(udsat.criteria.find((c) => c.indicatorId === 'convictions_18plus_2y')).toMatchObject({ referenceLevel: 'municipality', status: 'not-met' });
  });
});
