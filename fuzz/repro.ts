/**
 * Reproduces one case in this process (no worker, no watchdog: attach a debugger or a
 * profiler at will):
 *   npx tsx fuzz/repro.ts <target> <index> [seed] [--save <file>]
 *   npx tsx fuzz/repro.ts <target> --input <file> [--variant <variant>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FUZZ_SEED } from './config';
import { caseRng } from './mutate';
import { loadTarget } from './targets/index';
import { Violation, type FuzzInput } from './target';

Error.stackTraceLimit = 60;
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const [name, indexArg, seedArg] = args;
if (!name || (!indexArg && !option('--input'))) {
  console.error('usage: npx tsx fuzz/repro.ts <target> <index> [seed] [--save <file>] | <target> --input <file> [--variant <v>]');
  process.exit(2);
}
const target = await loadTarget(name);
await target.setup?.();
let input: FuzzInput;
const file = option('--input');
if (file) {
  input = { variant: option('--variant') ?? '', bytes: new Uint8Array(readFileSync(file)) };
} else {
  const index = Number(indexArg);
  const seed = seedArg && !seedArg.startsWith('--') ? Number(seedArg) : FUZZ_SEED;
  input = await target.generate(caseRng(seed, name, index), index);
}
const save = option('--save');
if (save) writeFileSync(save, input.bytes);
console.log(`variant ${input.variant}, ${input.bytes.length} bytes${save ? `, saved to ${save}` : ''}`);
const started = performance.now();
try {
  console.log(await target.run(input));
} catch (err) {
  console.log(err instanceof Violation ? `violation (${err.kind})` : 'crash');
  console.log(err instanceof Error ? (err.stack ?? err.message) : err);
}
console.log(`${(performance.now() - started).toFixed(0)} ms`);
