/**
 * Map restyle: how long after the analyst picks another indicator or period the map shows
 * the new colours, for a district layer of 84 areas (the demo municipality's basisdistrikter)
 * and of 400. Goals: p95 under 50 ms with 84 areas, under 100 ms with 400.
 *
 * The app side is the real Workspace (renderer/app/Workspace.tsx: toolbar, DistrictMap,
 * legend, area panel, flags, comparison, target group) in a production build, on a
 * synthetic extract built in the page from data only (bench/restyle/main.ts says how):
 * no DuckDB, no decryption, so the figure is the restyle alone. A step chooses the next
 * indicator (composite index included) or the previous period on the Workspace's own
 * `<select>`, alternately, and is timed in the page from just before the change event to
 * after the browser painted the frame in which the polygons have new fill colours; a step
 * whose colours do not change fails, and so does a step that queries the engine.
 *
 * Reference, in the same page and run, interleaved step by step: a second Leaflet map of
 * the same polygons and size, beside the app's and also in view, restyled with
 * L.geoJSON's setStyle and precomputed colours (the same data's choropleths), timed the
 * same way: the floor any app restyle sits on (Leaflet's SVG work, style, layout, paint,
 * and the wait for the display's next frame). The ratio app ÷ reference is the figure
 * that counts; the goals are absolute p95 budgets.
 *
 * The page is built with Vite's JS API into bench/tmp/restyle-page (git ignores
 * bench/tmp) and served on 127.0.0.1 from a small static server on a free port, then
 * opened in headless Chromium (Debian's, as the e2e tests use it, with their flags).
 *
 * With RESTYLE_PROFILE=1 in the environment, the run then also profiles the steps and
 * logs where the app's time goes, by function (bench/restyle-profile.ts); the figures
 * are unaffected.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { percentile, timingOf, type Timing } from './measure';
import { profileRestyle } from './restyle-profile';
import { BENCH_GLOBAL, type PageReady, type RestyleBenchApi, type RestyleBenchFailure, type RoundResult, type StepTiming } from './restyle/protocol';
import type { Benchmark, BenchContext, MeasuredFigure } from './types';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const PAGE_SOURCE = path.join(BENCH_DIR, 'restyle');
const PAGE_BUILD = path.join(BENCH_DIR, 'tmp', 'restyle-page');
const PROFILE_BUILD = path.join(BENCH_DIR, 'tmp', 'restyle-page-profile');
const SEED = 1;
/** Wide enough for the Workspace's 1100 px column and the reference map beside its map. */
const VIEWPORT = { width: 1800, height: 1000 };

interface Size {
  areas: number;
  /** p95 budget in ms. */
  budget: number;
  context: string;
}

const SIZES: readonly Size[] = [
  { areas: 84, budget: 50, context: 'the demo municipality’s basisdistrikter' },
  { areas: 400, budget: 100, context: 'a large municipality’s districts' },
];

const FULL = { warmup: 10, runs: 60 };
const QUICK = { warmup: 3, runs: 10 };

// ------------------------------------------------------------------ page build and server

async function buildPage(context: BenchContext, outDir: string, minify: boolean): Promise<void> {
  const started = performance.now();
  // Vite's build sets NODE_ENV when it is unset; the benchmarks after this one get it back.
  const nodeEnv = process.env['NODE_ENV'];
  try {
    await build({
      configFile: false,
      root: PAGE_SOURCE,
      base: './',
      mode: 'production',
      publicDir: false,
      // Errors still fail the build; its warnings (a Node built-in in highs' browser build) are the app's own.
      logLevel: 'error',
      plugins: [react()],
      worker: { format: 'es' },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        minify,
        chunkSizeWarningLimit: 100_000,
        reportCompressedSize: false,
        rolldownOptions: { checks: { bundlerTimings: false } },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  context.log(`restyle: built the bench page (production${minify ? '' : ', unminified'}) into ${path.relative(process.cwd(), outDir)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves the built page on 127.0.0.1 (a free port); resolves to its base URL. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const file = path.resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
      if (!file.startsWith(root + path.sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }));
  });
}

// ------------------------------------------------------------------ one size

interface SizeResult {
  ready: PageReady;
  app: StepTiming[];
  reference: StepTiming[];
}

async function measureSize(browser: Browser, url: string, size: Size, plan: typeof FULL, context: BenchContext): Promise<SizeResult> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await page.goto(`${url}index.html?areas=${size.areas}&seed=${SEED}`);
    await page.waitForFunction((name) => {
      const global = window as unknown as Record<string, unknown>;
      return global[name] !== undefined || global[`${name}Failure`] !== undefined;
    }, BENCH_GLOBAL, { timeout: 120_000 });
    const failure = await page.evaluate((name) => (window as unknown as Record<string, RestyleBenchFailure | undefined>)[`${name}Failure`], BENCH_GLOBAL);
    if (failure) throw new Error(`the bench page could not start: ${failure.error}`);
    const ready = await page.evaluate((name) => (window as unknown as Record<string, RestyleBenchApi>)[name]!.ready, BENCH_GLOBAL);
    context.log(
      `restyle: ${ready.areas} areas (${ready.columns}-column lattice), ${ready.cells.toLocaleString('en')} cells, ` +
        `${ready.indicatorChoices.length} indicator choices, ${ready.periods.length} periods, ${ready.marks} flag marks; maps ${Math.round(ready.map.width)}×${Math.round(ready.map.height)} px`,
    );
    const app: StepTiming[] = [];
    const reference: StepTiming[] = [];
    for (let round = 0; round < plan.warmup + plan.runs; round++) {
      const result: RoundResult = await page.evaluate((name) => (window as unknown as Record<string, RestyleBenchApi>)[name]!.round(), BENCH_GLOBAL);
      const warm = round < plan.warmup;
      if (!warm) {
        app.push(result.app);
        reference.push(result.reference);
      }
      context.log(
        `  ${size.areas} areas${warm ? ' (warm-up)' : ''} ${result.app.kind} ${result.app.choice}: app ${ms(result.app.ms)} ` +
          `(sync ${ms(result.app.syncMs)}, frame ${ms(result.app.frameMs)}, ${result.app.frames} frame${result.app.frames > 1 ? 's' : ''}, ${result.app.changed} recoloured, ` +
          `then busy ${ms(result.app.busyAfterMs)}, settled after ${ms(result.app.settledMs)}); ` +
          `reference ${ms(result.reference.ms)} (sync ${ms(result.reference.syncMs)}, frame ${ms(result.reference.frameMs)})`,
      );
    }
    if (problems.length > 0) throw new Error(`the bench page reported errors: ${problems.slice(0, 3).join(' | ')}`);
    return { ready, app, reference };
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ figures

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

function timingOfSteps(steps: readonly StepTiming[], pick: (step: StepTiming) => number = (step) => step.ms): Timing {
  return timingOf(steps.map(pick));
}

function p95Of(steps: readonly StepTiming[], kind: StepTiming['kind'], pick: (step: StepTiming) => number = (step) => step.ms): string {
  const values = steps.filter((s) => s.kind === kind).map(pick);
  return values.length === 0 ? '—' : ms(percentile(values, 0.95));
}

function figureOf(size: Size, result: SizeResult, plan: typeof FULL, browserVersion: string): MeasuredFigure {
  const app = timingOfSteps(result.app);
  const reference = timingOfSteps(result.reference);
  const sync = timingOfSteps(result.app, (s) => s.syncMs);
  const frame = timingOfSteps(result.app, (s) => s.frameMs);
  const referenceSync = timingOfSteps(result.reference, (s) => s.syncMs);
  const busyAfter = timingOfSteps(result.app, (s) => s.busyAfterMs);
  const referenceBusyAfter = timingOfSteps(result.reference, (s) => s.busyAfterMs);
  const extraFrames = result.app.filter((s) => s.frames > 1).length;
  const { ready } = result;
  return {
    name: `map restyle on indicator/period change, ${size.areas} areas`,
    workload:
      `the app's Workspace (production build) on a synthetic extract: ${size.areas} lattice polygons (${size.context}), social-balance pack, ` +
      `${ready.periods.length} periods, ${ready.cells.toLocaleString('en')} cells, ${ready.marks} flag marks on the map; a step picks the next of ` +
      `${ready.indicatorChoices.length} indicators (composite index included) or the previous period on the Workspace's <select>, alternately, ` +
      `timed in the page from the change event until the frame with the new fill colours was painted (rAF, then a user-blocking task), ` +
      `each step started at a seeded random point of the frame interval; p95 of ${plan.runs} steps after ${plan.warmup} warm-up, interleaved with the reference; ` +
      `p95 indicator ${p95Of(result.app, 'indicator')}, period ${p95Of(result.app, 'period')}; medians app ${ms(app.median)}, reference ${ms(reference.median)}; ` +
      `app's synchronous work (event, React render and effects, setStyle) median ${ms(sync.median)}, p95 ${ms(sync.p95)} (reference setStyle p95 ${ms(referenceSync.p95)}), ` +
      `its painted frame's work median ${ms(frame.median)}, p95 ${ms(frame.p95)}; ${extraFrames > 0 ? `${extraFrames} steps needed more than one frame; ` : ''}` +
      `after the paint, the next frame came (main thread free again) after p95 ${ms(busyAfter.p95)}, max ${ms(Math.max(...busyAfter.samples))} (indicator p95 ${p95Of(result.app, 'indicator', (s) => s.busyAfterMs)}, period ${p95Of(result.app, 'period', (s) => s.busyAfterMs)}; reference p95 ${ms(referenceBusyAfter.p95)}); ` +
      `not in the figure: the flags of the new view were drawn (each step waits for that) p95 ${p95Of(result.app, 'period', (s) => s.settledMs)} after a period change, ${p95Of(result.app, 'indicator', (s) => s.settledMs)} after an indicator change; ` +
      `headless Chromium ${browserVersion} (--disable-gpu: software rendering), viewport ${VIEWPORT.width}×${VIEWPORT.height}, maps ${Math.round(ready.map.width)}×${Math.round(ready.map.height)} px; ` +
      `${os.cpus().length} CPU cores`,
    value: app.p95,
    unit: 'ms',
    reference: { name: `bare Leaflet ${ready.leaflet}: L.geoJSON(…).setStyle with precomputed colours, the same ${size.areas} polygons in the same page`, value: reference.p95 },
    ratio: app.p95 / reference.p95,
    goal: `p95 under ${size.budget} ms (lower is better)`,
    better: 'lower',
    targetRatio: null,
    targetValue: size.budget,
  };
}

async function runRestyleBenchmark(context: BenchContext): Promise<MeasuredFigure[]> {
  const plan = context.quick ? QUICK : FULL;
  await buildPage(context, PAGE_BUILD, true);
  const servers: Server[] = [];
  let browser: Browser | null = null;
  try {
    const { server, url } = await serve(PAGE_BUILD);
    servers.push(server);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const version = browser.version();
    const figures: MeasuredFigure[] = [];
    for (const size of SIZES) {
      const result = await measureSize(browser, url, size, plan, context);
      const figure = figureOf(size, result, plan, version);
      context.log(`restyle: ${size.areas} areas: app p95 ${ms(figure.value)}, reference p95 ${ms(figure.reference?.value ?? NaN)}, ratio ${figure.ratio?.toFixed(2)}×`);
      figures.push(figure);
    }
    if (process.env['RESTYLE_PROFILE']) {
      await buildPage(context, PROFILE_BUILD, false);
      const profiled = await serve(PROFILE_BUILD);
      servers.push(profiled.server);
      await profileRestyle(browser, profiled.url, PROFILE_BUILD, SIZES.map((size) => size.areas), path.join(BENCH_DIR, 'tmp'), context);
    }
    return figures;
  } finally {
    await browser?.close();
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const restyleBenchmark: Benchmark = {
  name: 'restyle',
  description: 'map restyle on indicator/period change (the Workspace in Chromium) against bare Leaflet',
  run: runRestyleBenchmark,
};
