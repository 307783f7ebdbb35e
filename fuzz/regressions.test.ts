/**
 * Replays every input in corpus/regressions/ (index.json says which target and variant) under
 * the same watchdog as the fuzz runs. An input without a `pending` mark must end in a clear
 * error or a valid load. An input marked with a pending bug (fuzz/pending.ts) must still show
 * that bug: once the parser is fixed this test says so, and the pending entry and mark go.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReport, replay, type CaseReport } from './harness';
import { matchPending, PENDING } from './pending';
import { loadTarget } from './targets/index';

interface Regression {
  file: string;
  target: string;
  variant: string;
  pending?: string;
  note: string;
}

const DIR = new URL('./corpus/regressions/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as Regression[];
const targets = [...new Set(corpus.map((r) => r.target))];

describe('fuzz: regression corpus', () => {
  const results = new Map<Regression, CaseReport>();

  beforeAll(async () => {
    for (const target of targets) {
      const entries = corpus.filter((r) => r.target === target);
      // Inputs that must be large to fail are stored gzipped (".gz") to keep the corpus small.
      const read = (file: string) => {
        const bytes = new Uint8Array(readFileSync(new URL(file, DIR)));
        return file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
      };
      const inputs = entries.map((r) => ({ variant: r.variant, bytes: read(r.file) }));
      const budget = (await loadTarget(target)).budgetMs;
      const reports = await replay(target, inputs, budget);
      for (const report of reports) results.set(entries[report.index]!, report);
    }
  }, 300_000);

  it('backs every pending bug with at least one input', () => {
    const backed = new Set(corpus.map((r) => r.pending).filter(Boolean));
    expect(PENDING.map((b) => b.id).filter((id) => !backed.has(id))).toEqual([]);
    expect(corpus.map((r) => r.pending).filter((id) => id !== undefined && !PENDING.some((b) => b.id === id))).toEqual([]);
  });

  for (const r of corpus) {
    const title = r.pending ? `${r.file} — still shows pending bug ${r.pending}` : `${r.file} — ends in a clear error or a valid load`;
    it(title, () => {
      const report = results.get(r);
      expect(report, `no result for ${r.file}`).toBeDefined();
      const o = report!.outcome;
      if (!r.pending) {
        expect(o.status, o.status === 'violation' ? formatReport(report!) : '').not.toBe('violation');
        return;
      }
      if (o.status !== 'violation') {
        throw new Error(
          `${r.file} (${r.note}) now ends in "${o.status}": bug ${r.pending} looks fixed. Delete its entry from fuzz/pending.ts and the "pending" mark in fuzz/corpus/regressions/index.json.`,
        );
      }
      expect(matchPending(r.target, o, r.variant)?.id, formatReport(report!)).toBe(r.pending);
    });
  }
});
