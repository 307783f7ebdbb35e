/**
 * Spatial hot spots: local Moran's I (Anselin 1995) and Getis–Ord Gi* (Getis & Ord
 * 1992; Ord & Getis 1995) on queen contiguity built from the layer's polygons, with
 * conditional permutation inference from one seeded set of permutations
 * (shared/stats/spatial), and global Moran's I for the indicator as context.
 *
 * An area is a hot spot when its local Moran's I is significant and both the area and
 * its neighbours lie on the worse side of the mean: HH for higher-is-worse, LL for
 * higher-is-better (a cluster of low employment is the problem). Better-side clusters
 * and spatial outliers (HL/LH) are reported in the data, never flagged. Significant
 * means p ≤ α (the default, as GeoDa's cluster map), or, with fdr: true, q ≤ α after
 * Benjamini–Hochberg across the layer's areas. An area that survives the FDR control is
 * an alarm; one significant only at p ≤ α a warning (with 84 areas about 4 such areas
 * are expected by chance alone at α = 0.05). Gi* has the same pseudo p with contiguity
 * weights (getis-ord.ts); its z-score is reported as the size of the hot spot.
 *
 * Islands (no neighbours) and areas without a value get no statistic and no flag.
 */
import type { Indicator } from '../indicators/pack';
import { globalMoran, localStatistics, neighboursOf, type Quadrant, type SpatialWeights } from '../stats/spatial';
import { memoised, sinceOf, type FlagContext } from './context';
import { worseSign } from './eligibility';
import { certainty, sortKeyFor } from './severity';
import type { HotSpotArea, HotSpotData, HotSpotFlag } from './types';

const UNAVAILABLE = {
  'constant indicator': { da: 'indikatoren har samme værdi i alle områder', en: 'the indicator has the same value in every area' },
  'too few areas': { da: 'for få områder med en værdi', en: 'too few areas with a value' },
  'no geometry': { da: 'laget har ingen geometri', en: 'the layer has no geometry' },
} as const;

/** Connected groups of the marked areas through the weights' links, each sorted, largest first. */
export function connectedGroups(weights: SpatialWeights, marked: ReadonlySet<number>): string[][] {
  const seen = new Set<number>();
  const groups: string[][] = [];
  for (const start of [...marked].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const group: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      group.push(weights.ids[i] as string);
      for (const j of neighboursOf(weights, i)) {
        if (marked.has(j) && !seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    groups.push(group.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
  }
  return groups.sort((a, b) => b.length - a.length);
}

function compute(ctx: FlagContext, indicator: Indicator, period: number): HotSpotData {
  const { permutations, seed, alpha, fdr, layerId } = ctx.settings;
  const base = { indicatorId: indicator.id, layerId, period, permutations, seed, alpha, fdr };
  const weights = ctx.weights;
  if (!weights) return { ...base, globalMoran: null, areas: [], clusters: [], unavailable: UNAVAILABLE['no geometry'] };
  const values = weights.ids.map((id) => {
    const c = ctx.cells.cell(indicator.id, period, id);
    return c && c.denominator > 0 && c.value !== null && Number.isFinite(c.value) ? c.value : null;
  });
  const local = localStatistics(values, weights, { permutations, seed, alpha, correction: 'none' });
  const global = globalMoran(values, weights, { permutations, seed });
  const worse: Quadrant = worseSign(indicator) > 0 ? 'HH' : 'LL';
  const flagged = new Set<number>();
  const areas = weights.ids.map((areaId, i): HotSpotArea => {
    const m = local.moran.areas[i];
    const g = local.giStar.areas[i];
    const p = m?.p ?? null;
    const q = m?.q ?? null;
    const significant = p !== null && (fdr ? q !== null && q <= alpha : p <= alpha);
    const cluster = significant ? (m?.quadrant ?? null) : null;
    const level = cluster === worse ? (q !== null && q <= alpha ? 'alarm' : 'warning') : null;
    if (level) flagged.add(i);
    return {
      areaId,
      value: values[i] ?? null,
      localI: m?.i ?? null,
      zValue: m?.z ?? null,
      lag: m?.lag ?? null,
      quadrant: m?.quadrant ?? null,
      pseudoP: p,
      q,
      giZ: g?.z ?? null,
      giDirection: g?.direction ?? null,
      significant,
      cluster,
      level,
      reason: m?.reason ?? null,
    };
  });
  return {
    ...base,
    globalMoran:
      global.i !== null && global.expected !== null && global.pseudoP !== null
        ? { i: global.i, expected: global.expected, pseudoP: global.pseudoP, z: global.zSim }
        : null,
    areas,
    clusters: connectedGroups(weights, flagged),
    unavailable: local.reason === 'constant indicator' || local.reason === 'too few areas' ? UNAVAILABLE[local.reason] : null,
  };
}

/** Local and global statistics of an indicator in a period (the cluster map). */
export function hotSpotData(ctx: FlagContext, indicator: Indicator, period: number): HotSpotData {
  return memoised(ctx, `hot-spots|${indicator.id}|${period}`, () => compute(ctx, indicator, period));
}

function flaggedAt(ctx: FlagContext, indicator: Indicator, period: number, areaId: string): boolean {
  return hotSpotData(ctx, indicator, period).areas.some((a) => a.areaId === areaId && a.level !== null);
}

/** Hot-spot flags of an indicator in the reported periods (without text; see explain.ts). */
export function hotSpotFlags(ctx: FlagContext, indicator: Indicator): Omit<HotSpotFlag, 'explanation'>[] {
  const weights = ctx.weights;
  if (!weights) return [];
  const layerId = ctx.settings.layerId;
  const flags: Omit<HotSpotFlag, 'explanation'>[] = [];
  for (const period of ctx.settings.periods) {
    const data = hotSpotData(ctx, indicator, period);
    const finite = data.areas.map((a) => a.value).filter((v): v is number => v !== null);
    const mean = finite.reduce((s, v) => s + v, 0) / Math.max(1, finite.length);
    data.areas.forEach((area, i) => {
      const { level, value, localI, quadrant, pseudoP, zValue, lag } = area;
      if (level === null || value === null || localI === null || quadrant === null || pseudoP === null || zValue === null || lag === null) return;
      const cell = ctx.cells.cell(indicator.id, period, area.areaId);
      flags.push({
        id: `hot-spot|${indicator.id}|${layerId}|${area.areaId}|${period}`,
        kind: 'hot-spot',
        severity: level,
        sortKey: sortKeyFor(level, certainty(area.q !== null && level === 'alarm' ? area.q : pseudoP)),
        indicatorId: indicator.id,
        classificationId: null,
        thresholdId: null,
        layerId,
        areaId: area.areaId,
        period,
        since: sinceOf(ctx, period, (p) => flaggedAt(ctx, indicator, p, area.areaId)),
        link: { view: 'cluster-map', layerId, areaId: area.areaId, period, indicatorId: indicator.id, classificationId: null },
        evidence: {
          value,
          mean,
          localI,
          zValue,
          lag,
          quadrant,
          pseudoP,
          q: area.q,
          giZ: area.giZ,
          giDirection: area.giDirection,
          permutations: data.permutations,
          seed: data.seed,
          alpha: data.alpha,
          fdr: data.fdr,
          neighbours: [...neighboursOf(weights, i)].map((j) => weights.ids[j] as string),
          cluster: data.clusters.find((g) => g.includes(area.areaId)) ?? [area.areaId],
          globalI: data.globalMoran?.i ?? null,
          globalP: data.globalMoran?.pseudoP ?? null,
          small: cell?.small ?? false,
        },
      });
    });
  }
  return flags;
}
