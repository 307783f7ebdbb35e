/** The watchdog: hangs, crashes, stray rejections and dead workers are reported by case, and the run goes on. */
import { describe, expect, it } from 'vitest';
import { fuzz } from './harness';

describe('fuzz harness', () => {
  it('reports each misbehaving case with its index and kind, and finishes the run', async () => {
    const summary = await fuzz('selftest', { cases: 6, seed: 1, budgetMs: 1_000 });
    const kinds = summary.violations
      .map((r) => [r.index, r.outcome.status === 'violation' ? r.outcome.kind : r.outcome.status] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(kinds).toEqual([
      [1, 'hang'],
      [2, 'crash'],
      [3, 'unhandled-rejection'],
      [4, 'worker-died'],
    ]);
    expect(summary.accepted).toBe(3); // 0, 3 (its own result) and 5
    expect(summary.cases).toBe(6);
  }, 60_000);
});
