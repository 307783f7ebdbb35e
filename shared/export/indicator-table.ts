/**
 * One indicator as an export table: the counts behind it (numerator and denominator) for
 * every area of a layer, the areas' parents (bydele) and the municipality, per period,
 * with every sum the table publishes stated as a relation, so that disclosure control can
 * protect it and the attacker check can prove it (shared/disclosure).
 */
import { buildCrossTable, type Dimension, type LeafCount, type PublishedTable } from '../disclosure';
import type { Indicator } from '../indicators/pack';
import type { PackResults } from '../indicators/results';

export const MUNICIPALITY_NODE = '@municipality';

export interface ExportArea {
  id: string;
  name: string;
  /** The area's parent in `parent` (its bydel), when the layer nests in one. */
  parentId: string | null;
}

export interface IndicatorTableInput {
  indicator: Indicator;
  results: PackResults;
  periods: readonly number[];
  layer: { id: string; areas: readonly ExportArea[] };
  /** The layer the areas nest in, with its areas; null when there is none. */
  parent: { id: string; areas: readonly { id: string; name: string }[] } | null;
  /**
   * Whether the layer's areas together make up the municipality (basisdistrikter do, housing
   * estates do not); only then is the municipality stated as their sum.
   */
  coversMunicipality: boolean;
  municipalityName: string;
}

export interface ExportRow {
  cellId: string;
  level: 'area' | 'parent' | 'municipality';
  layerId: string;
  areaId: string;
  areaName: string;
  /** The row this one sums into (a district's bydel; '' for the municipality or when none). */
  parentId: string;
  period: number;
}

export class ExportTableError extends Error {}

/** Which indicators can be exported as counts: shares, event rates and counts, not means or amounts. */
export function exportableAsCounts(indicator: Indicator): boolean {
  return indicator.unit === 'share' || indicator.unit === 'per1000' || indicator.unit === 'count';
}

export function indicatorTable(input: IndicatorTableInput): { table: PublishedTable; rows: ExportRow[] } {
  const { indicator, results, periods, layer, parent } = input;
  if (!exportableAsCounts(indicator)) {
    throw new ExportTableError(`"${indicator.id}" is a ${indicator.unit}: only shares, rates and counts are exported as tables (a mean is not a sum of counts)`);
  }
  const withDenominator = indicator.unit !== 'count';
  const cells = new Map(results.cells.filter((c) => c.layerId === layer.id && c.indicatorId === indicator.id).map((c) => [`${c.period}|${c.areaId}`, c]));
  const nested = parent !== null && layer.areas.every((a) => a.parentId !== null);
  const areaNodes = layer.areas.map((a) => a.id);
  const parentNodes = nested ? parent.areas.map((p) => p.id) : [];
  const tree: Record<string, string> = {};
  if (input.coversMunicipality) {
    for (const a of layer.areas) tree[a.id] = nested && a.parentId ? a.parentId : MUNICIPALITY_NODE;
    for (const p of parentNodes) tree[p] = MUNICIPALITY_NODE;
  }
  const dimensions: Dimension[] = [
    { name: 'area', nodes: [...areaNodes, ...parentNodes, MUNICIPALITY_NODE], parent: tree },
    { name: 'period', nodes: periods.map(String) },
  ];
  const leaves: LeafCount[] = [];
  for (const period of periods) {
    for (const a of layer.areas) {
      const cell = cells.get(`${period}|${a.id}`);
      const numerator = cell?.numerator ?? 0;
      const denominator = cell?.denominator ?? 0;
      if (withDenominator && numerator > denominator) {
        throw new ExportTableError(`"${indicator.id}" has more events than persons in ${a.name} ${period}; export it as a count indicator instead`);
      }
      leaves.push({ at: { area: a.id, period: String(period) }, value: numerator, ...(withDenominator ? { denominator } : {}) });
    }
    if (!input.coversMunicipality) {
      // The municipality is not the layer's sum: it is a row of its own, tied to nothing.
      const m = results.municipality.find((x) => x.indicatorId === indicator.id && x.period === period);
      leaves.push({ at: { area: MUNICIPALITY_NODE, period: String(period) }, value: m?.numerator ?? 0, ...(withDenominator ? { denominator: m?.denominator ?? 0 } : {}) });
    }
  }
  const table = buildCrossTable(dimensions, leaves);
  const nameOf = new Map<string, string>([...layer.areas.map((a) => [a.id, a.name] as const), ...(nested ? parent.areas.map((p) => [p.id, p.name] as const) : []), [MUNICIPALITY_NODE, input.municipalityName]]);
  const rows: ExportRow[] = [];
  for (const period of periods) {
    for (const node of dimensions[0]!.nodes) {
      const level = node === MUNICIPALITY_NODE ? 'municipality' : parentNodes.includes(node) ? 'parent' : 'area';
      rows.push({
        cellId: `area=${node}|period=${period}`,
        level,
        layerId: level === 'area' ? layer.id : level === 'parent' ? parent!.id : 'kommune',
        areaId: node === MUNICIPALITY_NODE ? '' : node,
        areaName: nameOf.get(node) ?? node,
        parentId: tree[node] === undefined ? '' : tree[node] === MUNICIPALITY_NODE ? 'kommune' : tree[node]!,
        period,
      });
    }
  }
  return { table, rows };
}
