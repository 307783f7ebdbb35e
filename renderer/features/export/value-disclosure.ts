/**
 * Disclosure control for the exports that publish values (PDF reports, briefing packs):
 * one attacker-checked decision per indicator (shared/export/value-export.ts), turned into
 * the lookups the report and briefing builders ask per value.
 */
import { reasonText } from '../../../shared/disclosure/reasons';
import type { SuppressionReason } from '../../../shared/disclosure';
import { DEFAULT_MIN_CELL_SIZE } from '../../../shared/disclosure/rules';
import { protectValueExport, type ValueExportDecision } from '../../../shared/export/value-export';
import type { Indicator, LocalizedText } from '../../../shared/indicators/pack';
import type { LoadedExtract } from '../../engine/open-extract';
import type { LayerView } from '../map/layer-view';
import { exportLayerInput } from './layer-input';

export interface ValueDisclosure {
  /** Why the value of this indicator in this area is withheld, or null when it may be shown. */
  areaReason(indicatorId: string, areaId: string): LocalizedText | null;
  /** Why the municipality's own value is withheld (a tiny total), or null. */
  municipalityReason(indicatorId: string): LocalizedText | null;
  /** Every indicator's attacker check passed: otherwise the export must be refused. */
  ok: boolean;
  /** For the export log: the check and how much it withheld. */
  summary: string;
}

export async function valueDisclosure(
  extract: LoadedExtract,
  view: LayerView,
  indicators: readonly Indicator[],
  period: number,
  shownAreaIds: Iterable<string>,
  minCellSize = DEFAULT_MIN_CELL_SIZE,
): Promise<ValueDisclosure> {
  const shown = new Set(shownAreaIds);
  const decisions = new Map<string, ValueExportDecision>();
  for (const indicator of indicators) {
    decisions.set(
      indicator.id,
      await protectValueExport(
        { ...exportLayerInput(extract, view), indicator, period, shown },
        { minCellSize },
      ),
    );
  }
  const all = [...decisions.values()];
  const text = (reasons: readonly SuppressionReason[] | undefined | null): LocalizedText | null => (reasons && reasons.length > 0 ? reasonText(reasons[0]!, minCellSize) : null);
  const withheld = all.reduce((n, d) => n + d.withheld.size, 0);
  const complementary = all.reduce((n, d) => n + [...d.withheld.values()].filter((r) => r.includes('complementary')).length, 0);
  const solves = all.reduce((n, d) => n + d.audit.solves, 0);
  const ok = all.every((d) => d.audit.ok);
  return {
    areaReason: (indicatorId, areaId) => text(decisions.get(indicatorId)?.withheld.get(areaId)),
    municipalityReason: (indicatorId) => text(decisions.get(indicatorId)?.municipalityWithheld),
    ok,
    summary:
      `values and intervals only, no counts; minimum cell size ${minCellSize} (numerator, denominator, complement); ` +
      `${withheld} values withheld (${complementary} complementary); attacker check on the implied counts ${ok ? 'passed' : 'FAILED'} (${solves} LP solves)`,
  };
}
