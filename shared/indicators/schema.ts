/**
 * The indicator pack format ("bydelsmonitor-pack", JSON), validated with zod. Every
 * problem names the indicator (by id) and the field, in Danish and English, because
 * packs are written by analysts, not developers.
 */
import { z } from 'zod';
import type { Classification, CompositeDefinition, Filter, Indicator, IndicatorPack, LocalizedText, Numerator } from './pack';

export const PACK_FORMAT = 'bydelsmonitor-pack';
export const UNITS = ['share', 'per1000', 'dkk', 'mean', 'median', 'count'] as const;
export const DIRECTIONS = ['higher-is-worse', 'higher-is-better', 'context'] as const;
export const CONDITION_OPS = ['eq', 'ne', 'in', 'not-in', 'between', 'lt', 'lte', 'gt', 'gte', 'is-null', 'not-null'] as const;
export const REFERENCES = ['municipality', 'region', 'nation'] as const;

const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]*$/;

type Ctx = z.core.$RefinementCtx;

/** A custom issue carrying its Danish and English text. */
function problem(ctx: Ctx, path: (string | number)[], da: string, en: string): void {
  ctx.addIssue({ code: 'custom', path, message: en, params: { da, en } });
}

const localized = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();
const identifierSchema = z.string().regex(IDENTIFIER_PATTERN, 'a lower-case column name (a–z, 0–9, _)');

/** C0 and C1 control characters (NUL, line breaks, …): never part of a value a pack compares with. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Text that ends up as an SQL string literal (condition values, event types): no control characters. */
const literalText = z.string().superRefine((text, ctx) => {
  if (CONTROL_CHARACTER.test(text)) {
    problem(ctx, [], 'må ikke indeholde kontroltegn (fx NUL eller linjeskift)', 'must not contain control characters (such as NUL or a line break)');
  }
});
const scalar = z.union([literalText, z.number(), z.boolean()]);

interface LooseNode {
  all?: LooseNode[] | undefined;
  any?: LooseNode[] | undefined;
  column?: string | undefined;
  op?: (typeof CONDITION_OPS)[number] | undefined;
  value?: string | number | boolean | undefined;
  values?: (string | number)[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

function checkNode(node: LooseNode, ctx: Ctx): void {
  const groups = (['all', 'any'] as const).filter((k) => node[k] !== undefined);
  if (groups.length > 0) {
    if (groups.length > 1 || node.column !== undefined || node.op !== undefined) {
      problem(ctx, [], 'en gruppe har enten "all" eller "any" og intet andet', 'a group has either "all" or "any" and nothing else');
    }
    return;
  }
  if (node.column === undefined) problem(ctx, ['column'], 'mangler (kolonnenavn, eller "all"/"any" for en gruppe)', 'is required (a column name, or "all"/"any" for a group)');
  if (node.op === undefined) {
    problem(ctx, ['op'], `mangler; skal være en af ${CONDITION_OPS.join(', ')}`, `is required; must be one of ${CONDITION_OPS.join(', ')}`);
    return;
  }
  switch (node.op) {
    case 'between':
      if (node.min === undefined) problem(ctx, ['min'], 'mangler (et tal) for "between"', 'is required (a number) for "between"');
      if (node.max === undefined) problem(ctx, ['max'], 'mangler (et tal) for "between"', 'is required (a number) for "between"');
      if (node.min !== undefined && node.max !== undefined && node.min > node.max) problem(ctx, ['min'], 'er større end max', 'is greater than max');
      break;
    case 'in':
    case 'not-in':
      if (node.values === undefined) problem(ctx, ['values'], `mangler (en liste af værdier) for "${node.op}"`, `is required (a list of values) for "${node.op}"`);
      break;
    case 'eq':
    case 'ne':
      if (node.value === undefined) problem(ctx, ['value'], `mangler for "${node.op}"`, `is required for "${node.op}"`);
      break;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (typeof node.value !== 'number') problem(ctx, ['value'], `skal være et tal for "${node.op}"`, `must be a number for "${node.op}"`);
      break;
    case 'is-null':
    case 'not-null':
      break;
  }
}

const filterNode: z.ZodType<LooseNode> = z.lazy(() =>
  z
    .object({
      all: z.array(filterNode).optional(),
      any: z.array(filterNode).optional(),
      column: identifierSchema.optional(),
      op: z.enum(CONDITION_OPS).optional(),
      value: scalar.optional(),
      values: z.array(z.union([literalText, z.number()])).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict()
    .superRefine(checkNode),
);
const filterSchema = z.array(filterNode);

const numeratorSchema = z
  .object({
    kind: z.enum(['persons', 'event', 'value']),
    where: filterSchema.optional(),
    types: z.array(literalText.min(1)).optional(),
    eventType: literalText.min(1).optional(),
    count: z.enum(['persons', 'events']).optional(),
    area: z.enum(['residence', 'event']).optional(),
    column: identifierSchema.optional(),
    statistic: z.enum(['mean', 'median']).optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    const allowed: Record<typeof n.kind, string[]> = {
      persons: ['kind', 'where'],
      event: ['kind', 'types', 'eventType', 'where', 'count', 'area'],
      value: ['kind', 'column', 'statistic'],
    };
    for (const key of Object.keys(n)) {
      if (n[key as keyof typeof n] !== undefined && !allowed[n.kind].includes(key)) {
        problem(ctx, [key], `hører ikke til en tæller af typen "${n.kind}"`, `does not belong to a numerator of kind "${n.kind}"`);
      }
    }
    if (n.kind === 'persons' && n.where === undefined) problem(ctx, ['where'], 'mangler (betingelser på personer)', 'is required (conditions on persons)');
    if (n.kind === 'event') {
      if ((n.types?.length ?? 0) === 0 && n.eventType === undefined) problem(ctx, ['types'], 'mangler (mindst én hændelsestype)', 'is required (at least one event type)');
      if (n.area === 'event' && n.count === 'persons') problem(ctx, ['count'], 'skal være "events", når area er "event"', 'must be "events" when area is "event"');
    }
    if (n.kind === 'value') {
      if (n.column === undefined) problem(ctx, ['column'], 'mangler (kolonnen med værdien)', 'is required (the column holding the value)');
      if (n.statistic === undefined) problem(ctx, ['statistic'], 'mangler; skal være mean eller median', 'is required; must be mean or median');
    }
  });

const sourceSchema = z.object({ text: z.string().min(1), url: z.url().optional() }).strict();

const thresholdSchema = z
  .object({
    id: z.string().regex(IDENTIFIER_PATTERN, 'a lower-case id (a–z, 0–9, _)').optional(),
    value: z.number(),
    comparison: z.enum(['gt', 'gte', 'lt', 'lte']),
    relativeTo: z.enum(['absolute', 'reference']).default('absolute'),
    label: localized,
    source: sourceSchema.optional(),
    fromPeriod: z.number().int().optional(),
    toPeriod: z.number().int().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.fromPeriod !== undefined && t.toPeriod !== undefined && t.fromPeriod > t.toPeriod) {
      problem(ctx, ['fromPeriod'], 'er senere end toPeriod', 'is later than toPeriod');
    }
  });

/** Negative-development settings (pack.ts DevelopmentSetting); periods defaults to 5. */
const developmentSchema = z
  .object({
    periods: z.number().int().min(2).max(20).default(5),
    minChange: z.number().min(0),
  })
  .strict();

const indicatorSchema = z
  .object({
    id: z.string().regex(IDENTIFIER_PATTERN, 'a lower-case id (a–z, 0–9, _)'),
    label: localized,
    description: localized,
    domain: z.string().min(1),
    unit: z.enum(UNITS),
    direction: z.enum(DIRECTIONS),
    population: filterSchema,
    numerator: numeratorSchema,
    minPopulation: z.number().int().min(0),
    thresholds: z.array(thresholdSchema).default([]),
    reference: z.enum(REFERENCES).default('municipality'),
    window: z.number().int().min(1).max(10).default(1),
    source: sourceSchema,
    inComposite: z.boolean().optional(),
    contested: localized.optional(),
    development: developmentSchema.optional(),
  })
  .strict()
  .superRefine((ind, ctx) => {
    const isValue = ind.numerator.kind === 'value';
    const countUnit = ind.unit === 'share' || ind.unit === 'per1000' || ind.unit === 'count';
    if (isValue && countUnit) {
      problem(ctx, ['unit'], 'skal være dkk, mean eller median for en tæller af typen "value"', 'must be dkk, mean or median for a numerator of kind "value"');
    }
    if (!isValue && !countUnit) {
      problem(ctx, ['unit'], `skal være share, per1000 eller count for en tæller af typen "${ind.numerator.kind}"`, `must be share, per1000 or count for a numerator of kind "${ind.numerator.kind}"`);
    }
    if (ind.unit === 'count' && ind.window !== 1) {
      problem(ctx, ['window'], 'skal være 1 for enheden count (et antal lægges ikke sammen over flere år)', 'must be 1 for unit count (a count is not pooled over periods)');
    }
    if (ind.contested !== undefined) {
      if (ind.direction !== 'context') {
        problem(ctx, ['direction'], 'skal være "context" for en omstridt indikator (contested)', 'must be "context" for a contested indicator');
      }
      if (ind.inComposite === true) {
        problem(ctx, ['inComposite'], 'kan ikke være true for en omstridt indikator (contested); den indgår aldrig i et samlet indeks', 'cannot be true for a contested indicator; it is never part of a composite index');
      }
    }
    if ((ind.unit === 'mean' || ind.unit === 'median') && isValue && ind.numerator.statistic !== undefined && ind.numerator.statistic !== ind.unit) {
      problem(ctx, ['numerator', 'statistic'], `skal være "${ind.unit}" når unit er "${ind.unit}"`, `must be "${ind.unit}" when unit is "${ind.unit}"`);
    }
    if (ind.direction === 'context' && ind.inComposite === true) {
      problem(ctx, ['inComposite'], 'kan ikke være true for en kontekstindikator', 'cannot be true for a context indicator');
    }
    if (ind.unit === 'share' && (ind.numerator.count === 'events' || ind.numerator.area === 'event')) {
      problem(ctx, ['unit'], 'skal være per1000, når tælleren tæller hændelser (ikke personer)', 'must be per1000 when the numerator counts events (not persons)');
    }
    // A unit that does not fit the numerator is reported above; development follows the unit.
    if (ind.development !== undefined && isValue === !countUnit) checkDevelopment(ind, ctx);
  });

/** Development is judged with count models (trend.ts), so only for directional shares and rates of single periods. */
function checkDevelopment(
  ind: { unit: (typeof UNITS)[number]; direction: (typeof DIRECTIONS)[number]; window: number; development?: { minChange: number } | undefined },
  ctx: Ctx,
): void {
  if (ind.direction === 'context') {
    problem(ctx, ['development'], 'gælder ikke en kontekstindikator (kontekstindikatorer markeres aldrig)', 'does not apply to a context indicator (context indicators are never flagged)');
  }
  if (ind.unit !== 'share' && ind.unit !== 'per1000') {
    problem(
      ctx,
      ['development'],
      `gælder kun andele og rater pr. 1.000 (unit share eller per1000), ikke ${ind.unit}`,
      `applies only to shares and rates per 1,000 (unit share or per1000), not ${ind.unit}`,
    );
  }
  if (ind.window > 1) {
    problem(
      ctx,
      ['development'],
      `kan ikke bruges med window ${ind.window}: værdierne for to år i træk deler data, så en trendtest ville tælle de samme personer flere gange`,
      `cannot be used with window ${ind.window}: consecutive values share data, so a trend test would count the same persons more than once`,
    );
  }
  if (ind.unit === 'share' && (ind.development?.minChange ?? 0) > 1) {
    problem(
      ctx,
      ['development', 'minChange'],
      'må højst være 1 for en andel (angives som andel: 0,01 = 1 procentpoint pr. periode)',
      'must be at most 1 for a share (given as a proportion: 0.01 = 1 percentage point a period)',
    );
  }
}

const compositeSchema = z
  .object({
    label: localized,
    method: z.enum(['z-score', 'min-max', 'rank']).default('z-score'),
    weights: z.record(z.string(), z.number().min(0)).default({}),
    shrinkTowards: z.string().nullable().default(null),
  })
  .strict();

const classificationSchema = z
  .object({
    id: z.string().regex(IDENTIFIER_PATTERN, 'a lower-case id (a–z, 0–9, _)'),
    label: localized,
    description: localized,
    fromPeriod: z.number().int().optional(),
    toPeriod: z.number().int().optional(),
    minResidents: z.number().int().min(0).optional(),
    residentsIndicator: z.string().min(1).optional(),
    gates: z.array(z.string().min(1)).optional(),
    criteria: z.array(z.string().min(1)).optional(),
    minMet: z.number().int().min(1).optional(),
    persistence: z.object({ of: z.array(z.string().min(1)).min(1), years: z.number().int().min(1).max(50) }).strict().optional(),
    source: sourceSchema,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.fromPeriod !== undefined && c.toPeriod !== undefined && c.fromPeriod > c.toPeriod) {
      problem(ctx, ['fromPeriod'], 'er senere end toPeriod', 'is later than toPeriod');
    }
    if (c.minResidents !== undefined && c.residentsIndicator === undefined) {
      problem(ctx, ['residentsIndicator'], 'mangler: navngiv indikatoren med antallet af beboere (enhed count), f.eks. "residents"', 'is required with minResidents: name the indicator holding the number of residents (unit count), e.g. "residents"');
    }
    if (c.residentsIndicator !== undefined && c.minResidents === undefined) {
      problem(ctx, ['minResidents'], 'mangler: residentsIndicator bruges kun sammen med minResidents', 'is required: residentsIndicator is only used with minResidents');
    }
    if (c.minMet !== undefined && (c.criteria?.length ?? 0) === 0) {
      problem(ctx, ['minMet'], 'kræver en liste af kriterier (criteria)', 'needs a list of criteria');
    } else if (c.minMet !== undefined && c.criteria !== undefined && c.minMet > c.criteria.length) {
      problem(ctx, ['minMet'], `er ${c.minMet}, men der er kun ${c.criteria.length} kriterier`, `is ${c.minMet}, but there are only ${c.criteria.length} criteria`);
    }
    if ((c.gates?.length ?? 0) === 0 && (c.criteria?.length ?? 0) === 0 && c.persistence === undefined) {
      problem(ctx, ['criteria'], 'mangler: en klassifikation skal have gates, criteria eller persistence', 'is required: a classification needs gates, criteria or persistence');
    }
    for (const key of ['gates', 'criteria'] as const) {
      const seen = new Set<string>();
      (c[key] ?? []).forEach((id, i) => {
        if (seen.has(id)) problem(ctx, [key, i], `"${id}" står der allerede`, `"${id}" is already listed`);
        seen.add(id);
      });
    }
  });

export const packSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'a version such as "1.0"'),
    id: z.string().regex(IDENTIFIER_PATTERN, 'a lower-case id (a–z, 0–9, _)'),
    label: localized,
    description: localized,
    indicators: z.array(indicatorSchema).min(1),
    composite: compositeSchema.optional(),
    classifications: z.array(classificationSchema).optional(),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.indicators.forEach((ind, i) => {
      if (seen.has(ind.id)) problem(ctx, ['indicators', i, 'id'], `"${ind.id}" findes allerede i pakken`, `"${ind.id}" is already used in the pack`);
      seen.add(ind.id);
    });
    for (const id of Object.keys(pack.composite?.weights ?? {})) {
      const ind = pack.indicators.find((x) => x.id === id);
      if (!ind) problem(ctx, ['composite', 'weights', id], 'ingen indikator med dette id', 'no indicator has this id');
      else if (ind.contested !== undefined) problem(ctx, ['composite', 'weights', id], 'en omstridt indikator (contested) indgår aldrig i det samlede indeks', 'a contested indicator is never part of the composite index');
      else if (ind.direction === 'context') problem(ctx, ['composite', 'weights', id], 'en kontekstindikator indgår ikke i det samlede indeks', 'a context indicator is not part of the composite index');
    }
    // Threshold ids are unique across the pack.
    const thresholds = new Map<string, { fromPeriod?: number | undefined; toPeriod?: number | undefined }>();
    pack.indicators.forEach((ind, i) => {
      ind.thresholds.forEach((t, j) => {
        if (t.id === undefined) return;
        if (thresholds.has(t.id)) problem(ctx, ['indicators', i, 'thresholds', j, 'id'], `"${t.id}" findes allerede i pakken`, `"${t.id}" is already used in the pack`);
        else thresholds.set(t.id, t);
      });
    });
    checkClassifications(pack.classifications ?? [], pack.indicators, thresholds, ctx);
  });

const period = (p: number | undefined, open: string) => (p === undefined ? open : String(p));

function checkClassifications(
  classifications: readonly z.output<typeof classificationSchema>[],
  indicators: readonly z.output<typeof indicatorSchema>[],
  thresholds: ReadonlyMap<string, { fromPeriod?: number | undefined; toPeriod?: number | undefined }>,
  ctx: Ctx,
): void {
  const ids = new Set<string>();
  classifications.forEach((c, i) => {
    const at = (...path: (string | number)[]) => ['classifications', i, ...path];
    if (ids.has(c.id)) problem(ctx, at('id'), `"${c.id}" findes allerede i pakken`, `"${c.id}" is already used in the pack`);
    ids.add(c.id);
    if (c.residentsIndicator !== undefined) {
      const ind = indicators.find((x) => x.id === c.residentsIndicator);
      if (!ind) problem(ctx, at('residentsIndicator'), `ingen indikator har id "${c.residentsIndicator}"`, `no indicator has the id "${c.residentsIndicator}"`);
      else if (ind.unit !== 'count') problem(ctx, at('residentsIndicator'), `indikatoren "${ind.id}" skal have enheden count (antal beboere), ikke ${ind.unit}`, `the indicator "${ind.id}" must have unit count (number of residents), not ${ind.unit}`);
    }
    for (const key of ['gates', 'criteria'] as const) {
      (c[key] ?? []).forEach((id, j) => {
        const t = thresholds.get(id);
        if (!t) {
          problem(ctx, at(key, j), `ingen tærskel har id "${id}" (giv tærsklen et "id" under indikatorens thresholds)`, `no threshold has the id "${id}" (give the threshold an "id" in its indicator's thresholds)`);
          return;
        }
        // The threshold must be in force in every list year the classification is.
        const startsLate = t.fromPeriod !== undefined && (c.fromPeriod === undefined || c.fromPeriod < t.fromPeriod);
        const endsEarly = t.toPeriod !== undefined && (c.toPeriod === undefined || c.toPeriod > t.toPeriod);
        if (startsLate || endsEarly) {
          const tRange = `${period(t.fromPeriod, '…')}–${period(t.toPeriod, '…')}`;
          const cRange = `${period(c.fromPeriod, '…')}–${period(c.toPeriod, '…')}`;
          problem(ctx, at(key, j), `tærsklen "${id}" gælder kun ${tRange}, men klassifikationen gælder ${cRange}`, `the threshold "${id}" applies only ${tRange}, but the classification applies ${cRange}`);
        }
      });
    }
  });
  // Persistence: known ids, and no classification depends on itself.
  const byId = new Map(classifications.map((c) => [c.id, c]));
  classifications.forEach((c, i) => {
    (c.persistence?.of ?? []).forEach((id, j) => {
      if (!byId.has(id)) problem(ctx, ['classifications', i, 'persistence', 'of', j], `ingen klassifikation har id "${id}"`, `no classification has the id "${id}"`);
    });
    const cycle = findCycle(c.id, byId);
    if (cycle) {
      const path = cycle.join(' → ');
      problem(ctx, ['classifications', i, 'persistence', 'of'], `kredsløb: ${path} (en klassifikation kan ikke bygge på sig selv)`, `cycle: ${path} (a classification cannot depend on itself)`);
    }
  });
}

/** A path from id back to id through persistence.of, if there is one. */
function findCycle(start: string, byId: ReadonlyMap<string, z.output<typeof classificationSchema>>): string[] | null {
  const visit = (id: string, path: string[], seen: Set<string>): string[] | null => {
    for (const next of byId.get(id)?.persistence?.of ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next) || !byId.has(next)) continue;
      seen.add(next);
      const found = visit(next, [...path, next], seen);
      if (found) return found;
    }
    return null;
  };
  return visit(start, [start], new Set([start]));
}

export interface PackProblem {
  /** The indicator the problem is in, or null for pack-level fields. */
  indicatorId: string | null;
  /** The classification the problem is in (then indicatorId is null). */
  classificationId?: string;
  /** The field, e.g. "population[0].op". */
  field: string;
  message: LocalizedText;
}

export type ParsePackResult = { ok: true; pack: IndicatorPack } | { ok: false; problems: PackProblem[] };

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function typeName(expected: string): LocalizedText {
  const da: Record<string, string> = { string: 'tekst', number: 'et tal', boolean: 'true eller false', array: 'en liste', object: 'et objekt' };
  return { da: da[expected] ?? expected, en: expected === 'array' ? 'a list' : expected === 'object' ? 'an object' : `a ${expected}` };
}

function describeIssue(issue: z.core.$ZodIssue): LocalizedText {
  const params = (issue as { params?: { da?: string; en?: string } }).params;
  if (issue.code === 'custom' && params?.da && params.en) return { da: params.da, en: params.en };
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return { da: 'mangler', en: 'is required' };
      const t = typeName(issue.expected);
      return { da: `skal være ${t.da}`, en: `must be ${t.en}` };
    }
    case 'invalid_value': {
      const list = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return issue.values.length === 1
        ? { da: `skal være ${list}`, en: `must be ${list}` }
        : { da: `skal være en af ${list}`, en: `must be one of ${list}` };
    }
    case 'unrecognized_keys':
      return { da: `ukendt felt: ${issue.keys.join(', ')}`, en: `unknown field: ${issue.keys.join(', ')}` };
    case 'too_small':
      return issue.origin === 'array'
        ? { da: `skal have mindst ${String(issue.minimum)} element(er)`, en: `needs at least ${String(issue.minimum)} item(s)` }
        : issue.origin === 'string'
          ? { da: 'må ikke være tom', en: 'must not be empty' }
          : { da: `skal være mindst ${String(issue.minimum)}`, en: `must be at least ${String(issue.minimum)}` };
    case 'too_big':
      return { da: `må højst være ${String(issue.maximum)}`, en: `must be at most ${String(issue.maximum)}` };
    case 'invalid_format':
      return { da: `har ikke det rette format (${issue.message})`, en: `has the wrong format (${issue.message})` };
    default:
      return { da: issue.message, en: issue.message };
  }
}

/** "indicator \"x\": population[0].op: must be one of …" in the chosen language. */
export function formatPackProblem(p: PackProblem, language: 'da' | 'en'): string {
  const where =
    p.indicatorId !== null
      ? `${language === 'da' ? 'indikator' : 'indicator'} "${p.indicatorId}": `
      : p.classificationId !== undefined
        ? `${language === 'da' ? 'klassifikation' : 'classification'} "${p.classificationId}": `
        : '';
  return `${where}${p.field === '' ? '' : `${p.field}: `}${p.message[language]}`;
}

function normaliseFilter(nodes: readonly LooseNode[]): Filter {
  return nodes.map((n) => {
    if (n.all !== undefined) return { all: normaliseFilter(n.all) };
    if (n.any !== undefined) return { any: normaliseFilter(n.any) };
    return Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as Filter[number];
  });
}

type ParsedIndicator = z.output<typeof indicatorSchema>;

function normaliseIndicator(ind: ParsedIndicator): Indicator {
  const n = ind.numerator;
  let numerator: Numerator;
  if (n.kind === 'persons') numerator = { kind: 'persons', where: normaliseFilter(n.where ?? []) };
  else if (n.kind === 'value') numerator = { kind: 'value', column: n.column ?? '', statistic: n.statistic ?? 'mean' };
  else {
    const area = n.area ?? 'residence';
    numerator = {
      kind: 'event',
      types: [...(n.types ?? []), ...(n.eventType !== undefined ? [n.eventType] : [])],
      where: normaliseFilter(n.where ?? []),
      count: area === 'event' ? 'events' : (n.count ?? 'persons'),
      area,
    };
  }
  const { source, ...rest } = ind;
  return {
    ...rest,
    population: normaliseFilter(ind.population),
    numerator,
    source: source.url !== undefined ? { text: source.text, url: source.url } : { text: source.text },
    inComposite: ind.direction !== 'context' && (ind.inComposite ?? true),
  };
}

function normaliseClassification(c: z.output<typeof classificationSchema>): Classification {
  const defined = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as Classification;
  const criteria = c.criteria ?? [];
  return {
    ...defined,
    source: c.source.url !== undefined ? { text: c.source.text, url: c.source.url } : { text: c.source.text },
    ...(criteria.length > 0 ? { minMet: c.minMet ?? criteria.length } : {}),
  };
}

/** How deep "all"/"any" groups may nest: a top-level condition is at level 1, one inside a group at level 2, … */
export const MAX_FILTER_DEPTH = 32;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The indicator's id as problems name it: its id, or its place in the list. */
function idAt(list: unknown, index: number): string {
  const item = Array.isArray(list) ? (list[index] as { id?: unknown } | null | undefined) : undefined;
  return typeof item?.id === 'string' && item.id !== '' ? item.id : `#${index + 1}`;
}

/** Index of the first top-level node of `filter` with nodes deeper than MAX_FILTER_DEPTH, or -1. Iterative: the filter may be nested thousands of levels. */
function tooDeepAt(filter: unknown): number {
  if (!Array.isArray(filter)) return -1;
  for (const [index, top] of filter.entries()) {
    const stack: [unknown, number][] = [[top, 1]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const [node, level] = next;
      if (level > MAX_FILTER_DEPTH) return index;
      if (!isRecord(node)) continue;
      for (const key of ['all', 'any'] as const) {
        const children = node[key];
        if (Array.isArray(children)) for (const child of children) stack.push([child, level + 1]);
      }
    }
  }
  return -1;
}

/**
 * Filters nested deeper than MAX_FILTER_DEPTH, found before zod runs: its filter schema
 * recurses once per level, and a few hundred levels overflow the stack.
 */
function filterDepthProblems(json: unknown): PackProblem[] {
  const indicators = isRecord(json) ? json['indicators'] : undefined;
  if (!Array.isArray(indicators)) return [];
  const problems: PackProblem[] = [];
  indicators.forEach((ind: unknown, i) => {
    if (!isRecord(ind)) return;
    const numerator = ind['numerator'];
    const filters: [string, unknown][] = [['population', ind['population']], ['numerator.where', isRecord(numerator) ? numerator['where'] : undefined]];
    for (const [field, filter] of filters) {
      const at = tooDeepAt(filter);
      if (at < 0) continue;
      problems.push({
        indicatorId: idAt(indicators, i),
        field: `${field}[${at}]`,
        message: {
          da: `grupper ("all"/"any") er indlejret mere end ${MAX_FILTER_DEPTH} niveauer dybt; højst ${MAX_FILTER_DEPTH} niveauer er tilladt`,
          en: `groups ("all"/"any") are nested more than ${MAX_FILTER_DEPTH} levels deep; at most ${MAX_FILTER_DEPTH} levels are allowed`,
        },
      });
    }
  });
  return problems;
}

/** Validates a pack (parsed JSON or JSON text). */
export function parsePack(input: unknown): ParsePackResult {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return { ok: false, problems: [{ indicatorId: null, field: '', message: { da: `filen er ikke gyldig JSON (${detail})`, en: `the file is not valid JSON (${detail})` } }] };
    }
  }
  const tooDeep = filterDepthProblems(json);
  if (tooDeep.length > 0) return { ok: false, problems: tooDeep };
  const result = packSchema.safeParse(json);
  if (!result.success) {
    const raw = json as { indicators?: unknown; classifications?: unknown } | null;
    const problems = result.error.issues.map((issue): PackProblem => {
      const path = issue.path;
      if (path[0] === 'indicators' && typeof path[1] === 'number') {
        return { indicatorId: idAt(raw?.indicators, path[1]), field: fieldPath(path.slice(2)), message: describeIssue(issue) };
      }
      if (path[0] === 'classifications' && typeof path[1] === 'number') {
        return { indicatorId: null, classificationId: idAt(raw?.classifications, path[1]), field: fieldPath(path.slice(2)), message: describeIssue(issue) };
      }
      return { indicatorId: null, field: fieldPath(path), message: describeIssue(issue) };
    });
    return { ok: false, problems };
  }
  const data = result.data;
  const pack: IndicatorPack = {
    format: PACK_FORMAT,
    version: data.version,
    id: data.id,
    label: data.label,
    description: data.description,
    indicators: data.indicators.map(normaliseIndicator),
    ...(data.composite ? { composite: data.composite satisfies CompositeDefinition } : {}),
    ...(data.classifications ? { classifications: data.classifications.map(normaliseClassification) } : {}),
  };
  return { ok: true, pack };
}

/** parsePack, throwing one error that lists every problem (for packs shipped with the app). */
export function parsePackOrThrow(input: unknown, language: 'da' | 'en' = 'en'): IndicatorPack {
  const result = parsePack(input);
  if (!result.ok) throw new Error(`invalid indicator pack:\n${result.problems.map((p) => `  ${formatPackProblem(p, language)}`).join('\n')}`);
  return result.pack;
}
