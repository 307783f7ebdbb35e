/**
 * Spatial hot spots (shared/stats/spatial): local Moran's I and Getis–Ord Gi* with
 * conditional permutation inference on queen contiguity built from polygons (a jittered
 * lattice from lattice.ts, whose queen neighbours are known exactly and checked).
 *   (a) local Moran + Gi* from one set of 999 permutations, 400 areas (a district
 *       layer's size): localStatistics, as the hot-spot flags compute them.
 *       Goal: p95 under 200 ms.
 *   (b) local Moran with 9,999 permutations on 3,085 areas: the scale GeoDa quotes for
 *       its US-counties sample (under 0.1 s in the desktop program, native code on all
 *       cores). Goal: p95 under 100 ms.
 *   (c) context: queen weights from those 3,085 polygons (GeoJSON in, neighbours out).
 *
 * Reference, measured in the same run on the same weights, values and polygons: GeoDa's
 * own code (libgeoda) compiled to WebAssembly and published on npm by GeoDa's author as
 * @geoda/lisa (local Moran, Gi*) and @geoda/core (polygon contiguity), one thread, so
 * it compares algorithms, not cores; called through their embind interfaces (the
 * packages' own entry points are browser builds). For (a) and (b) the weights and
 * values are handed over once, outside the timed region; for (a) GeoDa runs local Moran
 * and Gi* (two calls: it draws permutations per statistic). For (c) both sides start
 * from the GeoJSON features, so GeoDa's time includes copying the rings into its
 * polygon collection. These packages are not project dependencies: the benchmark finds
 * them in node_modules or in bench/tmp/reference (see INSTALL_HINT), and reports
 * reference null, saying so, when they are in neither. No Debian package runs these
 * statistics: PySAL's esda (Moran_Local, G_Local) is not packaged (python3-libpysal
 * builds weights only), nor is GeoDa.
 *
 * Correctness before speed: both sides must give the same local Moran I_i (GeoDa's
 * z_i·lag_i with the sample variance equals esda's scaling used here) and Gi* (GeoDa's
 * is row-standardised: ours ÷ (k_i + 1)) to 1e-9, and their pseudo p-values must mark
 * at least 90% of the areas alike (significant or not at 0.05). The p-values cannot be
 * equal: the two draw different permutations, and GeoDa's also run low, by about 0.02
 * for p between 0.05 and 0.3 on a lattice like this one (against 400,000 exact
 * conditional draws for six such areas, ours lay within Monte Carlo error and GeoDa's
 * 0.025–0.03 below, e.g. 0.155 where the exact p is 0.183).
 * Both sides' queen neighbours must be the lattice's exact ones.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { latticeAdjacency, polygonLattice, type Lattice } from '../shared/stats/spatial/lattice';
import { adjacencyRecord, contiguityWeights, localMoran, localStatistics, neighboursOf, Xoshiro128, type SpatialWeights } from '../shared/stats/spatial/index';
import { garbageCollectedBetweenRuns, measureInterleaved, type Target, type Timing } from './measure';
import type { Benchmark, BenchContext, MeasuredFigure } from './types';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REFERENCE_PREFIX = path.join(BENCH_DIR, 'tmp', 'reference');
const INSTALL_HINT = `npm install --prefix ${path.relative(process.cwd(), REFERENCE_PREFIX) || '.'} @geoda/lisa@0.0.22 @geoda/core@0.0.22`;
const SEED = 12345;
const ALPHA = 0.05;

interface Plan {
  small: { columns: number; permutations: number; warmup: number; runs: number };
  large: { columns: number; count: number; permutations: number; warmup: number; runs: number };
  weights: { warmup: number; runs: number };
}

const FULL: Plan = {
  small: { columns: 20, permutations: 999, warmup: 5, runs: 40 },
  large: { columns: 56, count: 3085, permutations: 9999, warmup: 3, runs: 20 },
  weights: { warmup: 5, runs: 20 },
};
const QUICK: Plan = {
  small: { columns: 20, permutations: 999, warmup: 2, runs: 5 },
  large: { columns: 56, count: 3085, permutations: 999, warmup: 1, runs: 3 },
  weights: { warmup: 1, runs: 3 },
};

// ------------------------------------------------------------------ GeoDa (libgeoda in wasm)

interface EmbindVector<T> {
  push_back(value: T): void;
  size(): number;
  get(index: number): T;
  delete(): void;
}

interface GeodaLisa {
  isValid(): boolean;
  getLisaValues(): EmbindVector<number>;
  getPValues(): EmbindVector<number>;
  getClusters(): EmbindVector<number>;
  delete(): void;
}

/** The part of @geoda/lisa's embind module used here (wasm/index.cjs). */
interface GeodaLisaModule {
  VectorDouble: new () => EmbindVector<number>;
  VectorUInt: new () => EmbindVector<number>;
  VecVecUInt: new () => EmbindVector<EmbindVector<number>>;
  localMoran(data: EmbindVector<number>, neighbours: EmbindVector<EmbindVector<number>>, undefs: EmbindVector<number>, cutoff: number, permutations: number, seed: number): GeodaLisa;
  localG(
    data: EmbindVector<number>,
    neighbours: EmbindVector<EmbindVector<number>>,
    undefs: EmbindVector<number>,
    cutoff: number,
    permutations: number,
    seed: number,
    star: number,
  ): GeodaLisa;
}

interface Deletable {
  delete(): void;
}

/** The part of @geoda/core's embind module used here: polygons in, neighbour lists out. */
interface GeodaCoreModule {
  VectorDouble: new () => EmbindVector<number>;
  VectorUInt: new () => EmbindVector<number>;
  /** x, y, ring starts, hole flags (0 outer, 1 hole), rings per feature, fix polygons, to UTM. */
  PolygonCollection: new (
    x: EmbindVector<number>,
    y: EmbindVector<number>,
    ringStarts: EmbindVector<number>,
    holes: EmbindVector<number>,
    ringsPerFeature: EmbindVector<number>,
    fixPolygons: boolean,
    convertToUtm: boolean,
  ) => Deletable;
  getPolygonContiguityWeights(polygons: Deletable, queen: boolean, precisionThreshold: number, order: number, includeLowerOrder: boolean): EmbindVector<EmbindVector<number>>;
}

interface Loaded<T> {
  module: T;
  version: string;
}

/**
 * A GeoDa wasm package from the project's node_modules or bench/tmp/reference, or null.
 * The packages' entry points are browser builds (they want a global navigator and fetch
 * the wasm by URL); the emscripten loader underneath is plain, so it is used directly.
 */
async function loadGeoda<T>(context: BenchContext, name: '@geoda/lisa' | '@geoda/core', wasm: string): Promise<Loaded<T> | null> {
  for (const place of [path.join(BENCH_DIR, '..', 'package.json'), path.join(REFERENCE_PREFIX, 'package.json')]) {
    const require = createRequire(place);
    let main: string;
    try {
      main = require.resolve(name);
    } catch {
      continue;
    }
    const root = path.join(path.dirname(main), '..');
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    const factory = require(path.join(root, 'wasm', 'index.cjs')) as (options: { wasmBinary: Uint8Array }) => Promise<T>;
    const module = await factory({ wasmBinary: readFileSync(path.join(root, 'wasm', wasm)) });
    context.log(`spatial: reference ${name} ${version} (GeoDa's code in wasm) from ${path.relative(process.cwd(), root)}`);
    return { module, version };
  }
  context.log(`spatial: ${name} (GeoDa's code in wasm) is not installed, so figures that need it have reference null; to measure it: ${INSTALL_HINT}`);
  return null;
}

/** Weights and values handed to GeoDa once; each call then runs the statistic alone. */
class GeodaInput {
  private readonly data: EmbindVector<number>;
  private readonly neighbours: EmbindVector<EmbindVector<number>>;
  private readonly undefs: EmbindVector<number>;

  constructor(
    private readonly geoda: GeodaLisaModule,
    weights: SpatialWeights,
    values: Float64Array,
  ) {
    this.data = new geoda.VectorDouble();
    for (const v of values) this.data.push_back(v);
    this.neighbours = new geoda.VecVecUInt();
    for (let i = 0; i < values.length; i++) {
      const row = new geoda.VectorUInt();
      for (const j of neighboursOf(weights, i)) row.push_back(j);
      this.neighbours.push_back(row);
      row.delete();
    }
    this.undefs = new geoda.VectorUInt();
  }

  /** Runs one statistic and reads back what a map needs: I (or G), p and cluster. */
  run(statistic: 'moran' | 'gstar', permutations: number): { values: number[]; p: number[]; clusters: number[] } {
    const result =
      statistic === 'moran'
        ? this.geoda.localMoran(this.data, this.neighbours, this.undefs, ALPHA, permutations, SEED)
        : this.geoda.localG(this.data, this.neighbours, this.undefs, ALPHA, permutations, SEED, 1);
    try {
      if (!result.isValid()) throw new Error(`GeoDa's ${statistic} reported an invalid result`);
      return { values: read(result.getLisaValues()), p: read(result.getPValues()), clusters: read(result.getClusters()) };
    } finally {
      result.delete();
    }
  }

  delete(): void {
    this.data.delete();
    this.neighbours.delete();
    this.undefs.delete();
  }
}

function read(vector: EmbindVector<number>): number[] {
  const out = new Array<number>(vector.size());
  for (let i = 0; i < out.length; i++) out[i] = vector.get(i);
  vector.delete();
  return out;
}

/** Queen neighbours by GeoDa from GeoJSON polygons, as @geoda/core's queenWeights does it. */
function geodaQueen(geoda: GeodaCoreModule, lattice: Lattice): number[][] {
  const x = new geoda.VectorDouble();
  const y = new geoda.VectorDouble();
  const ringStarts = new geoda.VectorUInt();
  const holes = new geoda.VectorUInt();
  const ringsPerFeature = new geoda.VectorUInt();
  const owned: Deletable[] = [x, y, ringStarts, holes, ringsPerFeature];
  try {
    let at = 0;
    for (const feature of lattice.features) {
      let rings = 0;
      feature.geometry.coordinates.forEach((ring, r) => {
        ringStarts.push_back(at);
        holes.push_back(r > 0 ? 1 : 0);
        if (ring.length > 0) rings++;
        for (const [px, py] of ring) {
          x.push_back(px);
          y.push_back(py);
          at++;
        }
      });
      ringsPerFeature.push_back(rings);
    }
    const polygons = new geoda.PolygonCollection(x, y, ringStarts, holes, ringsPerFeature, false, false);
    owned.push(polygons);
    const lists = geoda.getPolygonContiguityWeights(polygons, true, 0, 1, false);
    owned.push(lists);
    const out: number[][] = [];
    for (let i = 0; i < lists.size(); i++) out.push(read(lists.get(i)));
    return out;
  } finally {
    for (const object of owned) object.delete();
  }
}

// ------------------------------------------------------------------ workload

/** Throws unless neighbour ids by area id are the lattice's known queen neighbours. */
function expectLatticeQueen(label: string, built: Readonly<Record<string, readonly string[]>>, columns: number, count: number): void {
  const expected = latticeAdjacency({ columns, count }, 'queen');
  const wrong = Object.keys(expected).filter((id) => [...(built[id] ?? [])].sort().join() !== (expected[id] ?? []).join());
  if (wrong.length > 0) throw new Error(`${label}: queen neighbours of the ${count}-area lattice are wrong for ${wrong.length} areas (e.g. ${wrong[0]})`);
}

/** A lattice of `count` polygons and its queen weights, checked against the known neighbours. */
function latticeWeights(columns: number, count: number): { lattice: Lattice; weights: SpatialWeights } {
  const lattice = polygonLattice({ columns, count, seed: count });
  const weights = contiguityWeights(lattice);
  expectLatticeQueen('contiguityWeights', adjacencyRecord(weights), columns, count);
  return { lattice, weights };
}

/**
 * A share-like indicator (0.05–0.45) with spatial structure: two smooth waves, a
 * planted cluster of high values and seeded noise, so there are hot and cold spots.
 */
function indicator(weights: SpatialWeights, columns: number): Float64Array {
  const rng = new Xoshiro128(SEED);
  const n = weights.ids.length;
  const rows = Math.ceil(n / columns);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % columns;
    const r = Math.floor(i / columns);
    const wave = 0.05 * Math.sin((c / columns) * 2 * Math.PI * 2) + 0.04 * Math.cos((r / rows) * 2 * Math.PI * 1.5);
    const cluster = Math.hypot(c - columns * 0.3, r - rows * 0.6) < columns * 0.12 ? 0.1 : 0;
    values[i] = 0.2 + wave + cluster + 0.12 * rng.nextFloat();
  }
  return values;
}

function sameNumbers(label: string, ours: readonly (number | null)[], theirs: readonly number[], relative: number): void {
  const scale = Math.max(...theirs.map(Math.abs));
  ours.forEach((value, i) => {
    if (value === null || !(Math.abs(value - (theirs[i] as number)) <= relative * scale)) {
      throw new Error(`${label} differs from GeoDa's at area ${i}: ${value} vs ${theirs[i]}`);
    }
  });
}

/** Share of areas both call significant or both not, and the mean |Δp|. */
function pAgreement(ours: readonly (number | null)[], theirs: readonly number[]): { agree: number; meanDifference: number } {
  let agree = 0;
  let difference = 0;
  ours.forEach((p, i) => {
    const q = theirs[i] as number;
    if (p === null) throw new Error(`no p-value for area ${i}`);
    if (p <= ALPHA === q <= ALPHA) agree++;
    difference += Math.abs(p - q);
  });
  return { agree: agree / ours.length, meanDifference: difference / ours.length };
}

function checkAgreement(context: BenchContext, label: string, ours: readonly (number | null)[], theirs: readonly number[]): string {
  const { agree, meanDifference } = pAgreement(ours, theirs);
  const line = `${label}: same significance (p ≤ ${ALPHA}) for ${(agree * 100).toFixed(1)}% of areas, mean |Δp| ${meanDifference.toFixed(4)}`;
  context.log(`spatial: ${line}`);
  // Different random draws move p-values near α across it; a real disagreement moves many.
  if (agree < 0.9) throw new Error(`${label}: our p-values and GeoDa's disagree on ${((1 - agree) * 100).toFixed(1)}% of areas`);
  return line;
}

// ------------------------------------------------------------------ figures

function latencyFigure(
  fields: { name: string; workload: string; goal: string; targetValue: number | null },
  ours: Timing,
  reference: { name: string; timing: Timing } | null,
): MeasuredFigure {
  return {
    ...fields,
    value: ours.p95,
    unit: 'ms',
    reference: reference ? { name: reference.name, value: reference.timing.p95 } : null,
    ratio: reference ? ours.p95 / reference.timing.p95 : null,
    better: 'lower',
    targetRatio: null,
  };
}

function timing(timings: Map<string, Timing>, name: string): Timing {
  const found = timings.get(name);
  if (!found) throw new Error(`no timing for ${name}`);
  return found;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

async function runSpatialBenchmark(context: BenchContext): Promise<MeasuredFigure[]> {
  const plan = context.quick ? QUICK : FULL;
  const geoda = await loadGeoda<GeodaLisaModule>(context, '@geoda/lisa', 'geoda-lisa.wasm');
  const core = await loadGeoda<GeodaCoreModule>(context, '@geoda/core', 'geoda-core.wasm');
  const missing = (name: string) => `; reference null: ${name} (GeoDa's code in wasm) is not installed (${INSTALL_HINT}), and no Debian package runs local Moran or Gi* (PySAL's esda and GeoDa are not packaged)`;
  const referenceNote = geoda ? '' : missing('@geoda/lisa');
  const lisaName = geoda ? `GeoDa LISA (@geoda/lisa ${geoda.version}, libgeoda in wasm, 1 thread)` : '';
  const runsNote = (warmup: number, runs: number, interleaved: boolean) =>
    `p95 of ${runs} runs after ${warmup} warm-up${interleaved ? ', interleaved with the reference' : ''}, ${garbageCollectedBetweenRuns ? 'GC between runs' : 'no GC between runs'}; ${os.cpus().length} CPU cores, one used`;
  const onRun = (label: string) => (target: string, time: number) => context.log(`  ${label} ${target}: ${ms(time)}`);
  const figures: MeasuredFigure[] = [];

  // (a) 400 areas, local Moran + Gi*, 999 permutations.
  {
    const { columns, permutations, warmup, runs } = plan.small;
    const { weights } = latticeWeights(columns, columns * columns);
    const values = indicator(weights, columns);
    const n = values.length;
    const compute = () => localStatistics(values, weights, { permutations, seed: SEED, alpha: ALPHA });
    const ours = compute();
    if (ours.reason !== null || ours.moran.areas.some((a) => a.p === null) || ours.giStar.areas.some((a) => a.p === null)) {
      throw new Error(`local statistics gave no result for some of the ${n} areas`);
    }
    const hot = ours.giStar.areas.filter((a) => a.cluster === 'hot').length;
    const clusters = ours.moran.areas.filter((a) => a.cluster !== null).length;
    context.log(`spatial: ${n} areas, ${permutations} permutations: ${clusters} LISA cluster areas, ${hot} Gi* hot spots at p ≤ ${ALPHA}`);
    const targets: Target[] = [{ name: 'ours', run: async () => void compute() }];
    let input: GeodaInput | null = null;
    let agreement = '';
    try {
      if (geoda) {
        input = new GeodaInput(geoda.module, weights, values);
        const g = input;
        const moran = g.run('moran', permutations);
        const gstar = g.run('gstar', permutations);
        sameNumbers('local Moran I', ours.moran.areas.map((a) => a.i), moran.values, 1e-9);
        // GeoDa's Gi* divides the window sum by the window size (row-standardised).
        sameNumbers(
          'Gi*',
          ours.giStar.areas.map((a, i) => (a.g === null ? null : a.g / (weights.offsets[i + 1]! - weights.offsets[i]! + 1))),
          gstar.values,
          1e-9,
        );
        agreement = `${checkAgreement(context, 'local Moran', ours.moran.areas.map((a) => a.p), moran.p)}; ${checkAgreement(context, 'Gi*', ours.giStar.areas.map((a) => a.p), gstar.p)}`;
        targets.push({
          name: 'geoda',
          run: async () => {
            g.run('moran', permutations);
            g.run('gstar', permutations);
          },
        });
      }
      const timings = await measureInterleaved(targets, { warmup, runs, onRun: onRun(`${n} areas`) });
      const mine = timing(timings, 'ours');
      const reference = geoda ? { name: `${lisaName}: local Moran, then Gi*`, timing: timing(timings, 'geoda') } : null;
      context.log(`spatial: ${n} areas: ours median ${ms(mine.median)}, p95 ${ms(mine.p95)}${reference ? `; GeoDa median ${ms(reference.timing.median)}, p95 ${ms(reference.timing.p95)}` : ''}`);
      figures.push(
        latencyFigure(
          {
            name: `hot spots: local Moran + Gi*, ${n} areas × ${permutations} permutations`,
            workload:
              `localStatistics (both statistics from one set of conditional permutations, shared draws, seed ${SEED}) on queen contiguity from a ` +
              `${columns}×${columns} jittered polygon lattice (weights built once, outside the timing), a share-like indicator with a planted cluster; ` +
              `${runsNote(warmup, runs, geoda !== null)}${agreement ? `; ${agreement}` : ''}${referenceNote}`,
            goal: 'p95 under 200 ms (lower is better)',
            targetValue: 200,
          },
          mine,
          reference,
        ),
      );
    } finally {
      input?.delete();
    }
  }

  // (b) 3,085 areas, local Moran, 9,999 permutations; (c) the weights themselves.
  {
    const { columns, count, permutations, warmup, runs } = plan.large;
    const { lattice, weights } = latticeWeights(columns, count);
    const values = indicator(weights, columns);
    const compute = () => localMoran(values, weights, { permutations, seed: SEED, alpha: ALPHA });
    const ours = compute();
    if (ours.reason !== null || ours.areas.some((a) => a.p === null)) throw new Error(`local Moran gave no result for some of the ${count} areas`);
    const targets: Target[] = [{ name: 'ours', run: async () => void compute() }];
    let input: GeodaInput | null = null;
    let agreement = '';
    try {
      if (geoda) {
        input = new GeodaInput(geoda.module, weights, values);
        const g = input;
        const moran = g.run('moran', permutations);
        sameNumbers('local Moran I', ours.areas.map((a) => a.i), moran.values, 1e-9);
        agreement = checkAgreement(context, 'local Moran', ours.areas.map((a) => a.p), moran.p);
        targets.push({ name: 'geoda', run: async () => void g.run('moran', permutations) });
      }
      const timings = await measureInterleaved(targets, { warmup, runs, onRun: onRun(`${count} areas`) });
      const mine = timing(timings, 'ours');
      const reference = geoda ? { name: `${lisaName}: local Moran`, timing: timing(timings, 'geoda') } : null;
      context.log(`spatial: ${count} areas: ours median ${ms(mine.median)}, p95 ${ms(mine.p95)}${reference ? `; GeoDa median ${ms(reference.timing.median)}, p95 ${ms(reference.timing.p95)}` : ''}`);
      figures.push(
        latencyFigure(
          {
            name: `hot spots: local Moran, ${count.toLocaleString('en')} areas × ${permutations.toLocaleString('en')} permutations`,
            workload:
              `localMoran (conditional permutations, shared draws, seed ${SEED}) on queen contiguity from a ${count.toLocaleString('en')}-polygon ` +
              `jittered lattice, ${columns} columns (GeoDa's US-counties scale; weights built once, outside the timing); ` +
              `${runsNote(warmup, runs, geoda !== null)}${agreement ? `; ${agreement}` : ''}${referenceNote}`,
            ...(permutations === FULL.large.permutations
              ? { goal: 'p95 under 100 ms, GeoDa desktop’s time for 3,085 areas × 9,999 permutations on all cores (lower is better)', targetValue: 100 }
              : { goal: `none at ${permutations.toLocaleString('en')} permutations (quick mode); the full run’s is p95 under 100 ms`, targetValue: null }),
          },
          mine,
          reference,
        ),
      );
    } finally {
      input?.delete();
    }

    const build = plan.weights;
    const buildTargets: Target[] = [{ name: 'ours', run: async () => void contiguityWeights(lattice) }];
    if (core) {
      const ids = weights.ids;
      const theirs = geodaQueen(core.module, lattice);
      expectLatticeQueen('GeoDa', Object.fromEntries(theirs.map((list, i) => [ids[i], list.map((j) => ids[j] as string)])), columns, count);
      buildTargets.push({ name: 'geoda', run: async () => void geodaQueen(core.module, lattice) });
    }
    const buildTimings = await measureInterleaved(buildTargets, { warmup: build.warmup, runs: build.runs, onRun: onRun(`queen weights, ${count} polygons,`) });
    const vertices = lattice.features.reduce((sum, feature) => sum + (feature.geometry.coordinates[0]?.length ?? 0), 0);
    const buildReference = core ? { name: `GeoDa polygon contiguity (@geoda/core ${core.version}, libgeoda in wasm, 1 thread)`, timing: timing(buildTimings, 'geoda') } : null;
    figures.push(
      latencyFigure(
        {
          name: `queen contiguity from ${count.toLocaleString('en')} polygons`,
          workload:
            `contiguityWeights (geometric test on boundary segments in a spatial hash, tolerance 1e-9°, which also finds T-junctions) on the ` +
            `GeoJSON lattice of the figure above, ${vertices.toLocaleString('en')} ring vertices; both sides start from the features and return ` +
            `neighbour lists, and both give the lattice's exact queen neighbours; GeoDa matches shared vertices; ` +
            `${runsNote(build.warmup, build.runs, core !== null)}${core ? '' : missing('@geoda/core')}`,
          goal: 'none: context, the weights are built once per layer (lower is better)',
          targetValue: null,
        },
        timing(buildTimings, 'ours'),
        buildReference,
      ),
    );
  }
  return figures;
}

export const spatialBenchmark: Benchmark = {
  name: 'spatial',
  description: 'local Moran and Gi* hot spots against GeoDa’s LISA code (wasm)',
  run: runSpatialBenchmark,
};
