/**
 * The flags (shared/flags) on the demo extract, against the generator's planted ground
 * truth (ground-truth.ts): the social-balance and official-criteria packs are computed
 * once with native DuckDB, as `npm run compute` does, and flagged with the default
 * settings (additive over-dispersion, 999 permutations, seed 12345, no FDR, watch margin
 * 10 % of the limit).
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../../shared/extract/demo';
import { unpackExtract } from '../../shared/extract/unpack';
import { computeFlags, type DevelopmentFlag, type FlagAnalysis, type HotSpotFlag } from '../../shared/flags/index';
import { OFFICIAL_CRITERIA_PACK, SOCIAL_BALANCE_PACK } from '../../shared/indicators/packs/index';
import { computePack } from '../../shared/indicators/run';
import { openNativeEngine } from '../compute/engines';
import { generateMunicipality } from './generate';
import type { GroundTruth } from './types';

const DEMO = new URL('../../resources/demo/demo.bdx', import.meta.url);
const BASE = 'basisdistrikt';
const ESTATES = 'boligomraade';

let truth: GroundTruth;
/** Social balance on the base districts, every period. */
let social: FlagAnalysis;
/** Official criteria on the housing estates: thresholds and the watch list. */
let criteria: FlagAnalysis;

beforeAll(async () => {
  const decrypted = await decryptAgeInMemory(new Uint8Array(await readFile(DEMO)), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo extract: ${decrypted.error.code}`);
  const unpacked = unpackExtract(decrypted.plaintext);
  const engine = await openNativeEngine();
  let socialResults;
  let criteriaResults;
  try {
    for (const table of unpacked.manifest.tables) await engine.loadParquet(table, unpacked.tables.get(table.name) as Uint8Array);
    socialResults = (await computePack(engine, SOCIAL_BALANCE_PACK.indicators, unpacked.manifest, unpacked.layers)).results;
    criteriaResults = (await computePack(engine, OFFICIAL_CRITERIA_PACK.indicators, unpacked.manifest, unpacked.layers)).results;
  } finally {
    engine.close();
  }
  social = computeFlags(SOCIAL_BALANCE_PACK, socialResults, { layerId: BASE, geometry: unpacked.layers.get(BASE) ?? null });
  criteria = computeFlags(OFFICIAL_CRITERIA_PACK, criteriaResults, { layerId: ESTATES, kinds: ['threshold', 'watch'] });
  // The demo is built with scale 1 (scripts/demo/build-extract.ts).
  truth = generateMunicipality({ seed: DEMO_SEED, scale: 1 }).groundTruth;
}, 120_000);

const latest = () => truth.latestPeriod;

describe('flags on the demo extract', () => {
  it('flags all three worsening districts for negative development of employment, on a clear trend', () => {
    const worsening = truth.worseningEmployment.districtIds;
    expect(worsening).toHaveLength(3);
    for (const id of worsening) {
      const flag = social.flags.find(
        (f): f is DevelopmentFlag => f.kind === 'negative-development' && f.indicatorId === 'employment_16_64' && f.areaId === id && f.period === latest(),
      );
      expect(flag, id).toBeDefined();
      expect(flag!.evidence.basis, id).toContain('trend');
      // Planted: about 2.8 points lower a year from 2020; the pack's minimum is 1 point.
      expect(flag!.evidence.trend!.changePerPeriod, id).toBeLessThan(-0.02);
      expect(flag!.evidence.trend!.changeUpper, id).toBeLessThan(-0.01);
      expect(flag!.evidence.minChange).toBe(0.01);
      // Flat until 2019: the flag starts after the decline began.
      expect(flag!.since, id).toBeGreaterThanOrEqual(2020);
      expect(flag!.explanation.da, id).toMatch(/udvikler sig negativt/);
    }
  });

  it('finds the planted notification cluster as a hot spot, and little else', () => {
    const cluster = new Set(truth.notificationCluster.districtIds);
    const hot = (period: number) =>
      social.flags.filter((f): f is HotSpotFlag => f.kind === 'hot-spot' && f.indicatorId === 'child_notifications' && f.period === period);
    const found = hot(latest()).filter((f) => cluster.has(f.areaId));
    expect(found.length, found.map((f) => f.areaId).join(', ')).toBeGreaterThanOrEqual(3);
    for (const f of found) {
      expect(f.evidence.quadrant).toBe('HH');
      // The flagged members are connected: each names the others as its cluster.
      expect(f.evidence.cluster.filter((id) => cluster.has(id)).sort()).toEqual(found.map((x) => x.areaId).sort());
    }
    expect(hot(latest()).filter((f) => !cluster.has(f.areaId)).length).toBeLessThanOrEqual(2);
    // Found in every period (at least 2 of the 5 districts), not by luck in one.
    for (const period of truth.periods) expect(hot(period).filter((f) => cluster.has(f.areaId)).length, String(period)).toBeGreaterThanOrEqual(2);
  });

  it('flags the vulnerable estate on the official criteria and puts the watch estate on the watch list', () => {
    const vulnerable = truth.vulnerableEstate.estateId;
    const watch = truth.watchEstate.estateId;
    const inLatest = criteria.flags.filter((f) => f.period === latest());
    const listed = inLatest.filter((f) => f.kind === 'threshold');
    expect(listed.map((f) => [f.areaId, f.classificationId, f.severity])).toEqual([[vulnerable, 'udsat_2021', 'alarm']]);
    const watched = inLatest.filter((f) => f.kind === 'watch');
    expect(watched.map((f) => [f.areaId, f.thresholdId])).toEqual([[watch, 'outside_2018_gt_40']]);
    expect(watched[0]!.explanation.da).toMatch(/fra grænsen \(> 40,0 %\)/);
  });

  it('flags neither decoy district at alarm level, in any period or check', () => {
    const decoys = truth.decoys.map((d) => d.districtId);
    expect(decoys).toHaveLength(2);
    const alarms = social.flags.filter((f) => decoys.includes(f.areaId) && f.severity === 'alarm');
    expect(alarms.map((f) => `${f.kind} ${f.indicatorId} ${f.period}`)).toEqual([]);
    // Their notification rate is ≥ 2.6 × the municipality's, yet inside the funnel.
    const funnel = social.funnels.find((d) => d.indicatorId === 'child_notifications' && d.period === latest())!;
    for (const id of decoys) expect(funnel.points.find((p) => p.areaId === id)?.level, id).toBeNull();
  });

  it('skips the context indicators and explains every flag in both languages', () => {
    expect(new Set(social.skipped.filter((s) => s.code === 'context').map((s) => s.indicatorId))).toEqual(
      new Set(SOCIAL_BALANCE_PACK.indicators.filter((i) => i.direction === 'context').map((i) => i.id)),
    );
    for (const f of [...social.flags, ...criteria.flags]) {
      expect(f.explanation.da, f.id).not.toBe('');
      expect(f.explanation.en, f.id).not.toBe('');
    }
  });
});
