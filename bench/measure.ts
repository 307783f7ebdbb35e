/**
 * Timing helpers. Targets are run interleaved (a, b, c, a, b, c, …) after a warm-up,
 * so drift on a shared machine (thermal, other jobs, page cache) hits all of them
 * alike and their ratio stays meaningful.
 */
import type { MeasuredFigure } from './types';

export interface Timing {
  /** Milliseconds per run, in run order. */
  samples: number[];
  median: number;
  p95: number;
}

export interface Target {
  name: string;
  run(): Promise<void>;
}

/** Nearest-rank percentile (q in 0..1) of a non-empty sample. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function timingOf(samples: number[]): Timing {
  return { samples, median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

const exposedGc = (globalThis as { gc?: () => void }).gc;

/** Frees the previous run's garbage (e.g. a 200 MB plaintext) outside the timed
 *  region, when node runs with --expose-gc (as `npm run bench` does). */
export function collectGarbage(): void {
  exposedGc?.();
}

export const garbageCollectedBetweenRuns = exposedGc !== undefined;

export async function measureInterleaved(
  targets: readonly Target[],
  options: { warmup: number; runs: number; onRun?: (target: string, ms: number) => void },
): Promise<Map<string, Timing>> {
  const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (const target of targets) {
      collectGarbage();
      const started = performance.now();
      await target.run();
      const ms = performance.now() - started;
      if (round >= options.warmup) samples.get(target.name)?.push(ms);
      options.onRun?.(target.name, ms);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, timingOf(values)]));
}

/** Decimal megabytes per second, as disk and network figures are quoted. */
export function megabytesPerSecond(bytes: number, milliseconds: number): number {
  return bytes / 1e6 / (milliseconds / 1000);
}

/** A throughput figure against a reference throughput (ratio > 1: faster than it). */
export function throughputFigure(
  fields: { name: string; workload: string; goal: string; targetRatio: number | null },
  megabytesPerSecondValue: number,
  reference: { name: string; value: number } | null,
): MeasuredFigure {
  return {
    ...fields,
    value: megabytesPerSecondValue,
    unit: 'MB/s',
    reference,
    ratio: reference ? megabytesPerSecondValue / reference.value : null,
    better: 'higher',
  };
}

/** Whether a figure meets its goal (its ratio and/or value target); null when it has
 *  none that can be checked (e.g. a ratio goal without a reference). */
export function goalMet(figure: MeasuredFigure): boolean | null {
  const checks: boolean[] = [];
  const meets = (value: number, target: number) => (figure.better === 'higher' ? value >= target : value <= target);
  if (figure.targetRatio !== null && figure.ratio !== null) checks.push(meets(figure.ratio, figure.targetRatio));
  if (figure.targetValue !== undefined && figure.targetValue !== null) checks.push(meets(figure.value, figure.targetValue));
  return checks.length === 0 ? null : checks.every(Boolean);
}
