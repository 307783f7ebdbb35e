/** Checks extract.json's internal references before any file is read. */
import type { ProblemList } from './problems';
import type { BuildSpec } from './spec';
import { kindRules } from './table-kinds';

export function validateSpecReferences(spec: BuildSpec, problems: ProblemList): void {
  const layerIds = new Set<string>();
  for (const layer of spec.areaLayers) {
    if (layerIds.has(layer.id)) problems.add('spec-duplicate-name', { what: 'layer', name: layer.id }, { layer: layer.id });
    layerIds.add(layer.id);
  }
  if (!layerIds.has(spec.baseLayer)) problems.add('spec-unknown-layer', { field: 'baseLayer', layer: spec.baseLayer });
  for (const layer of spec.areaLayers) {
    if (layer.parent && (!layerIds.has(layer.parent.layer) || layer.parent.layer === layer.id)) {
      problems.add('spec-unknown-layer', { field: `areaLayers[${layer.id}].parent.layer`, layer: layer.parent.layer }, { layer: layer.id });
    }
  }

  const tableNames = new Set<string>();
  for (const table of spec.tables) {
    const place = { table: table.name };
    if (tableNames.has(table.name)) problems.add('spec-duplicate-name', { what: 'table', name: table.name }, place);
    tableNames.add(table.name);
    const columns = new Map<string, string>();
    for (const column of table.columns) {
      if (columns.has(column.name)) problems.add('spec-duplicate-name', { what: 'column', name: column.name }, { ...place, column: column.name });
      columns.set(column.name, column.type);
    }
    if (table.areaLayer && !layerIds.has(table.areaLayer)) {
      problems.add('spec-unknown-layer', { field: `tables[${table.name}].areaLayer`, layer: table.areaLayer }, place);
    }
    const rules = kindRules(table.kind, table, spec);
    for (const required of rules.required) {
      const declared = columns.get(required.name);
      if (declared === undefined) {
        problems.add('spec-required-column', { kind: table.kind, column: required.name, types: required.types }, { ...place, column: required.name });
      } else if (!(required.types as readonly string[]).includes(declared)) {
        problems.add('spec-required-type', { column: required.name, types: required.types, declared }, { ...place, column: required.name });
      }
    }
    for (const column of [...rules.key, ...rules.sortBy, ...(rules.area ? [rules.area.column] : [])]) {
      if (!columns.has(column) && !rules.required.some((r) => r.name === column)) {
        problems.add('spec-key-column', { column }, { ...place, column });
      }
    }
  }
  if (spec.tables.some((t) => t.kind === 'city-life-counts') && !spec.tables.some((t) => t.kind === 'city-life-sites')) {
    problems.add('spec-unknown-table', { field: 'city-life-counts', kind: 'city-life-sites' });
  }

  for (const name of spec.pseudonymise ?? []) {
    const holders = spec.tables.flatMap((t) => t.columns.filter((c) => c.name === name).map((c) => ({ table: t.name, type: c.type })));
    if (holders.length === 0) problems.add('spec-pseudonymise-column', { column: name });
    for (const h of holders) {
      if (h.type !== 'VARCHAR') problems.add('spec-pseudonymise-type', { column: name, declared: h.type }, { table: h.table, column: name });
    }
  }
}
