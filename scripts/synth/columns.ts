/**
 * Compact column buffers for the simulation. Rows go into growable typed arrays (which the
 * garbage collector never has to scan), and become the public string/number columns once,
 * at the end — this keeps scale 10 (≈ 7 million rows) fast and within memory.
 */
import type {
  Benefit,
  ConvictionLaw,
  Education,
  EventsTable,
  EventType,
  HouseholdType,
  LabourStatus,
  Origin,
  PersonsTable,
  Sex,
} from './types.ts';

export const SEXES: readonly Sex[] = ['M', 'K'];
export const HOUSEHOLDS: readonly HouseholdType[] = ['enlig', 'par_uden_born', 'par_med_born', 'enlig_forsorger'];
export const ORIGINS: readonly Origin[] = ['dansk', 'vestlig', 'ikke_vestlig'];
export const EDUCATIONS: readonly Education[] = [
  'grundskole',
  'gymnasial',
  'erhvervsfaglig',
  'kort_videregaaende',
  'mellemlang_videregaaende',
  'lang_videregaaende',
  'ukendt',
];
export const LABOUR: readonly LabourStatus[] = ['beskaeftiget', 'ledig', 'uden_for', 'under_uddannelse', 'pensionist', 'barn'];
export const BENEFITS: readonly Benefit[] = [
  'ingen',
  'dagpenge',
  'kontanthjaelp',
  'sygedagpenge',
  'foertidspension',
  'folkepension',
  'su',
];
export const EVENT_TYPES: readonly EventType[] = ['underretning', 'foranstaltning', 'dom', 'tilflytning', 'fraflytning'];
export const LAWS: readonly ConvictionLaw[] = ['straffeloven', 'vaabenloven', 'euf'];

/** Index of each label in its list, for encoding. */
export function codes<T extends string>(labels: readonly T[]): Record<T, number> {
  return Object.fromEntries(labels.map((l, i) => [l, i])) as Record<T, number>;
}

/** A growable Int32Array (one class per element type keeps the hot push monomorphic). */
export class Int32Column {
  private data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

/** A growable Uint8Array. */
export class Uint8Column {
  private data: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

// Exact-size arrays: pushing would leave up to 50 % spare capacity on millions of rows.
// (Filled densely at once, V8 keeps them as fast elements, not dictionaries.)
function labels<T>(col: Uint8Column, n: number, list: readonly T[]): T[] {
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = list[col.at(i)]!;
  return out;
}

function numbers(col: Int32Column | Uint8Column, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = col.at(i);
  return out;
}

function strings(col: Int32Column, n: number, list: readonly string[]): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = list[col.at(i)]!;
  return out;
}

/** Columns of the person table; codes index the label lists above (nullable ones offset by 1). */
export class PersonColumns {
  readonly period: Int32Column;
  readonly person: Int32Column;
  readonly district: Uint8Column;
  readonly age: Uint8Column;
  readonly sex: Uint8Column;
  readonly household: Uint8Column;
  readonly origin: Uint8Column;
  /** 0 for null, else 1 + index into EDUCATIONS. */
  readonly education: Uint8Column;
  readonly labour: Uint8Column;
  readonly income: Int32Column;
  readonly benefit: Uint8Column;
  /** Thousandths; −1 for null. */
  readonly absence: Int32Column;

  constructor(capacity: number) {
    this.period = new Int32Column(capacity);
    this.person = new Int32Column(capacity);
    this.district = new Uint8Column(capacity);
    this.age = new Uint8Column(capacity);
    this.sex = new Uint8Column(capacity);
    this.household = new Uint8Column(capacity);
    this.origin = new Uint8Column(capacity);
    this.education = new Uint8Column(capacity);
    this.labour = new Uint8Column(capacity);
    this.income = new Int32Column(capacity);
    this.benefit = new Uint8Column(capacity);
    this.absence = new Int32Column(capacity);
  }

  get length(): number {
    return this.period.length;
  }

  /** The public table; `ids[person]` and `districts[district]` give the strings. */
  toTable(ids: readonly string[], districts: readonly string[]): PersonsTable {
    const n = this.length;
    const education = new Array<Education | null>(n);
    const absence = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const e = this.education.at(i);
      education[i] = e === 0 ? null : EDUCATIONS[e - 1]!;
      const a = this.absence.at(i);
      absence[i] = a < 0 ? null : a / 1000;
    }
    return {
      period: numbers(this.period, n),
      person_id: strings(this.person, n, ids),
      district_id: labels(this.district, n, districts),
      age: numbers(this.age, n),
      sex: labels(this.sex, n, SEXES),
      household: labels(this.household, n, HOUSEHOLDS),
      origin: labels(this.origin, n, ORIGINS),
      education,
      labour_status: labels(this.labour, n, LABOUR),
      income: numbers(this.income, n),
      benefit: labels(this.benefit, n, BENEFITS),
      school_absence: absence,
    };
  }
}

export class EventColumns {
  readonly period: Int32Column;
  readonly person: Int32Column;
  readonly district: Uint8Column;
  readonly type: Uint8Column;
  /** 0 for null, else 1 + index into LAWS. */
  readonly detail: Uint8Column;

  constructor(capacity: number) {
    this.period = new Int32Column(capacity);
    this.person = new Int32Column(capacity);
    this.district = new Uint8Column(capacity);
    this.type = new Uint8Column(capacity);
    this.detail = new Uint8Column(capacity);
  }

  toTable(ids: readonly string[], districts: readonly string[]): EventsTable {
    const n = this.period.length;
    const detail = new Array<ConvictionLaw | null>(n);
    for (let i = 0; i < n; i++) {
      const d = this.detail.at(i);
      detail[i] = d === 0 ? null : LAWS[d - 1]!;
    }
    return {
      period: numbers(this.period, n),
      person_id: strings(this.person, n, ids),
      district_id: labels(this.district, n, districts),
      type: labels(this.type, n, EVENT_TYPES),
      detail,
    };
  }
}
