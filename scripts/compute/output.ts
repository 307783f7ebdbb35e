/**
 * Summary tables of a computed pack: CSV for Danish Excel (";" separator, decimal comma,
 * UTF-8 with BOM, CRLF) and XLSX (exceljs) with a sheet documenting every definition.
 * Only area-level aggregates are written; cells below the minimum population are marked
 * "small" — this is the analyst's own table, not a disclosure-controlled export.
 */
import ExcelJS from 'exceljs';
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { LayerArea } from '../../shared/indicators/areas';
import { MUNICIPALITY_LAYER } from '../../shared/indicators/compile';
import type { Indicator, IndicatorPack } from '../../shared/indicators/pack';
import { intervalMethod, type PackResults } from '../../shared/indicators/results';

export type Language = 'da' | 'en';

export interface SummaryRow {
  layer: string;
  areaId: string;
  areaName: string;
  period: number;
  indicatorId: string;
  indicator: string;
  unit: string;
  numerator: number | null;
  denominator: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  reference: number | null;
  small: boolean;
}

/** Display scale: shares in per cent, rates per 1,000, other units as they are. */
export function displayScale(indicator: Indicator): number {
  return indicator.unit === 'share' ? 100 : indicator.unit === 'per1000' ? 1000 : 1;
}

const UNIT_LABEL: Record<Indicator['unit'], string> = { share: '%', per1000: 'per 1000', dkk: 'DKK', mean: 'mean', median: 'median' };

export function summaryRows(
  pack: IndicatorPack,
  results: PackResults,
  areas: readonly LayerArea[],
  manifest: ExtractManifest,
  language: Language,
  layer: string | null,
): SummaryRow[] {
  const byId = new Map(pack.indicators.map((i) => [i.id, i]));
  const names = new Map(areas.map((a) => [`${a.layerId}|${a.areaId}`, a.name]));
  const scaled = (ind: Indicator, v: number | null) => (v === null ? null : v * displayScale(ind));
  const rows: SummaryRow[] = [];
  for (const c of results.cells) {
    if (layer !== null && c.layerId !== layer) continue;
    const ind = byId.get(c.indicatorId);
    if (!ind) continue;
    rows.push({
      layer: c.layerId,
      areaId: c.areaId,
      areaName: names.get(`${c.layerId}|${c.areaId}`) ?? c.areaId,
      period: c.period,
      indicatorId: ind.id,
      indicator: ind.label[language],
      unit: UNIT_LABEL[ind.unit],
      numerator: ind.numerator.kind === 'value' ? null : c.numerator,
      denominator: c.denominator,
      value: scaled(ind, c.value),
      lower: scaled(ind, c.lower),
      upper: scaled(ind, c.upper),
      reference: scaled(ind, c.reference),
      small: c.small,
    });
  }
  for (const m of results.municipality) {
    const ind = byId.get(m.indicatorId);
    if (!ind) continue;
    rows.push({
      layer: 'kommune',
      areaId: manifest.municipality.code,
      areaName: manifest.municipality.name,
      period: m.period,
      indicatorId: ind.id,
      indicator: ind.label[language],
      unit: UNIT_LABEL[ind.unit],
      numerator: ind.numerator.kind === 'value' ? null : m.numerator,
      denominator: m.denominator,
      value: scaled(ind, m.value),
      lower: scaled(ind, m.lower),
      upper: scaled(ind, m.upper),
      reference: null,
      small: m.denominator < ind.minPopulation,
    });
  }
  return rows;
}

const HEADERS: Record<Language, string[]> = {
  da: ['lag', 'område_id', 'område', 'periode', 'indikator_id', 'indikator', 'enhed', 'tæller', 'nævner', 'værdi', 'nedre_95', 'øvre_95', 'reference', 'lille_befolkning'],
  en: ['layer', 'area_id', 'area', 'period', 'indicator_id', 'indicator', 'unit', 'numerator', 'denominator', 'value', 'lower_95', 'upper_95', 'reference', 'small_population'],
};

function danishNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Up to 6 decimals, no thousands separator (Excel reads "1234,5" as a number in Danish locales).
  return String(Number(value.toFixed(6))).replace('.', ',');
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly SummaryRow[], language: Language): Uint8Array {
  const lines = [HEADERS[language].join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.layer === MUNICIPALITY_LAYER ? 'kommune' : r.layer,
        r.areaId,
        r.areaName,
        String(r.period),
        r.indicatorId,
        r.indicator,
        r.unit,
        danishNumber(r.numerator),
        danishNumber(r.denominator),
        danishNumber(r.value),
        danishNumber(r.lower),
        danishNumber(r.upper),
        danishNumber(r.reference),
        r.small ? (language === 'da' ? 'ja' : 'yes') : '',
      ]
        .map(csvField)
        .join(';'),
    );
  }
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  return new TextEncoder().encode(text);
}

const INTERVAL_TEXT: Record<ReturnType<typeof intervalMethod>, Record<Language, string>> = {
  wilson: { da: 'Wilson (andel)', en: 'Wilson (proportion)' },
  'poisson-exact': { da: 'eksakt Poisson (Garwood)', en: 'exact Poisson (Garwood)' },
  t: { da: 't-fordeling (gennemsnit)', en: 't distribution (mean)' },
  none: { da: 'intet (median)', en: 'none (median)' },
};

export async function toXlsx(
  rows: readonly SummaryRow[],
  pack: IndicatorPack,
  manifest: ExtractManifest,
  language: Language,
  about: { extractFile: string; packFile: string; created: Date },
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bydelsmonitor (npm run compute)';
  workbook.created = about.created;
  const results = workbook.addWorksheet(language === 'da' ? 'Resultater' : 'Results');
  results.addRow(HEADERS[language]).font = { bold: true };
  for (const r of rows) {
    results.addRow([
      r.layer, r.areaId, r.areaName, r.period, r.indicatorId, r.indicator, r.unit,
      r.numerator, r.denominator, r.value, r.lower, r.upper, r.reference, r.small ? (language === 'da' ? 'ja' : 'yes') : '',
    ]);
  }
  results.views = [{ state: 'frozen', ySplit: 1 }];
  for (const col of [10, 11, 12, 13]) results.getColumn(col).numFmt = '0.0##';

  const defs = workbook.addWorksheet(language === 'da' ? 'Definitioner' : 'Definitions');
  defs.addRow(
    language === 'da'
      ? ['id', 'betegnelse', 'beskrivelse', 'domæne', 'enhed', 'retning', 'i samlet indeks', 'population', 'tæller', 'mindste population', 'reference', 'år i gennemsnit', 'interval', 'kilde', 'kilde-URL']
      : ['id', 'label', 'description', 'domain', 'unit', 'direction', 'in composite', 'population', 'numerator', 'minimum population', 'reference', 'years pooled', 'interval', 'source', 'source URL'],
  ).font = { bold: true };
  for (const ind of pack.indicators) {
    defs.addRow([
      ind.id, ind.label[language], ind.description[language], ind.domain ?? '', ind.unit, ind.direction,
      ind.inComposite ? 'x' : '', JSON.stringify(ind.population), JSON.stringify(ind.numerator), ind.minPopulation,
      ind.reference ?? 'municipality', ind.window ?? 1, INTERVAL_TEXT[intervalMethod(ind)][language], ind.source?.text ?? '', ind.source?.url ?? '',
    ]);
  }
  const info = workbook.addWorksheet(language === 'da' ? 'Om' : 'About');
  const lines: [string, string][] = [
    [language === 'da' ? 'Kommune' : 'Municipality', `${manifest.municipality.name} (${manifest.municipality.code})`],
    [language === 'da' ? 'Udtræk' : 'Extract', about.extractFile],
    [language === 'da' ? 'Pakke' : 'Pack', `${pack.label[language]} (${pack.id} ${pack.version}, ${about.packFile})`],
    [language === 'da' ? 'Beregnet' : 'Computed', about.created.toISOString()],
    [language === 'da' ? 'Værdier' : 'Values', language === 'da' ? 'Andele i %, rater pr. 1.000, indkomst i kr.; 95 %-konfidensintervaller.' : 'Shares in %, rates per 1,000, income in DKK; 95 % confidence intervals.'],
    [language === 'da' ? 'Fortrolighed' : 'Confidentiality', language === 'da' ? 'Analytikerens egen tabel: små tal er markeret, men IKKE diskretioneret. Del kun via appens eksport med diskretionering.' : "The analyst's own table: small numbers are marked but NOT suppressed. Share only through the app's disclosure-controlled export."],
  ];
  for (const line of lines) info.addRow(line);
  info.getColumn(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
