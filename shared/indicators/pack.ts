/**
 * Indicators are data: each declares its population and numerator as filters over the
 * extract's tables, and the engine compiles them to SQL (engine.ts). The JSON format and
 * its validation live in schema.ts; these are the types the engine works on.
 */

export type Scalar = string | number | boolean;

/** A condition on one column (of the person-period table, or of events in an event filter). */
export type Condition =
  | { column: string; op: 'between'; min: number; max: number }
  | { column: string; op: 'in' | 'not-in'; values: readonly (string | number)[] }
  | { column: string; op: 'eq' | 'ne'; value: Scalar }
  | { column: string; op: 'lt' | 'lte' | 'gt' | 'gte'; value: number }
  | { column: string; op: 'is-null' | 'not-null' };

/** A filter node: a condition, or all/any of further nodes. */
export type FilterNode = Condition | { all: readonly FilterNode[] } | { any: readonly FilterNode[] };

/** A list of nodes, all of which must hold (the empty list holds for everyone). */
export type Filter = readonly FilterNode[];

export type Numerator =
  /** Persons in the population that also meet these conditions. */
  | { kind: 'persons'; where: Filter }
  /**
   * Events. `count: 'persons'` (default): persons in the population with at least one
   * matching event in the period. `count: 'events'`: the number of matching events of
   * persons in the population (a Poisson count). `area: 'event'` counts events where they
   * happened (the events table's area column; e.g. moves out of an area, whose movers no
   * longer live there) instead of where the person lives; it implies `count: 'events'`.
   */
  | {
      kind: 'event';
      /** Event types (any of). */
      types?: readonly string[];
      /** The skeleton's single event type; same as `types: [eventType]`. */
      eventType?: string;
      /** Conditions on the event row (e.g. detail = 'straffeloven'). */
      where?: Filter;
      count?: 'persons' | 'events';
      area?: 'residence' | 'event';
    }
  /** A value column over the population: its mean (unit mean/dkk) or median (unit median/dkk). */
  | { kind: 'value'; column: string; statistic: 'mean' | 'median' };

/**
 * share (0–1, shown in %), per1000 (per person, shown per 1,000), dkk/mean/median (of a
 * value column), count (the number of persons or events itself, e.g. residents: the value
 * is the numerator).
 */
export type Unit = 'share' | 'per1000' | 'dkk' | 'mean' | 'median' | 'count';
export type Direction = 'higher-is-worse' | 'higher-is-better' | 'context';
export type LocalizedText = { da: string; en: string };

export interface Threshold {
  /**
   * Identifies the threshold within the pack (a-z, 0-9, _; unique across all indicators),
   * so classifications can name it as a gate or criterion.
   */
  id?: string;
  value: number;
  comparison: 'gt' | 'gte' | 'lt' | 'lte';
  /** Absolute, or relative to the indicator's reference value (value × reference). */
  relativeTo?: 'absolute' | 'reference';
  label: LocalizedText;
  source?: { text: string; url?: string };
  /** First and last period the threshold applies to (laws change). */
  fromPeriod?: number;
  toPeriod?: number;
}

export interface Source {
  text: string;
  url?: string;
}

/**
 * How negative development of an indicator is judged (shared/flags/development.ts): a
 * trend over the last `periods` periods and the change from the previous period, flagged
 * only when statistically clear and at least `minChange` per period in the worsening
 * direction. `minChange` is absolute, on the value scale of PackCell.value: a proportion
 * for shares (0.01 = 1 percentage point a year), events per person for per1000 (0.001 =
 * 1 per 1,000 a year). Only for shares and rates per 1,000 of directional indicators.
 */
export interface DevelopmentSetting {
  periods: number;
  minChange: number;
}

/** Used where an indicator has no `development`: 5 periods, 1 point (share) or 1 per 1,000 (per1000) a period. */
export const DEFAULT_DEVELOPMENT: Readonly<Record<'share' | 'per1000', DevelopmentSetting>> = {
  share: { periods: 5, minChange: 0.01 },
  per1000: { periods: 5, minChange: 0.001 },
};

/**
 * What the engine needs of an indicator. Packs parsed from JSON (schema.ts) carry every
 * field; the optional ones have these defaults: domain "", reference "municipality",
 * window 1, thresholds [], inComposite = direction ≠ context.
 */
export interface Indicator {
  id: string;
  label: LocalizedText;
  description: LocalizedText;
  domain?: string;
  unit: Unit;
  direction: Direction;
  population: Filter;
  numerator: Numerator;
  /** Below this population the cell is flagged as small (values shown, marked). */
  minPopulation: number;
  thresholds?: readonly Threshold[];
  reference?: 'municipality' | 'region' | 'nation';
  /** Pool this many consecutive periods ending at each period (e.g. 2 for a two-year average). */
  window?: number;
  source?: Source;
  inComposite?: boolean;
  /**
   * Set when using the indicator is legally or ethically contested (why, in both
   * languages), e.g. the non-Western origin criterion (EU Court case C-417/23). A contested
   * indicator is a context indicator, never part of a composite index, and classifications
   * that need it are only evaluated when the user asks for it.
   */
  contested?: LocalizedText;
  /** Negative-development settings (defaults: DEFAULT_DEVELOPMENT by unit). */
  development?: DevelopmentSetting;
}

/**
 * The indicators the app's map and panel display today: shares and rates per 1,000
 * with a direction (the skeleton pack's shape).
 */
export interface IndicatorDefinition extends Indicator {
  unit: 'share' | 'per1000';
  direction: 'higher-is-worse' | 'higher-is-better';
}

export interface CompositeDefinition {
  label: LocalizedText;
  /** Direction-aligned standardisation across the base areas of a period. */
  method: 'z-score' | 'min-max' | 'rank';
  /** Weight per indicator id; indicators not listed weigh 1 if inComposite. */
  weights: Record<string, number>;
  /** Shrink small-area rates towards this layer's value (e.g. bydel), or none. */
  shrinkTowards?: string | null;
}

/**
 * A rule that classifies an area in a period from thresholds of the pack, e.g. "udsat
 * boligområde": at least 1,000 residents and at least 2 of 4 criteria. All parts given
 * must hold (see classifications.ts for the evaluation).
 */
export interface Classification {
  id: string;
  label: LocalizedText;
  description: LocalizedText;
  /** First and last list year the rule applies to (data period + list-year offset). */
  fromPeriod?: number;
  toPeriod?: number;
  /** At least this many residents, read from the count indicator residentsIndicator. */
  minResidents?: number;
  residentsIndicator?: string;
  /** Threshold ids that must all be met. */
  gates?: readonly string[];
  /** Threshold ids of which at least minMet must be met. */
  criteria?: readonly string[];
  /** Default: all criteria. */
  minMet?: number;
  /**
   * The area met any of these classifications in each of the last `years` periods, the
   * current one included (e.g. omdannelsesområde: parallelsamfund for 5 years).
   */
  persistence?: { of: readonly string[]; years: number };
  source: Source;
}

export interface IndicatorPack {
  format: 'bydelsmonitor-pack';
  version: string;
  id: string;
  label: LocalizedText;
  description: LocalizedText;
  indicators: readonly Indicator[];
  composite?: CompositeDefinition;
  classifications?: readonly Classification[];
}

/** Event types of an event numerator, from `types` and the skeleton's `eventType`. */
export function eventTypesOf(numerator: Extract<Numerator, { kind: 'event' }>): string[] {
  return [...(numerator.types ?? []), ...(numerator.eventType !== undefined ? [numerator.eventType] : [])];
}

/** Whether an indicator's value is a proportion/rate of counts (not a mean/median of a column). */
export function isCountIndicator(indicator: Indicator): boolean {
  return indicator.numerator.kind !== 'value';
}

/** Whether the numerator is a Poisson count of events rather than a count of persons. */
export function countsEvents(numerator: Numerator): boolean {
  return numerator.kind === 'event' && (numerator.count === 'events' || numerator.area === 'event');
}

export function inComposite(indicator: Indicator): boolean {
  return indicator.direction !== 'context' && indicator.contested === undefined && (indicator.inComposite ?? true);
}

/**
 * The indicator's development setting and where it comes from, or null when development
 * is not judged for it (context or contested indicators, units other than share and
 * per1000, pooled windows whose consecutive values overlap).
 */
export function developmentSetting(indicator: Indicator): (DevelopmentSetting & { source: 'pack' | 'default' }) | null {
  if (indicator.direction === 'context' || indicator.contested !== undefined) return null;
  if (indicator.unit !== 'share' && indicator.unit !== 'per1000') return null;
  if ((indicator.window ?? 1) > 1) return null;
  if (indicator.development) return { ...indicator.development, source: 'pack' };
  return { ...DEFAULT_DEVELOPMENT[indicator.unit], source: 'default' };
}
