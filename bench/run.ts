/**
 * `npm run bench`: runs the registered benchmarks, prints a table and writes
 * bench/results.json (DESIGN.md, "Conventions": figures with a reference measured in
 * the same run, and their ratio). Add a benchmark by writing bench/<name>.bench.ts
 * exporting a `Benchmark` and listing it in BENCHMARKS below.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeBenchmark } from './compute.bench';
import { decryptBenchmark } from './decrypt.bench';
import { formatTable, writeResults } from './report';
import { restyleBenchmark } from './restyle.bench';
import { spatialBenchmark } from './spatial.bench';
import type { Benchmark, MeasuredFigure } from './types';

const BENCHMARKS: readonly Benchmark[] = [decryptBenchmark, computeBenchmark, spatialBenchmark, restyleBenchmark];

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

const HELP = `Usage: npm run bench -- [options]

Runs the benchmarks, prints a table and writes bench/results.json.

Options:
  --only <name>   run only this benchmark (repeatable, or comma-separated); the
                  figures of the others stay in bench/results.json as they were
  --quick         smaller workloads and fewer runs, for a quick check; leaves
                  bench/results.json as it is
  --help          show this help

bench/results.json: a full run writes this run's figures. When some figures were
not measured (--only, or a benchmark that could not run), a figure of this run
replaces the one of the same name and the others are kept from the previous file.

Benchmarks:
${BENCHMARKS.map((benchmark) => `  ${benchmark.name.padEnd(14)}${benchmark.description}`).join('\n')}

Exit status: 0 when every benchmark ran (goals met or not, see the table),
1 when a benchmark could not run, 2 on bad usage.`;

class UsageError extends Error {}

interface Options {
  only: string[];
  quick: boolean;
  help: boolean;
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = { only: [], quick: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? args[++i] : arg.slice('--only='.length);
      if (!value) throw new UsageError('--only needs a benchmark name');
      options.only.push(...value.split(',').filter(Boolean));
    } else throw new UsageError(`unknown option ${arg}`);
  }
  const known = new Set(BENCHMARKS.map((benchmark) => benchmark.name));
  const unknown = options.only.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UsageError(`unknown benchmark ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return options;
}

function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.versions.node}, OpenSSL ${process.versions.openssl}`;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const selected = options.only.length > 0 ? BENCHMARKS.filter((benchmark) => options.only.includes(benchmark.name)) : BENCHMARKS;
  console.log(machineLine());
  if (options.quick) console.log('quick mode: small workloads, few runs; figures are indicative only');
  const figures: MeasuredFigure[] = [];
  let failed = false;
  for (const benchmark of selected) {
    try {
      figures.push(...(await benchmark.run({ quick: options.quick, log: (message) => console.log(message) })));
    } catch (err) {
      failed = true;
      console.error(`bench: ${benchmark.name} could not run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`\n${formatTable(figures)}`);
  const resultsName = path.relative(process.cwd(), RESULTS_FILE);
  if (options.quick) {
    console.log(`\nquick mode: ${resultsName} left as it was`);
  } else {
    const partial = failed || selected.length < BENCHMARKS.length;
    const written = await writeResults(RESULTS_FILE, figures, { keepOthers: partial });
    const kept = written - figures.length;
    console.log(`\nwrote ${resultsName} (${figures.length} figures from this run${kept > 0 ? `, ${kept} kept from the previous file` : ''})`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
