/**
 * The restyle bench page: the app's real Workspace on a synthetic extract (data only: no
 * DuckDB, no decryption), and beside it a bare Leaflet map of the same polygons, the
 * reference. The driver (bench/restyle.bench.ts) opens it as `index.html?areas=84` and
 * calls `window.restyleBench.round()`: one timed restyle of each.
 *
 * The synthetic extract: a jittered polygon lattice of N areas (lon/lat degrees near
 * Copenhagen) as the base layer; the shipped social-balance pack; engine rows for every
 * indicator × period × area (and the municipality) drawn from a seeded generator with a
 * spatial pattern, turned into cells by the app's own buildPackResults, the area map by
 * buildAreaMap and the composite index by computeComposite, as analysePack does after
 * DuckDB. The engine is a stub that answers every query with no rows (only the
 * target-group panel asks it anything, once, for its catalogue); the page counts its
 * queries so that the driver can check that restyling asks none.
 *
 * A step of the app: the next value of the indicator list or of the period list is
 * chosen by a change event on the `<select>` (as a user's choice reaches React), timed
 * from just before the event until after the browser painted the frame in which the
 * map's polygons have new fill colours (requestAnimationFrame, then a task it posts
 * at the highest priority: it runs once the frame is painted). A step of the reference: L.geoJSON's
 * setStyle with precomputed colours (the choropleths of the same data, built outside the
 * timing), on the same polygons, the same style fields, timed the same way. Each step
 * starts after a seeded random wait of 0–16 ms, so that where the change falls in the
 * display's frame interval is spread as a user's clicks are, and alike for both sides.
 * A step whose polygons keep their colours fails. Each step then waits until the page has
 * settled (the Workspace's flags for the new view computed and drawn: its "computing"
 * status gone), so that no step pays for the one before; how long that took is reported
 * apart (settledMs), it is not the restyle.
 */
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import L from 'leaflet';
import type { FeatureCollection } from 'geojson';
import { tinyManifest } from '../../shared/extract/test-fixtures';
import { manifestSchema, type ExtractManifest } from '../../shared/extract/manifest';
import type { GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import { buildAreaMap } from '../../shared/indicators/areas';
import { MUNICIPALITY_LAYER, type EngineRow } from '../../shared/indicators/compile';
import { computeComposite } from '../../shared/indicators/composite';
import type { Indicator } from '../../shared/indicators/pack';
import { SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { buildPackResults, intervalMethod, type IndicatorResults } from '../../shared/indicators/results';
import { polygonLattice } from '../../shared/stats/spatial/lattice';
import { Xoshiro128 } from '../../shared/stats/spatial/random';
import type { PackAnalysis } from '../../renderer/engine/analyse-pack';
import type { LoadedExtract } from '../../renderer/engine/open-extract';
import { buildChoropleth } from '../../renderer/features/map/choropleth';
import { layerView } from '../../renderer/features/map/layer-view';
import { useViewStore } from '../../renderer/stores/view';
import { Workspace } from './app.js';
import { BENCH_GLOBAL, type PageReady, type PageSetup, type RestyleBenchApi, type RoundResult, type StepKind, type StepTiming } from './protocol';

const PERIODS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const FIRST = PERIODS[0] as number;
/** The app's map style for an unselected area (DistrictMap), used for the reference too. */
const STYLE = { fillOpacity: 0.85, color: '#ffffff', weight: 0.8 };
const NO_VALUE = '#d9d9d9';
/** Frames to wait for new colours before a step counts as failed. */
const MAX_FRAMES = 120;
/** How long the Workspace may take to draw its map and compute its flags. */
const SETUP_TIMEOUT_MS = 60_000;

function setupFromUrl(): PageSetup {
  const params = new URLSearchParams(location.search);
  const areas = Number(params.get('areas') ?? '84');
  const seed = Number(params.get('seed') ?? '1');
  if (!Number.isInteger(areas) || areas < 4) throw new Error(`bad ?areas=${params.get('areas')}`);
  return { areas, seed: Number.isFinite(seed) ? seed : 1 };
}

// ------------------------------------------------------------------ synthetic extract

function normal(rng: Xoshiro128): number {
  const u = Math.max(rng.nextFloat(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

interface SyntheticArea {
  id: string;
  /** Residents (some areas are tiny, so that their cells are marked small). */
  residents: number;
  /** A smooth deprivation pattern plus noise: the indicators follow it, so they correlate. */
  deprivation: number;
}

/** Engine rows as compilePackQuery's SQL would return them, for one indicator. */
function indicatorRows(indicator: Indicator, areas: readonly SyntheticArea[], municipalityCode: string, rng: Xoshiro128): EngineRow[] {
  const rows: EngineRow[] = [];
  const worse = indicator.direction === 'higher-is-better' ? -1 : indicator.direction === 'context' ? 0.5 : 1;
  const populationShare = 0.15 + 0.55 * rng.nextFloat();
  const level = -2.5 + 2 * rng.nextFloat();
  const trend = (rng.nextFloat() - 0.5) * 0.08;
  const method = intervalMethod(indicator);
  const scale = indicator.unit === 'dkk' ? 250_000 + 100_000 * rng.nextFloat() : indicator.unit === 'mean' ? 0.05 + 0.05 * rng.nextFloat() : 1;
  for (const period of PERIODS) {
    const t = period - FIRST;
    let numeratorTotal = 0;
    let denominatorTotal = 0;
    let squaresTotal = 0;
    const medians: number[] = [];
    for (const area of areas) {
      const denominator = Math.max(1, Math.round(area.residents * populationShare * (1 + 0.01 * t + 0.03 * normal(rng))));
      const signal = worse * 0.8 * area.deprivation + 0.15 * normal(rng) + trend * t;
      const row: EngineRow = { indicator_id: indicator.id, layer_id: 'basisdistrikt', period, area_id: area.id, numerator: null, denominator, sum_sq: null, median: null };
      if (indicator.numerator.kind !== 'value') {
        // Shares and rates: a count of persons or events in the population.
        const rate = indicator.unit === 'per1000' ? Math.exp(-3.5 + signal * 0.8) : logistic(level + signal);
        row.numerator = Math.round(denominator * rate);
      } else {
        // Means and medians of a value column (income in DKK, absence as a share of days).
        const value = scale * Math.exp(0.25 * signal * (indicator.unit === 'dkk' ? -1 : 1));
        if (method === 't') {
          const sd = value * 0.6;
          row.numerator = denominator * value;
          row.sum_sq = denominator * (value * value + sd * sd);
        } else {
          row.median = value;
          medians.push(value);
        }
      }
      numeratorTotal += row.numerator ?? 0;
      denominatorTotal += denominator;
      squaresTotal += row.sum_sq ?? 0;
      rows.push(row);
    }
    medians.sort((a, b) => a - b);
    rows.push({
      indicator_id: indicator.id,
      layer_id: MUNICIPALITY_LAYER,
      period,
      area_id: municipalityCode,
      numerator: indicator.numerator.kind === 'value' && method !== 't' ? null : numeratorTotal,
      denominator: denominatorTotal,
      sum_sq: method === 't' ? squaresTotal : null,
      median: medians.length > 0 ? (medians[Math.floor(medians.length / 2)] ?? null) : null,
    });
  }
  return rows;
}

interface Synthetic {
  extract: LoadedExtract;
  columns: number;
  /** Counts the engine stub's queries. */
  engineQueries: () => number;
}

function syntheticExtract({ areas: count, seed }: PageSetup): Synthetic {
  const columns = Math.ceil(Math.sqrt(count));
  const lattice = polygonLattice({ columns, count, seed });
  const baseLayer: GeoJsonFeatureCollection = {
    type: 'FeatureCollection',
    features: lattice.features.map((f, i) => ({
      type: 'Feature',
      properties: { area_id: f.properties.area_id, name: `Område ${i + 1}` },
      geometry: f.geometry,
    })),
  };
  const manifest: ExtractManifest = manifestSchema.parse({
    ...tinyManifest(),
    municipality: { code: '0999', name: 'Benchby Kommune (fiktiv)' },
    periods: PERIODS,
    sources: [{ name: 'bench/restyle: synthetic, seeded' }],
    producer: { name: 'bench', tool: 'bench/restyle/main.ts' },
  });
  const layers = new Map([[manifest.baseLayer, baseLayer]]);

  const rng = new Xoshiro128(seed * 7919 + count);
  const areas: SyntheticArea[] = lattice.features.map((f) => {
    const { column, row } = f.properties;
    const tiny = rng.nextFloat() < 0.04;
    return {
      id: f.properties.area_id,
      residents: tiny ? 15 + Math.floor(rng.nextFloat() * 40) : 400 + Math.floor(rng.nextFloat() * 4000),
      deprivation: Math.sin(column / 3) + Math.cos(row / 4) + 0.5 * normal(rng),
    };
  });
  const pack = SOCIAL_BALANCE_PACK;
  const rows = pack.indicators.flatMap((indicator) => indicatorRows(indicator, areas, manifest.municipality.code, rng));
  const areaMap = buildAreaMap(manifest, layers);
  const packResults = buildPackResults(rows, pack.indicators, areaMap.areas, PERIODS);
  // As analysePack hands them to the map and panel.
  const results: IndicatorResults = {
    cells: packResults.cells
      .filter((c) => c.layerId === manifest.baseLayer)
      .map(({ indicatorId, period, areaId, numerator, denominator, value, lower, upper, small }) => ({ indicatorId, period, areaId, numerator, denominator, value, lower, upper, small })),
    municipality: packResults.municipality.map(({ indicatorId, period, numerator, denominator, value }) => ({ indicatorId, period, numerator: numerator ?? 0, denominator, value })),
  };
  const analysis: PackAnalysis = {
    pack,
    results,
    packResults,
    areaMap,
    composite: computeComposite(pack, packResults, { layerId: manifest.baseLayer, areaMap }),
  };
  let queries = 0;
  const engine = {
    query: async () => {
      queries++;
      return [];
    },
    terminate: () => undefined,
  } as unknown as LoadedExtract['engine'];
  const extract: LoadedExtract = {
    handle: { id: 'bench-restyle', name: 'restyle-bench.bdx', sizeBytes: 0, origin: 'file', encryption: 'passphrase' },
    manifest,
    baseLayer,
    layers,
    areas: layerView(manifest, layers, manifest.baseLayer)?.areas ?? [],
    analysis,
    engine,
  };
  return { extract, columns, engineQueries: () => queries };
}

// ------------------------------------------------------------------ frames and colours

interface Frame {
  /** When our requestAnimationFrame callback ran (before style, layout and paint). */
  raf: number;
  /** After the frame was painted. */
  painted: number;
}

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

/**
 * Resolves after the next frame was painted: a requestAnimationFrame callback runs just
 * before the frame's style, layout and paint, and a task it posts runs after them. The
 * task is posted at the highest priority (scheduler.postTask 'user-blocking'), so that it
 * runs before tasks queued earlier at normal priority (a timer set during the change,
 * say), which would otherwise be counted as part of the frame although they run after its
 * paint; a MessageChannel message where the Prioritized Task Scheduling API is missing.
 */
function nextFrame(): Promise<Frame> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const raf = performance.now();
      const done = () => resolve({ raf, painted: performance.now() });
      if (scheduler) {
        void scheduler.postTask(done, { priority: 'user-blocking' });
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        done();
      };
      channel.port2.postMessage(null);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function fills(paths: readonly Element[]): (string | null)[] {
  return paths.map((p) => p.getAttribute('fill'));
}

/** How long a step may take to settle (the flags of a large layer take seconds). */
const SETTLE_TIMEOUT_MS = 120_000;

/**
 * Times one change: `change` runs synchronously; then frames until `paths` have new
 * fills; then frames until `settled` holds (the step's later work is done, so the next
 * step starts from a quiet page).
 */
async function timeStep(kind: StepKind, choice: string, paths: () => Element[], change: () => void, settled: () => boolean = () => true): Promise<StepTiming> {
  const before = fills(paths());
  const started = performance.now();
  change();
  const syncDone = performance.now();
  for (let frames = 1; frames <= MAX_FRAMES; frames++) {
    const frame = await nextFrame();
    const after = fills(paths());
    const changed = after.reduce((n, fill, i) => n + (fill !== before[i] ? 1 : 0), 0);
    if (after.length === before.length && changed > 0) {
      const following = await nextFrame();
      let settledAt = following.raf;
      while (!settled()) {
        if (settledAt - started > SETTLE_TIMEOUT_MS) throw new Error(`${kind} change: the page did not settle within ${SETTLE_TIMEOUT_MS / 1000} s`);
        settledAt = (await nextFrame()).raf;
      }
      return {
        kind,
        choice,
        ms: frame.painted - started,
        syncMs: syncDone - started,
        frameMs: frame.painted - frame.raf,
        frames,
        changed,
        busyAfterMs: following.raf - frame.painted,
        settledMs: settledAt - started,
      };
    }
  }
  throw new Error(`${kind} change: the polygons' fill colours did not change within ${MAX_FRAMES} frames`);
}

// ------------------------------------------------------------------ the page

async function waitFor<T>(what: string, probe: () => T | null | undefined, timeoutMs = SETUP_TIMEOUT_MS): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== null && found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextFrame();
  }
}

function selectOf(testId: string): HTMLSelectElement {
  const select = document.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`);
  if (!select) throw new Error(`no [data-testid=${testId}] in the Workspace`);
  return select;
}

/** Chooses a value as a user does: the select's value, then a bubbling change event (React's onChange). */
function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function start(): Promise<RestyleBenchApi> {
  const setup = setupFromUrl();
  const { extract, columns, engineQueries } = syntheticExtract(setup);
  const rootElement = document.getElementById('root');
  const referenceElement = document.getElementById('reference-map');
  if (!rootElement || !referenceElement) throw new Error('missing #root or #reference-map');

  // The app, as App shows an opened extract.
  useViewStore.getState().resetFor(extract);
  createRoot(rootElement).render(createElement(StrictMode, null, createElement(Workspace, { extract })));
  const appPaths = () => [...document.querySelectorAll('[data-testid="district-map"] path[data-area-id]')];
  await waitFor('the Workspace map', () => (appPaths().length === setup.areas ? true : null));
  // Flags are computed after the first paint and then drawn as marks: wait for them.
  const flagsSettled = () => {
    const failed = document.querySelector('[data-testid="flags-panel"] .error-box');
    if (failed) throw new Error(`flags failed: ${failed.textContent ?? ''}`);
    return document.querySelector('[data-testid="flags-panel"]') !== null && document.querySelector('[data-testid="flags-computing"]') === null;
  };
  await waitFor('the flags', () => (flagsSettled() ? true : null));

  // The reference: a second map of the same size, beside the app's, both in view.
  const appMap = document.querySelector<HTMLElement>('[data-testid="district-map"]');
  if (!appMap) throw new Error('no [data-testid=district-map]');
  const rect = appMap.getBoundingClientRect();
  Object.assign(referenceElement.style, {
    position: 'fixed',
    left: `${Math.ceil(rootElement.getBoundingClientRect().right + 16)}px`,
    top: `${Math.round(rect.top)}px`,
    width: `${rect.width}px`,
    height: `${rect.height}px`,
  });
  const referenceRect = referenceElement.getBoundingClientRect();
  if (rect.bottom > innerHeight || referenceRect.right > innerWidth) {
    throw new Error(`the maps do not fit the ${innerWidth}×${innerHeight} viewport (app map to ${rect.right}×${rect.bottom}, reference to ${referenceRect.right}); the driver must open a larger one`);
  }
  const referenceMap = L.map(referenceElement, { attributionControl: false, zoomSnap: 0.25 });
  const referenceLayer = L.geoJSON(extract.baseLayer as unknown as FeatureCollection, { style: () => ({ fillColor: NO_VALUE, ...STYLE }) }).addTo(referenceMap);
  referenceMap.fitBounds(referenceLayer.getBounds(), { padding: [12, 12] });
  const referencePaths = () => [...referenceElement.querySelectorAll('path')];
  // Precomputed colours: the quantile choropleth of an indicator × period of the same data,
  // walked like the app's steps (next indicator, then previous period, …) and built before
  // the timing starts.
  const indicators = extract.analysis.pack.indicators;
  const referenceColours = (step: number): { colours: Map<string, string>; choice: string } => {
    const indicator = indicators[Math.ceil(step / 2) % indicators.length] as Indicator;
    const period = PERIODS[PERIODS.length - 1 - (Math.floor(step / 2) % PERIODS.length)] as number;
    const cells = extract.analysis.packResults.cells.filter((c) => c.indicatorId === indicator.id && c.period === period);
    return { colours: buildChoropleth(cells, indicator.direction).colourByArea, choice: step % 2 === 1 ? indicator.id : String(period) };
  };
  const restyleReference = (colours: Map<string, string>) =>
    referenceLayer.setStyle((feature) => ({ fillColor: colours.get(String(feature?.properties?.['area_id'])) ?? NO_VALUE, ...STYLE }));
  restyleReference(referenceColours(0).colours);

  const indicatorSelect = selectOf('indicator-select');
  const periodSelect = selectOf('period-select');
  const indicatorChoices = [...indicatorSelect.options].map((o) => o.value);
  const rng = new Xoshiro128(setup.seed * 104729 + 17);
  let appSteps = 0;
  let referenceSteps = 0;

  const appStep = async (): Promise<StepTiming> => {
    const kind: StepKind = appSteps % 2 === 0 ? 'indicator' : 'period';
    appSteps++;
    const view = useViewStore.getState();
    let choice: string;
    let select: HTMLSelectElement;
    let expect: () => boolean;
    if (kind === 'indicator') {
      const next = indicatorChoices[(indicatorChoices.indexOf(indicatorSelect.value) + 1) % indicatorChoices.length] as string;
      [choice, select] = [next, indicatorSelect];
      expect = () => useViewStore.getState().indicatorId === next;
    } else {
      // Back through the periods from the latest, then round again.
      const next = PERIODS[(PERIODS.indexOf(view.period) + PERIODS.length - 1) % PERIODS.length] as number;
      [choice, select] = [String(next), periodSelect];
      expect = () => useViewStore.getState().period === next;
    }
    await nextFrame();
    await sleep(rng.nextFloat() * 16);
    const timing = await timeStep(kind, choice, appPaths, () => choose(select, choice), flagsSettled);
    if (!expect()) throw new Error(`the ${kind} change did not reach the view store`);
    return timing;
  };

  const referenceStep = async (): Promise<StepTiming> => {
    const kind: StepKind = referenceSteps % 2 === 0 ? 'indicator' : 'period';
    referenceSteps++;
    const { colours, choice } = referenceColours(referenceSteps);
    await nextFrame();
    await sleep(rng.nextFloat() * 16);
    return timeStep(kind, choice, referencePaths, () => restyleReference(colours));
  };

  // Let the target-group panel's catalogue query and the marks settle.
  for (let i = 0; i < 10; i++) await nextFrame();
  const ready: PageReady = {
    areas: setup.areas,
    columns,
    periods: PERIODS,
    indicatorChoices,
    cells: extract.analysis.packResults.cells.length,
    marks: document.querySelectorAll('[data-testid="district-map"] .flag-mark').length,
    map: { width: rect.width, height: rect.height },
    leaflet: L.version,
    userAgent: navigator.userAgent,
  };
  return {
    ready,
    async round(): Promise<RoundResult> {
      const queriesBefore = engineQueries();
      const app = await appStep();
      const reference = await referenceStep();
      if (engineQueries() !== queriesBefore) throw new Error(`restyling queried the analytic engine (${engineQueries() - queriesBefore} queries)`);
      return { app, reference };
    },
  };
}

const target = window as unknown as Record<string, unknown>;
start().then(
  (api) => {
    target[BENCH_GLOBAL] = api;
  },
  (err: unknown) => {
    target[`${BENCH_GLOBAL}Failure`] = { error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  },
);
