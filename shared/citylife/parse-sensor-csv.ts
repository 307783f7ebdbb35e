/**
 * Import of a simple counting-sensor CSV: one row per site, interval and direction.
 *
 *   site;timestamp;direction;count
 *   S1;2024-05-01T08:00:00+02:00;ind;41
 *
 * `,` or `;` (or tab) as delimiter, header names in any case (Danish names too: sted, tid,
 * retning, antal), UTF-8 with or without BOM. `direction` may be left out. A timestamp marks
 * the start of its interval (or its end, with `timestampIs: 'end'`); text without an offset
 * is local Danish time. The interval length is inferred per site as the most common step
 * between its timestamps (15 minutes, an hour, …), unless given. An empty count is a missing
 * interval, never zero.
 *
 * Sites come from the caller (the extract's site table or a site CSV read with
 * parseSitesCsv); then a row naming another site is an error. Without them every site id in
 * the file becomes a site without position.
 */
import Papa from 'papaparse';
import { ambiguousWarning, missingCountWarning, readSiteRows, type ExtractRow } from './from-extract';
import { at, failure, IssueList, show, type Issue, type IssueWhere, type ParseResult } from './issues';
import type { CityLifeStudy, Registration, Site } from './model';
import type { ParseOptions } from './parse-pldp';
import { formatLocal, MINUTE_MS, resolveTimestamp, type ResolvedTime } from './time';
import { finishStudy, readCount } from './values';
import { formatDuration } from './gaps';

export interface SensorCsvOptions extends ParseOptions {
  /** Known sites; when given, a row naming another site is an error. */
  sites?: readonly Site[];
  studyId?: string;
  studyName?: string;
  /** Whether a timestamp marks the start (default) or the end of its interval. */
  timestampIs?: 'start' | 'end';
  /** Interval length in minutes, for every site or per site id; inferred when absent. */
  intervalMinutes?: number | Readonly<Record<string, number>>;
}

const HEADER_ALIASES: Record<'site' | 'timestamp' | 'direction' | 'count', readonly string[]> = {
  site: ['site', 'site_id', 'siteid', 'sted', 'sted_id', 'location', 'location_id', 'sensor', 'sensor_id', 'counter', 'tæller'],
  timestamp: ['timestamp', 'time', 'datetime', 'date_time', 'tid', 'tidspunkt', 'dato_tid', 'start', 'interval_start'],
  direction: ['direction', 'retning', 'dir'],
  count: ['count', 'antal', 'n', 'value', 'værdi', 'total'],
};

function decode(input: string | Uint8Array): string {
  const s = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The delimiter that occurs most often (outside quotes) in the header line. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [';', ',', '\t', '|']) {
    let n = 0;
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === d) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

interface CsvTable {
  header: string[];
  rows: string[][];
  /** Line number (header = 1) of each row. */
  line: number[];
  /** Rows whose field count differs from the header's. */
  ragged: { line: number; found: number }[];
}

function readCsvTable(text: string): CsvTable | null {
  const delimiter = detectDelimiter(text);
  const state: { header: string[] | null } = { header: null };
  const rows: string[][] = [];
  const line: number[] = [];
  const ragged: { line: number; found: number }[] = [];
  let record = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      record++;
      const fields = result.data;
      if (fields.every((f) => f.trim() === '')) return;
      const header = state.header;
      if (header === null) {
        const h = fields.map((f) => f.trim());
        while (h.length > 1 && h[h.length - 1] === '') h.pop();
        state.header = h;
        return;
      }
      let cells = fields;
      if (cells.length > header.length && cells.slice(header.length).every((f) => f.trim() === '')) cells = cells.slice(0, header.length);
      if (cells.length !== header.length) {
        ragged.push({ line: record, found: cells.length });
        return;
      }
      rows.push(cells);
      line.push(record);
    },
  });
  return state.header === null ? null : { header: state.header, rows, line, ragged };
}

function columnIndex(header: string[], aliases: readonly string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  for (const a of aliases) {
    const i = lower.indexOf(a);
    if (i !== -1) return i;
  }
  return -1;
}

/**
 * A site list as CSV: site_id (or site, sted), name, lon, lat, optional area_id and
 * optional geometry (GeoJSON text). Decimal commas are read in coordinates.
 */
export function parseSitesCsv(
  input: string | Uint8Array,
  options: { file?: string } = {},
): { ok: true; sites: Site[]; warnings: Issue[] } | { ok: false; problems: Issue[]; problemCount: number; warnings: Issue[] } {
  const problems = new IssueList();
  const file = options.file;
  const source = decode(input);
  const table = source.trim() === '' ? null : readCsvTable(source);
  if (table === null) {
    problems.add('empty-input', { da: 'Stedfilen er tom.', en: 'The site file is empty.' }, { file });
    return failure(problems, []);
  }
  for (const r of table.ragged) {
    problems.add(
      'row-field-count',
      at({ row: r.line }, { da: `rækken har ${r.found} felter, men overskriften har ${table.header.length}. Ret rækken.`, en: `the row has ${r.found} fields but the header has ${table.header.length}. Fix the row.` }),
      { file, row: r.line },
    );
  }
  const keys = table.header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  if (!keys.some((k) => ['site_id', 'siteid', 'site', 'id', 'sted_id', 'sted'].includes(k))) {
    problems.add(
      'missing-column',
      { da: `Stedfilen mangler kolonnen site_id (fandt: ${table.header.join(', ')}).`, en: `The site file lacks the column site_id (found: ${table.header.join(', ')}).` },
      { file, row: 1, field: 'site_id' },
    );
    return failure(problems, []);
  }
  const rows: ExtractRow[] = table.rows.map((cells) => {
    const o: ExtractRow = {};
    keys.forEach((k, i) => {
      o[k] = cells[i];
    });
    return o;
  });
  const sites = readSiteRows(rows, problems, (i) => ({ file, row: table.line[i]! }));
  if (!problems.empty) return failure(problems, []);
  return { ok: true, sites, warnings: [] };
}

interface Row {
  site: string;
  direction: string | undefined;
  time: ResolvedTime & { ok: true };
  count: number;
  line: number;
}

/** Parses sensor CSV text (or its UTF-8 bytes). */
export function parseSensorCsv(input: string | Uint8Array, options: SensorCsvOptions = {}): ParseResult {
  const problems = new IssueList();
  const warnings: Issue[] = [];
  const file = options.file;
  const place = (line: number, extra: Partial<IssueWhere> = {}): IssueWhere => ({ file, row: line, ...extra });
  const source = decode(input);
  const table = source.trim() === '' ? null : readCsvTable(source);
  if (table === null) {
    problems.add('empty-input', { da: 'Filen er tom. Vælg en CSV-fil fra tælleren.', en: 'The file is empty. Choose a CSV file from the counter.' }, { file });
    return failure(problems, warnings);
  }
  const col = {
    site: columnIndex(table.header, HEADER_ALIASES.site),
    timestamp: columnIndex(table.header, HEADER_ALIASES.timestamp),
    direction: columnIndex(table.header, HEADER_ALIASES.direction),
    count: columnIndex(table.header, HEADER_ALIASES.count),
  };
  const missing = (['site', 'timestamp', 'count'] as const).filter((c) => col[c] === -1);
  if (missing.length > 0) {
    problems.add(
      'missing-column',
      {
        da: `Filen mangler ${missing.length === 1 ? 'kolonnen' : 'kolonnerne'} ${missing.join(', ')} (fandt: ${table.header.join(', ')}). Overskriften skal være site, timestamp, direction, count.`,
        en: `The file lacks the ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} (found: ${table.header.join(', ')}). The header must be site, timestamp, direction, count.`,
      },
      { file, row: 1, field: missing[0] },
    );
    return failure(problems, warnings);
  }
  for (const r of table.ragged) {
    problems.add(
      'row-field-count',
      at({ row: r.line }, { da: `rækken har ${r.found} felter, men overskriften har ${table.header.length}. Ret rækken.`, en: `the row has ${r.found} fields but the header has ${table.header.length}. Fix the row.` }),
      place(r.line),
    );
  }

  const known = options.sites ? new Set(options.sites.map((s) => s.id)) : null;
  const timeCache = new Map<string, ResolvedTime>();
  const rows: Row[] = [];
  let missingCounts = 0;
  let ambiguous = 0;
  table.rows.forEach((cells, i) => {
    const line = table.line[i]!;
    const site = cells[col.site]!.trim();
    if (site === '') {
      problems.add('missing-field', at({ row: line }, { da: 'stedet mangler. Skriv stedets id.', en: 'the site is missing. Write the site id.' }), place(line, { field: 'site' }));
      return;
    }
    if (known && !known.has(site)) {
      problems.add(
        'unknown-site',
        at({ row: line }, { da: `stedet "${site}" findes ikke i stedlisten. Tilføj stedet, eller ret id'et.`, en: `the site "${site}" is not in the site list. Add the site or fix the id.` }),
        place(line, { siteId: site, field: 'site' }),
      );
      return;
    }
    const rawTime = cells[col.timestamp]!;
    let time = timeCache.get(rawTime);
    if (time === undefined) {
      time = resolveTimestamp(rawTime);
      if (timeCache.size < 200_000) timeCache.set(rawTime, time);
    }
    if (!time.ok) {
      problems.add(
        time.reason === 'nonexistent' ? 'nonexistent-local-time' : 'bad-timestamp',
        at(
          { row: line },
          time.reason === 'nonexistent'
            ? {
                da: `tidspunktet ${show(rawTime.trim())} findes ikke i dansk tid (sommertid springer timen over). Angiv tiden med forskydning, fx +02:00, eller slet rækken.`,
                en: `the time ${show(rawTime.trim())} does not exist in Danish time (summer time skips that hour). Give the time with an offset, e.g. +02:00, or delete the row.`,
              }
            : {
                da: `tidspunktet ${show(rawTime.trim())} kan ikke læses. Skriv det som ISO 8601, fx 2024-05-01T08:00 eller 2024-05-01T08:00:00+02:00.`,
                en: `the time ${show(rawTime.trim())} cannot be read. Write it in ISO 8601, e.g. 2024-05-01T08:00 or 2024-05-01T08:00:00+02:00.`,
              },
        ),
        place(line, { siteId: site, field: 'timestamp' }),
      );
      return;
    }
    const c = readCount(cells[col.count]);
    if (!c.ok) {
      if (c.missing) missingCounts++;
      else problems.add(c.code, at({ row: line }, c.message), place(line, { siteId: site, field: 'count' }));
      return;
    }
    const direction = col.direction === -1 ? undefined : cells[col.direction]!.trim() || undefined;
    rows.push({ site, direction, time, count: c.count, line });
  });

  // Duplicates: the same site, timestamp and direction twice. In the autumn hour that occurs
  // twice, a local timestamp without offset is read as summer time first, standard time second.
  const seen = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const key = `${r.site}\u0000${r.direction ?? ''}`;
    let m = seen.get(key);
    if (!m) {
      m = new Map();
      seen.set(key, m);
    }
    let first = m.get(r.time.ms);
    if (first !== undefined && r.time.ambiguous && r.time.both && r.time.ms === r.time.both[0]) {
      r.time = { ...r.time, ms: r.time.both[1] };
      first = m.get(r.time.ms);
    }
    if (first !== undefined) {
      problems.add(
        'duplicate-row',
        at(
          { row: r.line },
          {
            da: `stedet "${r.site}", tidspunkt ${formatLocal(r.time.ms)}${r.direction ? ` og retning "${r.direction}"` : ''} findes også i række ${first}. Slet den ene række, så ingen tælles to gange.`,
            en: `the site "${r.site}", time ${formatLocal(r.time.ms)}${r.direction ? ` and direction "${r.direction}"` : ''} also occur in row ${first}. Delete one row so that nobody is counted twice.`,
          },
        ),
        place(r.line, { siteId: r.site, field: 'timestamp', from: r.time.ms }),
      );
      continue;
    }
    m.set(r.time.ms, r.line);
    if (r.time.ambiguous) ambiguous++;
  }
  if (problems.empty && rows.length === 0) {
    problems.add('no-registrations', { da: 'Filen har ingen rækker med antal.', en: 'The file has no rows with a count.' }, { file });
  }
  if (!problems.empty) return failure(problems, warnings);

  // Interval length per site: the most common step between consecutive timestamps.
  const timesBySite = new Map<string, number[]>();
  for (const r of rows) {
    const list = timesBySite.get(r.site) ?? [];
    list.push(r.time.ms);
    timesBySite.set(r.site, list);
  }
  const interval = new Map<string, number>();
  for (const [site, list] of timesBySite) {
    const given = typeof options.intervalMinutes === 'number' ? options.intervalMinutes : options.intervalMinutes?.[site];
    if (given !== undefined && Number.isFinite(given) && given > 0) {
      interval.set(site, given * MINUTE_MS);
      continue;
    }
    const ts = Float64Array.from(new Set(list)).sort();
    const tally = new Map<number, number>();
    for (let i = 1; i < ts.length; i++) {
      const d = ts[i]! - ts[i - 1]!;
      tally.set(d, (tally.get(d) ?? 0) + 1);
    }
    let step = 0;
    let best = 0;
    for (const [d, n] of tally) {
      if (n > best || (n === best && d < step)) {
        step = d;
        best = n;
      }
    }
    if (step === 0) {
      step = 60 * MINUTE_MS;
      warnings.push({
        code: 'irregular-interval',
        message: {
          da: `Sted "${site}" har kun ét tidspunkt; intervallet er sat til 1 time. Angiv intervallet, hvis det er et andet.`,
          en: `Site "${site}" has a single timestamp; the interval is taken as 1 hour. Give the interval if it is another.`,
        },
        where: { file, siteId: site },
      });
    } else {
      let shorter = 0;
      for (let i = 1; i < ts.length; i++) if (ts[i]! - ts[i - 1]! < step) shorter++;
      if (shorter > 0) {
        const d = formatDuration(step);
        warnings.push({
          code: 'irregular-interval',
          message: {
            da: `Sted "${site}": intervallet er læst som ${d.da}, men ${shorter} tidspunkter ligger tættere; deres intervaller overlapper. Tjek at filen kun har én opløsning pr. sted.`,
            en: `Site "${site}": the interval was read as ${d.en}, but ${shorter} timestamps lie closer together, so their intervals overlap. Check that the file has one resolution per site.`,
          },
          where: { file, siteId: site },
        });
      }
    }
    interval.set(site, step);
  }

  const endStamp = options.timestampIs === 'end';
  const counts: Registration[] = new Array<Registration>(rows.length);
  rows.forEach((r, i) => {
    const step = interval.get(r.site)!;
    const start = endStamp ? r.time.ms - step : r.time.ms;
    const reg: Registration = { siteId: r.site, start, end: start + step, kind: 'moving', count: r.count };
    if (r.direction !== undefined) reg.direction = r.direction;
    counts[i] = reg;
  });
  if (missingCounts > 0) warnings.push(missingCountWarning(missingCounts, file));
  if (ambiguous > 0) warnings.push(ambiguousWarning(ambiguous, file));

  const base: Site[] = options.sites
    ? options.sites.map((s) => ({ ...s }))
    : [...timesBySite.keys()].sort().map((id) => ({ id, name: id, geometry: null, centroid: null }));
  for (const s of base) {
    const step = interval.get(s.id);
    if (step !== undefined) s.intervalMs = step;
  }
  const study: CityLifeStudy = {
    id: options.studyId ?? 'sensor',
    name: options.studyName ?? 'Tællinger',
    sites: base,
    counts,
    source: 'sensor',
  };
  return finishStudy(study, problems, warnings, options.gaps);
}
