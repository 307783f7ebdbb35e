/**
 * extract.json: the data team's description of an input folder (what the files are, which
 * columns and types they hold, how layers nest). Strict: an unknown field is a typo, and a
 * typo in a privacy setting (say "pseudonymize") must not pass silently.
 */
import { z } from 'zod';
import { COLUMN_TYPES } from '../extract/manifest';
import type { ProblemList } from './problems';
import { SUPPORTED_CRS } from './geo/crs';

const snakeName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case snake_case, e.g. "district_id"');
const bilingual = z.strictObject({ da: z.string().min(1), en: z.string().min(1) });

export const TABLE_KINDS = ['person-period', 'events', 'aggregates', 'reference', 'city-life-sites', 'city-life-counts'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

const columnSpecSchema = z.strictObject({
  name: snakeName,
  type: z.enum(COLUMN_TYPES),
  /** The column's name in the file when it differs (e.g. "Basisdistrikt"). */
  header: z.string().min(1).optional(),
  /** May cells be empty or suppressed? Default: yes, except key and required columns. */
  nullable: z.boolean().optional(),
});

const tableSpecSchema = z.strictObject({
  name: snakeName,
  kind: z.enum(TABLE_KINDS),
  file: z.string().min(1),
  /** XLSX: the sheet to read; default the first. */
  sheet: z.string().min(1).optional(),
  /** Decimal separator for text cells; default detected per column (see docs). */
  decimal: z.enum([',', '.']).optional(),
  /** CSV: override the detected delimiter or encoding. */
  delimiter: z.enum([';', ',', '\t', '|']).optional(),
  encoding: z.enum(['utf-8', 'windows-1252']).optional(),
  columns: z.array(columnSpecSchema).min(1),
  /** Columns whose combination must be unique; default per kind. */
  key: z.array(snakeName).optional(),
  /** Column holding area codes, and the layer they refer to; default per kind. */
  areaColumn: snakeName.optional(),
  areaLayer: snakeName.optional(),
  /** Row order in the Parquet file; default the key. */
  sortBy: z.array(snakeName).optional(),
});

const areaLayerSpecSchema = z.strictObject({
  id: snakeName,
  label: bilingual.optional(),
  /** GeoJSON (.geojson/.json) or a zipped shapefile (.zip). */
  file: z.string().min(1),
  idProperty: z.string().min(1),
  nameProperty: z.string().min(1),
  parent: z.strictObject({ layer: snakeName, property: z.string().min(1) }).nullable().optional(),
  /** The source CRS when the file does not say (or says something the builder does not know). */
  crs: z.enum(SUPPORTED_CRS).optional(),
  /** Shapefile: character set of the .dbf when there is no .cpg; default windows-1252. */
  encoding: z.enum(['utf-8', 'windows-1252']).optional(),
});

const periodsSchema = z.union([
  z.array(z.number().int().min(1900).max(2100)).min(1),
  z
    .strictObject({ from: z.number().int().min(1900).max(2100), to: z.number().int().min(1900).max(2100) })
    .refine((r) => r.from <= r.to, 'from must not be after to'),
]);

export const buildSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  specVersion: z.literal(1).optional(),
  municipality: z.strictObject({ code: z.string().regex(/^\d{3,4}$/, 'three or four digits, e.g. "0101"'), name: z.string().min(1) }),
  periods: periodsSchema,
  baseLayer: snakeName,
  baseAreaColumn: snakeName,
  areaLayers: z.array(areaLayerSpecSchema).min(1),
  tables: z.array(tableSpecSchema).min(1),
  sources: z.array(z.strictObject({ name: z.string().min(1), description: z.string().optional() })).min(1),
  producer: z.strictObject({ name: z.string().min(1), tool: z.string().optional() }),
  /** Columns (in any table) replaced by keyed pseudonyms. */
  pseudonymise: z.array(snakeName).optional(),
  /** Further suppression markers besides <N, .., ., x and -. */
  suppressionMarkers: z.array(z.string().min(1)).optional(),
  /** True only for generated test data; shown in the app. */
  synthetic: z.boolean().optional(),
});

export type BuildSpec = z.infer<typeof buildSpecSchema>;
export type TableSpec = BuildSpec['tables'][number];
export type ColumnSpec = TableSpec['columns'][number];
export type AreaLayerSpec = BuildSpec['areaLayers'][number];

export const SPEC_FILE = 'extract.json';

export function specPeriods(spec: BuildSpec): number[] {
  const p = spec.periods;
  if (Array.isArray(p)) return [...new Set(p)].sort((a, b) => a - b);
  return Array.from({ length: p.to - p.from + 1 }, (_, i) => p.from + i);
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

/** Parses extract.json text; problems go to the list, null when unusable. */
export function parseSpec(text: string, problems: ProblemList): BuildSpec | null {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.add('spec-json', { detail: err instanceof Error ? err.message : String(err) });
    return null;
  }
  const parsed = buildSpecSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.add('spec-field', { path: pathText(issue.path), detail: issue.message });
    }
    return null;
  }
  return parsed.data;
}
