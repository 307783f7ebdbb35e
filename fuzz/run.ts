/** One test per target: its cases must all end in a clear refusal or a valid load. */
import { expect, it } from 'vitest';
import { FUZZ_ONLY, FUZZ_SEED, casesFor } from './config';
import { formatReport, formatSummary, fuzz } from './harness';
import { loadTarget } from './targets/index';

/** Registers a vitest test that fuzzes one target (import in a fuzz/*.test.ts file). */
export function fuzzTest(name: string, timeoutMs = 600_000): void {
  const only = FUZZ_ONLY ? FUZZ_ONLY.get(name) : undefined;
  const run = FUZZ_ONLY && !only ? it.skip : it;
  run(
    `${name}: every case ends in a clear error or a valid load`,
    async () => {
      const target = await loadTarget(name);
      const summary = await fuzz(name, { cases: casesFor(target), seed: FUZZ_SEED, ...(target.budgetMs ? { budgetMs: target.budgetMs } : {}), ...(only ? { only } : {}) });
      console.log(formatSummary(summary));
      const failures = summary.violations.map(formatReport);
      if (FUZZ_ONLY) for (const { cases } of summary.pending.values()) for (const c of cases) console.log(formatReport(c));
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    process.env['FUZZ_CASES'] ? 24 * 3600_000 : timeoutMs,
  );
}
