/**
 * Indicator computation: the whole social-balance pack (one compiled statement plus the
 * area map) on the demo extract and on a 10× generated municipality, in DuckDB-wasm (the
 * app's engine, its Node build) against native DuckDB restricted to one thread — the same
 * SQL on the same tables. p95 after a warm-up, runs interleaved. Goal: wasm within 2.5× of
 * native single-threaded. Tables are built in memory; nothing is written to disk.
 */
import { readFile } from 'node:fs/promises';
import { decryptAgeInMemory } from '../shared/extract/decrypt';
import type { ExtractManifest } from '../shared/extract/manifest';
import type { TableData } from '../shared/extract/parquet-write';
import { unpackExtract, type GeoJsonFeatureCollection } from '../shared/extract/unpack';
import { SOCIAL_BALANCE_PACK } from '../shared/indicators/packs/index';
import { computePack } from '../shared/indicators/run';
import { openNativeEngine, openWasmEngine, type NodeEngine } from '../scripts/compute/engines';
import { generateMunicipality } from '../scripts/synth/generate';
import { measureInterleaved } from './measure';
import type { Benchmark, BenchContext, MeasuredFigure } from './types';

const DEMO = new URL('../resources/demo/demo.bdx', import.meta.url);
const FULL = { scale: 10, warmup: 1, runs: 7 };
const QUICK = { scale: 2, warmup: 1, runs: 3 };
const GOAL = 'wasm within 2.5× of native single-threaded';

interface Workload {
  name: string;
  manifest: ExtractManifest;
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>;
  load(engine: NodeEngine): Promise<void>;
  rows: number;
}

async function demoWorkload(): Promise<Workload> {
  const decrypted = await decryptAgeInMemory(new Uint8Array(await readFile(DEMO)), { kind: 'passphrase', passphrase: 'sundby-demo-2025' });
  if (!decrypted.ok) throw new Error(`the demo extract did not open (${decrypted.error.code}); run npm run demo:build`);
  const { manifest, tables, layers } = unpackExtract(decrypted.plaintext);
  return {
    name: 'demo extract',
    manifest,
    layers,
    rows: 0,
    async load(engine) {
      for (const table of manifest.tables) await engine.loadParquet(table, tables.get(table.name) as Uint8Array);
    },
  };
}

function generatedWorkload(demo: Workload, scale: number): Workload {
  const m = generateMunicipality({ seed: 20250101, scale });
  const tableData = (name: string, data: Record<string, readonly unknown[]>): TableData => {
    const def = demo.manifest.tables.find((t) => t.name === name);
    if (!def) throw new Error(`no table ${name} in the demo manifest`);
    return { name, columns: def.columns.map((c) => ({ name: c.name, type: c.type, values: (data[c.name] ?? []) as TableData['columns'][number]['values'] })) };
  };
  const persons = tableData('persons', m.persons as unknown as Record<string, readonly unknown[]>);
  const events = tableData('events', m.events as unknown as Record<string, readonly unknown[]>);
  const layers = new Map<string, GeoJsonFeatureCollection>(
    Object.entries(m.layers).map(([id, layer]) => [id, layer as unknown as GeoJsonFeatureCollection]),
  );
  return {
    name: `generated municipality ×${scale}`,
    manifest: { ...demo.manifest, periods: m.municipality.periods },
    layers,
    rows: m.persons.period.length,
    async load(engine) {
      await engine.loadColumns(persons);
      await engine.loadColumns(events);
    },
  };
}

async function measure(workload: Workload, plan: typeof FULL, context: BenchContext): Promise<MeasuredFigure> {
  const wasm = await openWasmEngine();
  const native = await openNativeEngine({ threads: 1 });
  try {
    for (const engine of [wasm, native]) await workload.load(engine);
    const run = (engine: NodeEngine) => async () => {
      await computePack(engine, SOCIAL_BALANCE_PACK.indicators, workload.manifest, workload.layers);
    };
    const timings = await measureInterleaved(
      [
        { name: 'wasm', run: run(wasm) },
        { name: 'native', run: run(native) },
      ],
      { warmup: plan.warmup, runs: plan.runs, onRun: (target, ms) => context.log(`compute: ${workload.name}, ${target}: ${ms.toFixed(0)} ms`) },
    );
    const w = timings.get('wasm')?.p95 ?? Number.NaN;
    const n = timings.get('native')?.p95 ?? Number.NaN;
    return {
      name: `social-balance pack, DuckDB-wasm (${workload.name})`,
      workload: `${SOCIAL_BALANCE_PACK.indicators.length} indicators × ${workload.manifest.periods.length} periods × every layer${workload.rows ? `, ${workload.rows.toLocaleString('en')} person rows` : ''}; p95 of ${plan.runs} runs`,
      value: w,
      unit: 'ms',
      reference: { name: 'native DuckDB, 1 thread', value: n },
      ratio: w / n,
      goal: GOAL,
      better: 'lower',
      targetRatio: 2.5,
    };
  } finally {
    wasm.close();
    native.close();
  }
}

async function runComputeBenchmark(context: BenchContext): Promise<MeasuredFigure[]> {
  const plan = context.quick ? QUICK : FULL;
  const demo = await demoWorkload();
  const figures = [await measure(demo, plan, context)];
  context.log(`compute: generating a municipality at scale ${plan.scale} (about ${plan.scale * 3} s)`);
  figures.push(await measure(generatedWorkload(demo, plan.scale), plan, context));
  return figures;
}

export const computeBenchmark: Benchmark = {
  name: 'compute',
  description: 'social-balance pack in DuckDB-wasm against native DuckDB (1 thread)',
  run: runComputeBenchmark,
};
