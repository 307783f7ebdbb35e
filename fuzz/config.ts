/**
 * Run settings from the environment (see fuzz/README.md):
 *   FUZZ_CASES    cases per target (default: each target's own, ~30–60 s for the suite on two cores)
 *   FUZZ_SEED     the run's seed (default 20250101, so CI runs are repeatable); "random" picks one
 *   FUZZ_ONLY     "target:index[,target:index…]": run only these cases (reproduce a failure)
 *   FUZZ_BUDGET_MS  per-case time budget (default: the target's, 5 000 ms)
 *   FUZZ_WORKERS  workers per target (default 2, or 1 on one core; more for long runs on more cores)
 *   FUZZ_SAVE_DIR where inputs of failing cases are written (default: not written; seed and index reproduce a case)
 */
import { availableParallelism } from 'node:os';

function numberFrom(name: string): number | null {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}"`);
  return value;
}

function seedFromEnv(): number {
  const raw = process.env['FUZZ_SEED'];
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  return numberFrom('FUZZ_SEED') ?? 20250101;
}

export const FUZZ_SEED = seedFromEnv();
export const FUZZ_CASES = numberFrom('FUZZ_CASES');
export const FUZZ_BUDGET_MS = numberFrom('FUZZ_BUDGET_MS');
/** Workers per target: two by default where there are two cores (a case never spans workers, so results do not depend on it). */
export const FUZZ_WORKERS = Math.max(1, numberFrom('FUZZ_WORKERS') ?? Math.min(2, availableParallelism()));
/**
 * Opt-in: archive cases are mutated *decrypted* extracts (the demo's synthetic data, but the
 * rule is that decrypted extracts never reach the disk), so nothing is written unless asked for.
 */
export const FUZZ_SAVE_DIR = process.env['FUZZ_SAVE_DIR']?.trim() || null;

/** FUZZ_ONLY as target → case indices, or null when unset. */
export const FUZZ_ONLY: ReadonlyMap<string, number[]> | null = (() => {
  const raw = process.env['FUZZ_ONLY'];
  if (!raw) return null;
  const only = new Map<string, number[]>();
  for (const part of raw.split(',')) {
    const m = /^([a-z0-9-]+):(\d+)$/.exec(part.trim());
    if (!m) throw new Error(`FUZZ_ONLY takes "target:index" pairs, not "${part}"`);
    only.set(m[1]!, [...(only.get(m[1]!) ?? []), Number(m[2])]);
  }
  return only;
})();

/** Cases for a target: FUZZ_CASES (divided for slow targets) or the target's default. */
export function casesFor(target: { defaultCases: number; slowDivisor?: number }): number {
  if (FUZZ_CASES === null) return target.defaultCases;
  return Math.max(1, Math.round(FUZZ_CASES / (target.slowDivisor ?? 1)));
}
