/** The builder's report: problems plus what was read, as data (JSON) and as text (da/en). */
import type { LayerSummary } from './geo/read-layer';
import type { Problem } from './problems';
import { formatCount, type Lang } from './text';

export interface ColumnSummary {
  name: string;
  type: string;
  /** Empty cells (unknown). */
  empty: number;
  /** Suppressed cells in all, and by marker as written ("<5", "..", …). */
  suppressed: number;
  suppressedByMarker: Record<string, number>;
  decimal?: ',' | '.';
  pseudonymised: boolean;
}

export interface TableSummary {
  name: string;
  kind: string;
  file: string;
  format: 'csv' | 'xlsx' | 'parquet';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  rows: number;
  columns: ColumnSummary[];
}

export interface BuildReport {
  mode: 'validate' | 'build';
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  errors: number;
  warnings: number;
  municipality: { code: string; name: string } | null;
  periods: number[];
  problems: Problem[];
  tables: TableSummary[];
  layers: LayerSummary[];
}

const ENCODING_NAMES: Record<string, { da: string; en: string }> = {
  'utf-8': { da: 'UTF-8', en: 'UTF-8' },
  'utf-8-bom': { da: 'UTF-8 med BOM', en: 'UTF-8 with BOM' },
  'utf-16le': { da: 'UTF-16 (LE)', en: 'UTF-16 (LE)' },
  'utf-16be': { da: 'UTF-16 (BE)', en: 'UTF-16 (BE)' },
  'windows-1252': { da: 'Windows-1252', en: 'Windows-1252' },
};

const T = {
  title: { da: 'Bydelsmonitor – udtræksbygger: rapport', en: 'Bydelsmonitor – extract builder: report' },
  municipality: { da: 'Kommune', en: 'Municipality' },
  periods: { da: 'Perioder', en: 'Periods' },
  error: { da: 'FEJL', en: 'ERROR' },
  warning: { da: 'ADVARSEL', en: 'WARNING' },
  table: { da: 'tabel', en: 'table' },
  layer: { da: 'lag', en: 'layer' },
  file: { da: 'fil', en: 'file' },
  column: { da: 'kolonne', en: 'column' },
  row: { da: 'række', en: 'row' },
  feature: { da: 'objekt', en: 'feature' },
  fix: { da: 'Sådan retter du', en: 'How to fix' },
  inputs: { da: 'Inddata', en: 'Input' },
  rows: { da: 'rækker', en: 'rows' },
  areas: { da: 'områder', en: 'areas' },
  suppressed: { da: 'undertrykte', en: 'suppressed' },
  empty: { da: 'tomme', en: 'empty' },
  pseudonymised: { da: 'pseudonymiseret', en: 'pseudonymised' },
  delimiter: { da: 'skilletegn', en: 'delimiter' },
  decimal: { da: 'decimaltegn', en: 'decimal separator' },
  sheet: { da: 'fane', en: 'sheet' },
  rewound: { da: 'vendt', en: 'rewound' },
  closed: { da: 'lukket', en: 'closed' },
  duplicates: { da: 'dobbelte punkter fjernet', en: 'duplicate positions removed' },
} satisfies Record<string, { da: string; en: string }>;

function summaryLine(report: BuildReport, lang: Lang): string {
  const e = report.errors;
  const w = report.warnings;
  const counts =
    lang === 'da'
      ? `${formatCount(e, lang)} fejl og ${formatCount(w, lang)} ${w === 1 ? 'advarsel' : 'advarsler'}`
      : `${formatCount(e, lang)} ${e === 1 ? 'error' : 'errors'} and ${formatCount(w, lang)} ${w === 1 ? 'warning' : 'warnings'}`;
  if (!report.ok) {
    return lang === 'da'
      ? `Resultat: ${counts}. Der er ikke skrevet noget udtræk; ret fejlene og kør igen.`
      : `Result: ${counts}. No extract was written; fix the errors and run again.`;
  }
  if (report.mode === 'validate') {
    return lang === 'da' ? `Resultat: ${counts}. Inddata kan bygges til et udtræk.` : `Result: ${counts}. The input can be built into an extract.`;
  }
  return lang === 'da' ? `Resultat: ${counts}. Udtrækket er bygget.` : `Result: ${counts}. The extract has been built.`;
}

function where(p: Problem, lang: Lang): string {
  const parts: string[] = [];
  if (p.table !== undefined) parts.push(`${T.table[lang]} ${p.table}`);
  if (p.layer !== undefined) parts.push(`${T.layer[lang]} ${p.layer}`);
  if (p.file !== undefined) parts.push(`${T.file[lang]} ${p.file}`);
  if (p.column !== undefined) parts.push(`${T.column[lang]} ${p.column}`);
  const at = p.row ?? p.feature;
  if (at !== undefined) {
    const noun = p.row !== undefined ? T.row[lang] : T.feature[lang];
    let text = `${noun} ${at}`;
    if (p.featureId !== undefined) text += ` (id ${p.featureId})`;
    if (p.count !== undefined && p.count > 1) {
      const more = p.moreRows ?? [];
      const others = p.count - 1;
      const list = more.join(', ');
      const tail = others > more.length ? ', …' : '';
      text +=
        lang === 'da'
          ? ` og ${formatCount(others, lang)} ${others === 1 ? 'anden' : 'andre'} (${list}${tail})`
          : ` and ${formatCount(others, lang)} ${others === 1 ? 'other' : 'others'} (${list}${tail})`;
    }
    parts.push(text);
  }
  return parts.join(' · ');
}

function tableLine(t: TableSummary, lang: Lang): string[] {
  const bits = [t.file, t.format.toUpperCase()];
  if (t.encoding) bits.push(ENCODING_NAMES[t.encoding]?.[lang] ?? t.encoding);
  if (t.delimiter) bits.push(`${T.delimiter[lang]} "${t.delimiter === '\t' ? '\\t' : t.delimiter}"`);
  if (t.sheet) bits.push(`${T.sheet[lang]} "${t.sheet}"`);
  bits.push(`${formatCount(t.rows, lang)} ${T.rows[lang]}`);
  const lines = [`  ${T.table[lang]} ${t.name} (${t.kind}): ${bits.join(' · ')}`];
  for (const c of t.columns) {
    const notes: string[] = [];
    if (c.pseudonymised) notes.push(T.pseudonymised[lang]);
    if (c.decimal) notes.push(`${T.decimal[lang]} "${c.decimal}"`);
    if (c.suppressed > 0) {
      const byMarker = Object.entries(c.suppressedByMarker)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([m, n]) => `"${m}": ${formatCount(n, lang)}`)
        .join(', ');
      notes.push(`${T.suppressed[lang]}: ${formatCount(c.suppressed, lang)} (${byMarker})`);
    }
    if (c.empty > 0) notes.push(`${T.empty[lang]}: ${formatCount(c.empty, lang)}`);
    lines.push(`    ${c.name} ${c.type}${notes.length ? `: ${notes.join(', ')}` : ''}`);
  }
  return lines;
}

function layerLine(l: LayerSummary, lang: Lang): string {
  const source = {
    file: { da: 'fra filen', en: 'from the file' },
    'extract.json': { da: 'fra extract.json', en: 'from extract.json' },
    'geojson-default': { da: 'GeoJSON-standard', en: 'GeoJSON default' },
  } as const;
  const bits = [l.file, l.format === 'shapefile' ? (lang === 'da' ? 'shapefil' : 'shapefile') : 'GeoJSON'];
  if (l.crs) bits.push(`${l.crs}${l.crsSource ? ` (${source[l.crsSource][lang]})` : ''}${l.crs === 'EPSG:4326' ? '' : ' → EPSG:4326'}`);
  bits.push(`${formatCount(l.features, lang)} ${T.areas[lang]}`);
  if (l.rewound > 0) bits.push(`${formatCount(l.rewound, lang)} ${T.rewound[lang]}`);
  if (l.closed > 0) bits.push(`${formatCount(l.closed, lang)} ${T.closed[lang]}`);
  if (l.duplicatesRemoved > 0) bits.push(`${formatCount(l.duplicatesRemoved, lang)} ${T.duplicates[lang]}`);
  return `  ${T.layer[lang]} ${l.id}: ${bits.join(' · ')}`;
}

/** The report as plain text in one language (default Danish). */
export function formatReport(report: BuildReport, lang: Lang = 'da'): string {
  const lines = [T.title[lang], ''];
  if (report.municipality) lines.push(`${T.municipality[lang]}: ${report.municipality.code} ${report.municipality.name}`);
  if (report.periods.length > 0) lines.push(`${T.periods[lang]}: ${report.periods.join(', ')}`);
  lines.push(summaryLine(report, lang), '');
  report.problems.forEach((p, i) => {
    const label = p.severity === 'error' ? T.error[lang] : T.warning[lang];
    const place = where(p, lang);
    lines.push(`${i + 1}. ${label}${place ? ` · ${place}` : ''}`);
    lines.push(`   ${p.message[lang]}`);
    lines.push(`   ${T.fix[lang]}: ${p.fix[lang]}`);
    lines.push('');
  });
  if (report.tables.length > 0 || report.layers.length > 0) {
    lines.push(`${T.inputs[lang]}:`);
    for (const l of report.layers) lines.push(layerLine(l, lang));
    for (const t of report.tables) lines.push(...tableLine(t, lang));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
