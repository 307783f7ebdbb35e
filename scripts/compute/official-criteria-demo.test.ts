/**
 * The official-criteria pack on the demo extract, against the generator's planted ground
 * truth (scripts/synth/ground-truth.ts): in the latest period the vulnerable estate is an
 * "udsat boligområde" (2021 rules) with exactly the planted criteria, and the watch
 * estate is not, with its outside share just under the 40 % limit.
 *
 * The demo extract has no reference table, so the municipality stands in for the nation
 * (convictions) and the region (income), as the ground truth assumes. The engine pools the
 * 2-year windows (counts summed over both years); the ground truth takes the mean of the
 * two yearly shares. The two readings are compared below and agree to well within the
 * margins that decide these cases.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, DEMO_SEED } from '../../shared/extract/demo';
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import { unpackExtract } from '../../shared/extract/unpack';
import { evaluateClassifications, withinMargin, type ClassificationResult } from '../../shared/indicators/classifications';
import { OFFICIAL_CRITERIA_PACK } from '../../shared/indicators/packs/index';
import { computePack, type PackComputation } from '../../shared/indicators/run';
import { generateMunicipality } from '../synth/generate';
import type { CriterionKey, GroundTruth } from '../synth/types';
import { openNativeEngine } from './engines';

const DEMO = new URL('../../resources/demo/demo.bdx', import.meta.url);

/** The 2021 udsat criteria and the ground truth's names for them. */
const CRITERION_KEYS: Record<string, CriterionKey> = {
  outside_2018_gt_40: 'outside_labour_education',
  convictions_2018_gte_3x_nation: 'convictions',
  basic_2018_gt_60: 'basic_education',
  income_2018_lt_55pct_region: 'income',
};

let computed: PackComputation;
let results: ClassificationResult[];
let truth: GroundTruth;

beforeAll(async () => {
  const decrypted = await decryptAgeInMemory(new Uint8Array(await readFile(DEMO)), { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
  if (!decrypted.ok) throw new Error(`demo extract: ${decrypted.error.code}`);
  const unpacked = unpackExtract(decrypted.plaintext);
  const engine = await openNativeEngine();
  try {
    for (const table of unpacked.manifest.tables) await engine.loadParquet(table, unpacked.tables.get(table.name) as Uint8Array);
    computed = await computePack(engine, OFFICIAL_CRITERIA_PACK.indicators, unpacked.manifest, unpacked.layers);
  } finally {
    engine.close();
  }
  results = evaluateClassifications(OFFICIAL_CRITERIA_PACK, computed.results, { includeContested: false });
  // The demo is built with scale 1 (scripts/demo/build-extract.ts).
  truth = generateMunicipality({ seed: DEMO_SEED, scale: 1 }).groundTruth;
}, 120_000);

const udsat = (estateId: string, period: number): ClassificationResult => {
  const r = results.find((x) => x.classificationId === 'udsat_2021' && x.layerId === 'boligomraade' && x.areaId === estateId && x.period === period);
  if (!r) throw new Error(`no udsat_2021 result for ${estateId} ${period}`);
  return r;
};
const criterion = (r: ClassificationResult, thresholdId: string) => {
  const c = r.criteria.find((x) => x.thresholdId === thresholdId);
  if (!c) throw new Error(`no criterion ${thresholdId}`);
  return c;
};

describe('official criteria on the demo extract', () => {
  it('the vulnerable estate is an udsat boligområde in the latest period, with exactly the planted criteria', () => {
    const estate = truth.vulnerableEstate;
    const r = udsat(estate.estateId, truth.latestPeriod);
    expect(r.status).toBe('met');
    expect(r.residents).toBe(estate.values.residents);
    const met = r.criteria.filter((c) => c.status === 'met').map((c) => CRITERION_KEYS[c.thresholdId]);
    expect(met.sort()).toEqual([...estate.criteriaMet].sort());
    // No reference table in the demo: the municipality stands in, and it says so.
    for (const id of ['convictions_2018_gte_3x_nation', 'income_2018_lt_55pct_region']) expect(criterion(r, id).referenceLevel).toBe('municipality');
  });

  it('the watch estate is not, with its outside share below and within 5 points of the 40 % limit', () => {
    const estate = truth.watchEstate;
    const r = udsat(estate.estateId, truth.latestPeriod);
    expect(r.status).toBe('not-met');
    const outside = criterion(r, 'outside_2018_gt_40');
    expect(outside.status).toBe('not-met');
    expect(outside.limit).toBe(0.4);
    expect(outside.distance).toBeLessThan(0);
    expect(outside.distance).toBeGreaterThanOrEqual(-0.05);
    expect(withinMargin(outside, 0.05)).toBe(true);
    expect(r.criteria.filter((c) => c.status === 'met').map((c) => CRITERION_KEYS[c.thresholdId])).toEqual(estate.criteriaMet);
  });

  it('every estate meets the criteria the ground truth lists, and the values agree', () => {
    for (const estate of truth.estates) {
      const r = udsat(estate.estateId, truth.latestPeriod);
      const met = r.criteria.filter((c) => c.status === 'met').map((c) => CRITERION_KEYS[c.thresholdId]);
      expect(met.sort(), estate.estateId).toEqual([...estate.criteriaMet].sort());
      expect(r.status, estate.estateId).toBe(estate.criteriaMet.length >= 2 ? 'met' : 'not-met');
      const outside = criterion(r, 'outside_2018_gt_40').value ?? Number.NaN;
      const convictions = criterion(r, 'convictions_2018_gte_3x_nation');
      const ratio = (convictions.value ?? Number.NaN) / (convictions.reference ?? Number.NaN);
      const basic = criterion(r, 'basic_2018_gt_60').value ?? Number.NaN;
      const income = criterion(r, 'income_2018_lt_55pct_region');
      const incomeRatio = (income.value ?? Number.NaN) / (income.reference ?? Number.NaN);
      // One-year criteria: the same numbers.
      expect(basic).toBeCloseTo(estate.values.basicEducationShare30to59, 6);
      expect(incomeRatio).toBeCloseTo(estate.values.incomeRatio, 5);
      // Two-year criteria: pooled counts (the engine) vs the mean of yearly shares (the
      // ground truth) differ only by the change in the population between the two years.
      expect(Math.abs(outside - estate.values.outsideShare18to64)).toBeLessThan(0.002);
      expect(Math.abs(ratio - estate.values.convictionRatio)).toBeLessThan(0.02);
    }
  });

  it('evaluates every rule in force for every period, and holds back the contested ones unless asked', () => {
    expect([...new Set(results.map((r) => r.period))]).toEqual(computed.results.municipality.filter((m) => m.indicatorId === 'residents').map((m) => m.period));
    const estate = truth.vulnerableEstate.estateId;
    const of = (list: ClassificationResult[], id: string, period: number) =>
      list.find((r) => r.classificationId === id && r.layerId === 'boligomraade' && r.areaId === estate && r.period === period)?.status;
    expect(of(results, 'ghetto_2013', 2016)).toBe('not-evaluated');
    expect(new Set(results.filter((r) => r.classificationId === 'parallelsamfund_2021').map((r) => r.status))).toEqual(new Set(['not-evaluated']));

    const all = evaluateClassifications(OFFICIAL_CRITERIA_PACK, computed.results, { includeContested: true });
    // The first period has no 2-year window: the 2013 rule cannot be decided there.
    expect(of(all, 'ghetto_2013', truth.periods[0]!)).toBe('unknown');
    // Forebyggelsesområde (§ 61 b) from the ground truth's own values.
    for (const e of truth.estates) {
      const v = e.values;
      const criteria = [v.outsideShare18to64 > 0.3, v.convictionRatio >= 2, v.basicEducationShare30to59 > 0.6, v.incomeRatio < 0.65].filter(Boolean).length;
      const expected = v.residents >= 1000 && v.nonWesternShare > 0.3 && criteria >= 2 ? 'met' : 'not-met';
      const r = all.find((x) => x.classificationId === 'forebyggelse_2021' && x.layerId === 'boligomraade' && x.areaId === e.estateId && x.period === truth.latestPeriod);
      expect(r?.status, e.estateId).toBe(expected);
      expect(r?.gates[0]?.value, e.estateId).toBeCloseTo(v.nonWesternShare, 6);
    }
    // No demo estate is non-Western above 50 %: no parallelsamfund, so no omdannelsesområde.
    expect(all.filter((r) => r.classificationId === 'omdannelse_2021' && r.layerId === 'boligomraade' && r.status !== 'not-met')).toEqual([]);
  });
});
