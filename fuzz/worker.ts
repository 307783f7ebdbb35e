/**
 * The worker side of the harness: loads one target, builds each case from the run's seed
 * and the case index, runs it and reports. The parent (harness.ts) times every case and
 * ends this worker when one runs over its budget, so a hang cannot stall the suite.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { caseRng } from './mutate';
import { loadTarget } from './targets/index';
import { Violation, type FuzzInput, type Verdict, type ViolationKind } from './target';

export type Outcome = Verdict | { status: 'violation'; kind: ViolationKind; message: string; stack: string };

export type Job = { type: 'fuzz'; from: number; to: number } | { type: 'replay'; inputs: FuzzInput[] };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'generating'; index: number }
  | { type: 'start'; index: number; variant: string; input?: Uint8Array }
  | { type: 'done'; index: number; variant: string; outcome: Outcome; ms: number; input?: Uint8Array }
  | { type: 'late'; index: number | null; outcome: Outcome }
  | { type: 'finished' };

export interface WorkerData {
  entry: string;
  target: string;
  seed: number;
  /** Run the target's setup before the first case (fuzz runs; a replay loads lazily). */
  warm: boolean;
}

/** Inputs of failing cases up to this size travel back to be saved. */
const MAX_RETURNED_INPUT = 4 * 1024 * 1024;
const MAX_HUNG_INPUT = 512 * 1024;

export function violationOf(err: unknown, fallback: ViolationKind = 'crash'): Outcome {
  if (err instanceof Violation) return { status: 'violation', kind: err.kind, message: err.message, stack: err.stack ?? '' };
  if (err instanceof Error) return { status: 'violation', kind: fallback, message: `${err.name}: ${err.message}`, stack: err.stack ?? '' };
  return { status: 'violation', kind: fallback, message: `non-Error thrown: ${String(err)}`, stack: '' };
}

// Deep enough to show the parser's own frames under a library's (zod nests many).
Error.stackTraceLimit = 60;

const port = parentPort;
if (!port) throw new Error('fuzz/worker.ts runs in a worker thread');
const data = workerData as WorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);

let current: number | null = null;
process.on('unhandledRejection', (reason) => post({ type: 'late', index: current, outcome: violationOf(reason, 'unhandled-rejection') }));

const target = await loadTarget(data.target);
if (data.warm) await target.setup?.();
post({ type: 'ready' });

async function runCase(index: number, make: () => FuzzInput | Promise<FuzzInput>): Promise<void> {
  current = index;
  post({ type: 'generating', index });
  let input: FuzzInput;
  let outcome: Outcome;
  try {
    input = await make();
  } catch (err) {
    outcome = violationOf(err, 'harness');
    if (outcome.status === 'violation') outcome.kind = 'harness';
    post({ type: 'done', index, variant: '?', outcome, ms: 0 });
    return;
  }
  // The budget times the parser, not the mutators.
  // Small inputs travel along, so the parent can save the input of a case that hangs.
  post({ type: 'start', index, variant: input.variant, ...(input.bytes.length <= MAX_HUNG_INPUT ? { input: input.bytes } : {}) });
  const started = performance.now();
  try {
    outcome = await target.run(input);
    if (!outcome || !['accepted', 'refused', 'skipped'].includes(outcome.status)) {
      outcome = { status: 'violation', kind: 'harness', message: `the target returned ${JSON.stringify(outcome)}`, stack: '' };
    }
  } catch (err) {
    outcome = violationOf(err);
  }
  const message: WorkerMessage = { type: 'done', index, variant: input.variant, outcome, ms: performance.now() - started };
  if (outcome.status === 'violation' && input.bytes.length <= MAX_RETURNED_INPUT) message.input = input.bytes;
  post(message);
}

port.on('message', (job: Job) => {
  void (async () => {
    if (job.type === 'fuzz') {
      for (let index = job.from; index < job.to; index++) {
        await runCase(index, () => target.generate(caseRng(data.seed, data.target, index), index));
      }
    } else {
      for (const [index, input] of job.inputs.entries()) await runCase(index, () => input);
    }
    current = null;
    post({ type: 'finished' });
  })();
});
