import { describe, expect, it } from 'vitest';
import { formatPackProblem, parsePack } from './schema';
import { BUILTIN_PACKS, OFFICIAL_CRITERIA_PACK, SOCIAL_BALANCE_PACK, displayableIndicators } from './packs/index';
import socialBalance from './packs/social-balance.json';
import officialCriteria from './packs/dk-official-criteria.json';
import { SKELETON_PACK } from './skeleton-pack';
import { developmentSetting } from './pack';

function withIndicator(patch: (ind: Record<string, unknown>) => void, index = 0): unknown {
  const json = structuredClone(socialBalance) as { indicators: Record<string, unknown>[] };
  patch(json.indicators[index] as Record<string, unknown>);
  return json;
}

function messages(input: unknown, language: 'da' | 'en' = 'en'): string[] {
  const result = parsePack(input);
  if (result.ok) return [];
  return result.problems.map((p) => formatPackProblem(p, language));
}

describe('the social-balance pack', () => {
  it('is valid, has 16 directional and 3 context indicators, and keeps the skeleton ids', () => {
    expect(SOCIAL_BALANCE_PACK.indicators).toHaveLength(19);
    expect(SOCIAL_BALANCE_PACK.indicators.filter((i) => i.direction !== 'context')).toHaveLength(16);
    expect(SOCIAL_BALANCE_PACK.indicators.filter((i) => i.inComposite)).toHaveLength(16);
    const ids = SOCIAL_BALANCE_PACK.indicators.map((i) => i.id);
    for (const skeleton of SKELETON_PACK) expect(ids).toContain(skeleton.id);
    for (const ind of SOCIAL_BALANCE_PACK.indicators) expect(ind.source?.text).toBeTruthy();
    expect(displayableIndicators(SOCIAL_BALANCE_PACK).map((d) => d.id).slice(0, 2)).toEqual(['employment_16_64', 'outside_work_edu_18_64']);
  });
});

describe('pack validation messages name the indicator and the field', () => {
  it('an unknown condition op', () => {
    const [message] = messages(withIndicator((ind) => { (ind['population'] as Record<string, unknown>[])[0]!['op'] = 'range'; }));
    expect(message).toMatch(/^indicator "employment_16_64": population\[0\]\.op: must be one of "eq", "ne", "in"/);
    const [dansk] = messages(withIndicator((ind) => { (ind['population'] as Record<string, unknown>[])[0]!['op'] = 'range'; }), 'da');
    expect(dansk).toMatch(/^indikator "employment_16_64": population\[0\]\.op: skal være en af/);
  });

  it('a missing field, a wrong type, an unknown field', () => {
    expect(messages(withIndicator((ind) => { delete ind['minPopulation']; }, 2))).toEqual(['indicator "cash_benefits_16_64": minPopulation: is required']);
    expect(messages(withIndicator((ind) => { ind['minPopulation'] = '20'; }))).toEqual(['indicator "employment_16_64": minPopulation: must be a number']);
    expect(messages(withIndicator((ind) => { ind['colour'] = 'red'; }))).toEqual(['indicator "employment_16_64": unknown field: colour']);
  });

  it('inconsistent definitions: a value unit with a count numerator, "between" without max, context in the composite', () => {
    expect(messages(withIndicator((ind) => { ind['unit'] = 'median'; }))).toEqual([
      'indicator "employment_16_64": unit: must be share, per1000 or count for a numerator of kind "persons"',
    ]);
    expect(messages(withIndicator((ind) => { delete (ind['population'] as Record<string, unknown>[])[0]!['max']; }))).toEqual([
      'indicator "employment_16_64": population[0].max: is required (a number) for "between"',
    ]);
    const context = SOCIAL_BALANCE_PACK.indicators.findIndex((i) => i.direction === 'context');
    expect(messages(withIndicator((ind) => { ind['inComposite'] = true; }, context))).toEqual([
      'indicator "non_western_share": inComposite: cannot be true for a context indicator',
    ]);
  });

  it('problems in nested groups and event numerators, duplicate ids, bad JSON', () => {
    expect(messages(withIndicator((ind) => { ind['population'] = [{ any: [{ column: 'Age', op: 'eq', value: 1 }] }]; }))).toEqual([
      'indicator "employment_16_64": population[0].any[0].column: has the wrong format (a lower-case column name (a–z, 0–9, _))',
    ]);
    expect(messages(withIndicator((ind) => { ind['numerator'] = { kind: 'event', count: 'persons' }; }, 8))).toEqual([
      'indicator "child_notifications": numerator.types: is required (at least one event type)',
    ]);
    expect(messages(withIndicator((ind) => { ind['id'] = 'outside_work_edu_18_64'; }))).toContain('indicator "outside_work_edu_18_64": id: "outside_work_edu_18_64" is already used in the pack');
    expect(messages('{ "format": ')[0]).toMatch(/^the file is not valid JSON/);
    expect(messages({ ...socialBalance, format: 'other' })).toEqual(['format: must be "bydelsmonitor-pack"']);
  });
});

describe('filters the SQL compiler could not take, refused with a problem', () => {
  /** The pack as JSON text with the first indicator's population wrapped in `depth` groups (as text: JSON.stringify would overflow). */
  function nestedPopulation(depth: number, field: 'population' | 'where' = 'population'): string {
    const json = structuredClone(socialBalance) as { indicators: { population: unknown[]; numerator: { where?: unknown[] } }[] };
    const filter = field === 'population' ? json.indicators[0]!.population : json.indicators[0]!.numerator.where!;
    filter.push('@@DEEP@@');
    const deep = `${'{"all":['.repeat(depth)}{"column":"age","op":"gte","value":16}${']}'.repeat(depth)}`;
    return JSON.stringify(json).replace('"@@DEEP@@"', deep);
  }

  it('a filter nested thousands of groups deep (zod recursed per level and overflowed the stack)', () => {
    for (const depth of [2_000, 50_000]) {
      expect(messages(nestedPopulation(depth))).toEqual([
        'indicator "employment_16_64": population[1]: groups ("all"/"any") are nested more than 32 levels deep; at most 32 levels are allowed',
      ]);
    }
    expect(messages(nestedPopulation(2_000, 'where'), 'da')).toEqual([
      'indikator "employment_16_64": numerator.where[1]: grupper ("all"/"any") er indlejret mere end 32 niveauer dybt; højst 32 niveauer er tilladt',
    ]);
  });

  it('nesting up to 32 levels is accepted, 33 is not', () => {
    const at32 = parsePack(nestedPopulation(31));
    expect(at32.ok).toBe(true);
    expect(messages(nestedPopulation(32))).toEqual([
      'indicator "employment_16_64": population[1]: groups ("all"/"any") are nested more than 32 levels deep; at most 32 levels are allowed',
    ]);
  });

  it('control characters in condition values and event types (compile.ts refuses NUL in a literal)', () => {
    expect(messages(withIndicator((ind) => { (ind['population'] as Record<string, unknown>[]).push({ column: 'labour_status', op: 'eq', value: 'a\u0000b' }); }))).toEqual([
      'indicator "employment_16_64": population[1].value: must not contain control characters (such as NUL or a line break)',
    ]);
    expect(messages(withIndicator((ind) => { ind['numerator'] = { kind: 'persons', where: [{ column: 'benefit', op: 'in', values: ['dagpenge', 'x\ny'] }] }; }), 'da')).toEqual([
      'indikator "employment_16_64": numerator.where[0].values[1]: må ikke indeholde kontroltegn (fx NUL eller linjeskift)',
    ]);
    expect(messages(withIndicator((ind) => { ind['numerator'] = { kind: 'event', types: ['dom\u0000'], count: 'persons' }; }, 8))).toEqual([
      'indicator "child_notifications": numerator.types[0]: must not contain control characters (such as NUL or a line break)',
    ]);
    expect(messages(withIndicator((ind) => { ind['numerator'] = { kind: 'event', eventType: '\u0085', count: 'persons' }; }, 8))).toEqual([
      'indicator "child_notifications": numerator.eventType: must not contain control characters (such as NUL or a line break)',
    ]);
    // Other text is fine: quotes are escaped by the compiler, letters beyond ASCII are data.
    expect(messages(withIndicator((ind) => { (ind['population'] as Record<string, unknown>[]).push({ column: 'name', op: 'ne', value: "o'brien æøå" }); }))).toEqual([]);
  });
});

type Json = Record<string, unknown>;
type CriteriaJson = { indicators: (Json & { id: string; thresholds: Json[] })[]; classifications: (Json & { id: string })[]; composite?: Json };

function criteria(patch: (pack: CriteriaJson) => void): unknown {
  const json = structuredClone(officialCriteria) as unknown as CriteriaJson;
  patch(json);
  return json;
}
const indicatorOf = (pack: CriteriaJson, id: string) => pack.indicators.find((i) => i.id === id) as CriteriaJson['indicators'][number];
const classificationOf = (pack: CriteriaJson, id: string) => pack.classifications.find((c) => c.id === id) as Json;

describe('the official-criteria pack', () => {
  it('is valid, with ids and legal sources on every threshold and a contested origin indicator', () => {
    expect(OFFICIAL_CRITERIA_PACK.id).toBe('dk_official_criteria');
    expect(BUILTIN_PACKS.map((p) => p.id)).toEqual(['social_balance', 'dk_official_criteria']);
    expect(OFFICIAL_CRITERIA_PACK.classifications?.map((c) => c.id)).toEqual([
      'ghetto_2010', 'ghetto_2013', 'udsat_2018', 'ghetto_2018', 'haardt_ghetto_2018', 'udsat_2021', 'parallelsamfund_2021', 'omdannelse_2021', 'forebyggelse_2021',
    ]);
    for (const ind of OFFICIAL_CRITERIA_PACK.indicators) {
      expect(ind.source?.text).toBeTruthy();
      expect(ind.inComposite).toBe(false);
      for (const t of ind.thresholds ?? []) {
        expect(t.id).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(t.source?.text).toBeTruthy();
      }
    }
    for (const c of OFFICIAL_CRITERIA_PACK.classifications ?? []) expect(c.source.text).toBeTruthy();
    const origin = OFFICIAL_CRITERIA_PACK.indicators.find((i) => i.id === 'non_western_share');
    expect(origin?.contested?.en).toMatch(/C-417\/23/);
    expect([origin?.direction, origin?.inComposite]).toEqual(['context', false]);
    expect(OFFICIAL_CRITERIA_PACK.indicators.find((i) => i.id === 'residents')?.unit).toBe('count');
    // Criteria with the 2-of-4 rule default to minMet = all when not given.
    expect(OFFICIAL_CRITERIA_PACK.classifications?.find((c) => c.id === 'udsat_2021')?.minMet).toBe(2);
  });
});

describe('validation of the new pack fields', () => {
  it('threshold ids: format and uniqueness across the pack', () => {
    expect(messages(criteria((p) => { indicatorOf(p, 'basic_education_30_59').thresholds[0]!['id'] = 'Basic-60'; }))).toContain(
      'indicator "basic_education_30_59": thresholds[0].id: has the wrong format (a lower-case id (a–z, 0–9, _))',
    );
    const duplicate = criteria((p) => { indicatorOf(p, 'basic_education_30_59').thresholds[1]!['id'] = 'outside_2018_gt_40'; });
    expect(messages(duplicate)).toContain('indicator "basic_education_30_59": thresholds[1].id: "outside_2018_gt_40" is already used in the pack');
    expect(messages(duplicate, 'da')).toContain('indikator "basic_education_30_59": thresholds[1].id: "outside_2018_gt_40" findes allerede i pakken');
  });

  it('unit count: a count of persons or events, never pooled over a window', () => {
    expect(messages(criteria((p) => { indicatorOf(p, 'residents')['window'] = 2; }))).toEqual([
      'indicator "residents": window: must be 1 for unit count (a count is not pooled over periods)',
    ]);
    expect(messages(criteria((p) => { indicatorOf(p, 'income_mean_15_64')['unit'] = 'count'; }))).toEqual([
      'indicator "income_mean_15_64": unit: must be dkk, mean or median for a numerator of kind "value"',
    ]);
    expect(messages(criteria((p) => { indicatorOf(p, 'residents')['unit'] = 'pieces'; }))[0]).toMatch(/^indicator "residents": unit: must be one of .*"count"/);
  });

  it('a contested indicator is a context indicator and never in a composite', () => {
    const directional = criteria((p) => { indicatorOf(p, 'non_western_share')['direction'] = 'higher-is-worse'; });
    expect(messages(directional)).toEqual(['indicator "non_western_share": direction: must be "context" for a contested indicator']);
    expect(messages(directional, 'da')).toEqual(['indikator "non_western_share": direction: skal være "context" for en omstridt indikator (contested)']);
    const inComposite = criteria((p) => {
      const ind = indicatorOf(p, 'non_western_share');
      ind['direction'] = 'higher-is-worse';
      ind['inComposite'] = true;
    });
    expect(messages(inComposite)).toContain('indicator "non_western_share": inComposite: cannot be true for a contested indicator; it is never part of a composite index');
    const weighted = criteria((p) => { p.composite = { label: { da: 'x', en: 'x' }, weights: { non_western_share: 1 } }; });
    expect(messages(weighted)).toEqual(['composite.weights.non_western_share: a contested indicator is never part of the composite index']);
    expect(messages(weighted, 'da')).toEqual(['composite.weights.non_western_share: en omstridt indikator (contested) indgår aldrig i det samlede indeks']);
  });

  it('classifications: unknown threshold ids, in both languages, naming the classification and field', () => {
    const input = criteria((p) => { (classificationOf(p, 'udsat_2021')['criteria'] as string[])[1] = 'convictions_3x'; });
    expect(messages(input)).toEqual([
      'classification "udsat_2021": criteria[1]: no threshold has the id "convictions_3x" (give the threshold an "id" in its indicator\'s thresholds)',
    ]);
    expect(messages(input, 'da')).toEqual([
      'klassifikation "udsat_2021": criteria[1]: ingen tærskel har id "convictions_3x" (giv tærsklen et "id" under indikatorens thresholds)',
    ]);
    const result = parsePack(input);
    expect(result.ok ? null : result.problems[0]).toMatchObject({ indicatorId: null, classificationId: 'udsat_2021', field: 'criteria[1]' });
    expect(messages(criteria((p) => { (classificationOf(p, 'parallelsamfund_2021')['gates'] as string[])[0] = 'nope'; }))[0]).toMatch(
      /^classification "parallelsamfund_2021": gates\[0\]: no threshold has the id "nope"/,
    );
  });

  it('classifications: unknown and cyclic persistence, minMet beyond the criteria', () => {
    const unknown = criteria((p) => { (classificationOf(p, 'omdannelse_2021')['persistence'] as { of: string[] }).of.push('ghetto_1999'); });
    expect(messages(unknown)).toEqual(['classification "omdannelse_2021": persistence.of[3]: no classification has the id "ghetto_1999"']);
    expect(messages(unknown, 'da')).toEqual(['klassifikation "omdannelse_2021": persistence.of[3]: ingen klassifikation har id "ghetto_1999"']);
    const cycle = criteria((p) => {
      classificationOf(p, 'parallelsamfund_2021')['persistence'] = { of: ['omdannelse_2021'], years: 2 };
    });
    expect(messages(cycle)).toEqual([
      'classification "parallelsamfund_2021": persistence.of: cycle: parallelsamfund_2021 → omdannelse_2021 → parallelsamfund_2021 (a classification cannot depend on itself)',
      'classification "omdannelse_2021": persistence.of: cycle: omdannelse_2021 → parallelsamfund_2021 → omdannelse_2021 (a classification cannot depend on itself)',
    ]);
    expect(messages(cycle, 'da')[0]).toMatch(/^klassifikation "parallelsamfund_2021": persistence\.of: kredsløb: /);
    const self = criteria((p) => { classificationOf(p, 'omdannelse_2021')['persistence'] = { of: ['omdannelse_2021'], years: 5 }; });
    expect(messages(self)).toEqual(['classification "omdannelse_2021": persistence.of: cycle: omdannelse_2021 → omdannelse_2021 (a classification cannot depend on itself)']);
    const minMet = criteria((p) => { classificationOf(p, 'udsat_2021')['minMet'] = 5; });
    expect(messages(minMet)).toEqual(['classification "udsat_2021": minMet: is 5, but there are only 4 criteria']);
    expect(messages(minMet, 'da')).toEqual(['klassifikation "udsat_2021": minMet: er 5, men der er kun 4 kriterier']);
  });

  it('classifications: the residents gate, periods, duplicates, empty rules', () => {
    expect(messages(criteria((p) => { delete classificationOf(p, 'udsat_2021')['residentsIndicator']; }))).toEqual([
      'classification "udsat_2021": residentsIndicator: is required with minResidents: name the indicator holding the number of residents (unit count), e.g. "residents"',
    ]);
    expect(messages(criteria((p) => { classificationOf(p, 'udsat_2021')['residentsIndicator'] = 'beboere'; }))).toEqual([
      'classification "udsat_2021": residentsIndicator: no indicator has the id "beboere"',
    ]);
    expect(messages(criteria((p) => { classificationOf(p, 'udsat_2021')['residentsIndicator'] = 'non_western_share'; }), 'da')).toEqual([
      'klassifikation "udsat_2021": residentsIndicator: indikatoren "non_western_share" skal have enheden count (antal beboere), ikke share',
    ]);
    // A 2013–2017 threshold in a rule that applies from 2021.
    expect(messages(criteria((p) => { (classificationOf(p, 'udsat_2021')['criteria'] as string[])[0] = 'outside_2013_gt_40'; }))).toEqual([
      'classification "udsat_2021": criteria[0]: the threshold "outside_2013_gt_40" applies only 2013–2017, but the classification applies 2021–…',
    ]);
    expect(messages(criteria((p) => { classificationOf(p, 'ghetto_2013')['fromPeriod'] = 2019; }))).toContain('classification "ghetto_2013": fromPeriod: is later than toPeriod');
    expect(messages(criteria((p) => { classificationOf(p, 'udsat_2018')['id'] = 'ghetto_2013'; }))).toContain('classification "ghetto_2013": id: "ghetto_2013" is already used in the pack');
    expect(messages(criteria((p) => { p.classifications.push({ id: 'empty', label: { da: 'x', en: 'x' }, description: { da: 'x', en: 'x' }, source: { text: 'x' } }); }))).toEqual([
      'classification "empty": criteria: is required: a classification needs gates, criteria or persistence',
    ]);
    expect(messages(criteria((p) => { (classificationOf(p, 'udsat_2021')['criteria'] as string[])[1] = 'outside_2018_gt_40'; }))).toEqual([
      'classification "udsat_2021": criteria[1]: "outside_2018_gt_40" is already listed',
    ]);
    expect(messages(criteria((p) => { classificationOf(p, 'udsat_2021')['colour'] = 'red'; }))).toEqual(['classification "udsat_2021": unknown field: colour']);
  });
});

describe('development settings (negative development flags)', () => {
  it('the social-balance pack sets them for its directional shares and rates, and parses them', () => {
    const employment = SOCIAL_BALANCE_PACK.indicators.find((i) => i.id === 'employment_16_64');
    expect(employment?.development).toEqual({ periods: 5, minChange: 0.01 });
    for (const ind of SOCIAL_BALANCE_PACK.indicators) {
      const countModel = (ind.unit === 'share' || ind.unit === 'per1000') && ind.direction !== 'context';
      expect(ind.development !== undefined, ind.id).toBe(countModel);
      expect(developmentSetting(ind)?.source ?? null, ind.id).toBe(countModel ? 'pack' : null);
    }
  });

  it('periods defaults to 5; without a setting the defaults apply by unit', () => {
    const parsed = parsePack(withIndicator((ind) => { ind['development'] = { minChange: 0.02 }; }));
    expect(parsed.ok && parsed.pack.indicators[0]?.development).toEqual({ periods: 5, minChange: 0.02 });
    const none = parsePack(withIndicator((ind) => { delete ind['development']; }));
    const ind = none.ok ? none.pack.indicators[0] : undefined;
    expect(ind?.development).toBeUndefined();
    expect(ind && developmentSetting(ind)).toEqual({ periods: 5, minChange: 0.01, source: 'default' });
    const rate = SOCIAL_BALANCE_PACK.indicators.find((i) => i.unit === 'per1000')!;
    expect(developmentSetting({ ...rate, development: undefined })).toEqual({ periods: 5, minChange: 0.001, source: 'default' });
    // Pooled windows and means are never judged, whatever the pack says.
    expect(developmentSetting({ ...rate, window: 2 })).toBeNull();
  });

  it('names the indicator and field of a bad setting, in both languages', () => {
    expect(messages(withIndicator((ind) => { ind['development'] = { periods: 5 }; }))).toEqual(['indicator "employment_16_64": development.minChange: is required']);
    expect(messages(withIndicator((ind) => { ind['development'] = { periods: 1, minChange: 0.01 }; }))).toEqual(['indicator "employment_16_64": development.periods: must be at least 2']);
    expect(messages(withIndicator((ind) => { ind['development'] = { minChange: -0.01 }; }))).toEqual(['indicator "employment_16_64": development.minChange: must be at least 0']);
    expect(messages(withIndicator((ind) => { ind['development'] = { minChange: 0.01, colour: 'red' }; }))).toEqual(['indicator "employment_16_64": development: unknown field: colour']);
    expect(messages(withIndicator((ind) => { ind['development'] = { minChange: 2 }; }))).toEqual([
      'indicator "employment_16_64": development.minChange: must be at most 1 for a share (given as a proportion: 0.01 = 1 percentage point a period)',
    ]);
    const income = SOCIAL_BALANCE_PACK.indicators.findIndex((i) => i.id === 'income_mean_15_64');
    expect(messages(withIndicator((ind) => { ind['development'] = { minChange: 5000 }; }, income))).toEqual([
      'indicator "income_mean_15_64": development: applies only to shares and rates per 1,000 (unit share or per1000), not dkk',
    ]);
    const context = SOCIAL_BALANCE_PACK.indicators.findIndex((i) => i.direction === 'context');
    expect(messages(withIndicator((ind) => { ind['development'] = { minChange: 0.01 }; }, context), 'da')).toEqual([
      'indikator "non_western_share": development: gælder ikke en kontekstindikator (kontekstindikatorer markeres aldrig)',
    ]);
    const pooled = messages(criteria((p) => { indicatorOf(p, 'outside_work_edu_18_64_2y')['development'] = { minChange: 0.01 }; }));
    expect(pooled).toEqual([
      'indicator "outside_work_edu_18_64_2y": development: cannot be used with window 2: consecutive values share data, so a trend test would count the same persons more than once',
    ]);
  });
});
