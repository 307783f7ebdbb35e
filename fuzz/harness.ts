/**
 * The parent side of the harness. Cases run in a worker thread (fuzz/worker.ts, loaded
 * through tsx): a synchronous parser that never returns cannot be interrupted in-process,
 * so a watchdog here ends the worker when one case runs over its budget, records the case
 * as a hang with its seed and index, and starts a fresh worker at the next case. A worker
 * that dies (out of memory, a native crash) is recorded and restarted the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FUZZ_BUDGET_MS, FUZZ_SAVE_DIR, FUZZ_WORKERS } from './config';
import { matchPending, type PendingBug } from './pending';
import type { FuzzInput } from './target';
import type { Job, Outcome, WorkerData, WorkerMessage } from './worker';

const BOOT = fileURLToPath(new URL('./worker-boot.mjs', import.meta.url));
const ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));
const DEFAULT_BUDGET_MS = 5_000;
/** Loading a target (tsx compiling, the demo's scrypt) is not a case; it gets its own, larger budget. */
const SETUP_BUDGET_MS = 120_000;
/** Building one case (mutating, re-zipping, encrypting) is timed apart from running it. */
const GENERATE_BUDGET_MS = 60_000;
const REPLAY_MIN_BUDGET_MS = 20_000;
/** V8 heap per worker; Parquet/zip buffers live outside it, limited by the parsers' own limits. */
const WORKER_HEAP_MB = 3072;
/**
 * Stack like a main thread's (Node and Chromium reserve about 1 MB; worker threads get 4 MB
 * by default), so recursion depth limits are found where the app would hit them.
 */
const WORKER_STACK_MB = 1;

export interface CaseReport {
  target: string;
  seed: number;
  index: number;
  variant: string;
  outcome: Outcome;
  ms: number;
  input?: Uint8Array;
}

export interface RunSummary {
  target: string;
  seed: number;
  cases: number;
  ms: number;
  accepted: number;
  refused: Record<string, number>;
  skipped: Record<string, number>;
  /** Violations not explained by a pending bug: each fails the run. */
  violations: CaseReport[];
  /** Violations of known, recorded bugs (fuzz/pending.ts), by bug id. */
  pending: Map<string, { bug: PendingBug; cases: CaseReport[] }>;
  slowest: { index: number; ms: number } | null;
  /** Time spent by variant (the part before "|"), for tuning case counts. */
  timing: Map<string, { cases: number; ms: number }>;
}

type Range = { kind: 'indices'; indices: readonly number[] } | { kind: 'inputs'; inputs: readonly FuzzInput[] };

interface Attempt {
  reports: CaseReport[];
  /** Where the next attempt starts, in the worker's numbering (the job's end when it completed). */
  next: number;
}

/**
 * Runs one job in a fresh worker until it completes, a case hangs, or the worker dies.
 * Rejects when the worker cannot even load the target (a harness problem, not a case).
 */
function attempt(target: string, seed: number, job: Job, budgetMs: number, reportIndex: (workerIndex: number) => number): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const workerData: WorkerData = { entry: ENTRY, target, seed, warm: job.type === 'fuzz' };
    const worker = new Worker(BOOT, { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: WORKER_STACK_MB }, stdout: true, stderr: true });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 50) output.shift();
    };
    worker.stdout.on('data', keep);
    worker.stderr.on('data', keep);
    const end = job.type === 'fuzz' ? job.to : job.inputs.length;
    const reports: CaseReport[] = [];
    let ready = false;
    let running: number | null = null;
    let next = job.type === 'fuzz' ? job.from : 0;
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    const arm = (ms: number, onTimeout: () => void) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    const settle = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      void worker.terminate();
    };
    let variant = '?';
    let input: Uint8Array | undefined;
    const fail = (workerIndex: number, kind: 'hang' | 'worker-died' | 'harness', message: string) => {
      if (settled) return;
      settle();
      if (!ready) {
        reject(new Error(`fuzz harness: the worker for "${target}" failed before its first case: ${message}\n${output.join('').slice(-4000)}`));
        return;
      }
      const outcome: Outcome = { status: 'violation', kind, message, stack: output.join('').slice(-4000) };
      reports.push({ target, seed, index: reportIndex(workerIndex), variant, outcome, ms: budgetMs, ...(input ? { input } : {}) });
      resolve({ reports, next: workerIndex + 1 });
    };
    arm(SETUP_BUDGET_MS, () => fail(next, 'hang', `the worker did not load target "${target}" within ${SETUP_BUDGET_MS} ms`));
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'ready':
          ready = true;
          if (timer) clearTimeout(timer);
          worker.postMessage(job);
          break;
        case 'generating':
          running = m.index;
          variant = '?';
          input = undefined;
          arm(GENERATE_BUDGET_MS, () => fail(m.index, 'harness', `building the case took over ${GENERATE_BUDGET_MS} ms (a fuzzer problem, not the parser's)`));
          break;
        case 'start':
          running = m.index;
          variant = m.variant;
          input = m.input;
          arm(budgetMs, () => fail(m.index, 'hang', `case ran over its budget of ${budgetMs} ms (worker terminated)`));
          break;
        case 'done':
          if (timer) clearTimeout(timer);
          running = null;
          next = m.index + 1;
          reports.push({ target, seed, index: reportIndex(m.index), variant: m.variant, outcome: m.outcome, ms: m.ms, ...(m.input ? { input: m.input } : {}) });
          break;
        case 'late':
          reports.push({ target, seed, index: reportIndex(m.index ?? Math.max(0, next - 1)), variant: '?', outcome: m.outcome, ms: 0 });
          break;
        case 'finished':
          if (!settled) {
            settle();
            resolve({ reports, next: end });
          }
          break;
      }
    });
    worker.on('error', (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      fail(running ?? next, 'worker-died', `the worker threw outside any handler: ${e.name}: ${e.message}\n${e.stack ?? ''}`);
    });
    worker.on('exit', (code) => fail(running ?? next, 'worker-died', `the worker exited with code ${code}`));
  });
}

async function runRange(target: string, seed: number, range: Range, budgetMs: number): Promise<CaseReport[]> {
  const reports: CaseReport[] = [];
  if (range.kind === 'indices') {
    const { indices } = range;
    for (let i = 0; i < indices.length; ) {
      let j = i;
      while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
      let from = indices[i]!;
      const to = indices[j]! + 1;
      while (from < to) {
        const result = await attempt(target, seed, { type: 'fuzz', from, to }, budgetMs, (index) => index);
        reports.push(...result.reports);
        from = Math.max(result.next, from + 1);
      }
      i = j + 1;
    }
    return reports;
  }
  for (let start = 0; start < range.inputs.length; ) {
    const base = start;
    const result = await attempt(target, seed, { type: 'replay', inputs: range.inputs.slice(base) }, budgetMs, (index) => base + index);
    reports.push(...result.reports);
    start = base + Math.max(1, result.next);
  }
  return reports;
}

function savedInput(report: CaseReport): string | null {
  if (!report.input || FUZZ_SAVE_DIR === null) return null;
  try {
    mkdirSync(FUZZ_SAVE_DIR, { recursive: true });
    const base = join(FUZZ_SAVE_DIR, `${report.target}-${report.seed}-${report.index}`);
    writeFileSync(`${base}.bin`, report.input);
    writeFileSync(`${base}.json`, JSON.stringify({ target: report.target, seed: report.seed, index: report.index, variant: report.variant, outcome: report.outcome }, null, 2));
    return `${base}.bin`;
  } catch {
    return null;
  }
}

function summarise(target: string, seed: number, reports: CaseReport[], ms: number): RunSummary {
  const summary: RunSummary = { target, seed, cases: 0, ms, accepted: 0, refused: {}, skipped: {}, violations: [], pending: new Map(), slowest: null, timing: new Map() };
  const indices = new Set<number>();
  for (const r of reports) {
    indices.add(r.index);
    if (!summary.slowest || r.ms > summary.slowest.ms) summary.slowest = { index: r.index, ms: Math.round(r.ms) };
    const key = r.variant.split('|')[0]!;
    const t = summary.timing.get(key) ?? { cases: 0, ms: 0 };
    t.cases++;
    t.ms += r.ms;
    summary.timing.set(key, t);
    const o = r.outcome;
    if (o.status === 'accepted') summary.accepted++;
    else if (o.status === 'refused') summary.refused[o.code] = (summary.refused[o.code] ?? 0) + 1;
    else if (o.status === 'skipped') summary.skipped[o.reason] = (summary.skipped[o.reason] ?? 0) + 1;
    else {
      const bug = matchPending(target, o, r.variant);
      if (bug) {
        const entry = summary.pending.get(bug.id) ?? { bug, cases: [] };
        entry.cases.push(r);
        summary.pending.set(bug.id, entry);
      } else summary.violations.push(r);
    }
  }
  summary.cases = indices.size;
  return summary;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  budgetMs?: number;
  /** Only these case indices (FUZZ_ONLY). */
  only?: readonly number[];
}

/** Runs a target's cases 0…cases-1 (split over FUZZ_WORKERS workers) and summarises them. */
export async function fuzz(target: string, options: FuzzOptions): Promise<RunSummary> {
  const budgetMs = FUZZ_BUDGET_MS ?? options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = performance.now();
  let reports: CaseReport[];
  if (options.only) {
    reports = await runRange(target, options.seed, { kind: 'indices', indices: [...options.only] }, budgetMs);
  } else {
    const workers = Math.min(FUZZ_WORKERS, Math.max(1, options.cases));
    const per = Math.ceil(options.cases / workers);
    const slices = Array.from({ length: workers }, (_, w) => {
      const from = w * per;
      const to = Math.min(options.cases, from + per);
      return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
    }).filter((s) => s.length > 0);
    reports = (await Promise.all(slices.map((indices) => runRange(target, options.seed, { kind: 'indices', indices }, budgetMs)))).flat();
  }
  return summarise(target, options.seed, reports, performance.now() - started);
}

/**
 * Runs given inputs (the regression corpus) through a target, each under the watchdog. A
 * replay skips the target's setup (it needs few seeds), so a first case may load them: it
 * gets at least REPLAY_MIN_BUDGET_MS.
 */
export async function replay(target: string, inputs: readonly FuzzInput[], budgetMs = DEFAULT_BUDGET_MS): Promise<CaseReport[]> {
  return runRange(target, 0, { kind: 'inputs', inputs }, Math.max(REPLAY_MIN_BUDGET_MS, FUZZ_BUDGET_MS ?? budgetMs));
}

export function formatReport(report: CaseReport): string {
  const o = report.outcome;
  if (o.status !== 'violation') return `[${report.target}] case ${report.index}: ${o.status}`;
  const saved = savedInput(report);
  const stack = o.stack
    .split('\n')
    .filter((line) => !line.includes('node_modules/tsx') && !line.includes('node:internal'))
    .slice(0, 14)
    .join('\n      ');
  return [
    `[${report.target}] case ${report.index} (variant ${report.variant}) — ${o.kind}: ${o.message}`,
    `    reproduce: FUZZ_SEED=${report.seed} FUZZ_ONLY=${report.target}:${report.index} npx vitest run fuzz   ·   npx tsx fuzz/repro.ts ${report.target} ${report.index} ${report.seed}`,
    ...(saved ? [`    input: ${saved}`] : []),
    ...(stack ? [`    stack: ${stack}`] : []),
  ].join('\n');
}

export function formatSummary(s: RunSummary): string {
  const refused = Object.entries(s.refused)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const skipped = Object.entries(s.skipped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const pending = [...s.pending.values()].map(({ bug, cases }) => `${bug.id} ×${cases.length} (first: case ${cases[0]?.index})`).join('; ');
  return [
    `fuzz ${s.target}: ${s.cases} cases in ${(s.ms / 1000).toFixed(1)} s (seed ${s.seed}) — accepted ${s.accepted}; refused ${refused || '0'}${skipped ? `; skipped ${skipped}` : ''}; violations ${s.violations.length}`,
    ...(pending ? [`  known, pending a fix (fuzz/pending.ts): ${pending}`] : []),
    ...(s.slowest ? [`  slowest case: ${s.slowest.index} (${s.slowest.ms} ms)`] : []),
  ].join('\n');
}
