/**
 * Where city-life registrations come from: the open extract's `city-life-sites` and
 * `city-life-counts` tables (read from its DuckDB engine), or files the analyst chooses (a
 * PLDP JSON document, or a counter CSV with an optional CSV of sites). Files are read in the
 * renderer's memory only.
 */
import type { ExtractManifest } from '../../../shared/extract/manifest';
import { fromExtractTables } from '../../../shared/citylife/from-extract';
import type { Issue, ParseResult } from '../../../shared/citylife/issues';
import { parsePldp } from '../../../shared/citylife/parse-pldp';
import { parseSensorCsv, parseSitesCsv } from '../../../shared/citylife/parse-sensor-csv';
import type { AnalyticEngine } from '../../engine/duckdb';

/** Larger than any registration file a municipality keeps (a year of 15-minute counts at 100 sites is ~100 MB). */
export const MAX_CITY_LIFE_FILE_BYTES = 256 * 1024 * 1024;

export function cityLifeTables(manifest: ExtractManifest): { sites: string; counts: string } | null {
  const sites = manifest.tables.find((t) => t.kind === 'city-life-sites');
  const counts = manifest.tables.find((t) => t.kind === 'city-life-counts');
  return sites && counts ? { sites: sites.name, counts: counts.name } : null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function loadFromExtract(engine: AnalyticEngine, manifest: ExtractManifest): Promise<ParseResult | null> {
  const tables = cityLifeTables(manifest);
  if (!tables) return null;
  const [siteRows, countRows] = await Promise.all([engine.query(`SELECT * FROM ${quote(tables.sites)}`), engine.query(`SELECT * FROM ${quote(tables.counts)}`)]);
  return fromExtractTables(siteRows, countRows, { studyId: `${manifest.municipality.code}-citylife`, studyName: manifest.municipality.name });
}

function refusal(file: string, message: { da: string; en: string }): ParseResult {
  const issue: Issue = { code: 'bad-value', message, where: { file } };
  return { ok: false, problems: [issue], problemCount: 1, warnings: [] };
}

/** One PLDP JSON file, or a counter CSV with (optionally) a CSV of sites beside it. */
export async function loadFromFiles(files: readonly File[]): Promise<ParseResult> {
  const tooLarge = files.find((f) => f.size > MAX_CITY_LIFE_FILE_BYTES);
  if (tooLarge) {
    const mb = Math.round(MAX_CITY_LIFE_FILE_BYTES / 1024 / 1024);
    return refusal(tooLarge.name, { da: `Filen er større end ${mb} MB og læses ikke. Del den op i perioder.`, en: `The file is larger than ${mb} MB and is not read. Split it into periods.` });
  }
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const csv = files.filter((f) => /\.(csv|txt)$/i.test(f.name));
  if (json.length === 1 && csv.length === 0) return parsePldp(new Uint8Array(await json[0]!.arrayBuffer()), { file: json[0]!.name });
  if (json.length === 0 && (csv.length === 1 || csv.length === 2)) {
    const texts = await Promise.all(csv.map(async (f) => ({ file: f, text: new TextDecoder('utf-8').decode(await f.arrayBuffer()) })));
    // The site list is the CSV whose header names coordinates.
    const isSites = (text: string) => /(^|[;,\t])\s*"?(lat|latitude|bredde)"?\s*([;,\t]|$)/im.test(text.split(/\r?\n/, 1)[0] ?? '');
    const siteFile = texts.length === 2 ? texts.find((t) => isSites(t.text)) : undefined;
    const countFile = texts.find((t) => t !== siteFile)!;
    if (texts.length === 2 && !siteFile) {
      return refusal(csv[1]!.name, { da: 'To CSV-filer, men ingen af dem er en stedliste (kolonnerne site_id, name, lon, lat). Vælg tællerfilen og eventuelt stedlisten.', en: 'Two CSV files, but neither is a site list (columns site_id, name, lon, lat). Choose the counter file and, optionally, the site list.' });
    }
    let sites;
    if (siteFile) {
      const read = parseSitesCsv(siteFile.text, { file: siteFile.file.name });
      if (!read.ok) return { ok: false, problems: read.problems, problemCount: read.problemCount, warnings: read.warnings };
      sites = read.sites;
    }
    return parseSensorCsv(countFile.text, { file: countFile.file.name, ...(sites ? { sites } : {}) });
  }
  return refusal(files.map((f) => f.name).join(', '), {
    da: 'Vælg én PLDP-fil (.json) eller én tæller-CSV, eventuelt med en CSV over stederne.',
    en: 'Choose one PLDP file (.json) or one counter CSV, optionally with a CSV of the sites.',
  });
}
