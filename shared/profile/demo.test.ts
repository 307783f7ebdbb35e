/**
 * A target-group profile on the committed demo municipality: the unemployed residents of
 * the planted vulnerable estate (scripts/synth ground truth) against the rest of the
 * municipality, in native DuckDB and DuckDB-wasm, checked against counts taken with
 * independent SQL.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeEngine, openWasmEngine, type NodeEngine } from '../../scripts/compute/engines';
import { generateMunicipality } from '../../scripts/synth/generate';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../extract/demo';
import { decryptAgeInMemory } from '../extract/decrypt';
import type { ExtractManifest } from '../extract/manifest';
import { unpackExtract } from '../extract/unpack';
import { buildAreaMap, type AreaMap } from '../indicators/areas';
import type { TargetGroupDefinition } from './definition';
import { runTargetGroupProfile, type ProfileRun } from './run';
import { cohensH, newcombeInterval, type ShownRow } from './statistics';

let native: NodeEngine;
let manifest: ExtractManifest;
let areaMap: AreaMap;
let estate: { estateId: string; districtIds: string[] };
let period: number;
let definition: TargetGroupDefinition;
let profile: Extract<ProfileRun, { status: 'ok' }>;
let unpacked: ReturnType<typeof unpackExtract>;

const count = async (where: string): Promise<number> => Number((await native.query(`SELECT COUNT(*) AS n FROM persons WHERE ${where}`))[0]?.['n']);

beforeAll(async () => {
  const decrypted = await decryptAgeInMemory(new Uint8Array(await readFile(new URL('../../resources/demo/demo.bdx', import.meta.url))), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo extract: ${decrypted.error.code}`);
  unpacked = unpackExtract(decrypted.plaintext);
  manifest = unpacked.manifest;
  areaMap = buildAreaMap(manifest, unpacked.layers);
  native = await openNativeEngine();
  for (const table of manifest.tables) await native.loadParquet(table, unpacked.tables.get(table.name) as Uint8Array);
  const truth = generateMunicipality({ seed: DEMO_SEED, scale: 1 }).groundTruth;
  estate = truth.vulnerableEstate;
  period = truth.latestPeriod;
  definition = {
    period,
    area: { kind: 'areas', layerId: 'boligomraade', areaIds: [estate.estateId] },
    conditions: [{ column: 'labour_status', op: 'in', values: ['ledig'] }],
    comparison: 'rest-of-municipality',
  };
  const run = await runTargetGroupProfile(native, manifest, definition, { areaMapRows: areaMap.rows, areas: areaMap.areas });
  if (run.status !== 'ok') throw new Error(`expected a profile: ${JSON.stringify(run)}`);
  profile = run;
}, 120_000);

afterAll(() => native?.close());

const shown = (id: string): ShownRow => {
  const r = profile.rows.find((x) => x.id === id);
  if (!r || r.suppressed) throw new Error(`row ${id} is ${r ? 'suppressed' : 'missing'}`);
  return r;
};

describe('unemployed residents of the vulnerable estate against the rest of the municipality (demo)', () => {
  it('has the sizes that independent SQL counts', async () => {
    const districts = estate.districtIds.map((d) => `'${d}'`).join(', ');
    const group = await count(`period = ${period} AND district_id IN (${districts}) AND labour_status = 'ledig'`);
    const all = await count(`period = ${period}`);
    expect(group).toBeGreaterThanOrEqual(100);
    expect(profile.groupSize).toBe(group);
    expect(profile.comparisonSize).toBe(all - group);
    expect(profile.overlap).toBe('none');
  });

  it('differs most on the labour market (by definition, not ranked) and then on benefits and education', () => {
    // The defining column: 100 % unemployed against ≈ 2 % — shown, never ranked.
    const ledig = shown('labour_status=ledig');
    expect(ledig.group).toBe(1);
    expect(ledig.comparison).toBeLessThan(0.05);
    expect(ledig.rank).toBeNull();
    const effects = profile.rows.flatMap((r) => (r.suppressed || r.effect === null ? [] : [Math.abs(r.effect)]));
    expect(Math.abs(ledig.effect ?? 0)).toBe(Math.max(...effects));
    // Among the ranked characteristics: benefits (kontanthjælp, dagpenge) and basic education lead.
    const top = profile.rows.filter((r) => r.rank !== null && r.rank <= 3).map((r) => r.id).sort();
    expect(top).toEqual(['benefit=dagpenge', 'benefit=kontanthjaelp', 'education=grundskole']);
    const kontant = shown('benefit=kontanthjaelp');
    expect(kontant.interval?.lower).toBeGreaterThan(0.3);
  });

  it("the top characteristic's numbers match independent SQL", async () => {
    const first = profile.rows[0];
    if (!first || first.suppressed || first.characteristic.kind !== 'share') throw new Error('expected a share on top');
    const { column, category } = first.characteristic;
    const districts = estate.districtIds.map((d) => `'${d}'`).join(', ');
    const inGroup = `district_id IN (${districts}) AND labour_status = 'ledig'`;
    const x1 = await count(`period = ${period} AND ${inGroup} AND ${column} = '${category}'`);
    const x2 = await count(`period = ${period} AND NOT (${inGroup}) AND ${column} = '${category}'`);
    expect(first.group).toBe(x1 / profile.groupSize);
    expect(first.comparison).toBe(x2 / profile.comparisonSize);
    expect(first.interval).toEqual(newcombeInterval(x1, profile.groupSize, x2, profile.comparisonSize));
    expect(first.effect).toBeCloseTo(cohensH(x1 / profile.groupSize, x2 / profile.comparisonSize), 12);
  });

  it('leaves the contested origin column out unless it is included', async () => {
    expect(profile.rows.some((r) => r.characteristic.column === 'origin')).toBe(false);
    const included = await runTargetGroupProfile(native, manifest, { ...definition, includeContested: true }, { catalogue: profile.catalogue });
    if (included.status !== 'ok') throw new Error('expected a profile');
    const origin = included.rows.filter((r) => r.characteristic.column === 'origin');
    expect(origin.length).toBe(3);
    expect(origin.every((r) => r.contested)).toBe(true);
  });

  it('suppresses small cells, and never ranks them', () => {
    const suppressed = profile.rows.filter((r) => r.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.every((r) => r.rank === null)).toBe(true);
  });

  it('gives the same profile in DuckDB-wasm (the app’s engine)', async () => {
    const wasm = await openWasmEngine();
    try {
      for (const table of manifest.tables) await wasm.loadParquet(table, unpacked.tables.get(table.name) as Uint8Array);
      const other = await runTargetGroupProfile(wasm, manifest, definition, { areaMapRows: areaMap.rows });
      if (other.status !== 'ok') throw new Error('expected a profile');
      expect(other.rows.map((r) => [r.id, r.rank, r.suppressed])).toEqual(profile.rows.map((r) => [r.id, r.rank, r.suppressed]));
      other.rows.forEach((r, i) => {
        const mine = profile.rows[i];
        if (!r.suppressed && mine && !mine.suppressed) {
          expect(r.group).toBeCloseTo(mine.group, 9);
          expect(r.comparison).toBeCloseTo(mine.comparison, 9);
        }
      });
    } finally {
      wasm.close();
    }
  }, 120_000);
});
