/**
 * How to start the decryption worker from its TypeScript source, when the app runs
 * from source (vitest, tsx: tests and benchmarks). worker-location.ts imports this
 * module by a computed name only, so esbuild never puts it into the main-process
 * bundle (it needs import.meta, which a CommonJS bundle does not have).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { WorkerScript } from './worker-location';

export function sourceWorkerScript(): WorkerScript {
  const entry = fileURLToPath(new URL('./decrypt-worker.ts', import.meta.url));
  // Node 20 ignores `--import tsx` in a worker's execArgv, so the worker registers
  // tsx's CommonJS hook itself and then requires the TypeScript entry through it.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(entry)});`, eval: true };
}
