/**
 * Writes a synthetic municipality to a folder, for inspection:
 *   npx tsx scripts/synth/cli.ts --seed 42 --out out/synth
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMunicipality } from './generate.ts';
import type { FeatureCollection } from './types.ts';

const HELP = `Usage: npx tsx scripts/synth/cli.ts [--seed <integer>] [--scale <number>] [--out <dir>]

Generates the fictional "Sundby Kommune (fiktiv)" (code 0999): 84 base districts in
8 bydele with 4 housing estates, a person-period panel 2015–2024, events and the
planted ground truth. The same seed always gives byte-identical files.

Options:
  --seed <integer>  seed of the random generator (default 42)
  --scale <number>  multiplies the population, > 0 (default 1; 10 ≈ 7 million rows)
  --out <dir>       output folder, created if missing (default out/synth)
  --help            show this help

Files written to <dir>:
  basisdistrikt.geojson, bydel.geojson, boligomraade.geojson, kommune.geojson
                            area layers in EPSG:4326 (lon, lat)
  *.epsg25832.geojson       the same layers in EPSG:25832, with a legacy "crs" member
  adjacency.json            queen and rook contiguity of the districts
  persons.jsonl             one person-period row per line
  events.jsonl              one event per line
  ground-truth.json         the planted cases and municipality rates

Exit status: 0 on success, 1 if generating or writing fails, 2 on bad usage.`;

function usageError(message: string): never {
  process.stderr.write(`synth: ${message}\nTry --help for the options.\n`);
  process.exit(2);
}

interface Options {
  seed: number;
  scale: number;
  out: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        scale: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    usageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const seedText = v.seed ?? '42';
  if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(Number(seedText))) {
    usageError(`--seed must be an integer, got "${seedText}"`);
  }
  const scaleText = v.scale ?? '1';
  const scale = Number(scaleText);
  if (scaleText.trim() === '' || !Number.isFinite(scale) || scale <= 0) {
    usageError(`--scale must be a positive number, got "${scaleText}"`);
  }
  const out = v.out ?? join('out', 'synth');
  if (out.trim() === '') usageError('--out must name a folder');
  return { seed: Number(seedText), scale, out };
}

/** Column table → JSON lines, written in chunks so millions of rows never become one string. */
function writeJsonLines(path: string, table: Record<string, readonly unknown[]>): number {
  const keys = Object.keys(table);
  const cols = keys.map((k) => table[k]!);
  const n = cols[0]?.length ?? 0;
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    for (let i = 0; i < n; i++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < keys.length; c++) row[keys[c]!] = cols[c]![i];
      chunk += `${JSON.stringify(row)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return n;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}

function withLegacyCrs<P>(fc: FeatureCollection<P>): unknown {
  return { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } }, features: fc.features };
}

function main(): void {
  const opts = parseOptions(process.argv.slice(2));
  if (opts === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  try {
    const t0 = performance.now();
    const m = generateMunicipality({ seed: opts.seed, scale: opts.scale });
    const t1 = performance.now();
    mkdirSync(opts.out, { recursive: true });
    for (const name of ['basisdistrikt', 'bydel', 'boligomraade'] as const) {
      writeJson(join(opts.out, `${name}.geojson`), m.layers[name]);
      writeJson(join(opts.out, `${name}.epsg25832.geojson`), withLegacyCrs(m.layers25832[name]));
    }
    const kommune = (geometry: unknown) => ({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { area_id: m.municipality.code, name: m.municipality.name }, geometry }],
    });
    writeJson(join(opts.out, 'kommune.geojson'), kommune(m.outline));
    writeJson(join(opts.out, 'kommune.epsg25832.geojson'), {
      ...kommune(m.outline25832),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
    });
    writeJson(join(opts.out, 'adjacency.json'), { queen: m.adjacency, rook: m.rookAdjacency });
    writeJson(join(opts.out, 'ground-truth.json'), m.groundTruth);
    const persons = writeJsonLines(join(opts.out, 'persons.jsonl'), m.persons as unknown as Record<string, unknown[]>);
    const events = writeJsonLines(join(opts.out, 'events.jsonl'), m.events as unknown as Record<string, unknown[]>);
    const t2 = performance.now();
    process.stdout.write(
      `${m.municipality.name}, seed ${opts.seed}, scale ${opts.scale}: ${persons} person rows, ${events} events ` +
        `(generated in ${((t1 - t0) / 1000).toFixed(1)} s, written in ${((t2 - t1) / 1000).toFixed(1)} s) → ${opts.out}\n`,
    );
  } catch (err) {
    process.stderr.write(`synth: failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

main();
