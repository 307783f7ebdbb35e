/**
 * What a benchmark module provides and what it reports. The JSON shape of a figure is
 * the project convention (DESIGN.md, "Benchmarks"); `better`, `targetRatio` and
 * `targetValue` only drive the printed "goal met" column and stay out of results.json.
 */

/** One reported number, compared with a reference measured in the same run. */
export interface Figure {
  name: string;
  workload: string;
  value: number;
  unit: string;
  reference: { name: string; value: number } | null;
  /** value ÷ reference value, or null without a reference. */
  ratio: number | null;
  goal: string;
}

export interface MeasuredFigure extends Figure {
  /** Whether a larger value (throughput) or a smaller one (latency) is better. */
  better: 'higher' | 'lower';
  /** The ratio the goal asks for, or null for figures reported without a goal. */
  targetRatio: number | null;
  /**
   * A value the goal asks for in the figure's own unit (e.g. a p95 latency budget in
   * ms), when the goal is absolute rather than a ratio; checked with or without a
   * reference.
   */
  targetValue?: number | null;
}

export interface BenchContext {
  /** Smaller workloads and fewer runs, for a smoke test. */
  quick: boolean;
  log(message: string): void;
}

export interface Benchmark {
  /** Short name, used by `--only`. */
  name: string;
  description: string;
  run(context: BenchContext): Promise<MeasuredFigure[]>;
}
