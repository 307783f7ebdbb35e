/**
 * A protected indicator table as files for partners: CSV for Danish Excel and XLSX with a
 * sheet on the definition and the disclosure control applied (settings, what was
 * suppressed and why, and the attacker check). Suppressed cells are empty, with a reason.
 */
import type { ProtectedCell, ProtectedTable } from '../disclosure';
import { reasonText } from '../disclosure/reasons';
import { csvBytes, csvLine } from '../format/csv';
import type { Language } from '../i18n/messages';
import type { Indicator } from '../indicators/pack';
import type { ExportRow } from './indicator-table';

const HEAD: Record<Language, string[]> = {
  da: ['niveau', 'område_id', 'område', 'summeres_i', 'periode', 'indikator', 'tæller', 'nævner', 'værdi', 'enhed', 'status', 'begrundelse'],
  en: ['level', 'area_id', 'area', 'sums_into', 'period', 'indicator', 'numerator', 'denominator', 'value', 'unit', 'status', 'reason'],
};

export function tableHead(language: Language): string[] {
  return HEAD[language];
}

const STATUS: Record<ProtectedCell['status'], Record<Language, string>> = {
  published: { da: 'vist', en: 'published' },
  primary: { da: 'undertrykt', en: 'suppressed' },
  secondary: { da: 'undertrykt (sekundær)', en: 'suppressed (secondary)' },
};

const UNIT: Record<Indicator['unit'], Record<Language, string>> = {
  share: { da: '%', en: '%' },
  per1000: { da: 'pr. 1.000', en: 'per 1,000' },
  count: { da: 'antal', en: 'count' },
  dkk: { da: 'kr.', en: 'DKK' },
  mean: { da: 'gennemsnit', en: 'mean' },
  median: { da: 'median', en: 'median' },
};

export interface TableLine {
  row: ExportRow;
  cell: ProtectedCell;
  values: (string | number | null)[];
}

/** The table's lines in display order, values in the indicator's display scale. */
export function tableLines(table: ProtectedTable, rows: readonly ExportRow[], indicator: Indicator, language: Language): TableLine[] {
  const byId = new Map(table.cells.map((c) => [c.id, c]));
  const scale = indicator.unit === 'share' ? 100 : indicator.unit === 'per1000' ? 1000 : 1;
  const min = table.settings.minCellSize;
  return rows.map((row) => {
    const cell = byId.get(row.cellId);
    if (!cell) throw new Error(`the protected table has no cell ${row.cellId}`);
    const value = indicator.unit === 'count' ? cell.display : cell.displayShare === null || cell.displayShare === undefined ? null : cell.displayShare * scale;
    const reason = cell.reasons.map((r) => reasonText(r, min)[language]).join('; ');
    return {
      row,
      cell,
      values: [row.layerId, row.areaId, row.areaName, row.parentId, row.period, indicator.label[language], cell.display, indicator.unit === 'count' ? null : (cell.displayDenominator ?? null), value, UNIT[indicator.unit][language], STATUS[cell.status][language], reason],
    };
  });
}

export function tableCsv(lines: readonly TableLine[], language: Language): Uint8Array {
  return csvBytes([HEAD[language].join(';'), ...lines.map((l) => csvLine(l.values))]);
}

export function settingsText(table: ProtectedTable, language: Language): string[] {
  const s = table.settings;
  const da = language === 'da';
  return [
    da ? `Mindste cellestørrelse: ${s.minCellSize}; beskyttelsesniveau: ${s.protectionLevel}` : `Minimum cell size: ${s.minCellSize}; protection level: ${s.protectionLevel}`,
    da ? `Nuller vises: ${s.zeroIsSafe ? 'ja' : 'nej'}; afrunding: ${s.rounding ? `til ${s.rounding.base}` : 'ingen'}` : `Zeros published: ${s.zeroIsSafe ? 'yes' : 'no'}; rounding: ${s.rounding ? `to ${s.rounding.base}` : 'none'}`,
    da
      ? `${table.summary.cells} celler: ${table.summary.published} vist, ${table.summary.primary} undertrykt (primær), ${table.summary.secondary} undertrykt (sekundær)`
      : `${table.summary.cells} cells: ${table.summary.published} published, ${table.summary.primary} suppressed (primary), ${table.summary.secondary} suppressed (secondary)`,
    da
      ? `Angriberkontrol (${s.attacker === 'lp' ? 'lineær programmering' : 'heltalsprogrammering'}, ${s.solver}): ${table.audit.ok ? 'bestået' : 'IKKE bestået'} – for hver undertrykt celle ligger mindste og største mulige værdi mindst ${s.protectionLevel} fra hinanden, givet alt hvad tabellen viser.`
      : `Attacker check (${s.attacker === 'lp' ? 'linear programming' : 'integer programming'}, ${s.solver}): ${table.audit.ok ? 'passed' : 'NOT passed'} – for every suppressed cell the smallest and largest value consistent with everything the table shows lie at least ${s.protectionLevel} apart.`,
  ];
}

/** XLSX: the table, and a sheet on the definition and the disclosure control. */
export async function tableXlsx(lines: readonly TableLine[], table: ProtectedTable, indicator: Indicator, about: { municipality: string; extract: string; created: Date }, language: Language): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bydelsmonitor';
  workbook.created = about.created;
  const sheet = workbook.addWorksheet(language === 'da' ? 'Tabel' : 'Table');
  sheet.addRow(HEAD[language]).font = { bold: true };
  for (const l of lines) {
    const added = sheet.addRow(l.values);
    if (l.cell.status !== 'published') added.font = { italic: true, color: { argb: 'FF666666' } };
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getColumn(9).numFmt = '0.0';
  const info = workbook.addWorksheet(language === 'da' ? 'Om tabellen' : 'About');
  const rows: [string, string][] = [
    [language === 'da' ? 'Kommune' : 'Municipality', about.municipality],
    [language === 'da' ? 'Indikator' : 'Indicator', `${indicator.label[language]} (${indicator.id})`],
    [language === 'da' ? 'Definition' : 'Definition', indicator.description[language]],
    [language === 'da' ? 'Kilde' : 'Source', indicator.source?.text ?? ''],
    [language === 'da' ? 'Udtræk' : 'Extract', about.extract],
    [language === 'da' ? 'Lavet' : 'Created', about.created.toISOString()],
    ...settingsText(table, language).map((line, i) => [i === 0 ? (language === 'da' ? 'Diskretionering' : 'Disclosure control') : '', line] as [string, string]),
    [language === 'da' ? 'Summer' : 'Sums', language === 'da' ? 'Områderne summer til deres bydel og bydelene til kommunen, hvor de dækker den; undertrykte celler kan ikke regnes ud af summerne.' : 'Areas sum to their bydel and bydele to the municipality where they cover it; suppressed cells cannot be worked out from the sums.'],
  ];
  for (const r of rows) info.addRow(r);
  info.getColumn(1).font = { bold: true };
  info.getColumn(2).width = 120;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
