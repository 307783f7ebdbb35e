/**
 * Checks a table and indexes it; builds the usual export tables (a cross product of
 * hierarchical dimensions) with all their margins stated as relations.
 */
import { DisclosureError, type LinearRelation, type PublishedTable, type TableCell } from './types';

export interface IndexedRelation {
  readonly total: number;
  readonly parts: readonly number[];
}

export interface IndexedTable<C extends TableCell = TableCell> {
  readonly cells: readonly C[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly relations: readonly IndexedRelation[];
  /** For each cell, the relations it takes part in (as a part or as the total). */
  readonly relationsOf: readonly (readonly number[])[];
  /** For each cell, the index of its denominator cell, or -1. */
  readonly denominatorCell: readonly number[];
  /** Pairs [numerator, denominator cell] of shares whose denominator is a cell. */
  readonly sharePairs: readonly (readonly [number, number])[];
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
}

/** Validates a table (unique ids, non-negative integer counts, relations that add up) and indexes it. */
export function indexTable<C extends TableCell>(table: { readonly cells: readonly C[]; readonly relations: readonly LinearRelation[] }): IndexedTable<C> {
  const indexOf = new Map<string, number>();
  table.cells.forEach((cell, i) => {
    if (typeof cell.id !== 'string' || cell.id === '') throw new DisclosureError(`Cell number ${i + 1} has no id.`);
    if (indexOf.has(cell.id)) throw new DisclosureError(`Cell id "${cell.id}" occurs twice; ids must be unique.`);
    if (!isCount(cell.value)) {
      throw new DisclosureError(`Cell "${cell.id}" has value ${String(cell.value)}; counts must be non-negative integers.`);
    }
    if (cell.denominator !== undefined) {
      if (!isCount(cell.denominator) || cell.denominator < cell.value) {
        throw new DisclosureError(
          `Cell "${cell.id}" has denominator ${String(cell.denominator)}; it must be an integer ≥ the numerator ${cell.value}.`,
        );
      }
      if (cell.denominatorCell !== undefined) {
        throw new DisclosureError(`Cell "${cell.id}" gives both a denominator and a denominator cell; give one.`);
      }
    }
    if (cell.cost !== undefined && !(typeof cell.cost === 'number' && cell.cost > 0 && Number.isFinite(cell.cost))) {
      throw new DisclosureError(`Cell "${cell.id}" has cost ${String(cell.cost)}; a cost must be a positive number.`);
    }
    indexOf.set(cell.id, i);
  });
  const lookup = (id: string, where: string): number => {
    const i = indexOf.get(id);
    if (i === undefined) throw new DisclosureError(`${where} names cell "${id}", which is not in the table.`);
    return i;
  };
  const denominatorCell = table.cells.map(() => -1);
  const sharePairs: [number, number][] = [];
  table.cells.forEach((cell, i) => {
    if (cell.denominatorCell === undefined) return;
    const d = lookup(cell.denominatorCell, `The denominator of cell "${cell.id}"`);
    if (d === i) throw new DisclosureError(`Cell "${cell.id}" is its own denominator.`);
    const den = table.cells[d]!;
    if (den.value < cell.value) {
      throw new DisclosureError(`Cell "${cell.id}" (${cell.value}) exceeds its denominator "${den.id}" (${den.value}).`);
    }
    denominatorCell[i] = d;
    sharePairs.push([i, d]);
  });
  const relationsOf: number[][] = table.cells.map(() => []);
  const relations: IndexedRelation[] = table.relations.map((rel, r) => {
    const name = rel.label ? `Relation "${rel.label}"` : `Relation number ${r + 1} (total "${rel.total}")`;
    if (!Array.isArray(rel.parts) || rel.parts.length === 0) throw new DisclosureError(`${name} has no parts.`);
    const total = lookup(rel.total, name);
    const parts = rel.parts.map((id) => lookup(id, name));
    const seen = new Set<number>([total]);
    for (const p of parts) {
      if (seen.has(p)) throw new DisclosureError(`${name} names cell "${table.cells[p]!.id}" twice.`);
      seen.add(p);
    }
    const sum = parts.reduce((s, p) => s + table.cells[p]!.value, 0);
    if (sum !== table.cells[total]!.value) {
      throw new DisclosureError(
        `${name} does not add up: the parts sum to ${sum}, the total "${rel.total}" is ${table.cells[total]!.value}.`,
      );
    }
    for (const c of seen) relationsOf[c]!.push(r);
    return { total, parts };
  });
  return { cells: table.cells, indexOf, relations, relationsOf, denominatorCell, sharePairs };
}

/** One dimension of a cross table: a forest of nodes (leaves and the totals above them). */
export interface Dimension {
  /** Name used in cell coordinates and ids, e.g. `area`, `period`, `group`, `indicator`. */
  readonly name: string;
  /** Every node to publish, in display order: leaves and totals. */
  readonly nodes: readonly string[];
  /** Child → parent (a leaf to its bydel, a bydel to the municipality). Nodes without a parent are roots. */
  readonly parent?: Readonly<Record<string, string>>;
}

/** A count at a combination of leaf nodes (one leaf per dimension). */
export interface LeafCount {
  readonly at: Readonly<Record<string, string>>;
  readonly value: number;
  /** For shares: the denominator, summed to the totals like the numerator. */
  readonly denominator?: number;
}

/** The id the builder gives a cell: `name=node` per dimension, joined by `|`. */
export function crossCellId(dimensions: readonly Dimension[], at: Readonly<Record<string, string>>): string {
  return dimensions.map((d) => `${d.name}=${at[d.name] ?? ''}`).join('|');
}

/**
 * A cross table of hierarchical dimensions: every combination of nodes is a cell, totals are
 * sums of the leaves below them, and every margin is a relation (for each cell and each
 * dimension in which its node has children: the cell = Σ the cells with that node replaced by
 * each child). Leaves with no count are 0. For shares, give every leaf a denominator.
 *
 * Example: areas (84 basisdistrikter → 8 bydele → municipality) × periods (flat, or with a
 * total) × indicators (flat: indicators never add up).
 */
export function buildCrossTable(dimensions: readonly Dimension[], leaves: readonly LeafCount[]): PublishedTable {
  if (dimensions.length === 0) throw new DisclosureError('A cross table needs at least one dimension.');
  const names = new Set<string>();
  const children: Map<string, string[]>[] = [];
  const ancestors: Map<string, string[]>[] = [];
  for (const dim of dimensions) {
    if (names.has(dim.name)) throw new DisclosureError(`Dimension "${dim.name}" occurs twice.`);
    names.add(dim.name);
    const nodeSet = new Set(dim.nodes);
    if (nodeSet.size !== dim.nodes.length) throw new DisclosureError(`Dimension "${dim.name}" lists a node twice.`);
    const kids = new Map<string, string[]>();
    for (const [child, parent] of Object.entries(dim.parent ?? {})) {
      if (!nodeSet.has(child) || !nodeSet.has(parent)) {
        throw new DisclosureError(`Dimension "${dim.name}": "${child}" → "${parent}" names a node that is not listed.`);
      }
      const list = kids.get(parent) ?? [];
      list.push(child);
      kids.set(parent, list);
    }
    const anc = new Map<string, string[]>();
    for (const node of dim.nodes) {
      const chain = [node];
      let cur = dim.parent?.[node];
      while (cur !== undefined) {
        if (chain.includes(cur)) throw new DisclosureError(`Dimension "${dim.name}" has a cycle through "${cur}".`);
        chain.push(cur);
        cur = dim.parent?.[cur];
      }
      anc.set(node, chain);
    }
    children.push(kids);
    ancestors.push(anc);
  }
  // Every combination of nodes, in row-major order of the dimensions.
  const combos: string[][] = [[]];
  for (const dim of dimensions) {
    const next: string[][] = [];
    for (const prefix of combos) for (const node of dim.nodes) next.push([...prefix, node]);
    combos.splice(0, combos.length, ...next);
  }
  const keyOf = (nodes: readonly string[]): string => nodes.join('\u0000');
  const values = new Map<string, { value: number; denominator: number }>();
  for (const c of combos) values.set(keyOf(c), { value: 0, denominator: 0 });
  const hasShares = leaves.some((l) => l.denominator !== undefined);
  for (const leaf of leaves) {
    if (hasShares && leaf.denominator === undefined) {
      throw new DisclosureError('Some leaves have a denominator and some do not; give every leaf one, or none.');
    }
    const chains = dimensions.map((dim, d) => {
      const node = leaf.at[dim.name];
      if (node === undefined) throw new DisclosureError(`A leaf count has no "${dim.name}".`);
      if (children[d]!.has(node)) throw new DisclosureError(`A leaf count is at "${node}", which is a total of "${dim.name}".`);
      const chain = ancestors[d]!.get(node);
      if (!chain) throw new DisclosureError(`A leaf count is at "${node}", which is not a node of "${dim.name}".`);
      return chain;
    });
    // Add the leaf to itself and to every total above it.
    let targets: string[][] = [[]];
    for (const chain of chains) targets = targets.flatMap((prefix) => chain.map((node) => [...prefix, node]));
    for (const t of targets) {
      const cell = values.get(keyOf(t))!;
      cell.value += leaf.value;
      cell.denominator += leaf.denominator ?? 0;
    }
  }
  const atOf = (nodes: readonly string[]): Record<string, string> =>
    Object.fromEntries(dimensions.map((d, k) => [d.name, nodes[k]!]));
  const cells: TableCell[] = combos.map((c) => {
    const v = values.get(keyOf(c))!;
    const dims = atOf(c);
    return { id: crossCellId(dimensions, dims), value: v.value, ...(hasShares ? { denominator: v.denominator } : {}), dims };
  });
  const relations: LinearRelation[] = [];
  for (const c of combos) {
    dimensions.forEach((dim, d) => {
      const kids = children[d]!.get(c[d]!);
      if (!kids) return;
      const total = crossCellId(dimensions, atOf(c));
      relations.push({
        total,
        parts: kids.map((k) => {
          const other = [...c];
          other[d] = k;
          return crossCellId(dimensions, atOf(other));
        }),
        label: `${total} = Σ ${dim.name} ∈ {${kids.join(', ')}}`,
      });
    });
  }
  return { cells, relations };
}
