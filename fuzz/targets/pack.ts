/**
 * pack: indicator pack files (JSON) → parsePack (shared/indicators/schema.ts), as the
 * renderer's "Indlæs egen pakke…" and `npm run compute --pack` read them (UTF-8 text, at most
 * 2 MB). A refusal must list problems with a field and a Danish and English message; an
 * accepted pack must go through what the app does next without a raw exception: the check
 * against the open extract's columns, the SQL compiler, and the pure computation on an
 * engine's rows (results, composite index, classifications), here with a stand-in engine
 * that answers with generated rows for the demo extract's areas.
 */
import { MAX_PACK_FILE_BYTES } from '../../renderer/stores/packs';
import type { ExtractManifest } from '../../shared/extract/manifest';
import { unpackExtract, type GeoJsonFeatureCollection } from '../../shared/extract/unpack';
import { buildAreaMap, type AreaMap } from '../../shared/indicators/areas';
import { evaluateClassifications } from '../../shared/indicators/classifications';
import { compilePackQuery } from '../../shared/indicators/compile';
import { computeComposite } from '../../shared/indicators/composite';
import type { IndicatorPack } from '../../shared/indicators/pack';
import { checkPackAgainstExtract } from '../../shared/indicators/pack-columns';
import { computePack, type SqlRunner } from '../../shared/indicators/run';
import { formatPackProblem, parsePack, PACK_FORMAT, type PackProblem } from '../../shared/indicators/schema';
import socialBalance from '../../shared/indicators/packs/social-balance.json' with { type: 'json' };
import officialCriteria from '../../shared/indicators/packs/dk-official-criteria.json' with { type: 'json' };
import { mutateBytes, mutateJson, type Json, type Rng } from '../mutate';
import { assertThat, checkBilingual, consumer, describe, isNonEmptyText, type FuzzInput, type FuzzTarget, type Verdict } from '../target';
import { demoArchive } from './extract-seeds';

const SEEDS: readonly { name: string; json: Json }[] = [
  { name: 'social-balance', json: socialBalance as unknown as Json },
  { name: 'dk-official-criteria', json: officialCriteria as unknown as Json },
];

const PACK_STRINGS = [
  'bydelsmonitor-pack',
  'share',
  'per1000',
  'count',
  'dkk',
  'median',
  'higher-is-worse',
  'context',
  'persons',
  'event',
  'value',
  'between',
  'not-in',
  'is-null',
  'age',
  'income',
  'labour_status',
  'district_id',
  'period',
  'person_id',
  'employment_16_64',
  'residents',
  'nation',
  'z-score',
  'https://example.org',
  'javascript:alert(1)',
  "o'brien",
  'a\u0000b',
];

interface Demo {
  manifest: ExtractManifest;
  layers: ReadonlyMap<string, GeoJsonFeatureCollection>;
  areaMap: AreaMap;
}
let demo: Promise<Demo> | null = null;

function demoExtract(): Promise<Demo> {
  demo ??= demoArchive().then((plaintext) => {
    const unpacked = unpackExtract(plaintext);
    // The first 20 areas of each layer: classifying every area formats its numbers, the costly part of a case.
    const layers = new Map([...unpacked.layers].map(([id, fc]) => [id, { ...fc, features: fc.features.slice(0, 20) }]));
    return { manifest: unpacked.manifest, layers, areaMap: buildAreaMap(unpacked.manifest, layers) };
  });
  return demo;
}

/** A stand-in engine: the pack query gets a row per indicator × area × period (the last two), anything else none. */
function fakeEngine(pack: IndicatorPack, d: Demo): SqlRunner {
  const periods = d.manifest.periods.slice(-2);
  const areas = d.areaMap.areas;
  return {
    query(sql: string) {
      if (!sql.startsWith('WITH ')) return Promise.resolve([]);
      const rows: Record<string, unknown>[] = [];
      pack.indicators.forEach((ind, i) => {
        for (const [j, area] of areas.entries()) {
          for (const period of periods) {
            const k = (i * 31 + j * 7 + period) % 23;
            const denominator = (j % 5) * 40;
            rows.push({ indicator_id: ind.id, layer_id: area.layerId, period, area_id: area.areaId, numerator: Math.min(k, denominator), denominator, sum_sq: k * k * 3, median: k * 1000 });
          }
        }
      });
      return Promise.resolve(rows);
    },
  };
}

function checkProblems(problems: unknown): void {
  assertThat(Array.isArray(problems) && problems.length > 0, 'bad-error', () => `a refused pack came with no problems: ${describe(problems)}`);
  for (const p of problems as PackProblem[]) {
    assertThat(p.indicatorId === null || typeof p.indicatorId === 'string', 'bad-error', () => `problem.indicatorId is ${describe(p.indicatorId)}`);
    assertThat(typeof p.field === 'string', 'bad-error', () => `problem.field is ${describe(p.field)}`);
    checkBilingual(p.message, `problem at "${p.field}"`);
    assertThat(isNonEmptyText(formatPackProblem(p, 'da')) && isNonEmptyText(formatPackProblem(p, 'en')), 'bad-error', 'formatPackProblem gave no text');
  }
}

/** What the app does with an accepted pack (renderer/engine/analyse-pack.ts, scripts/compute). */
async function checkAccepted(pack: IndicatorPack): Promise<string | undefined> {
  assertThat(pack.format === PACK_FORMAT, 'accepted-invalid', () => `format is ${describe(pack.format)}`);
  assertThat(Array.isArray(pack.indicators) && pack.indicators.length > 0, 'accepted-invalid', 'no indicators');
  const ids = new Set<string>();
  for (const ind of pack.indicators) {
    assertThat(/^[a-z_][a-z0-9_]*$/.test(ind.id) && !ids.has(ind.id), 'accepted-invalid', () => `indicator id ${describe(ind.id)} is not a unique lower-case id`);
    ids.add(ind.id);
  }
  const d = await demoExtract();
  await consumer('compilePackQuery (shared/indicators/compile.ts)', () => compilePackQuery(pack.indicators));
  const problems = await consumer('checkPackAgainstExtract (shared/indicators/pack-columns.ts)', () => checkPackAgainstExtract(pack, d.manifest));
  if (problems.length > 0) {
    checkProblems(problems);
    return 'accepted; refused for the demo extract';
  }
  // The stand-in engine's rows grow with indicators × areas; past a few hundred indicators that is the fuzzer's cost, not the app's.
  if (pack.indicators.length > 200) return 'accepted; too many indicators to compute here';
  const computed = await consumer('computePack (shared/indicators/run.ts)', () => computePack(fakeEngine(pack, d), pack.indicators, d.manifest, d.layers));
  await consumer('computeComposite (shared/indicators/composite.ts)', () => computeComposite(pack, computed.results, { layerId: d.manifest.baseLayer, areaMap: computed.areaMap }));
  await consumer('evaluateClassifications (shared/indicators/classifications.ts)', () => evaluateClassifications(pack, computed.results, { includeContested: true }));
  return undefined;
}

async function run(input: FuzzInput): Promise<Verdict> {
  // renderer/stores/packs.ts refuses larger files before reading them.
  if (input.bytes.length > MAX_PACK_FILE_BYTES) return { status: 'refused', code: 'too-large (store)' };
  const text = new TextDecoder().decode(input.bytes);
  const result = parsePack(text);
  assertThat(result !== null && typeof result === 'object' && typeof result.ok === 'boolean', 'bad-result', () => `parsePack returned ${describe(result)}`);
  if (!result.ok) {
    checkProblems(result.problems);
    return { status: 'refused', code: 'problems' };
  }
  const note = await checkAccepted(result.pack);
  return note ? { status: 'accepted', note } : { status: 'accepted' };
}

/** A filter node nested `depth` levels deep in all/any groups, as JSON text (JSON.stringify would overflow). */
function deepFilterText(rng: Rng, depth: number): string {
  const open: string[] = [];
  for (let i = 0; i < depth; i++) open.push(rng.chance(0.5) ? '{"all":[' : '{"any":[');
  return `${open.join('')}{"column":"age","op":"gte","value":16}${']}'.repeat(depth)}`;
}

function generate(rng: Rng): FuzzInput {
  const seed = rng.pick(SEEDS);
  if (rng.chance(0.05)) {
    // Deep nesting where the schema recurses: a population or numerator filter.
    const pack = structuredClone(seed.json) as { indicators: { population: Json[]; numerator: { where?: Json[] } }[] };
    const ind = rng.pick(pack.indicators);
    const depth = rng.pick([100, 500, 1000, 2000, 10_000]);
    const filter = ind.numerator.where && rng.chance(0.5) ? ind.numerator.where : ind.population;
    filter.push('@@DEEP@@');
    const text = JSON.stringify(pack).replace('"@@DEEP@@"', deepFilterText(rng, depth));
    return { variant: `${seed.name}/deep-filter-${depth}`, bytes: new TextEncoder().encode(text) };
  }
  if (rng.chance(0.08)) {
    const text = new TextEncoder().encode(JSON.stringify(seed.json));
    return { variant: `${seed.name}/bytes`, bytes: mutateBytes(rng, text) };
  }
  const bytes = mutateJson(rng, seed.json, {
    strings: PACK_STRINGS,
    deepWrappers: [
      ['{"all":[', ']}'],
      ['{"any":[', ']}'],
      ['{"all":[{"column":"age","op":"gte","value":16},', ']}'],
    ],
    maxEdits: 4,
    maxAddedChars: 1_000_000,
  });
  return { variant: `${seed.name}/json`, bytes };
}

export const packTarget: FuzzTarget = {
  name: 'pack',
  description: 'indicator pack files (JSON, ≤ 2 MB) → parsePack; accepted packs through checkPackAgainstExtract, compilePackQuery, computePack (stand-in engine), computeComposite, evaluateClassifications',
  defaultCases: 400,
  slowDivisor: 2,
  async setup() {
    await demoExtract();
  },
  generate,
  run,
};
