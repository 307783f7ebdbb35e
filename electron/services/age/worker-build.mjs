// The age decryption worker's own bundle, next to dist/electron/main.cjs. Plain ESM so
// that scripts/build-electron.mjs can import it; the main process imports the file
// name from here too, so the two cannot drift apart (see worker-location.ts).
import path from 'node:path';

/** File name of the worker bundle, in the same folder as the main-process bundle. */
export const AGE_DECRYPT_WORKER_BUNDLE = 'age-decrypt-worker.cjs';

/**
 * esbuild options for the worker bundle: spread them into a build() call of
 * scripts/build-electron.mjs, e.g. `build({ ...common, ...ageDecryptWorkerBuild(root, outDir) })`.
 * Node built-ins only; no electron import.
 */
export function ageDecryptWorkerBuild(root, outDir) {
  return {
    entryPoints: [path.join(root, 'electron', 'services', 'age', 'decrypt-worker.ts')],
    outfile: path.join(outDir, AGE_DECRYPT_WORKER_BUNDLE),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
  };
}
