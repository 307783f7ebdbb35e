/**
 * Compiles a target-group definition to SQL over the extract's tables: the person-period
 * table, and the area_map table (shared/indicators/areas.ts) that maps base areas to the
 * areas of every layer. Every statement returns aggregates only — counts per category,
 * and n / mean / standard deviation per numeric column, for the group and the comparison
 * population — never a row per person. Identifiers are checked and literals escaped with
 * the indicator engine's own `identifier`/`literal`, and conditions compile with its
 * `whereSql`, so a definition means the same as the same filter in a pack.
 */
import { AREA_MAP_TABLE, MUNICIPALITY_LAYER, identifier, literal, whereSql } from '../indicators/compile';
import type { AreaFilter, ProfileColumn, TargetGroupDefinition } from './definition';

export interface ProfileSchema {
  /** The person-period table. */
  personsTable: string;
  /** Its base-area column (the manifest's baseAreaColumn). */
  areaColumn: string;
}

function areaSql(area: AreaFilter, schema: ProfileSchema): string {
  const map = identifier(AREA_MAP_TABLE);
  const column = `p.${identifier(schema.areaColumn)}`;
  if (area.kind === 'municipality') {
    return `COALESCE(${column} IN (SELECT m.base_area_id FROM ${map} m WHERE m.layer_id = ${literal(MUNICIPALITY_LAYER)}), FALSE)`;
  }
  if (area.areaIds.length === 0) return 'FALSE';
  return (
    `COALESCE(${column} IN (SELECT m.base_area_id FROM ${map} m WHERE m.layer_id = ${literal(area.layerId)} ` +
    `AND m.area_id IN (${area.areaIds.map(literal).join(', ')})), FALSE)`
  );
}

/** Internal name of the i-th characteristic in the query (never a user-supplied name). */
const valueName = (i: number) => `v_${i}`;

/**
 * One statement returning, for group (g) and comparison (c):
 * - kind 'total': n_group, n_comparison, n_both (persons in both populations);
 * - kind 'category', per categorical column and category (CAST to VARCHAR; NULL for a
 *   missing value) present in either population: n_group, n_comparison;
 * - kind 'numeric', per numeric column: n_group / n_comparison (persons with a value),
 *   mean_group, sd_group, mean_comparison, sd_comparison (sample standard deviation).
 * Columns: kind, column_name, category, n_group, n_comparison, n_both, mean_group,
 * sd_group, mean_comparison, sd_comparison.
 */
export function compileProfileQuery(definition: TargetGroupDefinition, columns: readonly ProfileColumn[], schema: ProfileSchema): string {
  if (!Number.isInteger(definition.period)) throw new Error(`the period must be a whole number, not ${definition.period}`);
  const persons = identifier(schema.personsTable);
  const conditions = whereSql(definition.conditions, 'p');
  const group = `(${areaSql(definition.area, schema)} AND ${conditions})`;
  const same = (definition.comparisonConditions ?? 'none') === 'same';
  const comparisonConditions = same ? ` AND ${conditions}` : '';
  let comparison: string;
  if (definition.comparison === 'rest-of-municipality') {
    comparison = `(${areaSql({ kind: 'municipality' }, schema)}${comparisonConditions} AND NOT ${group})`;
  } else if (definition.comparison === 'municipality') {
    comparison = `(${areaSql({ kind: 'municipality' }, schema)}${comparisonConditions})`;
  } else {
    comparison = `(${areaSql(definition.comparison, schema)}${comparisonConditions})`;
  }

  const values = columns.map((c, i) => `p.${identifier(c.name)} AS ${valueName(i)}`);
  const base =
    `base AS (SELECT ${group} AS g, ${comparison} AS c${values.length > 0 ? `, ${values.join(', ')}` : ''} ` +
    `FROM ${persons} p WHERE p."period" = ${literal(definition.period)})`;

  const nullNumber = 'CAST(NULL AS DOUBLE)';
  const nullText = 'CAST(NULL AS VARCHAR)';
  const count = (filter: string) => `CAST(COUNT(*) FILTER (WHERE ${filter}) AS DOUBLE)`;
  const parts: string[] = [
    `SELECT 'total' AS kind, ${nullText} AS column_name, ${nullText} AS category, ${count('g')} AS n_group, ${count('c')} AS n_comparison, ` +
      `${count('g AND c')} AS n_both, ${nullNumber} AS mean_group, ${nullNumber} AS sd_group, ${nullNumber} AS mean_comparison, ` +
      `${nullNumber} AS sd_comparison FROM base`,
  ];
  columns.forEach((c, i) => {
    const v = valueName(i);
    if (c.kind === 'categorical') {
      parts.push(
        `SELECT 'category', ${literal(c.name)}, CAST(${v} AS VARCHAR), ${count('g')}, ${count('c')}, ${nullNumber}, ` +
          `${nullNumber}, ${nullNumber}, ${nullNumber}, ${nullNumber} FROM base WHERE g OR c GROUP BY ${v}`,
      );
    } else {
      const x = `CAST(${v} AS DOUBLE)`;
      parts.push(
        `SELECT 'numeric', ${literal(c.name)}, ${nullText}, CAST(COUNT(${v}) FILTER (WHERE g) AS DOUBLE), CAST(COUNT(${v}) FILTER (WHERE c) AS DOUBLE), ` +
          `${nullNumber}, AVG(${x}) FILTER (WHERE g), STDDEV_SAMP(${x}) FILTER (WHERE g), AVG(${x}) FILTER (WHERE c), ` +
          `STDDEV_SAMP(${x}) FILTER (WHERE c) FROM base`,
      );
    }
  });
  return `WITH ${base}\n${parts.join('\nUNION ALL\n')}\nORDER BY kind DESC, column_name, category NULLS LAST`;
}

/**
 * The number of distinct values (all periods; a missing value not counted) of each
 * categorical column: columns alias their own names. One aggregate row.
 */
export function compileCardinalityQuery(columns: readonly ProfileColumn[], schema: ProfileSchema): string | null {
  const categorical = columns.filter((c) => c.kind === 'categorical');
  if (categorical.length === 0) return null;
  return `SELECT ${categorical.map((c) => `CAST(COUNT(DISTINCT ${identifier(c.name)}) AS DOUBLE) AS ${identifier(c.name)}`).join(', ')} FROM ${identifier(schema.personsTable)}`;
}

/**
 * The categories (all periods) of categorical columns, as (column_name, category) pairs
 * from SELECT DISTINCT — the values a column takes, never who has them. A missing value
 * appears as a NULL category.
 */
export function compileCategoriesQuery(columns: readonly ProfileColumn[], schema: ProfileSchema): string | null {
  const categorical = columns.filter((c) => c.kind === 'categorical');
  if (categorical.length === 0) return null;
  const persons = identifier(schema.personsTable);
  return `${categorical
    .map((c) => `SELECT DISTINCT ${literal(c.name)} AS column_name, CAST(${identifier(c.name)} AS VARCHAR) AS category FROM ${persons}`)
    .join('\nUNION ALL\n')}\nORDER BY column_name, category NULLS LAST`;
}
