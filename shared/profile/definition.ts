/**
 * Target-group profiles (programme element 2, "problem analysis"): a group of residents
 * defined declaratively — a period, an area filter and conditions on the person-period
 * table in the indicator packs' filter vocabulary — against a comparison population. The
 * app compiles the definition to SQL that returns aggregates only (compile.ts), turns
 * them into the characteristics that differ most (statistics.ts) and never lists or
 * scores a person. Method: docs/target-group.md.
 */
import type { ExtractManifest, ManifestTable } from '../extract/manifest';
import type { LayerArea } from '../indicators/areas';
import type { Condition, Filter, FilterNode, LocalizedText } from '../indicators/pack';

/** Smallest count shown (group or comparison, per category or per mean); smaller counts are suppressed. */
export const MIN_CELL = 5;
/**
 * Whether a zero count may be shown. false (this brief: "any count below the minimum cell
 * size is suppressed"): a zero — and with it a 100 % share — is suppressed like 1–4,
 * because it says something about every member of the group; zeros the group's own
 * conditions force are shown all the same. true: zeros are published, as in
 * shared/disclosure's default (`zeroIsSafe`) and τ-ARGUS's. See docs/target-group.md.
 */
export const ZERO_IS_SAFE = false;
/** Smallest group (and comparison population) for which a profile is made at all. */
export const MIN_GROUP_SIZE = 20;
/** Text columns with more distinct values than this are no characteristics (they would identify). */
export const MAX_CATEGORIES = 30;
/** Confidence level of the intervals. */
export const CONFIDENCE = 0.95;

/**
 * Columns whose use is legally or ethically contested, with the reason. They are left
 * out of a profile, and cannot be used in its conditions, unless the analyst explicitly
 * includes them (as the official-criteria pack's contested origin indicator, see
 * shared/indicators/pack.ts `contested`).
 */
export const CONTESTED_COLUMNS: Readonly<Record<string, LocalizedText>> = {
  origin: {
    da: 'Herkomst (ikkevestlig) er et omstridt kriterium: EU-Domstolens sag C-417/23 angår, om brugen af det strider mod forbuddet mod forskelsbehandling på grund af race eller etnisk oprindelse. Det vises kun, når du selv slår det til.',
    en: 'Origin (non-Western descent) is a contested criterion: EU Court case C-417/23 concerns whether using it breaches the prohibition of discrimination on grounds of racial or ethnic origin. It is shown only when you switch it on yourself.',
  },
};

/** The areas of one layer, or the whole municipality. */
export type AreaFilter = { kind: 'municipality' } | { kind: 'areas'; layerId: string; areaIds: readonly string[] };

/**
 * What the group is compared with:
 * - 'rest-of-municipality': everyone in the municipality who is not in the group (with
 *   comparisonConditions 'same': everyone outside the group's areas who meets its conditions);
 * - 'municipality': everyone in the municipality, the group included;
 * - an area filter: the residents of those areas (they may overlap the group's).
 */
export type ComparisonPopulation = 'rest-of-municipality' | 'municipality' | AreaFilter;

export interface TargetGroupDefinition {
  /** The period (year) of the person-period rows. */
  period: number;
  area: AreaFilter;
  /** Conditions on the person-period table's columns (all must hold; [] = everyone in the area). */
  conditions: Filter;
  comparison: ComparisonPopulation;
  /** Whether the comparison population must meet the group's conditions too (default 'none'). */
  comparisonConditions?: 'none' | 'same';
  /** Include contested columns (CONTESTED_COLUMNS) as characteristics and in conditions (default false). */
  includeContested?: boolean;
}

export type ColumnKind = 'categorical' | 'numeric';

/** A column of the person-period table that can describe a group. */
export interface ProfileColumn {
  name: string;
  type: ManifestTable['columns'][number]['type'];
  kind: ColumnKind;
  /** Why the column is contested (it is then left out unless included), else null. */
  contested: LocalizedText | null;
}

export type ExclusionReason = 'identifier' | 'date' | 'too-many-categories';

export interface ExcludedColumn {
  name: string;
  reason: ExclusionReason;
}

/** The person-period table of an extract (the table a profile describes). */
export function personTableOf(manifest: ExtractManifest): ManifestTable {
  const table = manifest.tables.find((t) => t.kind === 'person-period');
  if (!table) throw new Error('the extract has no person-period table');
  return table;
}

/** Columns that identify a row rather than describe a person: never characteristics, never conditions. */
export function isIdentifierColumn(name: string, manifest: ExtractManifest): boolean {
  return name === 'period' || name === 'person_id' || name === manifest.baseAreaColumn || name.endsWith('_id');
}

/**
 * The person-period table's columns split into characteristics (strings and booleans are
 * categorical, numbers numeric) and columns left out (identifiers, dates). Contested
 * columns are listed with their reason; whether they are used is the definition's choice.
 * Text columns with too many categories are left out later, from the data (run.ts).
 */
export function profileColumns(manifest: ExtractManifest): { columns: ProfileColumn[]; excluded: ExcludedColumn[] } {
  const columns: ProfileColumn[] = [];
  const excluded: ExcludedColumn[] = [];
  for (const c of personTableOf(manifest).columns) {
    if (isIdentifierColumn(c.name, manifest)) excluded.push({ name: c.name, reason: 'identifier' });
    else if (c.type === 'DATE') excluded.push({ name: c.name, reason: 'date' });
    else {
      const kind: ColumnKind = c.type === 'VARCHAR' || c.type === 'BOOLEAN' ? 'categorical' : 'numeric';
      columns.push({ name: c.name, type: c.type, kind, contested: CONTESTED_COLUMNS[c.name] ?? null });
    }
  }
  return { columns, excluded };
}

function isCondition(node: FilterNode): node is Condition {
  return 'column' in node;
}

/** Every column a filter names (in nested groups too). */
export function filterColumns(filter: Filter): Set<string> {
  const out = new Set<string>();
  const walk = (node: FilterNode): void => {
    if (isCondition(node)) out.add(node.column);
    else for (const child of 'all' in node ? node.all : node.any) walk(child);
  };
  filter.forEach(walk);
  return out;
}

/** A category as the engine returns it (CAST … AS VARCHAR; booleans 'true'/'false'), null for a missing value. */
export type Category = string | null;

/** Scalars of a condition as categories. */
function asCategory(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function allowedByNode(node: FilterNode, column: string): Set<Category> | null {
  if (isCondition(node)) {
    if (node.column !== column) return null;
    if (node.op === 'in') return new Set(node.values.map(asCategory));
    if (node.op === 'eq') return new Set([asCategory(node.value)]);
    if (node.op === 'is-null') return new Set([null]);
    return null;
  }
  if ('any' in node) {
    const union = new Set<Category>();
    for (const child of node.any) {
      const allowed = allowedByNode(child, column);
      if (allowed === null) return null;
      for (const v of allowed) union.add(v);
    }
    return union;
  }
  return null;
}

/**
 * The categories of a column the conditions allow, when the conditions say so plainly
 * (top-level `in`/`eq`/`is-null` on the column, or `any` of them); null when they do not
 * restrict the column that way. A category outside the set is zero by definition (a
 * structural zero): it says nothing about anyone, so it is not suppressed.
 */
export function allowedCategories(filter: Filter, column: string): Set<Category> | null {
  const sets = filter.map((node) => allowedByNode(node, column)).filter((s): s is Set<Category> => s !== null);
  const [first, ...rest] = sets;
  if (!first) return null;
  return new Set([...first].filter((v) => rest.every((s) => s.has(v))));
}

export interface DefinitionProblem {
  field: 'period' | 'area' | 'conditions' | 'comparison';
  message: LocalizedText;
}

function checkAreaFilter(area: AreaFilter, field: 'area' | 'comparison', manifest: ExtractManifest, areas: readonly LayerArea[] | undefined): DefinitionProblem[] {
  if (area.kind === 'municipality') return [];
  const problems: DefinitionProblem[] = [];
  if (!manifest.areaLayers.some((l) => l.id === area.layerId)) {
    problems.push({ field, message: { da: `Ukendt områdelag "${area.layerId}".`, en: `Unknown area layer "${area.layerId}".` } });
  }
  if (area.areaIds.length === 0) {
    problems.push({
      field,
      message: field === 'area'
        ? { da: 'Vælg mindst ét område for målgruppen.', en: 'Choose at least one area for the group.' }
        : { da: 'Vælg mindst ét område at sammenligne med.', en: 'Choose at least one area to compare with.' },
    });
  } else if (areas) {
    const known = new Set(areas.filter((a) => a.layerId === area.layerId).map((a) => a.areaId));
    const unknown = area.areaIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      problems.push({ field, message: { da: `Ukendte områder: ${unknown.join(', ')}.`, en: `Unknown areas: ${unknown.join(', ')}.` } });
    }
  }
  return problems;
}

function checkCondition(condition: Condition, manifest: ExtractManifest, byName: Map<string, ProfileColumn>, includeContested: boolean): DefinitionProblem | null {
  const name = condition.column;
  const problem = (da: string, en: string): DefinitionProblem => ({ field: 'conditions', message: { da, en } });
  if (isIdentifierColumn(name, manifest)) {
    return problem(
      `Betingelser kan ikke bruge "${name}": periode og område vælges for sig, og personer udpeges aldrig enkeltvis.`,
      `Conditions cannot use "${name}": period and area are chosen separately, and persons are never picked out one by one.`,
    );
  }
  const column = byName.get(name);
  if (!column) return problem(`Persontabellen har ingen kolonne "${name}".`, `The person table has no column "${name}".`);
  if (column.contested && !includeContested) {
    return problem(
      `Kolonnen "${name}" er omstridt og kan kun bruges, når du har slået omstridte kolonner til.`,
      `The column "${name}" is contested and can only be used when you have switched contested columns on.`,
    );
  }
  const numericOps = ['between', 'lt', 'lte', 'gt', 'gte'];
  if (column.kind === 'categorical' && numericOps.includes(condition.op)) {
    return problem(`"${name}" er en kategori; brug "er en af".`, `"${name}" is categorical; use "is one of".`);
  }
  if (condition.op === 'between' && !(condition.min <= condition.max)) {
    return problem(`Intervallet for "${name}" er tomt (${condition.min}–${condition.max}).`, `The range for "${name}" is empty (${condition.min}–${condition.max}).`);
  }
  return null;
}

/**
 * Problems with a definition on this extract (empty: it can be run). `areas` (the area
 * map's areas) lets unknown area ids be named; without it only the layer is checked.
 */
export function checkDefinition(
  definition: TargetGroupDefinition,
  manifest: ExtractManifest,
  areas?: readonly LayerArea[],
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!manifest.periods.includes(definition.period)) {
    problems.push({ field: 'period', message: { da: `Udtrækket har ingen periode ${definition.period}.`, en: `The extract has no period ${definition.period}.` } });
  }
  problems.push(...checkAreaFilter(definition.area, 'area', manifest, areas));
  if (typeof definition.comparison !== 'string') problems.push(...checkAreaFilter(definition.comparison, 'comparison', manifest, areas));
  const byName = new Map(profileColumns(manifest).columns.map((c) => [c.name, c]));
  const walk = (node: FilterNode): void => {
    if (isCondition(node)) {
      const problem = checkCondition(node, manifest, byName, definition.includeContested ?? false);
      if (problem) problems.push(problem);
    } else for (const child of 'all' in node ? node.all : node.any) walk(child);
  };
  definition.conditions.forEach(walk);
  if (definition.comparison === 'rest-of-municipality' && definition.area.kind === 'municipality' && definition.conditions.length === 0) {
    problems.push({
      field: 'comparison',
      message: {
        da: 'Målgruppen er hele kommunen, så "resten af kommunen" er tom. Afgræns målgruppen eller vælg en anden sammenligning.',
        en: 'The group is the whole municipality, so "the rest of the municipality" is empty. Narrow the group or choose another comparison.',
      },
    });
  }
  return problems;
}
