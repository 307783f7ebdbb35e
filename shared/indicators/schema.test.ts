import { describe, expect, it } from 'vitest';
import { formatPackProblem, parsePack } from './schema';
import { SOCIAL_BALANCE_PACK, displayableIndicators } from './packs/index';
import socialBalance from './packs/social-balance.json';
import { SKELETON_PACK } from './skeleton-pack';

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
      'indicator "employment_16_64": unit: must be share or per1000 for a numerator of kind "persons"',
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
