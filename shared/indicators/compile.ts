/**
 * Compiles indicator definitions to SQL. The same SQL runs in DuckDB-wasm and in
 * native DuckDB. Identifiers are checked against a strict pattern and literals are
 * escaped, because packs may come from analysts' own files.
 */
import type { Condition, IndicatorDefinition, Numerator } from './pack';

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
  return `'${value.replaceAll("'", "''")}'`;
}

function conditionSql(condition: Condition, alias: string): string {
  const column = `${alias}.${identifier(condition.column)}`;
  switch (condition.op) {
    case 'between':
      return `${column} BETWEEN ${literal(condition.min)} AND ${literal(condition.max)}`;
    case 'in':
      if (condition.values.length === 0) return 'FALSE';
      return `${column} IN (${condition.values.map(literal).join(', ')})`;
    case 'eq':
      return `${column} = ${literal(condition.value)}`;
  }
}

function whereSql(conditions: readonly Condition[], alias: string): string {
  return conditions.length === 0 ? 'TRUE' : conditions.map((c) => conditionSql(c, alias)).join(' AND ');
}

function numeratorSql(numerator: Numerator, schema: SqlSchema): string {
  if (numerator.kind === 'persons') return whereSql(numerator.where, 'p');
  return (
    `EXISTS (SELECT 1 FROM ${identifier(schema.eventsTable)} e ` +
    `WHERE e.person_id = p.person_id AND e.period = p.period AND e.type = ${literal(numerator.eventType)})`
  );
}

/** SQL returning (indicator_id, period, area_id, numerator, denominator) per base area and period. */
export function compileIndicator(def: IndicatorDefinition, schema: SqlSchema = DEFAULT_SCHEMA): string {
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
export function compilePack(pack: readonly IndicatorDefinition[], schema: SqlSchema = DEFAULT_SCHEMA): string {
  if (pack.length === 0) throw new Error('an indicator pack needs at least one indicator');
  return `${pack.map((def) => `(${compileIndicator(def, schema)})`).join('\nUNION ALL\n')}\nORDER BY indicator_id, period, area_id`;
}
