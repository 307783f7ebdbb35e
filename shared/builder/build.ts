/**
 * The builder: input folder → read and check everything → (only if there is no error)
 * pseudonymise, write Parquet, fill in the manifest → ExtractContents for buildArchive.
 * Nothing is produced while any error stands.
 */
import { manifestSchema, type ExtractManifest, type ManifestAreaLayer, type ManifestTable } from '../extract/manifest';
import type { ExtractContents } from '../extract/pack';
import { writeParquet, type CellValue } from '../extract/parquet-write';
import type { GeoJsonFeatureCollection } from '../extract/unpack';
import { readLayer, type ReadLayer } from './geo/read-layer';
import { InputFolder, type InputFile } from './input-files';
import { ProblemList } from './problems';
import { createPseudonymiser, MIN_SECRET_LENGTH } from './pseudonym';
import type { BuildReport, TableSummary } from './report';
import { parseSpec, SPEC_FILE, specPeriods, type AreaLayerSpec, type BuildSpec } from './spec';
import { kindRules } from './table-kinds';
import { coerceTable, suppressedTotal, type TypedTable } from './tables/coerce';
import { readTableFile } from './tables/read-table';
import { validateData } from './validate-data';
import { validateSpecReferences } from './validate-spec';

export type BuildStep =
  | { step: 'spec' }
  | { step: 'layer'; id: string }
  | { step: 'table'; name: string }
  | { step: 'validate' }
  | { step: 'pseudonymise'; column: string }
  | { step: 'write'; name: string };

export interface ValidateOptions {
  onProgress?: (step: BuildStep) => void;
}

export interface BuildOptions extends ValidateOptions {
  /** manifest.created (ISO 8601 with offset); passed in so builds are reproducible. */
  created: string;
  /** The data team's pseudonymisation secret; needed when extract.json lists columns to pseudonymise. */
  pseudonymSecret?: string | Uint8Array | null;
  /** manifest.producer.tool, when extract.json does not give one. */
  tool?: string;
}

export type BuildResult = { ok: true; report: BuildReport; contents: ExtractContents } | { ok: false; report: BuildReport };

const DEFAULT_LABELS: Record<string, { da: string; en: string }> = {
  basisdistrikt: { da: 'Basisdistrikt', en: 'Base district' },
  bydel: { da: 'Bydel', en: 'City district' },
  boligomraade: { da: 'Boligområde', en: 'Housing estate' },
  sogn: { da: 'Sogn', en: 'Parish' },
  skoledistrikt: { da: 'Skoledistrikt', en: 'School district' },
};

interface Analysis {
  problems: ProblemList;
  spec: BuildSpec | null;
  layers: Map<string, ReadLayer>;
  tables: TypedTable[];
  summaries: TableSummary[];
}

async function analyse(files: readonly InputFile[], options: ValidateOptions): Promise<Analysis> {
  const problems = new ProblemList();
  const folder = new InputFolder(files);
  const analysis: Analysis = { problems, spec: null, layers: new Map(), tables: [], summaries: [] };
  options.onProgress?.({ step: 'spec' });
  const specFile = folder.get(SPEC_FILE);
  if (!specFile) {
    problems.add('spec-missing', {});
    return analysis;
  }
  folder.markUsed(SPEC_FILE);
  const spec = parseSpec(new TextDecoder().decode(specFile.bytes), problems);
  if (!spec) return analysis;
  analysis.spec = spec;
  validateSpecReferences(spec, problems);

  for (const layerSpec of spec.areaLayers) {
    options.onProgress?.({ step: 'layer', id: layerSpec.id });
    const file = folder.find(layerSpec.file, problems, { layer: layerSpec.id });
    if (!file) continue;
    const layer = await readLayer(layerSpec, file, problems);
    if (layer) analysis.layers.set(layerSpec.id, layer);
  }
  const pseudonymised = new Set(spec.pseudonymise ?? []);
  for (const tableSpec of spec.tables) {
    options.onProgress?.({ step: 'table', name: tableSpec.name });
    const file = folder.find(tableSpec.file, problems, { table: tableSpec.name });
    if (!file) continue;
    const raw = await readTableFile(file, tableSpec, problems);
    if (!raw) continue;
    const rules = kindRules(tableSpec.kind, tableSpec, spec);
    const typed = coerceTable(raw, tableSpec, rules, spec.suppressionMarkers ?? [], problems, file.name);
    const summary: TableSummary = { name: tableSpec.name, kind: tableSpec.kind, file: file.name, format: raw.format, rows: raw.rowNumbers.length, columns: [] };
    if (raw.encoding) summary.encoding = raw.encoding;
    if (raw.delimiter) summary.delimiter = raw.delimiter;
    if (raw.sheet) summary.sheet = raw.sheet;
    for (const c of typed?.columns ?? []) {
      const column: TableSummary['columns'][number] = {
        name: c.name,
        type: c.type,
        empty: c.empty,
        suppressed: suppressedTotal(c),
        suppressedByMarker: c.suppressed,
        pseudonymised: pseudonymised.has(c.name),
      };
      if (c.decimal) column.decimal = c.decimal;
      summary.columns.push(column);
    }
    analysis.summaries.push(summary);
    if (typed) analysis.tables.push(typed);
  }
  for (const unused of folder.unused()) problems.add('file-unused', { file: unused }, { file: unused });

  options.onProgress?.({ step: 'validate' });
  validateData(spec, analysis.tables, analysis.layers, problems);
  return analysis;
}

function report(mode: BuildReport['mode'], analysis: Analysis): BuildReport {
  const problems = analysis.problems.list();
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    mode,
    ok: errors === 0,
    errors,
    warnings: problems.length - errors,
    municipality: analysis.spec ? { ...analysis.spec.municipality } : null,
    periods: analysis.spec ? specPeriods(analysis.spec) : [],
    problems,
    tables: analysis.summaries,
    layers: [...analysis.layers.values()].map((l) => l.summary),
  };
}

/** Reads and checks the input folder; writes nothing and needs no secret. */
export async function validateInput(files: readonly InputFile[], options: ValidateOptions = {}): Promise<BuildReport> {
  return report('validate', await analyse(files, options));
}

function manifestLayer(layer: AreaLayerSpec): ManifestAreaLayer {
  return {
    id: layer.id,
    label: layer.label ?? DEFAULT_LABELS[layer.id] ?? { da: layer.id, en: layer.id },
    file: `geo/${layer.id}.geojson`,
    idProperty: layer.idProperty,
    nameProperty: layer.nameProperty,
    parent: layer.parent ?? null,
  };
}

/** Validates, and only when there is no error pseudonymises and produces the extract's contents. */
export async function buildExtract(files: readonly InputFile[], options: BuildOptions): Promise<BuildResult> {
  const analysis = await analyse(files, options);
  const { spec, problems } = analysis;
  const toPseudonymise = spec?.pseudonymise ?? [];
  if (spec && toPseudonymise.length > 0) {
    const secret = options.pseudonymSecret;
    const length = typeof secret === 'string' ? secret.length : (secret?.length ?? 0);
    if (secret === undefined || secret === null || length === 0) problems.add('secret-missing', { columns: toPseudonymise });
    else if (length < MIN_SECRET_LENGTH) problems.add('secret-short', { minimum: MIN_SECRET_LENGTH });
  }
  if (!spec || problems.hasErrors) return { ok: false, report: report('build', analysis) };

  if (toPseudonymise.length > 0) {
    const pseudonymiser = await createPseudonymiser(options.pseudonymSecret!);
    for (const table of analysis.tables) {
      for (const column of table.columns) {
        if (!toPseudonymise.includes(column.name)) continue;
        options.onProgress?.({ step: 'pseudonymise', column: `${table.spec.name}.${column.name}` });
        column.values = await pseudonymiser.pseudonymiseAll(column.values as (string | null)[]);
      }
    }
  }

  const tables = new Map<string, Uint8Array>();
  const manifestTables: ManifestTable[] = [];
  for (const table of analysis.tables) {
    options.onProgress?.({ step: 'write', name: table.spec.name });
    const rules = kindRules(table.spec.kind, table.spec, spec);
    tables.set(
      table.spec.name,
      writeParquet({
        name: table.spec.name,
        columns: table.columns.map((c) => ({ name: c.name, type: c.type, values: c.values as CellValue[] })),
        orderBy: rules.sortBy,
      }),
    );
    manifestTables.push({
      name: table.spec.name,
      kind: table.spec.kind,
      file: `tables/${table.spec.name}.parquet`,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.values.includes(null) })),
    });
  }
  const layers = new Map<string, GeoJsonFeatureCollection>();
  for (const layer of spec.areaLayers) layers.set(layer.id, analysis.layers.get(layer.id)!.collection);

  const manifest: ExtractManifest = manifestSchema.parse({
    format: 'bydelsmonitor-extract',
    formatVersion: '1.0',
    municipality: spec.municipality,
    periods: specPeriods(spec),
    baseLayer: spec.baseLayer,
    baseAreaColumn: spec.baseAreaColumn,
    areaLayers: spec.areaLayers.map(manifestLayer),
    tables: manifestTables,
    sources: spec.sources,
    producer: { name: spec.producer.name, tool: spec.producer.tool ?? options.tool ?? 'Bydelsmonitor extract builder' },
    created: options.created,
    synthetic: spec.synthetic ?? false,
  });
  return { ok: true, report: report('build', analysis), contents: { manifest, tables, layers } };
}
