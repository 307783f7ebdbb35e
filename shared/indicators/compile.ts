/**
 * Compiles indicators to SQL. The same SQL runs in DuckDB-wasm (the app) and in native
 * DuckDB (`npm run compute`). Identifiers are checked against a strict pattern and
 * literals are escaped, because packs may come from analysts' own files.
 *
 * compilePackQuery is the engine: one statement for a whole pack, computing per area of
 * every layer (through the area_map table, see areas.ts) and period the numerator and
 * denominator (counts, or sum/count for means) and, for medians, the median. Additive
 * figures are aggregated once per base area and period (one scan of the person table
 * for all indicators) and summed up each layer; medians are computed from the microdata
 * per layer, as medians cannot be summed. compileIndicator/compilePack are the earlier
 * per-base-area counts, kept for existing callers.
 */
import { countsEvents, eventTypesOf, type Condition, type Filter, type FilterNode, type Indicator, type Numerator } from './pack';

export interface SqlSchema {
  personsTable: string;
  eventsTable: string;
  areaColumn: string;
}

export const DEFAULT_SCHEMA: SqlSchema = {
  personsTable: 'persons',
  eventsTable: 'events',
  areaColumn: 'district_id',
};

/** The table mapping base areas to the areas of every layer (see areas.ts). */
export const AREA_MAP_TABLE = 'area_map';
/** The pseudo-layer holding the whole municipality as one area. */
export const MUNICIPALITY_LAYER = '@municipality';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier "${name}"`);
  return `"${name}"`;
}

export function literal(value: string | number | boolean): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`invalid number literal ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value.includes('\0')) throw new Error('invalid string literal (NUL character)');
  return `'${value.replaceAll("'", "''")}'`;
}

const COMPARISON: Record<'lt' | 'lte' | 'gt' | 'gte' | 'eq' | 'ne', string> = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '=', ne: '<>' };

function conditionSql(condition: Condition, alias: string): string {
  const column = `${alias}.${identifier(condition.column)}`;
  switch (condition.op) {
    case 'between':
      return `${column} BETWEEN ${literal(condition.min)} AND ${literal(condition.max)}`;
    case 'in':
      if (condition.values.length === 0) return 'FALSE';
      return `${column} IN (${condition.values.map(literal).join(', ')})`;
    case 'not-in':
      // NULL is not in any list of values: a missing value counts as "not in".
      if (condition.values.length === 0) return 'TRUE';
      return `(${column} IS NULL OR ${column} NOT IN (${condition.values.map(literal).join(', ')}))`;
    case 'eq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return `${column} ${COMPARISON[condition.op]} ${literal(condition.value)}`;
    case 'ne':
      return `(${column} IS NULL OR ${column} <> ${literal(condition.value)})`;
    case 'is-null':
      return `${column} IS NULL`;
    case 'not-null':
      return `${column} IS NOT NULL`;
    default:
      throw new Error(`unknown condition op "${String((condition as { op: unknown }).op)}"`);
  }
}

function nodeSql(node: FilterNode, alias: string): string {
  if ('all' in node) return `(${whereSql(node.all, alias)})`;
  if ('any' in node) return node.any.length === 0 ? 'FALSE' : `(${node.any.map((n) => nodeSql(n, alias)).join(' OR ')})`;
  return conditionSql(node, alias);
}

/** SQL for a filter (all of its nodes); a comparison with NULL is false (SQL's "unknown" is not a match). */
export function whereSql(filter: Filter, alias: string): string {
  return filter.length === 0 ? 'TRUE' : filter.map((n) => `COALESCE(${nodeSql(n, alias)}, FALSE)`).join(' AND ');
}

function eventMatchSql(numerator: Extract<Numerator, { kind: 'event' }>, alias: string): string {
  const types = eventTypesOf(numerator);
  const typeSql = types.length === 0 ? 'FALSE' : `${alias}."type" IN (${types.map(literal).join(', ')})`;
  return `${typeSql} AND ${whereSql(numerator.where ?? [], alias)}`;
}

// ---------------------------------------------------------------------------------------
// Earlier per-base-area counts (kept for existing callers).

function numeratorSql(numerator: Numerator, schema: SqlSchema): string {
  if (numerator.kind === 'persons') return whereSql(numerator.where, 'p');
  if (numerator.kind === 'value') throw new Error('compileIndicator counts persons; use compilePackQuery for value indicators');
  return (
    `EXISTS (SELECT 1 FROM ${identifier(schema.eventsTable)} e ` +
    `WHERE e.person_id = p.person_id AND e.period = p.period AND ${eventMatchSql(numerator, 'e')})`
  );
}

/** SQL returning (indicator_id, period, area_id, numerator, denominator) per base area and period. */
export function compileIndicator(def: Indicator, schema: SqlSchema = DEFAULT_SCHEMA): string {
  const area = identifier(schema.areaColumn);
  return [
    `SELECT ${literal(def.id)} AS indicator_id, p.period AS period, p.${area} AS area_id,`,
    `  CAST(SUM(CASE WHEN ${numeratorSql(def.numerator, schema)} THEN 1 ELSE 0 END) AS DOUBLE) AS numerator,`,
    `  CAST(COUNT(*) AS DOUBLE) AS denominator`,
    `FROM ${identifier(schema.personsTable)} p`,
    `WHERE ${whereSql(def.population, 'p')}`,
    `GROUP BY p.period, p.${area}`,
  ].join('\n');
}

/** One query for the whole pack, ordered so results are stable across engines. */
export function compilePack(pack: readonly Indicator[], schema: SqlSchema = DEFAULT_SCHEMA): string {
  if (pack.length === 0) throw new Error('an indicator pack needs at least one indicator');
  return `${pack.map((def) => `(${compileIndicator(def, schema)})`).join('\nUNION ALL\n')}\nORDER BY indicator_id, period, area_id`;
}

// ---------------------------------------------------------------------------------------
// The engine.

/** One row of the engine's result (see compilePackQuery). */
export interface EngineRow {
  indicator_id: string;
  layer_id: string;
  period: number;
  area_id: string;
  /** Count (share, per1000), or the sum of the values (mean/dkk mean); null for medians. */
  numerator: number | null;
  /** Persons in the population (counts), or persons with a value (means, medians). */
  denominator: number;
  /** Sum of squared values (means), else null. */
  sum_sq: number | null;
  /** The median (median indicators), else null. */
  median: number | null;
}

export const ENGINE_COLUMNS = ['indicator_id', 'layer_id', 'period', 'area_id', 'numerator', 'denominator', 'sum_sq', 'median'] as const;

function checkUniqueIds(indicators: readonly Indicator[]): void {
  const seen = new Set<string>();
  for (const ind of indicators) {
    if (seen.has(ind.id)) throw new Error(`indicator id "${ind.id}" occurs twice`);
    seen.add(ind.id);
  }
}

function windowOf(ind: Indicator): number {
  const w = ind.window ?? 1;
  if (!Number.isInteger(w) || w < 1 || w > 50) throw new Error(`indicator "${ind.id}": window must be a whole number 1–50`);
  return w;
}

/**
 * The SQL computing a whole pack: rows (indicator_id, layer_id, period, area_id,
 * numerator, denominator, sum_sq, median) for every area of every layer in area_map
 * (including the municipality pseudo-layer) and every period with residents, ordered by
 * indicator_id, layer_id, period, area_id.
 */
export function compilePackQuery(indicators: readonly Indicator[], schema: SqlSchema = DEFAULT_SCHEMA): string {
  if (indicators.length === 0) throw new Error('an indicator pack needs at least one indicator');
  checkUniqueIds(indicators);
  const persons = identifier(schema.personsTable);
  const events = identifier(schema.eventsTable);
  const area = identifier(schema.areaColumn);
  const areaMap = identifier(AREA_MAP_TABLE);

  const residenceEvents: string[] = [];
  const eventAreaEvents: string[] = [];
  const baseColumns: string[] = [];
  const rolledColumns: string[] = [];
  const outputs: string[] = [];
  const rolled = (w: number) => (w === 1 ? 'rolled r' : `rolled r JOIN periods t ON r.period BETWEEN t.period - ${w - 1} AND t.period AND t.period - ${w - 1} >= (SELECT MIN(period) FROM periods)`);
  const periodExpr = (w: number) => (w === 1 ? 'r.period' : 't.period');
  const sumOf = (column: string, w: number) => (w === 1 ? `r.${column}` : `SUM(r.${column})`);
  const groupBy = (w: number) => (w === 1 ? '' : ' GROUP BY r.layer_id, t.period, r.area_id');

  indicators.forEach((ind, i) => {
    literal(ind.id);
    const w = windowOf(ind);
    const pop = whereSql(ind.population, 'p');
    const n = ind.numerator;
    const d = `d_${i}`;
    const num = `n_${i}`;
    if (n.kind === 'value' && n.statistic === 'median') {
      const column = `p.${identifier(n.column)}`;
      const from = w === 1
        ? `${persons} p JOIN ${areaMap} m ON m.base_area_id = p.${area}`
        : `${persons} p JOIN ${areaMap} m ON m.base_area_id = p.${area} JOIN periods t ON p.period BETWEEN t.period - ${w - 1} AND t.period AND t.period - ${w - 1} >= (SELECT MIN(period) FROM periods)`;
      const period = w === 1 ? 'p.period' : 't.period';
      outputs.push(
        `SELECT ${literal(ind.id)} AS indicator_id, m.layer_id AS layer_id, ${period} AS period, m.area_id AS area_id, ` +
          `CAST(NULL AS DOUBLE) AS numerator, CAST(COUNT(${column}) AS DOUBLE) AS denominator, CAST(NULL AS DOUBLE) AS sum_sq, ` +
          `CAST(median(${column}) AS DOUBLE) AS median FROM ${from} WHERE ${pop} AND ${column} IS NOT NULL GROUP BY m.layer_id, ${period}, m.area_id`,
      );
      return;
    }
    let sumSq = 'CAST(NULL AS DOUBLE)';
    if (n.kind === 'value') {
      const column = `p.${identifier(n.column)}`;
      baseColumns.push(
        `COUNT(${column}) FILTER (WHERE ${pop}) AS ${d}`,
        `SUM(${column}) FILTER (WHERE ${pop}) AS ${num}`,
        `SUM(CAST(${column} AS DOUBLE) * CAST(${column} AS DOUBLE)) FILTER (WHERE ${pop}) AS q_${i}`,
      );
      rolledColumns.push(`SUM(b.${d}) AS ${d}`, `SUM(b.${num}) AS ${num}`, `SUM(b.q_${i}) AS q_${i}`);
      sumSq = `CAST(${sumOf(`q_${i}`, w)} AS DOUBLE)`;
    } else {
      baseColumns.push(`COUNT(*) FILTER (WHERE ${pop}) AS ${d}`);
      if (n.kind === 'persons') {
        baseColumns.push(`COUNT(*) FILTER (WHERE ${pop} AND ${whereSql(n.where, 'p')}) AS ${num}`);
      } else if (n.area === 'event') {
        eventAreaEvents.push(`COUNT(*) FILTER (WHERE ${eventMatchSql(n, 'e')}) AS ea_${i}`);
        baseColumns.push(`0 AS ${num}`);
      } else {
        residenceEvents.push(`COUNT(*) FILTER (WHERE ${eventMatchSql(n, 'e')}) AS ev_${i}`);
        baseColumns.push(
          countsEvents(n)
            ? `COALESCE(SUM(ev.ev_${i}) FILTER (WHERE ${pop}), 0) AS ${num}`
            : `COUNT(*) FILTER (WHERE ${pop} AND ev.ev_${i} > 0) AS ${num}`,
        );
      }
      const rolledNum = n.kind === 'event' && n.area === 'event' ? `SUM(COALESCE(ea.ea_${i}, 0)) AS ${num}` : `SUM(b.${num}) AS ${num}`;
      rolledColumns.push(`SUM(b.${d}) AS ${d}`, rolledNum);
    }
    outputs.push(
      `SELECT ${literal(ind.id)} AS indicator_id, r.layer_id AS layer_id, ${periodExpr(w)} AS period, r.area_id AS area_id, ` +
        `CAST(${sumOf(num, w)} AS DOUBLE) AS numerator, CAST(${sumOf(d, w)} AS DOUBLE) AS denominator, ${sumSq} AS sum_sq, ` +
        `CAST(NULL AS DOUBLE) AS median FROM ${rolled(w)}${groupBy(w)}`,
    );
  });

  const ctes: string[] = [`periods AS (SELECT DISTINCT period FROM ${persons})`];
  if (residenceEvents.length > 0) {
    ctes.push(`ev AS (SELECT e.period AS period, e.person_id AS person_id, ${residenceEvents.join(', ')} FROM ${events} e GROUP BY e.period, e.person_id)`);
  }
  if (eventAreaEvents.length > 0) {
    ctes.push(`ea AS (SELECT e.period AS period, e.${area} AS base_area_id, ${eventAreaEvents.join(', ')} FROM ${events} e GROUP BY e.period, e.${area})`);
  }
  if (baseColumns.length > 0) {
    const evJoin = residenceEvents.length > 0 ? ' LEFT JOIN ev ON ev.period = p.period AND ev.person_id = p.person_id' : '';
    ctes.push(`base AS (SELECT p.period AS period, p.${area} AS base_area_id, ${baseColumns.join(', ')} FROM ${persons} p${evJoin} GROUP BY p.period, p.${area})`);
    const eaJoin = eventAreaEvents.length > 0 ? ' LEFT JOIN ea ON ea.period = b.period AND ea.base_area_id = b.base_area_id' : '';
    ctes.push(
      `rolled AS (SELECT m.layer_id AS layer_id, b.period AS period, m.area_id AS area_id, ${rolledColumns.join(', ')} ` +
        `FROM base b JOIN ${areaMap} m ON m.base_area_id = b.base_area_id${eaJoin} GROUP BY m.layer_id, b.period, m.area_id)`,
    );
  }
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM (\n${outputs.join('\nUNION ALL\n')}\n) ORDER BY indicator_id, layer_id, period, area_id`;
}
