/**
 * `npm run compute -- --extract <file.bdx> --pack <pack.json> --out <summary.xlsx|csv>`:
 * computes an indicator pack on native DuckDB with the same SQL as the app. The extract is
 * decrypted in memory and its tables are appended to an in-memory database; no plaintext is
 * written to disk. Exit 0 on success, 1 on bad input, 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { ExtractError } from '../../shared/extract/errors';
import { unpackExtract } from '../../shared/extract/unpack';
import { EXTRACT_ERROR_MESSAGES } from '../../shared/i18n/messages';
import { formatPackProblem, parsePack } from '../../shared/indicators/schema';
import { computePack } from '../../shared/indicators/run';
import { evaluateClassifications } from '../../shared/indicators/classifications';
import { computeComposite } from '../../shared/indicators/composite';
import type { ExtractSecret } from '../../shared/host/contract';
import { exists, writeFileAtomically } from '../extract/files';
import { processIo, type CliIo } from '../cli-io';

export type ComputeIo = CliIo;
import { openNativeEngine } from './engines';
import { classificationRows, classificationsToCsv, compositeRows, compositeToCsv, summaryRows, toCsv, toXlsx, type Language } from './output';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;


export const HELP = `Usage: npm run compute -- --extract <file.bdx> --pack <pack.json> --out <summary.xlsx|summary.csv> [options]

Computes an indicator pack for every area of every layer and every period of an extract on
native DuckDB, with the same compiled SQL as the app (DuckDB-wasm). The extract is decrypted
in memory; no plaintext is written to disk. The output holds area-level aggregates only:
numerator, denominator, value, 95 % interval, reference value and a small-population mark.
It is the analyst's own table and is NOT disclosure-controlled.

Options:
  --extract <file.bdx>   encrypted extract to read (required)
  --pack <pack.json>     indicator pack (format "bydelsmonitor-pack", see docs/indicators.md)
                         (required)
  --out <file>           output: .xlsx (results, a sheet documenting every definition, and an
                         about sheet) or .csv (Danish Excel: ";" separator, decimal comma,
                         UTF-8 with BOM) (required)
  --layer <id>           only this area layer (e.g. basisdistrikt, bydel, boligomraade);
                         default: every layer; the municipality rows are always included
  --identity <file>      age identity file (AGE-SECRET-KEY-1…) for extracts encrypted to
                         recipients; without it the extract is opened with a passphrase
  --lang da|en           language of labels and headers (default da)
  --include-contested    also evaluate classification rules that use a contested criterion
                         (the non-Western origin criterion of the official-criteria pack;
                         legally contested, EU Court case C-417/23); without it those rules
                         are reported as "not evaluated"
  --list-year-offset <n> judge data period P by the rules of list year P + n (default 0;
                         the official lists use register data a year or more older)
  --threads <n>          DuckDB threads (default: all cores)
  --force                replace --out if it exists
  --help                 show this help

The passphrase is never given on the command line: it is read from the environment variable
BDX_PASSPHRASE or, when there is a terminal, asked for without echo.
Values: shares in per cent, rates per 1,000, means and medians in the column's unit (DKK),
counts as numbers.

Packs with classifications (e.g. shared/indicators/packs/dk-official-criteria.json) also
get each classification per area and period: a "Classifications" sheet in the .xlsx, or a
second file <out>-classifications.csv beside the .csv. Packs with a composite index also get
the index, rank and robustness per area and period of --layer (default: the base layer): a
"Composite index" sheet, or <out>-composite.csv (method: docs/composite-index.md).

Exit status: 0 success, 1 bad input (the message names the problem and the fix), 2 bad usage.
`;

class UsageError extends Error {}
class InputError extends Error {}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`cannot read the ${what} ${path}${code === 'ENOENT' ? ' (no such file; check the path)' : code ? ` (${code})` : ''}`);
  }
}

async function secretFrom(identityFile: string | undefined, io: ComputeIo): Promise<ExtractSecret> {
  if (identityFile !== undefined) {
    const text = new TextDecoder().decode(await readInput(identityFile, 'identity file'));
    const identity = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('AGE-SECRET-KEY-'));
    if (!identity) throw new InputError(`the identity file ${identityFile} holds no age identity (a line AGE-SECRET-KEY-1…); create one with "npm run extract -- keygen"`);
    return { kind: 'identity', identity };
  }
  const fromEnv = io.env['BDX_PASSPHRASE'];
  if (fromEnv !== undefined && fromEnv !== '') return { kind: 'passphrase', passphrase: fromEnv };
  if (!io.interactive) throw new UsageError('no passphrase: set the environment variable BDX_PASSPHRASE, run in a terminal to be asked, or give --identity <file>');
  return { kind: 'passphrase', passphrase: await io.promptHidden('Passphrase for the extract: ') };
}

export async function runCompute(args: string[], io: ComputeIo): Promise<number> {
  try {
    let values;
    try {
      values = parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: {
          extract: { type: 'string' },
          pack: { type: 'string' },
          out: { type: 'string' },
          layer: { type: 'string' },
          identity: { type: 'string' },
          lang: { type: 'string' },
          threads: { type: 'string' },
          'include-contested': { type: 'boolean' },
          'list-year-offset': { type: 'string' },
          force: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values;
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    if (values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const language = (values.lang ?? 'da') as Language;
    if (language !== 'da' && language !== 'en') throw new UsageError(`--lang must be "da" or "en", not "${String(values.lang)}"`);
    if (!values.extract) throw new UsageError('--extract <file.bdx> is required');
    if (!values.pack) throw new UsageError('--pack <pack.json> is required');
    if (!values.out) throw new UsageError('--out <summary.xlsx|summary.csv> is required');
    const out = values.out;
    const format = out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out.toLowerCase().endsWith('.csv') ? 'csv' : null;
    if (!format) throw new UsageError(`--out must end in .xlsx or .csv, not "${basename(out)}"`);
    let threads: number | undefined;
    if (values.threads !== undefined) {
      threads = Number(values.threads);
      if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a whole number ≥ 1, not "${values.threads}"`);
    }

    let listYearOffset = 0;
    if (values['list-year-offset'] !== undefined) {
      listYearOffset = Number(values['list-year-offset']);
      if (!Number.isInteger(listYearOffset) || Math.abs(listYearOffset) > 10) throw new UsageError(`--list-year-offset must be a whole number from -10 to 10, not "${values['list-year-offset']}"`);
    }
    const includeContested = values['include-contested'] === true;
    const classificationsOut = format === 'csv' ? out.replace(/\.csv$/i, '-classifications.csv') : null;
    const compositeOut = format === 'csv' ? out.replace(/\.csv$/i, '-composite.csv') : null;

    // The pack first: a typo in it should not cost a key derivation.
    const packText = new TextDecoder().decode(await readInput(values.pack, 'pack file'));
    const parsed = parsePack(packText);
    if (!parsed.ok) {
      throw new InputError(
        `the pack ${values.pack} is not valid; fix these fields and run again:\n${parsed.problems.map((p) => `  ${formatPackProblem(p, language)}`).join('\n')}`,
      );
    }
    const pack = parsed.pack;
    const bytes = await readInput(values.extract, 'extract');
    const secret = await secretFrom(values.identity, io);
    const decrypted = await decryptAgeInMemory(bytes, secret);
    if (!decrypted.ok) {
      const text = EXTRACT_ERROR_MESSAGES[language][decrypted.error.code];
      throw new InputError(`the extract ${values.extract} could not be opened: ${text}${decrypted.error.detail ? ` (${decrypted.error.detail})` : ''}`);
    }
    let unpacked;
    try {
      unpacked = unpackExtract(decrypted.plaintext);
    } catch (err) {
      if (err instanceof ExtractError) throw new InputError(`the extract ${values.extract} is not usable: ${EXTRACT_ERROR_MESSAGES[language][err.code]}${err.detail ? ` (${err.detail})` : ''}`);
      throw err;
    }
    decrypted.plaintext.fill(0);
    const { manifest, tables, layers } = unpacked;
    const layer = values.layer ?? null;
    if (layer !== null && !manifest.areaLayers.some((l) => l.id === layer)) {
      throw new InputError(`the extract has no layer "${layer}"; its layers are ${manifest.areaLayers.map((l) => l.id).join(', ')}`);
    }

    const engine = await openNativeEngine(threads ? { threads } : {});
    try {
      for (const table of manifest.tables) {
        const data = tables.get(table.name);
        if (!data) throw new InputError(`the extract lacks the table file ${table.file}; ask the data team for a new extract`);
        await engine.loadParquet(table, data);
        data.fill(0);
      }
      const started = performance.now();
      let computed;
      try {
        computed = await computePack(engine, pack.indicators, manifest, layers);
      } catch (err) {
        throw new InputError(
          `the pack could not be computed on this extract: ${err instanceof Error ? err.message : String(err)}. Check that the columns and event types the pack names exist in the extract.`,
        );
      }
      for (const u of computed.areaMap.unmapped) io.stderr(`compute: note: layer "${u.layerId}" left out (${u.reason})\n`);
      const rows = summaryRows(pack, computed.results, computed.areaMap.areas, manifest, language, layer);
      const classified =
        (pack.classifications ?? []).length > 0
          ? classificationRows(pack, evaluateClassifications(pack, computed.results, { includeContested, listYearOffset }), computed.areaMap.areas, language, layer)
          : null;
      // The composite ranks the areas of one layer against each other: --layer, else the base layer.
      const composite = computeComposite(pack, computed.results, { layerId: layer ?? manifest.baseLayer, areaMap: computed.areaMap });
      for (const warning of composite?.warnings ?? []) io.stderr(`compute: note: composite index: ${warning}\n`);
      const composed = composite ? compositeRows(composite, computed.areaMap.areas) : null;
      const output =
        format === 'csv'
          ? toCsv(rows, language)
          : await toXlsx(
              rows,
              pack,
              manifest,
              language,
              { extractFile: basename(values.extract), packFile: basename(values.pack), created: io.now() },
              classified ? { rows: classified, includeContested, listYearOffset } : null,
              composed,
            );
      const files: [string, Uint8Array][] = [[out, output]];
      if (classified && classificationsOut) files.push([classificationsOut, classificationsToCsv(classified, language)]);
      if (composed && compositeOut) files.push([compositeOut, compositeToCsv(composed, language)]);
      // Check every target first, so that a refusal never leaves half the output written.
      if (values.force !== true) {
        for (const [path] of files) if (await exists(path)) throw new InputError(`${path} exists; choose another --out or add --force to replace it`);
      }
      for (const [path, bytes] of files) {
        try {
          await writeFileAtomically(path, bytes, { overwrite: values.force === true });
        } catch (err) {
          throw new InputError(
            (err as Error).message === `${path} exists` ? `${path} exists; choose another --out or add --force to replace it` : `cannot write ${path}: ${(err as Error).message}`,
          );
        }
      }
      io.stdout(
        `${pack.indicators.length} indicators × ${manifest.periods.length} periods × ${computed.areaMap.areas.length} areas computed in ${Math.round(performance.now() - started)} ms; wrote ${rows.length} rows to ${out}\n`,
      );
      if (composite && composed) {
        const where = compositeOut ?? `${out} (${language === 'da' ? 'Samlet indeks' : 'Composite index'})`;
        io.stdout(`composite index of ${composite.indicators.length} indicators for the layer "${composite.layerId}" (${composed.length} rows) written to ${where}\n`);
      }
      if (classified) {
        const where = classificationsOut ?? `${out} (${language === 'da' ? 'Klassifikationer' : 'Classifications'})`;
        io.stdout(`${classified.length} classification results${includeContested ? '' : ' (contested criteria not evaluated; see --include-contested)'} written to ${where}\n`);
      }
    } finally {
      engine.close();
    }
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`compute: ${err.message}\nSee "npm run compute -- --help".\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InputError) {
      io.stderr(`compute: ${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
}


if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCompute(process.argv.slice(2), processIo());
}
