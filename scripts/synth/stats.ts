/**
 * Counts per period × district computed from the generated tables (used for the ground
 * truth, so every recorded number is what the tables really say).
 */
import type { EventsTable, PersonsTable } from './types.ts';

export const MEASURES = [
  'residents',
  'n16to64',
  'employed16to64',
  'n18to64',
  'outside18to64',
  'n30to59',
  'basic30to59',
  'children',
  'notifiedChildren',
  'n15plus',
  'convicted15plus',
  'n18plus',
  'convicted18plus',
  'nonWestern',
  'incomeN',
  'incomeSum',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface Aggregates {
  periods: number[];
  districts: string[];
  /** counts[measure][periodIndex * districts.length + districtIndex] */
  counts: Record<Measure, Float64Array>;
}

export function aggregate(persons: PersonsTable, events: EventsTable, periods: number[], districts: string[]): Aggregates {
  const nd = districts.length;
  const size = periods.length * nd;
  const counts = Object.fromEntries(MEASURES.map((m) => [m, new Float64Array(size)])) as Record<Measure, Float64Array>;
  const pIndex = new Map(periods.map((p, i) => [p, i]));
  const dIndex = new Map(districts.map((d, i) => [d, i]));
  // Who had a notification / conviction, per period (ids only: no string building per row).
  const notified = new Map<number, Set<string>>(periods.map((p) => [p, new Set<string>()]));
  const convicted = new Map<number, Set<string>>(periods.map((p) => [p, new Set<string>()]));
  for (let i = 0; i < events.type.length; i++) {
    const type = events.type[i];
    if (type === 'underretning') notified.get(events.period[i]!)?.add(events.person_id[i]!);
    else if (type === 'dom') convicted.get(events.period[i]!)?.add(events.person_id[i]!);
  }
  const add = (m: Measure, cell: number, v = 1) => {
    counts[m][cell] = counts[m][cell]! + v;
  };
  for (let i = 0; i < persons.period.length; i++) {
    const period = persons.period[i]!;
    const cell = pIndex.get(period)! * nd + dIndex.get(persons.district_id[i]!)!;
    const age = persons.age[i]!;
    const status = persons.labour_status[i]!;
    const id = persons.person_id[i]!;
    add('residents', cell);
    if (persons.origin[i] === 'ikke_vestlig') add('nonWestern', cell);
    if (age >= 16 && age <= 64) {
      add('n16to64', cell);
      if (status === 'beskaeftiget') add('employed16to64', cell);
    }
    if (age >= 18 && age <= 64) {
      add('n18to64', cell);
      if (status === 'ledig' || status === 'uden_for') add('outside18to64', cell);
    }
    if (age >= 30 && age <= 59) {
      add('n30to59', cell);
      if (persons.education[i] === 'grundskole') add('basic30to59', cell);
    }
    if (age <= 17) {
      add('children', cell);
      if (notified.get(period)!.has(id)) add('notifiedChildren', cell);
    }
    if (age >= 15) {
      const conv = convicted.get(period)!.has(id);
      add('n15plus', cell);
      if (conv) add('convicted15plus', cell);
      if (age >= 18) {
        add('n18plus', cell);
        if (conv) add('convicted18plus', cell);
      }
    }
    if (age >= 15 && age <= 64 && status !== 'under_uddannelse' && status !== 'barn') {
      add('incomeN', cell);
      add('incomeSum', cell, persons.income[i]!);
    }
  }
  return { periods, districts, counts };
}

/** Sum of a measure in one period over a set of districts (all when omitted). */
export function sumOf(a: Aggregates, m: Measure, period: number, districts?: readonly string[]): number {
  const pi = a.periods.indexOf(period);
  if (pi < 0) throw new Error(`unknown period ${period}`);
  const nd = a.districts.length;
  const arr = a.counts[m];
  if (!districts) {
    let s = 0;
    for (let d = 0; d < nd; d++) s += arr[pi * nd + d]!;
    return s;
  }
  let s = 0;
  for (const code of districts) {
    const d = a.districts.indexOf(code);
    if (d < 0) throw new Error(`unknown district ${code}`);
    s += arr[pi * nd + d]!;
  }
  return s;
}

export function ratioOf(a: Aggregates, num: Measure, den: Measure, period: number, districts?: readonly string[]): number {
  const d = sumOf(a, den, period, districts);
  return d > 0 ? sumOf(a, num, period, districts) / d : 0;
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  // Sum the upper terms directly: precise even when the tail is tiny.
  let logC = 0; // log C(n, i)
  let tail = 0;
  for (let i = 0; i <= n; i++) {
    if (i >= k) tail += Math.exp(logC + i * lp + (n - i) * lq);
    logC += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, tail);
}
