/**
 * Indicators are data: each declares its population and numerator as filters over the
 * extract's tables, and the engine compiles them to SQL (see compile.ts).
 */

export type Condition =
  | { column: string; op: 'between'; min: number; max: number }
  | { column: string; op: 'in'; values: readonly (string | number)[] }
  | { column: string; op: 'eq'; value: string | number | boolean };

export type Numerator =
  /** Persons in the population that also meet these conditions. */
  | { kind: 'persons'; where: readonly Condition[] }
  /** Persons in the population with at least one event of this type in the period. */
  | { kind: 'event'; eventType: string };

export interface IndicatorDefinition {
  id: string;
  label: { da: string; en: string };
  description: { da: string; en: string };
  /** share: 0–1 shown as %; per1000: shown per 1,000 of the population. */
  unit: 'share' | 'per1000';
  direction: 'higher-is-worse' | 'higher-is-better';
  population: readonly Condition[];
  numerator: Numerator;
  /** Below this population the cell is flagged as small (values shown, marked). */
  minPopulation: number;
}
