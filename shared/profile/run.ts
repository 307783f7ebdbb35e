/**
 * Runs target-group profiles on any SQL engine holding the extract's tables (DuckDB-wasm
 * in the app, native DuckDB in tests and `npm run compute`), through the indicator
 * engine's SqlRunner: the same statements and the same statistics everywhere.
 */
import type { ExtractManifest } from '../extract/manifest';
import { areaMapSql, type AreaMapRow, type LayerArea } from '../indicators/areas';
import { AREA_MAP_TABLE, literal } from '../indicators/compile';
import type { SqlRunner } from '../indicators/run';
import { compileCardinalityQuery, compileCategoriesQuery, compileProfileQuery, type ProfileSchema } from './compile';
import {
  checkDefinition,
  MAX_CATEGORIES,
  personTableOf,
  profileColumns,
  type Category,
  type DefinitionProblem,
  type ExcludedColumn,
  type ProfileColumn,
  type TargetGroupDefinition,
} from './definition';
import { buildProfile, type ProfileAggregates, type ProfileOptions, type TargetGroupProfile } from './statistics';

/** A characteristic column with its categories (empty for numeric columns). */
export interface CatalogueColumn extends ProfileColumn {
  categories: Category[];
}

/** What can describe a group in this extract: the columns (contested ones marked) and those left out. */
export interface ProfileCatalogue {
  columns: CatalogueColumn[];
  excluded: ExcludedColumn[];
}

export type ProfileStage = 'catalogue' | 'aggregates' | 'statistics';

export interface RunProfileOptions extends ProfileOptions {
  /** The catalogue from loadProfileCatalogue (read once per extract); read here when absent. */
  catalogue?: ProfileCatalogue;
  /** Rows of the area map, to create the area_map table if the engine lacks it. */
  areaMapRows?: readonly AreaMapRow[];
  /** The areas of the area map, to name unknown area ids in problems. */
  areas?: readonly LayerArea[];
  onStage?: (stage: ProfileStage) => void;
}

export type ProfileRun =
  | { status: 'invalid'; problems: DefinitionProblem[] }
  | (TargetGroupProfile & { sql: string; catalogue: ProfileCatalogue });

function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  return typeof value === 'bigint' ? Number(value) : Number(value);
}

export function profileSchemaOf(manifest: ExtractManifest): ProfileSchema {
  return { personsTable: personTableOf(manifest).name, areaColumn: manifest.baseAreaColumn };
}

/**
 * The extract's characteristic columns with their categories: one aggregate query counts
 * the distinct values of each text column (those with more than MAX_CATEGORIES are left
 * out: they would identify rather than describe), one SELECT DISTINCT lists the
 * categories of the rest. No row of the person table leaves the engine.
 */
export async function loadProfileCatalogue(runner: SqlRunner, manifest: ExtractManifest): Promise<ProfileCatalogue> {
  const schema = profileSchemaOf(manifest);
  const { columns, excluded } = profileColumns(manifest);
  const cardinalitySql = compileCardinalityQuery(columns, schema);
  const cardinality = cardinalitySql ? ((await runner.query(cardinalitySql))[0] ?? {}) : {};
  const kept = columns.filter((c) => {
    if (c.kind !== 'categorical' || num(cardinality[c.name]) <= MAX_CATEGORIES) return true;
    excluded.push({ name: c.name, reason: 'too-many-categories' });
    return false;
  });
  const categoriesSql = compileCategoriesQuery(kept, schema);
  const categories = new Map<string, Category[]>();
  if (categoriesSql) {
    for (const row of await runner.query(categoriesSql)) {
      const column = String(row['column_name']);
      const category = row['category'] === null || row['category'] === undefined ? null : String(row['category']);
      categories.set(column, [...(categories.get(column) ?? []), category]);
    }
  }
  return { columns: kept.map((c) => ({ ...c, categories: c.kind === 'categorical' ? (categories.get(c.name) ?? []) : [] })), excluded };
}

/** Parses compileProfileQuery's rows. */
export function parseProfileRows(rows: readonly Record<string, unknown>[]): ProfileAggregates {
  const out: ProfileAggregates = { groupSize: 0, comparisonSize: 0, overlap: 0, categories: [], numeric: [] };
  for (const r of rows) {
    const kind = String(r['kind']);
    const column = String(r['column_name']);
    if (kind === 'total') {
      out.groupSize = num(r['n_group']);
      out.comparisonSize = num(r['n_comparison']);
      out.overlap = num(r['n_both']);
    } else if (kind === 'category') {
      const category = r['category'] === null || r['category'] === undefined ? null : String(r['category']);
      out.categories.push({ column, category, group: num(r['n_group']), comparison: num(r['n_comparison']) });
    } else if (kind === 'numeric') {
      const summary = (n: unknown, mean: unknown, sd: unknown) => ({ n: num(n), mean: num(mean), sd: sd === null || sd === undefined ? 0 : num(sd) });
      out.numeric.push({
        column,
        group: summary(r['n_group'], r['mean_group'], r['sd_group']),
        comparison: summary(r['n_comparison'], r['mean_comparison'], r['sd_comparison']),
      });
    }
  }
  return out;
}

async function ensureAreaMap(runner: SqlRunner, rows: readonly AreaMapRow[] | undefined): Promise<void> {
  if (!rows) return;
  const present = await runner.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = ${literal(AREA_MAP_TABLE)}`);
  if (num(present[0]?.['n']) > 0) return;
  for (const statement of areaMapSql(rows)) await runner.query(statement);
}

/** The characteristics a definition describes the group by: contested columns only when included. */
export function characteristicsFor(catalogue: ProfileCatalogue, definition: TargetGroupDefinition): CatalogueColumn[] {
  return catalogue.columns.filter((c) => c.contested === null || definition.includeContested === true);
}

/**
 * Checks the definition, runs one aggregate query, and builds the ranked, suppressed
 * profile. The area_map table must exist in the engine (it does once a pack has been
 * computed), or pass its rows as areaMapRows.
 */
export async function runTargetGroupProfile(
  runner: SqlRunner,
  manifest: ExtractManifest,
  definition: TargetGroupDefinition,
  options: RunProfileOptions = {},
): Promise<ProfileRun> {
  const problems = checkDefinition(definition, manifest, options.areas);
  if (problems.length > 0) return { status: 'invalid', problems };
  options.onStage?.('catalogue');
  const catalogue = options.catalogue ?? (await loadProfileCatalogue(runner, manifest));
  await ensureAreaMap(runner, options.areaMapRows);
  const columns = characteristicsFor(catalogue, definition);
  const sql = compileProfileQuery(definition, columns, profileSchemaOf(manifest));
  options.onStage?.('aggregates');
  const aggregates = parseProfileRows(await runner.query(sql));
  options.onStage?.('statistics');
  return { ...buildProfile(aggregates, columns, definition, options), sql, catalogue };
}
