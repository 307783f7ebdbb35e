/**
 * `npm run demo:build`: regenerates resources/demo/demo.bdx from the seeded generator,
 * encrypted under the public demo passphrase. Only the encrypted file is written.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../shared/extract/demo';
import { buildSyntheticExtract } from './demo/build-extract';

const OUT = 'resources/demo/demo.bdx';

if (process.argv.includes('--help')) {
  console.log(`Usage: npm run demo:build

Regenerates ${OUT}: the synthetic municipality of seed ${DEMO_SEED}, packed as an extract
and encrypted with age under the demo passphrase (see README). Takes no options.`);
  process.exit(0);
}
if (process.argv.length > 2) {
  console.error(`demo:build takes no arguments (got: ${process.argv.slice(2).join(' ')}); see --help`);
  process.exit(2);
}

const started = Date.now();
const bytes = await buildSyntheticExtract(DEMO_SEED, DEMO_PASSPHRASE);
await mkdir('resources/demo', { recursive: true });
await writeFile(OUT, bytes);
console.log(`wrote ${OUT}: ${(bytes.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
