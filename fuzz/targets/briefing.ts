/**
 * briefing: briefing packs (".bmp.json", or ".bmp" sealed with a passphrase in age) →
 * openBriefingBytes (shared/briefing/file.ts), as meeting mode opens them. A refusal must
 * say why in Danish and English; an accepted briefing must pass its own schema and be
 * drawable by the meeting's overview map (renderer/features/meeting/overview-map.ts), with
 * area outlines that are Polygons/MultiPolygons in EPSG:4326 as the schema comment says.
 *
 * Seeds are literal, valid briefings (1.0 and 1.1 with city life); setup checks they still
 * parse, so a schema change that outdates them fails loudly here rather than fuzzing nothing.
 */
import { Encrypter } from 'age-encryption';
import { openBriefingBytes } from '../../shared/briefing/file';
import { MAX_BRIEFING_BYTES } from '../../shared/briefing/limits';
import { briefingSchema, parseBriefing, type BriefingPack } from '../../shared/briefing/schema';
import { projectAreas } from '../../renderer/features/meeting/overview-map';
import { mutateBytes, mutateJson, type Json, type Rng } from '../mutate';
import { FUZZ_PASSPHRASE, SEED_WORK_FACTOR } from '../secrets';
import { assertThat, checkBilingual, consumer, describe, type FuzzInput, type FuzzTarget, type Verdict } from '../target';
import { geometryProblem } from './extract-checks';

const square = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

const SEED_1_0: Json = {
  format: 'bydelsmonitor-briefing',
  version: '1.0',
  title: 'Områdeudvalget, december',
  created: '2026-12-05T00:00:00.000Z',
  municipality: { code: '0999', name: 'Sundby Kommune (fiktiv)' },
  synthetic: true,
  period: 2024,
  layer: { id: 'basisdistrikt', label: { da: 'Basisdistrikt', en: 'Base district' } },
  disclosure: { minCellSize: 5, statement: { da: 'Værdier under 5 personer er tilbageholdt.', en: 'Values under 5 persons are withheld.' } },
  indicators: [
    { id: 'employment_16_64', label: { da: 'Beskæftigede 16–64 år', en: 'Employed, aged 16–64' }, unit: 'share', direction: 'higher-is-better', municipality: 0.75 },
    { id: 'cash_benefits_16_64', label: { da: 'Kontanthjælp', en: 'Cash benefits' }, unit: 'share', direction: 'higher-is-worse', municipality: null },
  ],
  overview: { indicatorId: 'employment_16_64', classes: [{ lower: 0, upper: 0.5, colour: '#440154' }, { lower: 0.5, upper: 1, colour: '#fde725' }] },
  areas: [
    {
      id: '0101',
      name: 'Åkanten',
      geometry: { type: 'Polygon', coordinates: [square(12.5, 55.67, 0.01)] },
      colour: '#440154',
      figures: {
        employment_16_64: { value: 0.75, lower: 0.7, upper: 0.8, suppressed: null },
        cash_benefits_16_64: { value: null, lower: null, upper: null, suppressed: { da: 'færre end 5 personer', en: 'fewer than 5 persons' } },
      },
      flags: [{ da: 'faldende beskæftigelse', en: 'falling employment' }],
      note: 'Husk mødet med boligforeningen.',
    },
    {
      id: '0102',
      name: 'Søparken',
      geometry: { type: 'MultiPolygon', coordinates: [[square(12.51, 55.67, 0.01)], [square(12.53, 55.67, 0.005)]] },
      colour: '#fde725',
      figures: { employment_16_64: { value: 0.6, lower: 0.5, upper: 0.7, suppressed: null } },
      flags: [],
      note: '',
    },
    { id: '0103', name: 'Ørestien', geometry: null, colour: '#21918c', figures: {}, flags: [], note: 'Ingen geografi.' },
  ],
};

const SEED_1_1: Json = {
  ...(SEED_1_0 as { [key: string]: Json }),
  version: '1.1',
  cityLife: {
    source: 'byliv.json',
    kind: 'moving',
    sites: [
      { name: 'Torvet', rate: 312.5, weekdayRate: 340.1, weekendRate: 250, peakHour: 16 },
      { name: 'Parken', rate: null, weekdayRate: null, weekendRate: null, peakHour: null },
    ],
    evaluation: { siteName: 'Torvet', comparisonSites: ['Parken'], rateRatio: 1.31, lower: 1.22, upper: 1.41, conclusion: { da: '31 % flere', en: '31% more' }, method: { da: 'Poisson', en: 'Poisson' } },
  },
};

const SEEDS: readonly { name: string; json: Json }[] = [
  { name: '1.0', json: SEED_1_0 },
  { name: '1.1', json: SEED_1_1 },
];

const STRINGS = ['bydelsmonitor-briefing', '1.0', '1.1', '1.99', '2.0', 'Polygon', 'MultiPolygon', 'share', 'higher-is-worse', '#ffffff', '#FFF', 'employment_16_64', '0101', 'moving', 'staying'];

/** The variant says how the bytes are fed: plain, sealed with the right, a wrong or no passphrase. */
const PASSPHRASES: Record<string, string | null> = { plain: null, sealed: FUZZ_PASSPHRASE, 'sealed-wrong': 'not the passphrase', 'sealed-none': null };

async function seal(bytes: Uint8Array): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(FUZZ_PASSPHRASE);
  encrypter.setScryptWorkFactor(SEED_WORK_FACTOR);
  return encrypter.encrypt(bytes);
}

async function generate(rng: Rng): Promise<FuzzInput> {
  const seed = rng.pick(SEEDS);
  let bytes: Uint8Array;
  let how: string;
  const geometryWeird = rng.chance(0.15);
  if (geometryWeird) {
    // Outlines: the part of a briefing the meeting view draws without further checks.
    const copy = structuredClone(seed.json) as { areas: { geometry: Json }[] };
    const area = rng.pick(copy.areas);
    area.geometry = rng.pick<Json>([
      { type: 'Polygon', coordinates: [null] },
      { type: 'Polygon', coordinates: [[null]] },
      { type: 'Polygon', coordinates: [1, 2] },
      { type: 'Polygon', coordinates: [['a', 'b']] },
      { type: 'Polygon', coordinates: [[[12.5, 55.6]]] },
      { type: 'Polygon', coordinates: [] },
      { type: 'MultiPolygon', coordinates: [null] },
      { type: 'MultiPolygon', coordinates: [[[[1e308, -1e308], [1, 1], [2, 2], [1e308, -1e308]]]] },
      // A detailed but valid outline: 150 001 positions round a circle, closed.
      { type: 'Polygon', coordinates: [Array.from({ length: 150_001 }, (_, i) => [12.5 + 0.01 * Math.cos((2 * Math.PI * i) / 150_000), 55.6 + 0.01 * Math.sin((2 * Math.PI * i) / 150_000)])] },
      { type: 'Polygon', coordinates: [[[720000, 6170000], [721000, 6170000], [721000, 6171000], [720000, 6170000]]] },
    ]);
    bytes = new TextEncoder().encode(JSON.stringify(copy));
    how = 'geometry';
  } else if (rng.chance(0.08)) {
    bytes = mutateBytes(rng, new TextEncoder().encode(JSON.stringify(seed.json)));
    how = 'bytes';
  } else {
    bytes = mutateJson(rng, seed.json, { strings: STRINGS, maxEdits: 4 });
    how = 'json';
  }
  const feed = rng.chance(0.8) ? 'plain' : rng.pick(['sealed', 'sealed', 'sealed-wrong', 'sealed-none']);
  if (feed !== 'plain') bytes = await seal(bytes);
  return { variant: `${seed.name}/${how}|${feed}`, bytes };
}

async function run(input: FuzzInput): Promise<Verdict> {
  const feed = input.variant.slice(input.variant.indexOf('|') + 1);
  if (!(feed in PASSPHRASES)) throw new Error(`unknown feed "${feed}" in variant "${input.variant}"`);
  const result = await openBriefingBytes(input.bytes.length > MAX_BRIEFING_BYTES ? null : input.bytes, PASSPHRASES[feed] ?? null);
  const r = result as { ok?: unknown; briefing?: unknown; needsPassphrase?: unknown; problem?: unknown } | null;
  assertThat(r !== null && typeof r === 'object' && typeof r.ok === 'boolean', 'bad-result', () => `openBriefingBytes returned ${describe(result)}`);
  if (!result.ok) {
    assertThat(typeof result.needsPassphrase === 'boolean', 'bad-error', () => `needsPassphrase is ${describe(result.needsPassphrase)}`);
    checkBilingual(result.problem, 'the briefing problem');
    return { status: 'refused', code: result.needsPassphrase ? 'needs-passphrase' : 'problem' };
  }
  const briefing: BriefingPack = result.briefing;
  const reparsed = briefingSchema.safeParse(briefing);
  assertThat(reparsed.success, 'accepted-invalid', () => `the briefing returned does not pass its schema: ${reparsed.error?.issues[0]?.message ?? ''}`);
  // Outlines the format would call valid (finite positions, closed rings) must draw; a failure on others is the schema's.
  const invalid = briefing.areas.some((a) => a.geometry !== null && geometryProblem(a.geometry) !== null);
  const name = invalid ? 'projectAreas (renderer/features/meeting/overview-map.ts)' : '[valid outlines] projectAreas (renderer/features/meeting/overview-map.ts)';
  const projected = await consumer(name, () => projectAreas(briefing.areas, 960, 640));
  for (const p of projected) {
    // An outline the schema let through but the map cannot place (NaN, Infinity) is drawn as nothing, or garbage.
    const bad = /NaN|Infinity/.exec(`${p.path} ${p.label.join(' ')}`);
    assertThat(!bad, 'accepted-invalid', () => {
      const area = briefing.areas.find((a) => a.id === p.id);
      const own = geometryProblem(area?.geometry);
      if (!invalid) return `[valid outlines] area ${describe(p.id)}: the overview map draws ${bad?.[0]} though every outline is valid`;
      return `[briefing-geometry] area ${describe(p.id)}: the overview map draws ${bad?.[0]} (${own ?? "its own outline is valid; another area's is not"})`;
    });
  }
  return { status: 'accepted' };
}

export const briefingTarget: FuzzTarget = {
  name: 'briefing',
  description: 'briefing packs (.bmp.json, or .bmp sealed with age) → openBriefingBytes; accepted ones through the schema again and the meeting overview map',
  defaultCases: 800,
  async setup() {
    for (const seed of SEEDS) {
      const parsed = parseBriefing(JSON.stringify(seed.json));
      if (!parsed.ok) throw new Error(`fuzz/targets/briefing.ts: seed ${seed.name} no longer parses (${parsed.problem.en}); update the seed to the briefing schema`);
    }
  },
  generate,
  run,
};
