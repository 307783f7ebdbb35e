/**
 * Each area's rank on each directional indicator in one period among the areas of its
 * layer: 1 = the most challenged (highest where higher is worse, lowest where higher is
 * better), ties share the lowest rank. Context indicators are not ranked.
 */
import { competitionRanks } from '../../../shared/indicators/composite';
import type { Indicator } from '../../../shared/indicators/pack';
import type { IndicatorCell } from '../../../shared/indicators/results';

export interface AreaRank {
  rank: number;
  of: number;
}

/** `${indicatorId}|${areaId}` → rank among the areas with a value. */
export function indicatorRanks(cells: readonly IndicatorCell[], indicators: readonly Indicator[], period: number): Map<string, AreaRank> {
  const out = new Map<string, AreaRank>();
  // One pass over the cells, grouped by indicator (not one scan per indicator).
  const byIndicator = new Map<string, IndicatorCell[]>();
  for (const c of cells) {
    if (c.period !== period || c.value === null) continue;
    const list = byIndicator.get(c.indicatorId);
    if (list) list.push(c);
    else byIndicator.set(c.indicatorId, [c]);
  }
  for (const indicator of indicators) {
    if (indicator.direction === 'context') continue;
    const sign = indicator.direction === 'higher-is-worse' ? 1 : -1;
    const mine = byIndicator.get(indicator.id) ?? [];
    const ranks = competitionRanks(mine.map((c) => sign * (c.value as number)));
    mine.forEach((c, i) => out.set(`${indicator.id}|${c.areaId}`, { rank: ranks[i] ?? 0, of: mine.length }));
  }
  return out;
}
