/**
 * Summary tables of a computed pack: CSV for Danish Excel (";" separator, decimal comma,
 * UTF-8 with BOM, CRLF) and XLSX (exceljs) with a sheet documenting every definition.
 * Only area-level aggregates are written; cells below the minimum population are marked
 * "small" — this is the analyst's own table, not a disclosure-controlled export.
 */
import ExcelJS from 'exceljs';
import { csvBytes, csvField, danishNumber } from '../../shared/format/csv';
import type { ExtractManifest } from '../../shared/extract/manifest';
import type { LayerArea } from '../../shared/indicators/areas';
import { MUNICIPALITY_LAYER } from '../../shared/indicators/compile';
import { describeCondition, statusText, type ClassificationResult } from '../../shared/indicators/classifications';
import type { CompositeResult } from '../../shared/indicators/composite';
import { inComposite, type Indicator, type IndicatorPack } from '../../shared/indicators/pack';
import { intervalMethod, type PackResults, type ReferenceLevel } from '../../shared/indicators/results';

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
  /** Where the reference came from (the municipality stands in for a missing region/nation value). */
  referenceLevel: ReferenceLevel | null;
  small: boolean;
}

/** Display scale: shares in per cent, rates per 1,000, other units (DKK, counts) as they are. */
export function displayScale(indicator: Indicator): number {
  return indicator.unit === 'share' ? 100 : indicator.unit === 'per1000' ? 1000 : 1;
}

const UNIT_LABEL: Record<Indicator['unit'], Record<Language, string>> = {
  share: { da: '%', en: '%' },
  per1000: { da: 'per 1000', en: 'per 1000' },
  dkk: { da: 'DKK', en: 'DKK' },
  mean: { da: 'mean', en: 'mean' },
  median: { da: 'median', en: 'median' },
  count: { da: 'antal', en: 'count' },
};

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
      unit: UNIT_LABEL[ind.unit][language],
      numerator: ind.numerator.kind === 'value' ? null : c.numerator,
      denominator: c.denominator,
      value: scaled(ind, c.value),
      lower: scaled(ind, c.lower),
      upper: scaled(ind, c.upper),
      reference: scaled(ind, c.reference),
      referenceLevel: c.referenceLevel ?? ind.reference ?? 'municipality',
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
      unit: UNIT_LABEL[ind.unit][language],
      numerator: ind.numerator.kind === 'value' ? null : m.numerator,
      denominator: m.denominator,
      value: scaled(ind, m.value),
      lower: scaled(ind, m.lower),
      upper: scaled(ind, m.upper),
      reference: null,
      referenceLevel: null,
      small: m.denominator < ind.minPopulation,
    });
  }
  return rows;
}

const HEADERS: Record<Language, string[]> = {
  da: ['lag', 'område_id', 'område', 'periode', 'indikator_id', 'indikator', 'enhed', 'tæller', 'nævner', 'værdi', 'nedre_95', 'øvre_95', 'reference', 'referenceniveau', 'lille_befolkning'],
  en: ['layer', 'area_id', 'area', 'period', 'indicator_id', 'indicator', 'unit', 'numerator', 'denominator', 'value', 'lower_95', 'upper_95', 'reference', 'reference_level', 'small_population'],
};

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
        r.referenceLevel ?? '',
        r.small ? (language === 'da' ? 'ja' : 'yes') : '',
      ]
        .map(csvField)
        .join(';'),
    );
  }
  return csvBytes(lines);
}

// ---------------------------------------------------------------------------------------
// Classifications (packs with a "classifications" section, e.g. the official criteria).

export interface ClassificationRow {
  layer: string;
  areaId: string;
  areaName: string;
  period: number;
  listYear: number;
  classificationId: string;
  classification: string;
  status: string;
  residents: number | null;
  criteriaMet: number | null;
  minMet: number | null;
  /** Every gate and criterion in words: value, comparison, limit, reference used, status. */
  details: string;
  reason: string;
}

export function classificationRows(
  pack: IndicatorPack,
  results: readonly ClassificationResult[],
  areas: readonly LayerArea[],
  language: Language,
  layer: string | null,
): ClassificationRow[] {
  const labels = new Map((pack.classifications ?? []).map((c) => [c.id, c.label[language]]));
  const units = new Map(pack.indicators.map((i) => [i.id, i.unit]));
  const names = new Map(areas.map((a) => [`${a.layerId}|${a.areaId}`, a.name]));
  return results
    .filter((r) => layer === null || r.layerId === layer)
    .map((r) => ({
      layer: r.layerId,
      areaId: r.areaId,
      areaName: names.get(`${r.layerId}|${r.areaId}`) ?? r.areaId,
      period: r.period,
      listYear: r.listYear,
      classificationId: r.classificationId,
      classification: labels.get(r.classificationId) ?? r.classificationId,
      status: statusText(r.status, language),
      residents: r.residents,
      criteriaMet: r.minMet === null ? null : r.criteriaMet,
      minMet: r.minMet,
      details: [...r.gates, ...r.criteria].map((c) => describeCondition(c, units.get(c.indicatorId) ?? 'share', language)).join(' | '),
      reason: r.reason[language],
    }));
}

const CLASSIFICATION_HEADERS: Record<Language, string[]> = {
  da: ['lag', 'område_id', 'område', 'periode', 'listeår', 'klassifikation_id', 'klassifikation', 'status', 'beboere', 'kriterier_opfyldt', 'kriterier_krævet', 'detaljer', 'begrundelse'],
  en: ['layer', 'area_id', 'area', 'period', 'list_year', 'classification_id', 'classification', 'status', 'residents', 'criteria_met', 'criteria_required', 'details', 'reason'],
};

function classificationCells(r: ClassificationRow): (string | number | null)[] {
  return [r.layer, r.areaId, r.areaName, r.period, r.listYear, r.classificationId, r.classification, r.status, r.residents, r.criteriaMet, r.minMet, r.details, r.reason];
}

export function classificationsToCsv(rows: readonly ClassificationRow[], language: Language): Uint8Array {
  const lines = [CLASSIFICATION_HEADERS[language].join(';')];
  for (const r of rows) {
    lines.push(classificationCells(r).map((v) => csvField(typeof v === 'number' ? danishNumber(v) : (v ?? ''))).join(';'));
  }
  return csvBytes(lines);
}

// ---------------------------------------------------------------------------------------
// The composite unit indicator (packs with a "composite" section), per area and period.

export interface CompositeRow {
  layer: string;
  areaId: string;
  areaName: string;
  period: number;
  index: number | null;
  rank: number | null;
  ranked: number;
  weightShare: number;
  small: boolean;
  equalWeightsRank: number | null;
  rankLow: number | null;
  rankHigh: number | null;
  maxShift: number | null;
}

export function compositeRows(composite: CompositeResult, areas: readonly LayerArea[]): CompositeRow[] {
  const names = new Map(areas.map((a) => [`${a.layerId}|${a.areaId}`, a.name]));
  return composite.cells.map((c) => ({
    layer: c.layerId,
    areaId: c.areaId,
    areaName: names.get(`${c.layerId}|${c.areaId}`) ?? c.areaId,
    period: c.period,
    index: c.index,
    rank: c.rank,
    ranked: c.ranked,
    weightShare: c.weightShare,
    small: c.small,
    equalWeightsRank: c.robustness.equalWeightsRank,
    rankLow: c.robustness.rankRange?.[0] ?? null,
    rankHigh: c.robustness.rankRange?.[1] ?? null,
    maxShift: c.robustness.maxShift,
  }));
}

const COMPOSITE_HEADERS: Record<Language, string[]> = {
  da: ['lag', 'område_id', 'område', 'periode', 'indeks', 'placering', 'antal_placeret', 'vægtandel', 'lille_population', 'placering_lige_vægte', 'placering_laveste', 'placering_højeste', 'største_flytning'],
  en: ['layer', 'area_id', 'area', 'period', 'index', 'rank', 'ranked', 'weight_share', 'small_population', 'rank_equal_weights', 'rank_low', 'rank_high', 'max_shift'],
};

function compositeCells(r: CompositeRow, language: Language): (string | number | null)[] {
  return [
    r.layer, r.areaId, r.areaName, r.period, r.index, r.rank, r.ranked, r.weightShare, r.small ? (language === 'da' ? 'ja' : 'yes') : '',
    r.equalWeightsRank, r.rankLow, r.rankHigh, r.maxShift,
  ];
}

export function compositeToCsv(rows: readonly CompositeRow[], language: Language): Uint8Array {
  const lines = [COMPOSITE_HEADERS[language].join(';')];
  for (const r of rows) {
    lines.push(compositeCells(r, language).map((v) => csvField(typeof v === 'number' ? danishNumber(v) : (v ?? ''))).join(';'));
  }
  return csvBytes(lines);
}

function intervalText(indicator: Indicator, language: Language): string {
  const method = intervalMethod(indicator);
  if (method === 'none') return indicator.unit === 'count' ? (language === 'da' ? 'intet (antal)' : 'none (count)') : language === 'da' ? 'intet (median)' : 'none (median)';
  return INTERVAL_TEXT[method][language];
}

const INTERVAL_TEXT: Record<Exclude<ReturnType<typeof intervalMethod>, 'none'>, Record<Language, string>> = {
  wilson: { da: 'Wilson (andel)', en: 'Wilson (proportion)' },
  'poisson-exact': { da: 'eksakt Poisson (Garwood)', en: 'exact Poisson (Garwood)' },
  t: { da: 't-fordeling (gennemsnit)', en: 't distribution (mean)' },
};

function thresholdsText(indicator: Indicator, language: Language): string {
  return (indicator.thresholds ?? [])
    .map((t) => `${t.id !== undefined ? `${t.id}: ` : ''}${t.label[language]}${t.source ? ` [${t.source.text}${t.source.url ? ` ${t.source.url}` : ''}]` : ''}`)
    .join(' | ');
}

export async function toXlsx(
  rows: readonly SummaryRow[],
  pack: IndicatorPack,
  manifest: ExtractManifest,
  language: Language,
  about: { extractFile: string; packFile: string; created: Date },
  classifications: { rows: readonly ClassificationRow[]; includeContested: boolean; listYearOffset: number } | null = null,
  composite: readonly CompositeRow[] | null = null,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bydelsmonitor (npm run compute)';
  workbook.created = about.created;
  const results = workbook.addWorksheet(language === 'da' ? 'Resultater' : 'Results');
  results.addRow(HEADERS[language]).font = { bold: true };
  for (const r of rows) {
    results.addRow([
      r.layer, r.areaId, r.areaName, r.period, r.indicatorId, r.indicator, r.unit,
      r.numerator, r.denominator, r.value, r.lower, r.upper, r.reference, r.referenceLevel ?? '', r.small ? (language === 'da' ? 'ja' : 'yes') : '',
    ]);
  }
  results.views = [{ state: 'frozen', ySplit: 1 }];
  for (const col of [10, 11, 12, 13]) results.getColumn(col).numFmt = '0.0##';

  if (classifications) {
    const sheet = workbook.addWorksheet(language === 'da' ? 'Klassifikationer' : 'Classifications');
    sheet.addRow(CLASSIFICATION_HEADERS[language]).font = { bold: true };
    for (const r of classifications.rows) sheet.addRow(classificationCells(r));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }

  if (composite) {
    const sheet = workbook.addWorksheet(language === 'da' ? 'Samlet indeks' : 'Composite index');
    sheet.addRow(COMPOSITE_HEADERS[language]).font = { bold: true };
    for (const r of composite) sheet.addRow(compositeCells(r, language));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const col of [5, 8]) sheet.getColumn(col).numFmt = '0.000';
  }

  const defs = workbook.addWorksheet(language === 'da' ? 'Definitioner' : 'Definitions');
  defs.addRow(
    language === 'da'
      ? ['id', 'betegnelse', 'beskrivelse', 'domæne', 'enhed', 'retning', 'i samlet indeks', 'population', 'tæller', 'mindste population', 'reference', 'år i gennemsnit', 'interval', 'kilde', 'kilde-URL', 'tærskler', 'omstridt']
      : ['id', 'label', 'description', 'domain', 'unit', 'direction', 'in composite', 'population', 'numerator', 'minimum population', 'reference', 'years pooled', 'interval', 'source', 'source URL', 'thresholds', 'contested'],
  ).font = { bold: true };
  for (const ind of pack.indicators) {
    defs.addRow([
      ind.id, ind.label[language], ind.description[language], ind.domain ?? '', ind.unit, ind.direction,
      inComposite(ind) ? 'x' : '', JSON.stringify(ind.population), JSON.stringify(ind.numerator), ind.minPopulation,
      ind.reference ?? 'municipality', ind.window ?? 1, intervalText(ind, language), ind.source?.text ?? '', ind.source?.url ?? '',
      thresholdsText(ind, language), ind.contested?.[language] ?? '',
    ]);
  }
  if ((pack.classifications ?? []).length > 0) {
    const rules = workbook.addWorksheet(language === 'da' ? 'Regler' : 'Rules');
    rules.addRow(
      language === 'da'
        ? ['id', 'betegnelse', 'beskrivelse', 'fra listeår', 'til listeår', 'mindst beboere', 'betingelser (alle)', 'kriterier', 'mindst opfyldt', 'vedvarende', 'kilde', 'kilde-URL']
        : ['id', 'label', 'description', 'from list year', 'to list year', 'minimum residents', 'gates (all)', 'criteria', 'minimum met', 'persistence', 'source', 'source URL'],
    ).font = { bold: true };
    for (const c of pack.classifications ?? []) {
      rules.addRow([
        c.id, c.label[language], c.description[language], c.fromPeriod ?? null, c.toPeriod ?? null, c.minResidents ?? null,
        (c.gates ?? []).join(', '), (c.criteria ?? []).join(', '), c.minMet ?? null,
        c.persistence ? `${c.persistence.of.join(' / ')} × ${c.persistence.years}` : '', c.source.text, c.source.url ?? '',
      ]);
    }
  }
  const info = workbook.addWorksheet(language === 'da' ? 'Om' : 'About');
  const lines: [string, string][] = [
    [language === 'da' ? 'Kommune' : 'Municipality', `${manifest.municipality.name} (${manifest.municipality.code})`],
    [language === 'da' ? 'Udtræk' : 'Extract', about.extractFile],
    [language === 'da' ? 'Pakke' : 'Pack', `${pack.label[language]} (${pack.id} ${pack.version}, ${about.packFile})`],
    [language === 'da' ? 'Beregnet' : 'Computed', about.created.toISOString()],
    [language === 'da' ? 'Værdier' : 'Values', language === 'da' ? 'Andele i %, rater pr. 1.000, indkomst i kr.; 95 %-konfidensintervaller.' : 'Shares in %, rates per 1,000, income in DKK; 95 % confidence intervals.'],
    ...(classifications
      ? ([
          [
            language === 'da' ? 'Klassifikationer' : 'Classifications',
            language === 'da'
              ? `Data for periode P vurderes efter reglerne for listeår P + ${classifications.listYearOffset}. Omstridte kriterier (ikkevestlig herkomst): ${classifications.includeContested ? 'medtaget' : 'ikke medtaget; regler, der bruger dem, er "ikke vurderet"'}. Mangler udtrækket lands- eller regionstal, bruges kommunens værdi (se referenceniveau).`
              : `Data of period P are judged by the rules of list year P + ${classifications.listYearOffset}. Contested criteria (non-Western origin): ${classifications.includeContested ? 'included' : 'not included; rules that use them are "not evaluated"'}. Where the extract has no national or regional figure, the municipality's value stands in (see reference level).`,
          ],
        ] as [string, string][])
      : []),
    [language === 'da' ? 'Fortrolighed' : 'Confidentiality', language === 'da' ? 'Analytikerens egen tabel: små tal er markeret, men IKKE diskretioneret. Del kun via appens eksport med diskretionering.' : "The analyst's own table: small numbers are marked but NOT suppressed. Share only through the app's disclosure-controlled export."],
  ];
  for (const line of lines) info.addRow(line);
  info.getColumn(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
