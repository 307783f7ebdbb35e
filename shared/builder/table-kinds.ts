/**
 * What each table kind must hold, so the app can rely on it: required columns with their
 * allowed types, the default unique key, the area-code column and the default row order.
 */
import type { ColumnType } from '../extract/parquet-write';
import type { BuildSpec, TableKind, TableSpec } from './spec';

export interface RequiredColumn {
  name: string;
  types: readonly ColumnType[];
  /** Measures may be empty or suppressed (FLIS suppresses small cells); identifiers may not. */
  mayBeEmpty?: boolean;
}

export interface KindRules {
  required: RequiredColumn[];
  /** Columns whose combination must be unique (empty: none). */
  key: string[];
  /** Column with area codes and the layer they refer to, when the table has one. */
  area: { column: string; layer: string } | null;
  /** Row order in the Parquet file. */
  sortBy: string[];
}

const NUMBER: readonly ColumnType[] = ['INTEGER', 'BIGINT', 'DOUBLE'];
const WHOLE: readonly ColumnType[] = ['INTEGER', 'BIGINT'];

export function kindRules(kind: TableKind, table: TableSpec, spec: BuildSpec): KindRules {
  const declared = (name: string) => table.columns.some((c) => c.name === name);
  const baseArea = { column: spec.baseAreaColumn, layer: spec.baseLayer };
  const areaOverride = table.areaColumn ? { column: table.areaColumn, layer: table.areaLayer ?? spec.baseLayer } : null;
  const rules = ((): KindRules => {
    switch (kind) {
      case 'person-period':
        return {
          required: [
            { name: 'period', types: ['INTEGER'] },
            { name: 'person_id', types: ['VARCHAR'] },
            { name: spec.baseAreaColumn, types: ['VARCHAR'] },
          ],
          key: ['person_id', 'period'],
          area: baseArea,
          sortBy: ['person_id', 'period'],
        };
      case 'events':
        return {
          required: [
            { name: 'period', types: ['INTEGER'] },
            { name: 'person_id', types: ['VARCHAR'] },
            { name: spec.baseAreaColumn, types: ['VARCHAR'] },
            { name: 'type', types: ['VARCHAR'] },
          ],
          key: [],
          area: baseArea,
          sortBy: ['person_id', 'period', 'type'],
        };
      case 'aggregates':
        return {
          required: [
            { name: 'area_id', types: ['VARCHAR'] },
            { name: 'period', types: ['INTEGER'] },
            { name: 'measure', types: ['VARCHAR'] },
            { name: 'numerator', types: NUMBER, mayBeEmpty: true },
            { name: 'denominator', types: NUMBER, mayBeEmpty: true },
          ],
          key: ['area_id', 'period', 'measure'],
          area: { column: 'area_id', layer: table.areaLayer ?? spec.baseLayer },
          sortBy: ['measure', 'period', 'area_id'],
        };
      case 'reference':
        return {
          required: [
            { name: 'level', types: ['VARCHAR'] },
            { name: 'period', types: ['INTEGER'] },
            { name: 'measure', types: ['VARCHAR'] },
            { name: 'value', types: NUMBER, mayBeEmpty: true },
          ],
          key: ['level', 'period', 'measure'],
          area: null,
          sortBy: ['measure', 'period', 'level'],
        };
      case 'city-life-sites':
        return {
          required: [
            { name: 'site_id', types: ['VARCHAR'] },
            { name: 'name', types: ['VARCHAR'] },
            { name: 'lon', types: ['DOUBLE'] },
            { name: 'lat', types: ['DOUBLE'] },
          ],
          key: ['site_id'],
          area: declared('area_id') ? { column: 'area_id', layer: table.areaLayer ?? spec.baseLayer } : null,
          sortBy: ['site_id'],
        };
      case 'city-life-counts':
        return {
          required: [
            { name: 'site_id', types: ['VARCHAR'] },
            { name: 'date', types: ['DATE'] },
            { name: 'count', types: WHOLE, mayBeEmpty: true },
          ],
          key: [],
          area: null,
          sortBy: ['site_id', 'date'],
        };
    }
  })();
  const key = table.key ?? rules.key;
  return { ...rules, key, area: areaOverride ?? rules.area, sortBy: table.sortBy ?? rules.sortBy };
}

/** Columns that may never be empty: key columns and required identifiers (not measures). */
export function mustHaveValue(rules: KindRules, column: string): boolean {
  return rules.required.some((r) => r.name === column && !r.mayBeEmpty) || rules.key.includes(column);
}
