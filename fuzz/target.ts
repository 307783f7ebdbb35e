/**
 * What a fuzz target is, and the judgement every case gets: a parser must end each input
 * in a clear, documented refusal or in a load that passes the invariants its callers rely
 * on. Anything else (a raw exception, a wrong result, a hang, a dead worker) is a violation.
 */
import type { Rng } from '../scripts/synth/random';

/** One case's input: bytes plus a variant naming how to feed them (secret, file name, …). */
export interface FuzzInput {
  variant: string;
  bytes: Uint8Array;
}

export type Verdict =
  /** A valid load: the result passed the target's invariants. */
  | { status: 'accepted'; note?: string }
  /** The parser's documented clear error (code, Danish and English message). */
  | { status: 'refused'; code: string }
  /** Not run, with the reason (e.g. an scrypt work factor that costs seconds by design). */
  | { status: 'skipped'; reason: string };

export const VIOLATION_KINDS = [
  'crash', // the parser threw something other than its documented error
  'hang', // a case ran over the time budget (the watchdog ended the worker)
  'worker-died', // the worker exited: out of memory, a native crash, process.exit
  'unhandled-rejection', // a promise rejected with no one listening
  'bad-error', // a refusal without a known code or without Danish and English text
  'bad-result', // a result that is neither a load nor a refusal
  'accepted-invalid', // a load that breaks an invariant of its own result type or the format spec
  'consumer-crash', // a load the next step of the app cannot use (it throws on it)
  'differential', // two implementations of one contract disagree
  'harness', // the fuzzer itself failed (a bug in fuzz/, not in the parser)
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Thrown by a target's run() to report a broken contract with a kind. */
export class Violation extends Error {
  readonly kind: ViolationKind;
  constructor(kind: ViolationKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Violation';
    this.kind = kind;
  }
}

export interface FuzzTarget {
  name: string;
  /** One line: what is fed to which function. */
  description: string;
  /** Default number of cases in a normal run, tuned so the fuzz suite takes 30–60 s on two cores. */
  defaultCases: number;
  /** With FUZZ_CASES set, this target runs FUZZ_CASES / slowDivisor cases (for costly parsers). */
  slowDivisor?: number;
  /** Per-case time budget in ms (default 5 000). */
  budgetMs?: number;
  /** Loads seeds before the first case (outside any case's time budget). */
  setup?(): Promise<void>;
  /** Builds the case from its own RNG stream: the same seed and index give the same input. */
  generate(rng: Rng, index: number): FuzzInput | Promise<FuzzInput>;
  /** Feeds the input to the parser(s) and judges the outcome; throws Violation (or anything, = crash). */
  run(input: FuzzInput): Promise<Verdict>;
}

// ---------------------------------------------------------------------------------------
// Shared checks

/** Throws a Violation unless the condition holds; the message is built only then (it may describe large values). */
export function assertThat(condition: unknown, kind: ViolationKind, message: string | (() => string)): asserts condition {
  if (!condition) throw new Violation(kind, typeof message === 'string' ? message : message());
}

export function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A { da, en } message with text in both languages. */
export function checkBilingual(value: unknown, what: string, kind: ViolationKind = 'bad-error'): void {
  const v = value as { da?: unknown; en?: unknown } | null;
  assertThat(v !== null && typeof v === 'object', kind, () => `${what}: not a { da, en } message (${describe(value)})`);
  assertThat(isNonEmptyText(v.da), kind, () => `${what}: no Danish text (${describe(v.da)})`);
  assertThat(isNonEmptyText(v.en), kind, () => `${what}: no English text (${describe(v.en)})`);
}

/** Short, safe description of a value for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (typeof value === 'string' && value.length > 120) return `${JSON.stringify(value.slice(0, 100))}… (${value.length} characters)`;
  if (Array.isArray(value) && value.length > 8) return `[${value.slice(0, 4).map(describe).join(',')},… (${value.length} items)]`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Runs a step the app takes next on an accepted result; a raw throw there is a consumer-crash. */
export async function consumer<T>(name: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof Violation) throw err;
    const e = err instanceof Error ? err : new Error(String(err));
    const violation = new Violation('consumer-crash', `${name} threw ${e.name}: ${e.message}`, { cause: e });
    violation.stack = `${violation.name}: ${violation.message}\n  caused by: ${e.stack ?? ''}`;
    throw violation;
  }
}
