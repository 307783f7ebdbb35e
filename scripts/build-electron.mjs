// Bundles the Electron main process and the sandboxed preload into dist/electron/.
// Usage: node scripts/build-electron.mjs
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ageDecryptWorkerBuild } from '../electron/services/age/worker-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

/** Every module name a CommonJS bundle requires at run time. */
export function requiredModules(source) {
  return [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
}

export async function buildElectron() {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'main.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
    }),
    // platform 'browser': a stray Node import in the preload fails the build instead of
    // becoming a require() that the sandbox would refuse at run time.
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      platform: 'browser',
      target: 'chrome120',
    }),
    // The age decryption worker runs beside main.cjs in the main process's worker pool.
    build({ ...common, ...ageDecryptWorkerBuild(root, outDir) }),
  ]);
  const preload = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
  const foreign = requiredModules(preload).filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`preload.cjs must require only electron, but requires: ${foreign.join(', ')}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron().then(
    () => console.log(`Built ${path.relative(root, outDir)}/main.cjs, preload.cjs and age-decrypt-worker.cjs`),
    (err) => {
      console.error(`build-electron failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
