/**
 * Disclosure control for exports that publish values, not counts (PDF reports, briefing
 * packs): which areas' values of one indicator in one period may be shown, proven by the
 * same attacker check as a table export.
 *
 * The attacker model is the worst case: a published value with its interval gives away the
 * counts behind it (a Wilson or exact Poisson interval's width pins the denominator down, and
 * value × denominator is the numerator), and the municipality's counts are known (they are
 * official statistics). So the export is audited as the count table of the indicator (areas,
 * their bydele, the municipality, with every sum between them) in which the shown areas and
 * the municipality are published and everything else is unknown. A value that breaks a
 * primary rule is withheld; when that is not enough (e.g. the one withheld area of a layer
 * could be worked out as the municipality minus all the others) further values are withheld
 * as complements, and the export is refused unless the audit passes.
 *
 * Means and medians are not sums of counts: their population counts are audited instead
 * (the same pattern of unknowns decides whether an area's sum of values can be worked out).
 */
import { auditTable, DEFAULT_MIN_CELL_SIZE, primaryReasons, protectTable, withoutStatus, type AuditReport, type CellStatus, type DisclosureOptions, type StatusCell, type SuppressionReason, type TableCell } from '../disclosure';
import type { Indicator } from '../indicators/pack';
import type { PackResults } from '../indicators/results';
import { indicatorTable, type IndicatorTableInput } from './indicator-table';

export interface ValueExportInput extends Omit<IndicatorTableInput, 'periods'> {
  period: number;
  /** The areas (of `layer`) whose value the export would show. */
  shown: ReadonlySet<string>;
}

export interface ValueExportDecision {
  indicatorId: string;
  period: number;
  /** Shown areas whose value must be withheld, with why (primary rules or `complementary`). */
  withheld: ReadonlyMap<string, readonly SuppressionReason[]>;
  /** Why the municipality's own value must be withheld (a tiny total), or null. */
  municipalityWithheld: readonly SuppressionReason[] | null;
  /** The attacker check of what is published; the export must be refused unless `audit.ok`. */
  audit: AuditReport;
}

/** The counts the attacker works with: the indicator's own, or its population for means and medians. */
function countsBehind(indicator: Indicator, results: PackResults, layerId: string): { indicator: Indicator; results: PackResults; eventsOnly: boolean } {
  const own = (c: { indicatorId: string }) => c.indicatorId === indicator.id;
  if (indicator.numerator.kind === 'value' || indicator.unit === 'mean' || indicator.unit === 'median' || indicator.unit === 'dkk') {
    return {
      indicator: { ...indicator, unit: 'count' },
      results: {
        cells: results.cells.filter(own).map((c) => ({ ...c, numerator: c.denominator })),
        municipality: results.municipality.filter(own).map((m) => ({ ...m, numerator: m.denominator })),
      },
      eventsOnly: false,
    };
  }
  // Events per person can exceed one per person: then the events are audited as counts.
  const eventsExceed = indicator.unit === 'per1000' && results.cells.some((c) => own(c) && c.layerId === layerId && c.numerator > c.denominator);
  return { indicator: eventsExceed ? { ...indicator, unit: 'count' } : indicator, results, eventsOnly: eventsExceed };
}

const NOT_IN_EXPORT_COST = 1e-6;

export async function protectValueExport(input: ValueExportInput, options: DisclosureOptions = {}): Promise<ValueExportDecision> {
  const { indicator, results, eventsOnly } = countsBehind(input.indicator, input.results, input.layer.id);
  const rules = resolvedRules(options);
  // Events audited as counts lose their population: a rate over a handful of persons is still withheld.
  const smallPopulation = new Set(
    eventsOnly
      ? results.cells.filter((c) => c.indicatorId === indicator.id && c.layerId === input.layer.id && c.period === input.period && c.denominator > 0 && c.denominator < rules.minCellSize).map((c) => c.areaId)
      : [],
  );
  const { table, rows } = indicatorTable({ ...input, indicator, results, periods: [input.period] });
  const areaOfCell = new Map(rows.map((r) => [r.cellId, r]));
  const isShown = (id: string): boolean => {
    const row = areaOfCell.get(id);
    if (!row) return false;
    return row.level === 'municipality' || (row.level === 'area' && input.shown.has(row.areaId));
  };
  const isMunicipality = (id: string): boolean => areaOfCell.get(id)?.level === 'municipality';
  const settings: DisclosureOptions = { ...options, protectSecondary: false, rounding: null };
  // Cells the export does not show are unknown to the attacker already: the cheapest complements.
  // The municipality is known from official statistics: never a complement (unless it is tiny).
  const cells: TableCell[] = table.cells.map((c) => {
    if (isMunicipality(c.id)) return primaryReasons(c, c.denominator, rules).length > 0 ? c : { ...c, alwaysPublished: true };
    const row = areaOfCell.get(c.id);
    const forced = row?.level === 'area' && smallPopulation.has(row.areaId) ? { forceSuppress: true } : {};
    return isShown(c.id) ? { ...c, ...forced } : { ...c, ...forced, cost: NOT_IN_EXPORT_COST };
  });
  // Only the sensitive cells need protection; a bydel that is not shown may be worked out.
  const protectedTable = await protectTable({ cells, relations: table.relations }, settings);
  const plain = withoutStatus(protectedTable).cells;
  const statuses: StatusCell[] = protectedTable.cells.map((c, i) => {
    const status: CellStatus =
      c.status === 'primary' ? 'primary' : isMunicipality(c.id) || (isShown(c.id) && c.status === 'published') ? 'published' : 'secondary';
    return { ...plain[i]!, status };
  });
  const audit = await auditTable({ cells: statuses, relations: table.relations }, settings);
  const withheld = new Map<string, readonly SuppressionReason[]>();
  for (const c of protectedTable.cells) {
    const row = areaOfCell.get(c.id);
    if (!row || row.level !== 'area' || !input.shown.has(row.areaId) || c.status === 'published') continue;
    withheld.set(row.areaId, smallPopulation.has(row.areaId) ? ['small-denominator', ...c.reasons.filter((r) => r !== 'forced')] : c.reasons);
  }
  const municipality = protectedTable.cells.find((c) => isMunicipality(c.id));
  const municipalityWithheld = municipality && municipality.status === 'primary' ? municipality.reasons : null;
  return { indicatorId: input.indicator.id, period: input.period, withheld, municipalityWithheld, audit };
}

function resolvedRules(options: DisclosureOptions): { minCellSize: number; zeroIsSafe: boolean } {
  return { minCellSize: options.minCellSize ?? DEFAULT_MIN_CELL_SIZE, zeroIsSafe: options.zeroIsSafe ?? true };
}
