/**
 * What the restyle bench page (bench/restyle/main.ts) and its driver
 * (bench/restyle.bench.ts) say to each other. Types only: the page runs in Chromium, the
 * driver in Node, and both type-check against this file.
 */

/** What the page was asked to show (from its URL: `?areas=84&seed=1`). */
export interface PageSetup {
  areas: number;
  seed: number;
}

/** The page once the Workspace and the reference map are drawn and settled. */
export interface PageReady {
  areas: number;
  /** Lattice columns (areas are filled row by row). */
  columns: number;
  periods: number[];
  /** The values offered by the Workspace's indicator list, in order (composite index included). */
  indicatorChoices: string[];
  /** Cells of the synthetic pack results (every indicator × period × area). */
  cells: number;
  /** Flags drawn on the app's map after the flags were computed (marks), at the start. */
  marks: number;
  /** Size of the app's map and of the reference map, in CSS pixels. */
  map: { width: number; height: number };
  /** Leaflet's version, as the reference map reports it. */
  leaflet: string;
  userAgent: string;
}

export type StepKind = 'indicator' | 'period';

/** One timed restyle. */
export interface StepTiming {
  kind: StepKind;
  /** What was chosen: the indicator's id (the composite index's is `@composite`) or the period. */
  choice: string;
  /** From just before the change to just after the frame showing new colours was painted. */
  ms: number;
  /** Of which: the change's synchronous work (event dispatch, React render and effects, setStyle). */
  syncMs: number;
  /** Of which: the browser's work in the frame that painted it (from the rAF callback to after paint). */
  frameMs: number;
  /** Frames waited for the new colours (1 when they were in the first frame after the change). */
  frames: number;
  /** Polygons whose fill colour changed (at least one, or the step failed). */
  changed: number;
  /**
   * After that paint, until the next frame began (about one frame interval, 17 ms, when
   * the main thread is free): work the change left for later, which holds up the next
   * interaction; not part of `ms`.
   */
  busyAfterMs: number;
  /**
   * From the change until the page had settled: for the app, the flags of the new view
   * computed and drawn (the flags panel's "computing" status gone), at frame resolution;
   * for the reference, the start of the frame after the paint. Not part of `ms`.
   */
  settledMs: number;
}

export interface RoundResult {
  app: StepTiming;
  reference: StepTiming;
}

/** What the page puts on `window.restyleBench` once it is ready. */
export interface RestyleBenchApi {
  ready: PageReady;
  /** One step of each side: the app's Workspace, then the bare Leaflet reference. */
  round(): Promise<RoundResult>;
}

/** Set by the page when setting up failed (the driver reports it). */
export interface RestyleBenchFailure {
  error: string;
}

export const BENCH_GLOBAL = 'restyleBench';
