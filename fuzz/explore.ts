/**
 * Exploration from the command line, grouping violations by kind and message shape:
 *   npx tsx fuzz/explore.ts <target> [cases] [seed]
 * Prints one line per distinct failure with its first case, for triage (the vitest suite
 * is the gate; this is the magnifying glass).
 */
import { FUZZ_SEED } from './config';
import { formatReport, formatSummary, fuzz, type CaseReport } from './harness';
import { loadTarget } from './targets/index';

const [name, casesArg, seedArg] = process.argv.slice(2);
if (!name) {
  console.error('usage: npx tsx fuzz/explore.ts <target> [cases] [seed]');
  process.exit(2);
}
const target = await loadTarget(name);
const summary = await fuzz(name, {
  cases: casesArg ? Number(casesArg) : target.defaultCases,
  seed: seedArg ? Number(seedArg) : FUZZ_SEED,
  ...(target.budgetMs ? { budgetMs: target.budgetMs } : {}),
});
console.log(formatSummary(summary));
console.log(
  `  time by variant: ${[...summary.timing]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 8)
    .map(([k, t]) => `${k} ${t.cases}× ${(t.ms / 1000).toFixed(1)} s`)
    .join(', ')}`,
);
const verbose = process.env['FUZZ_VERBOSE'] === '1';
/** Kind, invariant tag and the message up to its first value: one line per distinct bug. */
const shape = (r: CaseReport) =>
  r.outcome.status === 'violation' ? `${r.outcome.kind}: ${r.outcome.message.replace(/(\[[a-z-]+\]).*/, '$1').replace(/\d+/g, 'N').replace(/[:(].*$/, '').slice(0, 120)}` : '';
const groups = new Map<string, CaseReport[]>();
for (const r of [...summary.violations, ...[...summary.pending.values()].flatMap((p) => p.cases)]) groups.set(shape(r), [...(groups.get(shape(r)) ?? []), r]);
for (const [key, reports] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n×${reports.length}  ${key}`);
  console.log(formatReport(reports[0]!).split('\n').slice(0, verbose ? 14 : 2).join('\n'));
}
process.exit(0);
