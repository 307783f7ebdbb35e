/**
 * Checks across tables and layers once everything is read: area codes against geometry,
 * periods against extract.json, unique keys, parent codes, city-life sites, and CPR numbers
 * in any column that is not pseudonymised.
 */
import type { CellValue } from '../extract/parquet-write';
import { looksLikeCprColumn, scanForCpr } from './cpr';
import type { ReadLayer } from './geo/read-layer';
import type { ProblemList } from './problems';
import { specPeriods, type BuildSpec } from './spec';
import { kindRules } from './table-kinds';
import type { TypedColumn, TypedTable } from './tables/coerce';

const SAMPLE = 10;

function column(table: TypedTable, name: string): TypedColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

function sortedCodes(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => a.localeCompare(b, 'da', { numeric: true }));
}

function checkAreaCodes(spec: BuildSpec, tables: readonly TypedTable[], layers: ReadonlyMap<string, ReadLayer>, problems: ProblemList): void {
  // layer id → tables referring to it, and the codes they use
  const usage = new Map<string, { tables: string[]; codes: Set<string> }>();
  for (const table of tables) {
    const rules = kindRules(table.spec.kind, table.spec, spec);
    if (!rules.area) continue;
    const layer = layers.get(rules.area.layer);
    const codes = column(table, rules.area.column);
    if (!layer || !codes) continue;
    const known = new Set(layer.ids);
    const entry = usage.get(layer.spec.id) ?? { tables: [], codes: new Set<string>() };
    entry.tables.push(table.spec.name);
    usage.set(layer.spec.id, entry);
    const unknown = new Set<string>();
    const rows: number[] = [];
    codes.values.forEach((v, i) => {
      if (v === null) return;
      const code = String(v);
      entry.codes.add(code);
      if (!known.has(code)) {
        unknown.add(code);
        rows.push(table.rowNumbers[i]!);
      }
    });
    const list = sortedCodes(unknown);
    const place = { table: table.spec.name, file: table.file, column: codes.name };
    for (const row of rows) problems.addRow('area-code-unknown', { layer: layer.spec.id, codes: list.slice(0, SAMPLE), total: list.length }, place, row);
  }
  for (const [layerId, entry] of usage) {
    const layer = layers.get(layerId)!;
    const unused = sortedCodes(new Set(layer.ids.filter((id) => !entry.codes.has(id))));
    if (unused.length > 0) {
      problems.add('area-unused', { tables: entry.tables, codes: unused.slice(0, SAMPLE), total: unused.length }, { layer: layerId, file: layer.summary.file });
    }
  }
}

function checkPeriods(spec: BuildSpec, tables: readonly TypedTable[], problems: ProblemList): void {
  const allowed = specPeriods(spec);
  const allowedSet = new Set(allowed);
  const range = allowed.length > 1 && allowed[allowed.length - 1]! - allowed[0]! === allowed.length - 1 ? `${allowed[0]}–${allowed[allowed.length - 1]}` : allowed.join(', ');
  for (const table of tables) {
    const period = column(table, 'period');
    if (!period || period.type !== 'INTEGER') continue;
    const place = { table: table.spec.name, file: table.file, column: 'period' };
    const outside = new Set<number>();
    const present = new Set<number>();
    const rows: number[] = [];
    period.values.forEach((v, i) => {
      if (v === null) return;
      const p = Number(v);
      present.add(p);
      if (!allowedSet.has(p)) {
        outside.add(p);
        rows.push(table.rowNumbers[i]!);
      }
    });
    if (outside.size > 0) {
      const list = [...outside].sort((a, b) => a - b).map(String);
      for (const row of rows) problems.addRow('period-outside', { periods: list.slice(0, SAMPLE), total: list.length, allowed: range }, place, row);
    }
    if (table.spec.kind === 'person-period' && table.rowNumbers.length > 0) {
      const missing = allowed.filter((p) => !present.has(p));
      if (missing.length > 0) problems.add('period-without-data', { periods: missing.map(String) }, place);
    }
  }
}

function keyText(values: readonly CellValue[]): string {
  return JSON.stringify(values.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
}

function checkKeys(spec: BuildSpec, tables: readonly TypedTable[], problems: ProblemList): void {
  for (const table of tables) {
    const rules = kindRules(table.spec.kind, table.spec, spec);
    if (rules.key.length === 0) continue;
    const keyColumns = rules.key.map((name) => column(table, name));
    if (keyColumns.some((c) => !c)) continue;
    const first = new Map<string, number>();
    const place = { table: table.spec.name, file: table.file, column: rules.key.join('+') };
    for (let i = 0; i < table.rowNumbers.length; i++) {
      const values = keyColumns.map((c) => c!.values[i] as CellValue);
      if (values.includes(null)) continue;
      const key = keyText(values);
      const row = table.rowNumbers[i]!;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, row);
      else problems.addRow('duplicate-key', { columns: rules.key, firstRow: seen }, place, row);
    }
  }
}

function checkParents(layers: ReadonlyMap<string, ReadLayer>, problems: ProblemList): void {
  for (const layer of layers.values()) {
    const parent = layer.spec.parent;
    if (!parent) continue;
    const parentLayer = layers.get(parent.layer);
    if (!parentLayer) continue;
    const known = new Set(parentLayer.ids);
    const unknown = new Set<string>();
    for (const f of layer.collection.features) {
      const value = f.properties[parent.property];
      const code = value === null || value === undefined ? '' : String(value);
      if (!known.has(code)) unknown.add(code);
    }
    if (unknown.size > 0) {
      const list = sortedCodes(unknown);
      problems.add('geo-parent-unknown', { parentLayer: parent.layer, ids: list.slice(0, SAMPLE), total: list.length }, { layer: layer.spec.id, file: layer.summary.file, column: parent.property });
    }
  }
}

function checkSites(tables: readonly TypedTable[], problems: ProblemList): void {
  const sites = tables.find((t) => t.spec.kind === 'city-life-sites');
  if (!sites) return;
  for (const name of ['lon', 'lat'] as const) {
    const c = column(sites, name);
    const limit = name === 'lon' ? 180 : 90;
    c?.values.forEach((v, i) => {
      if (v !== null && Math.abs(Number(v)) > limit) {
        problems.addRow('coordinate-range', { example: String(v) }, { table: sites.spec.name, file: sites.file, column: name }, sites.rowNumbers[i]!);
      }
    });
  }
  const known = new Set((column(sites, 'site_id')?.values ?? []).map((v) => String(v)));
  for (const counts of tables.filter((t) => t.spec.kind === 'city-life-counts')) {
    const ids = column(counts, 'site_id');
    if (!ids) continue;
    const unknown = new Set<string>();
    ids.values.forEach((v) => {
      if (v !== null && !known.has(String(v))) unknown.add(String(v));
    });
    if (unknown.size > 0) {
      const list = sortedCodes(unknown);
      problems.add('site-unknown', { codes: list.slice(0, SAMPLE), total: list.length }, { table: counts.spec.name, file: counts.file, column: 'site_id' });
    }
  }
}

function checkCpr(spec: BuildSpec, tables: readonly TypedTable[], layers: ReadonlyMap<string, ReadLayer>, problems: ProblemList): void {
  const pseudonymised = new Set(spec.pseudonymise ?? []);
  for (const table of tables) {
    for (const c of table.columns) {
      if (pseudonymised.has(c.name) || c.type === 'DOUBLE' || c.type === 'BOOLEAN' || c.type === 'DATE') continue;
      const scan = scanForCpr(c.values);
      if (looksLikeCprColumn(scan)) problems.add('cpr-column', { count: scan.matches }, { table: table.spec.name, file: table.file, column: c.name });
    }
  }
  for (const layer of layers.values()) {
    const properties = new Map<string, CellValue[]>();
    for (const f of layer.collection.features) {
      for (const [k, v] of Object.entries(f.properties)) {
        if (typeof v !== 'string' && typeof v !== 'number') continue;
        const list = properties.get(k) ?? [];
        list.push(v);
        properties.set(k, list);
      }
    }
    for (const [name, values] of [...properties].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const scan = scanForCpr(values);
      if (looksLikeCprColumn(scan)) problems.add('cpr-column', { count: scan.matches }, { layer: layer.spec.id, file: layer.summary.file, column: name });
    }
  }
}

export function validateData(spec: BuildSpec, tables: readonly TypedTable[], layers: ReadonlyMap<string, ReadLayer>, problems: ProblemList): void {
  checkAreaCodes(spec, tables, layers, problems);
  checkPeriods(spec, tables, problems);
  checkKeys(spec, tables, problems);
  checkParents(layers, problems);
  checkSites(tables, problems);
  checkCpr(spec, tables, layers, problems);
}
