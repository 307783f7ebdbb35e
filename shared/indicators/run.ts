/**
 * Runs a pack on any SQL engine that holds the extract's tables (DuckDB-wasm in the app,
 * native DuckDB in `npm run compute`): the same statements, the same results code.
 */
import type { ExtractManifest } from '../extract/manifest';
import type { GeoJsonFeatureCollection } from '../extract/unpack';
import { areaMapSql, buildAreaMap, type AreaMap } from './areas';
import { compilePackQuery, identifier, type EngineRow } from './compile';
import type { Indicator } from './pack';
import { buildPackResults, type PackResults, type ReferenceRow } from './results';

export interface SqlRunner {
  /** Runs a statement and returns its rows as plain objects (numbers as JS numbers). */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

export interface PackComputation {
  areaMap: AreaMap;
  /** The engine's rows, normalised (numbers, strings), in the query's order. */
  rows: EngineRow[];
  results: PackResults;
  sql: string;
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : Number(value);
}

export function normaliseEngineRow(r: Record<string, unknown>): EngineRow {
  return {
    indicator_id: String(r['indicator_id']),
    layer_id: String(r['layer_id']),
    period: num(r['period']) ?? Number.NaN,
    area_id: String(r['area_id']),
    numerator: num(r['numerator']),
    denominator: num(r['denominator']) ?? 0,
    sum_sq: num(r['sum_sq']),
    median: num(r['median']),
  };
}

/** Reads the extract's reference table (kind "reference": indicator_id, period, level, value), if any. */
async function readReferences(runner: SqlRunner, manifest: ExtractManifest): Promise<ReferenceRow[]> {
  const table = manifest.tables.find((t) => t.kind === 'reference');
  if (!table) return [];
  const columns = new Set(table.columns.map((c) => c.name));
  if (!['indicator_id', 'period', 'level', 'value'].every((c) => columns.has(c))) return [];
  const rows = await runner.query(`SELECT indicator_id, period, level, CAST(value AS DOUBLE) AS value FROM ${identifier(table.name)} WHERE level IN ('region', 'nation')`);
  return rows.map((r) => ({
    indicator_id: String(r['indicator_id']),
    period: num(r['period']) ?? Number.NaN,
    level: r['level'] === 'nation' ? 'nation' : 'region',
    value: num(r['value']) ?? Number.NaN,
  }));
}

export async function computePack(
  runner: SqlRunner,
  indicators: readonly Indicator[],
  manifest: ExtractManifest,
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>,
): Promise<PackComputation> {
  const areaMap = buildAreaMap(manifest, layers);
  for (const statement of areaMapSql(areaMap.rows)) await runner.query(statement);
  const sql = compilePackQuery(indicators, { personsTable: personsTableOf(manifest), eventsTable: eventsTableOf(manifest), areaColumn: manifest.baseAreaColumn });
  const rows = (await runner.query(sql)).map(normaliseEngineRow);
  const references = await readReferences(runner, manifest);
  const results = buildPackResults(rows, indicators, areaMap.areas, manifest.periods, references);
  return { areaMap, rows, results, sql };
}

export function personsTableOf(manifest: ExtractManifest): string {
  return manifest.tables.find((t) => t.kind === 'person-period')?.name ?? 'persons';
}

export function eventsTableOf(manifest: ExtractManifest): string {
  return manifest.tables.find((t) => t.kind === 'events')?.name ?? 'events';
}
