/**
 * Checks a valid pack against the extract it is to run on, before any SQL runs: every
 * column a filter or value names must exist in the right table (and value columns must be
 * numeric). Without this, an analyst's pack written for another extract fails deep inside
 * the SQL engine with a message that names neither the indicator nor the field.
 */
import type { ExtractManifest } from '../extract/manifest';
import type { Filter, FilterNode, IndicatorPack } from './pack';
import type { PackProblem } from './schema';

const NUMERIC_TYPES = new Set(['INTEGER', 'BIGINT', 'DOUBLE']);

interface TableColumns {
  name: string;
  types: Map<string, string>;
}

function tableOf(manifest: ExtractManifest, kind: 'person-period' | 'events'): TableColumns | null {
  const table = manifest.tables.find((t) => t.kind === kind);
  return table ? { name: table.name, types: new Map(table.columns.map((c) => [c.name, c.type])) } : null;
}

/** Every column condition in a filter, with its field path (e.g. population[1].any[0]). */
function columnsOf(filter: Filter, path: string): { column: string; field: string }[] {
  const out: { column: string; field: string }[] = [];
  const visit = (node: FilterNode, at: string) => {
    if ('all' in node) node.all.forEach((n, i) => visit(n, `${at}.all[${i}]`));
    else if ('any' in node) node.any.forEach((n, i) => visit(n, `${at}.any[${i}]`));
    else out.push({ column: node.column, field: `${at}.column` });
  };
  filter.forEach((node, i) => visit(node, `${path}[${i}]`));
  return out;
}

function missingColumn(indicatorId: string, field: string, column: string, table: TableColumns): PackProblem {
  const known = [...table.types.keys()].join(', ');
  return {
    indicatorId,
    field,
    message: {
      da: `udtrækkets tabel "${table.name}" har ingen kolonne "${column}" (den har: ${known}); ret pakken, eller brug et udtræk med kolonnen`,
      en: `the extract's table "${table.name}" has no column "${column}" (it has: ${known}); fix the pack, or use an extract that has the column`,
    },
  };
}

export function checkPackAgainstExtract(pack: IndicatorPack, manifest: ExtractManifest): PackProblem[] {
  const persons = tableOf(manifest, 'person-period');
  const events = tableOf(manifest, 'events');
  const problems: PackProblem[] = [];
  if (!persons) {
    return [{ indicatorId: null, field: '', message: { da: 'udtrækket har ingen persontabel (person-period), så pakken kan ikke beregnes', en: 'the extract has no person table (person-period), so the pack cannot be computed' } }];
  }
  for (const ind of pack.indicators) {
    const personColumns = [...columnsOf(ind.population, 'population')];
    const n = ind.numerator;
    if (n.kind === 'persons') personColumns.push(...columnsOf(n.where, 'numerator.where'));
    if (n.kind === 'value') {
      const type = persons.types.get(n.column);
      if (type === undefined) personColumns.push({ column: n.column, field: 'numerator.column' });
      else if (!NUMERIC_TYPES.has(type)) {
        problems.push({
          indicatorId: ind.id,
          field: 'numerator.column',
          message: {
            da: `kolonnen "${n.column}" er af typen ${type}; et gennemsnit eller en median kræver tal`,
            en: `the column "${n.column}" is of type ${type}; a mean or median needs numbers`,
          },
        });
      }
    }
    for (const { column, field } of personColumns) {
      if (!persons.types.has(column)) problems.push(missingColumn(ind.id, field, column, persons));
    }
    if (n.kind === 'event') {
      if (!events) {
        problems.push({
          indicatorId: ind.id,
          field: 'numerator.kind',
          message: { da: 'udtrækket har ingen hændelsestabel (events), som denne indikator tæller i', en: 'the extract has no events table, which this indicator counts in' },
        });
        continue;
      }
      for (const { column, field } of columnsOf(n.where ?? [], 'numerator.where')) {
        if (!events.types.has(column)) problems.push(missingColumn(ind.id, field, column, events));
      }
    }
  }
  return problems;
}
