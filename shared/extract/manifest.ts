/**
 * The extract manifest (format v1): what the archive holds and what it promises.
 * Validated with zod so every problem names its field.
 */
import { z } from 'zod';

export const EXTRACT_FORMAT = 'bydelsmonitor-extract';
export const SUPPORTED_MAJOR_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

const localizedText = z.object({ da: z.string().min(1), en: z.string().min(1) });

export const COLUMN_TYPES = ['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE'] as const;

const columnSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'column names are lower-case snake_case'),
  type: z.enum(COLUMN_TYPES),
  nullable: z.boolean().default(false),
});

const tableSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'table names are lower-case snake_case'),
  kind: z.enum(['person-period', 'events', 'aggregates', 'reference', 'city-life-sites', 'city-life-counts']),
  file: z.string().regex(/^tables\/[A-Za-z0-9_.-]+\.parquet$/, 'tables live in tables/*.parquet'),
  columns: z.array(columnSchema).min(1),
});

const areaLayerSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: localizedText,
  file: z.string().regex(/^geo\/[A-Za-z0-9_.-]+\.geojson$/, 'geography lives in geo/*.geojson'),
  idProperty: z.string().min(1),
  nameProperty: z.string().min(1),
  /** Layer this one nests in (e.g. basisdistrikt → bydel), via a property holding the parent id. */
  parent: z.object({ layer: z.string(), property: z.string() }).nullable().default(null),
});

/** Columns the app relies on per table kind (the builder's table-kinds.ts checks the data). */
export function requiredColumns(kind: z.infer<typeof tableSchema>['kind'], baseAreaColumn: string): string[] {
  switch (kind) {
    case 'person-period':
      return ['period', 'person_id', baseAreaColumn];
    case 'events':
      return ['period', 'person_id', baseAreaColumn, 'type'];
    default:
      return [];
  }
}

export const manifestSchema = z.object({
  format: z.literal(EXTRACT_FORMAT),
  formatVersion: z.string().regex(/^\d+\.\d+$/, 'formatVersion is "major.minor"'),
  municipality: z.object({ code: z.string().regex(/^\d{3,4}$/), name: z.string().min(1) }),
  periods: z.array(z.number().int().min(1900).max(2100)).min(1),
  /** The layer microdata are coded by (its id column in the person-period table). */
  baseLayer: z.string(),
  baseAreaColumn: z.string(),
  areaLayers: z.array(areaLayerSchema).min(1),
  tables: z.array(tableSchema).min(1),
  sources: z.array(z.object({ name: z.string(), description: z.string().optional() })),
  producer: z.object({ name: z.string(), tool: z.string().optional() }),
  created: z.string().datetime({ offset: true }),
  /** True for the project's own generated data; shown in the UI. */
  synthetic: z.boolean().default(false),
}).superRefine((manifest, ctx) => {
  // One archive entry per table and layer: the reader inflates each listed entry once per listing.
  const fileOwners = new Map<string, string>();
  const claim = (file: string, owner: string, path: (string | number)[]) => {
    const other = fileOwners.get(file);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path, message: `${owner} names the same file as ${other}` });
    else fileOwners.set(file, owner);
  };
  manifest.tables.forEach((table, index) => claim(table.file, `table "${table.name}"`, ['tables', index, 'file']));
  manifest.areaLayers.forEach((layer, index) => claim(layer.file, `area layer "${layer.id}"`, ['areaLayers', index, 'file']));
  manifest.tables.forEach((table, index) => {
    const declared = new Set(table.columns.map((c) => c.name));
    for (const column of requiredColumns(table.kind, manifest.baseAreaColumn)) {
      if (!declared.has(column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', index, 'columns'],
          message: `a ${table.kind} table needs a "${column}" column`,
        });
      }
    }
  });
});

export type ExtractManifest = z.infer<typeof manifestSchema>;
export type ManifestTable = ExtractManifest['tables'][number];
export type ManifestAreaLayer = ExtractManifest['areaLayers'][number];

export function majorVersion(formatVersion: string): number {
  return Number.parseInt(formatVersion.split('.')[0] ?? '', 10);
}
