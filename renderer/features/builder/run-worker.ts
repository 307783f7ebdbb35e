/** Runs one request in a fresh builder worker; the worker ends with the run (or on cancel). */
import type { ProgressStep, WorkerRequest, WorkerResponse } from './protocol';

export type WorkerOutcome = Exclude<WorkerResponse, { type: 'plan' } | { type: 'progress' }>;

export interface WorkerRun {
  result: Promise<WorkerOutcome>;
  cancel(): void;
}

export function runBuilderWorker(request: WorkerRequest, onProgress: (step: ProgressStep, total: number) => void): WorkerRun {
  const worker = new Worker(new URL('./builder.worker.ts', import.meta.url), { type: 'module' });
  let settle: (outcome: WorkerOutcome) => void = () => undefined;
  const result = new Promise<WorkerOutcome>((resolve) => {
    settle = (outcome) => {
      worker.terminate();
      resolve(outcome);
    };
  });
  let total = 1;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'plan') total = message.total;
    else if (message.type === 'progress') onProgress(message.step, total);
    else settle(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ type: 'failed', message: event.message || 'the builder worker stopped' });
  };
  worker.postMessage(request);
  return { result, cancel: () => settle({ type: 'failed', message: 'cancelled' }) };
}
