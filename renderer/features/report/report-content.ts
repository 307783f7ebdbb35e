/**
 * What goes into a PDF report, from computed figures through the disclosure rule: an
 * area's indicators against the municipality, or every area of a layer on one indicator.
 * Only values and intervals are written, never counts; a withheld value says why.
 */
import { formatIndicatorValue } from '../../../shared/format/number';
import type { Language } from '../../../shared/i18n/messages';
import type { Indicator, LocalizedText } from '../../../shared/indicators/pack';
import type { IndicatorCell } from '../../../shared/indicators/results';
import type { ReportTable } from './report-pdf';
import type { AreaRank } from '../area-panel/ranks';

/** Why a shown value is withheld (see features/export/value-disclosure.ts), or null. */
export type Protect = (cell: { indicatorId: string; areaId: string }) => LocalizedText | null;

export interface ReportText {
  indicator: string;
  value: string;
  interval: string;
  municipality: string;
  rank: string;
  area: string;
  withheld: string;
}

function figure(cell: IndicatorCell | undefined, def: Indicator, protect: Protect, language: Language, withheldWord: string): { value: string; interval: string; withheld: boolean } {
  if (!cell || cell.value === null || cell.denominator === 0) return { value: '–', interval: '', withheld: false };
  const reason = protect(cell);
  if (reason) return { value: `${withheldWord} (${reason[language]})`, interval: '', withheld: true };
  const interval = cell.lower !== null && cell.upper !== null ? `${formatIndicatorValue(cell.lower, def.unit, language)} – ${formatIndicatorValue(cell.upper, def.unit, language)}` : '';
  return { value: formatIndicatorValue(cell.value, def.unit, language), interval, withheld: false };
}

/** One area: every indicator of the pack with value, interval, municipality and rank. */
export function areaTable(
  title: string,
  indicators: readonly Indicator[],
  cellOf: (indicatorId: string) => IndicatorCell | undefined,
  municipalityOf: (indicatorId: string) => number | null,
  rankOf: (indicatorId: string) => AreaRank | undefined,
  protect: Protect,
  language: Language,
  text: ReportText,
): ReportTable {
  const withheldRows: number[] = [];
  const rows = indicators.map((def, i) => {
    const f = figure(cellOf(def.id), def, protect, language, text.withheld);
    if (f.withheld) withheldRows.push(i);
    const rank = rankOf(def.id);
    // A rank would place a withheld value: it is withheld too.
    return [def.label[language], f.value, f.interval, formatIndicatorValue(municipalityOf(def.id), def.unit, language), rank && !f.withheld ? `${rank.rank}/${rank.of}` : '–'];
  });
  return { title, head: [text.indicator, text.value, text.interval, text.municipality, text.rank], rows, withheldRows };
}

/** Every area of a layer on one indicator, in name order. */
export function layerTable(
  title: string,
  def: Indicator,
  areas: readonly { id: string; name: string }[],
  cellOf: (areaId: string) => IndicatorCell | undefined,
  rankOf: (areaId: string) => AreaRank | undefined,
  protect: Protect,
  language: Language,
  text: ReportText,
): ReportTable {
  const withheldRows: number[] = [];
  const sorted = [...areas].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const rows = sorted.map((area, i) => {
    const f = figure(cellOf(area.id), def, protect, language, text.withheld);
    if (f.withheld) withheldRows.push(i);
    const rank = rankOf(area.id);
    return [`${area.name} (${area.id})`, f.value, f.interval, rank && !f.withheld ? `${rank.rank}/${rank.of}` : '–'];
  });
  return { title, head: [text.area, text.value, text.interval, text.rank], rows, withheldRows };
}
