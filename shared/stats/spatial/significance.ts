/**
 * Pseudo p-values from permutation counts, and multiple-testing control across areas.
 */

/**
 * Folded pseudo p-value (M + 1) / (R + 1) (Hope 1968; Anselin 1995), where M counts the
 * R permuted statistics at least as extreme as the observed one in the smaller tail:
 * M = min(#{permuted ≥ observed}, #{permuted ≤ observed}).
 *
 * PySAL (esda's 'directed' alternative, its default) and GeoDa count #{permuted ≥
 * observed} and fold it to R − that count, i.e. #{permuted < observed}, when that is
 * smaller. The two agree whenever no permuted value ties the observed one. With ties
 * this counts them in both tails (conservative), so an area whose statistic cannot vary
 * gets p = 1, where the strict count would give it p = 1/(R + 1).
 *
 * The result lies in [1/(R+1), 1].
 */
export function foldedPseudoP(atLeast: number, atMost: number, permutations: number): number {
  return (Math.min(atLeast, atMost) + 1) / (permutations + 1);
}

/**
 * How the significance cut-off is set across the m areas tested:
 * - 'none': p ≤ α.
 * - 'bonferroni': p ≤ α / m.
 * - 'fdr': the Benjamini–Hochberg step-up procedure (J R Stat Soc B 57, 1995): with
 *   p sorted ascending, the largest k with p_(k) ≤ k·α/m; areas with p ≤ k·α/m are
 *   significant, which keeps the expected share of false discoveries at most α
 *   (independent or positively dependent tests).
 * - 'geoda-fdr': GeoDa's "False Discovery Rate" filter (libgeoda LISA::GetFDR): walks the
 *   sorted p up from the smallest and stops at the first p_(i) ≥ i·α/m; the cut-off is
 *   the last i·α/m passed, and α/m (the Bonferroni bound) when the smallest p fails.
 *   A step-down variant: never more discoveries than 'fdr', sometimes fewer.
 */
export type Correction = 'none' | 'bonferroni' | 'fdr' | 'geoda-fdr';

/**
 * Benjamini–Hochberg adjusted p-values (q-values): q_(i) = min over j ≥ i of
 * m·p_(j)/j, capped at 1. Nulls stay null and do not count in m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const order: number[] = [];
  pValues.forEach((p, i) => {
    if (p !== null) order.push(i);
  });
  order.sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const m = order.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1] as number;
    running = Math.min(running, ((pValues[i] as number) * m) / rank);
    out[i] = running;
  }
  return out;
}

/**
 * The cut-off c such that an area is significant when p ≤ c (0 when none can be).
 * Nulls are not tested and do not count in m.
 */
export function significanceCutoff(pValues: readonly (number | null)[], alpha: number, correction: Correction): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), not ${alpha}`);
  const sorted = pValues.filter((p): p is number => p !== null).sort((a, b) => a - b);
  const m = sorted.length;
  if (m === 0) return 0;
  switch (correction) {
    case 'none':
      return alpha;
    case 'bonferroni':
      return alpha / m;
    case 'fdr': {
      for (let k = m; k >= 1; k--) {
        const bound = (k * alpha) / m;
        if ((sorted[k - 1] as number) <= bound) return bound;
      }
      return 0;
    }
    case 'geoda-fdr': {
      let cutoff = alpha / m;
      for (let i = 1; i <= m; i++) {
        const bound = (i * alpha) / m;
        if ((sorted[i - 1] as number) >= bound) break;
        cutoff = bound;
      }
      return cutoff;
    }
  }
}
