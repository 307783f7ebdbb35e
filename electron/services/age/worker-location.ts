/**
 * Where the decryption worker's code is, found at run time relative to the running
 * module: next to the main-process bundle in the app (dist/electron/, see
 * worker-build.mjs for the build), the TypeScript source otherwise.
 */
import path from 'node:path';
import { AGE_DECRYPT_WORKER_BUNDLE } from './worker-build.mjs';
import type * as WorkerSource from './worker-source';

export interface WorkerScript {
  /** A file to run, or (eval) bootstrap code that imports the worker. */
  readonly script: string;
  readonly eval: boolean;
}

/** In a variable, so that esbuild leaves this import out of the bundle (see worker-source.ts). */
const SOURCE_LOCATOR = './worker-source.ts';

/** True in the CommonJS bundle, where __filename is dist/electron/main.cjs. */
function runningFromBundle(): boolean {
  return typeof __filename === 'string' && !/\.[cm]?tsx?$/.test(__filename);
}

export async function defaultWorkerScript(): Promise<WorkerScript> {
  if (runningFromBundle()) return { script: path.join(path.dirname(__filename), AGE_DECRYPT_WORKER_BUNDLE), eval: false };
  const source = (await import(SOURCE_LOCATOR)) as typeof WorkerSource;
  return source.sourceWorkerScript();
}
