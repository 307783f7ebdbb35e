/**
 * The check for city-life registrations: a generated study with a planted +30 % at
 * one site after an intervention date. The evaluation must find it with an interval that
 * covers +30 %, and find no effect at an untreated site evaluated as if it were treated.
 * Also: the intervals are honest over many seeds, the generator is deterministic, and the
 * three import shapes round-trip to the generator's totals.
 */
import { describe, expect, it } from 'vitest';
import { mix, summarise } from '../../shared/citylife/aggregate.ts';
import { evaluateIntervention } from '../../shared/citylife/evaluate.ts';
import { fromExtractTables } from '../../shared/citylife/from-extract.ts';
import type { CityLifeStudy } from '../../shared/citylife/model.ts';
import { parsePldp } from '../../shared/citylife/parse-pldp.ts';
import { parseSensorCsv, parseSitesCsv } from '../../shared/citylife/parse-sensor-csv.ts';
import { HOUR_MS } from '../../shared/citylife/time.ts';
import { generateCityLife, type CityLifeGroundTruth } from './citylife.ts';

function evaluate(study: CityLifeStudy, gt: CityLifeGroundTruth, siteId: string, kind: 'moving' | 'staying' = 'moving') {
  const pool = kind === 'moving' ? [gt.treatedSiteId, ...gt.controlSiteIds] : gt.stayingSiteIds;
  const comparisonSiteIds = pool.filter((id) => id !== siteId && id !== gt.treatedSiteId);
  const r = evaluateIntervention(study, { siteId, before: gt.before, after: gt.after }, { comparisonSiteIds, kind });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.evaluation;
}

/** Sum of counts per (site, kind, start, end). */
function windowTotals(study: CityLifeStudy): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of study.counts) {
    const k = `${r.siteId}|${r.kind}|${r.start}|${r.end}`;
    m.set(k, (m.get(k) ?? 0) + r.count);
  }
  return m;
}

function totalsBySite(study: CityLifeStudy, kind: 'moving' | 'staying'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of study.sites) out[s.id] = 0;
  for (const r of study.counts) if (r.kind === kind) out[r.siteId]! += r.count;
  return out;
}

describe('city-life evaluation on generated registrations (issue 8)', () => {
  const seeds = [1, 2, 3, 4, 5];
  const runs = seeds.map((seed) => {
    const g = generateCityLife({ seed });
    const gt = g.groundTruth;
    return {
      seed,
      gt,
      treated: evaluate(g.study, gt, gt.treatedSiteId),
      control: evaluate(g.study, gt, 'CL02'),
      staying: evaluate(g.study, gt, gt.treatedSiteId, 'staying'),
    };
  });

  it('finds the planted +30 % at the treated site, with an interval covering it', () => {
    for (const r of runs) {
      expect(r.gt.effect).toBe(1.3);
      expect(r.treated.design).toBe('difference-in-differences');
      // Found: the whole interval lies above no change, every seed.
      expect(r.treated.lower, `seed ${r.seed}`).toBeGreaterThan(1.1);
      expect(r.treated.clear).toBe(true);
      expect(r.treated.conclusion.da).toMatch(/^Efter indsatsen var der \d+ % flere mennesker \(95 %-interval: \d+ % til \d+ %\)/);
      expect(r.treated.percentChange).toBeGreaterThan(20);
      expect(r.treated.percentChange).toBeLessThan(40);
    }
    // Honest 95 % intervals cover the truth in all five seeds with probability 0.95⁵ ≈ 0.77,
    // so one miss among five is expected in about one run in four; two would be a warning
    // sign (probability ≈ 0.02). The coverage over 40 seeds is checked below.
    const covered = runs.filter((r) => r.treated.lower <= 1.3 && r.treated.upper >= 1.3).length;
    expect(covered).toBeGreaterThanOrEqual(4);
  });

  it('finds no effect at an untreated site evaluated as if it were treated', () => {
    for (const r of runs) {
      expect(r.control.lower, `seed ${r.seed}`).toBeLessThanOrEqual(1);
      expect(r.control.upper, `seed ${r.seed}`).toBeGreaterThanOrEqual(1);
      expect(r.control.clear).toBe(false);
      expect(r.control.conclusion.en).toMatch(/^No clear change: the 95% interval from −[\d.]+% to \+[\d.]+% includes no change/);
      expect(r.control.variance).toBe('cluster-day');
    }
  });

  it('finds the larger planted effect on people staying', () => {
    for (const r of runs) {
      expect(r.gt.stayingEffect).toBe(1.5);
      expect(r.staying.lower, `seed ${r.seed}`).toBeGreaterThan(1);
    }
    const covered = runs.filter((r) => r.staying.lower <= 1.5 && r.staying.upper >= 1.5).length;
    expect(covered).toBeGreaterThanOrEqual(4);
  });

  it('gives honest intervals over 40 seeds: about 95 % coverage at the treated and a control site', () => {
    let coveredTreated = 0;
    let coveredControl = 0;
    for (let seed = 1000; seed < 1040; seed++) {
      const g = generateCityLife({ seed, siteCount: 5, weeks: 16, modes: false, staying: false, gaps: 1 });
      const t = evaluate(g.study, g.groundTruth, 'CL01');
      const c = evaluate(g.study, g.groundTruth, 'CL02');
      if (t.lower <= 1.3 && t.upper >= 1.3) coveredTreated++;
      if (c.lower <= 1 && c.upper >= 1) coveredControl++;
    }
    // Under 95 % coverage the chance of 33 or fewer of 40 is 0.3 %; quasi-Poisson without the
    // day clusters covers about 80 % here and would fail.
    expect(coveredTreated).toBeGreaterThanOrEqual(34);
    expect(coveredControl).toBeGreaterThanOrEqual(34);
  });
});

describe('generateCityLife', () => {
  it('is deterministic: the same seed gives identical data, another seed other data', () => {
    const a = generateCityLife({ seed: 42, weeks: 4 });
    const b = generateCityLife({ seed: 42, weeks: 4 });
    const c = generateCityLife({ seed: 43, weeks: 4 });
    expect(a.toSensorCsv()).toBe(b.toSensorCsv());
    expect(JSON.stringify(a.toPldp())).toBe(JSON.stringify(b.toPldp()));
    expect(a.groundTruth).toEqual(b.groundTruth);
    expect(a.toSensorCsv()).not.toBe(c.toSensorCsv());
  });

  it('places eight sites in the synthetic municipality with point, line and area geometry', () => {
    const g = generateCityLife({ seed: 1, weeks: 2, interventionWeek: 1 });
    expect(g.study.sites).toHaveLength(8);
    expect(new Set(g.study.sites.map((s) => s.geometry!.type))).toEqual(new Set(['Point', 'LineString', 'Polygon']));
    for (const s of g.study.sites) {
      expect(s.areaId).toMatch(/^[1-8]\d\d$/);
      const [lon, lat] = s.centroid!;
      expect(lon).toBeGreaterThan(12.4);
      expect(lon).toBeLessThan(12.7);
      expect(lat).toBeGreaterThan(55.6);
      expect(lat).toBeLessThan(55.75);
    }
    expect(new Set(g.study.sites.map((s) => s.areaId)).size).toBe(8);
    // People staying carry posture, activity, age and gender; people moving carry mode and direction.
    const postures = mix(g.study, 'posture');
    expect(postures.unspecified).toBe(0);
    expect(postures.rows.map((r) => r.key)).toContain('sitting_formal');
    const modes = mix(g.study, 'mode');
    expect(modes.rows[0]!.key).toBe('walking');
    expect(mix(g.study, 'gender').rows.map((r) => r.key).sort()).toEqual(['female', 'male', 'unknown']);
    expect(mix(g.study, 'ageGroup').rows).toHaveLength(4);
  });

  it('round-trips through PLDP JSON to the same windows and totals', () => {
    const g = generateCityLife({ seed: 11, weeks: 3, interventionWeek: 1 });
    const text = JSON.stringify(g.toPldp());
    const r = parsePldp(text, { file: 'byliv.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.source).toBe('pldp');
    expect(totalsBySite(r.study, 'moving')).toEqual(g.groundTruth.totals.movingBySite);
    expect(totalsBySite(r.study, 'staying')).toEqual(g.groundTruth.totals.stayingBySite);
    expect(windowTotals(r.study)).toEqual(windowTotals(g.study));
    expect(r.study.sites.map((s) => [s.id, s.areaId, s.geometry])).toEqual(g.study.sites.map((s) => [s.id, s.areaId, s.geometry]));
    const s = summarise(r.study);
    expect(s.sites.reduce((a, x) => a + x.windows, 0)).toBe(g.groundTruth.totals.movingWindows);
  });

  it('round-trips through the sensor CSV and a site CSV, reporting the outages as gaps', () => {
    const g = generateCityLife({ seed: 12, gaps: 4 });
    const sites = parseSitesCsv(g.toSitesCsv(), { file: 'steder.csv' });
    expect(sites.ok).toBe(true);
    if (!sites.ok) return;
    const r = parseSensorCsv(g.toSensorCsv(), { sites: sites.sites, file: 'tæller.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.study.counts.reduce((a, c) => a + c.count, 0)).toBe(g.groundTruth.totals.moving);
    expect(totalsBySite(r.study, 'moving')).toEqual(g.groundTruth.totals.movingBySite);
    for (const site of r.study.sites) expect(site.intervalMs).toBe(HOUR_MS);
    // Every hour inside a site's observed span that an outage removed is reported as missing.
    const sitesWithGaps = new Set(r.gaps.map((x) => x.siteId));
    for (const siteId of sitesWithGaps) expect(r.warnings.some((w) => w.code === 'gaps' && w.where.siteId === siteId)).toBe(true);
    const cov = new Map(r.coverage.map((c) => [c.siteId, c]));
    for (const site of g.groundTruth.sites) {
      const c = cov.get(site.id)!;
      const missing = new Set<number>();
      for (const gap of g.groundTruth.gaps) {
        if (gap.siteId !== site.id) continue;
        for (let t = gap.from; t < gap.to; t += HOUR_MS) if (t > c.first! && t < c.last!) missing.add(t);
      }
      expect(c.missing, site.id).toBe(missing.size);
    }
    expect(sitesWithGaps.size).toBeGreaterThan(0);
    // The sensor view of the study gives the same evaluation as the generated one.
    const fromCsv = evaluate(r.study, g.groundTruth, 'CL01');
    const direct = evaluate(g.study, g.groundTruth, 'CL01');
    expect(fromCsv.rateRatio).toBeCloseTo(direct.rateRatio, 10);
    expect(fromCsv.upper).toBeCloseTo(direct.upper, 10);
  });

  it('round-trips through the extract tables', () => {
    const g = generateCityLife({ seed: 13, weeks: 6 });
    const rows = g.toExtractRows();
    const r = fromExtractTables(rows.sites, rows.counts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(windowTotals(r.study)).toEqual(windowTotals(g.study));
    expect(r.study.sites.map((s) => s.geometry)).toEqual(g.study.sites.map((s) => s.geometry));
    const a = evaluate(r.study, g.groundTruth, 'CL01');
    const b = evaluate(g.study, g.groundTruth, 'CL01');
    expect(a.rateRatio).toBeCloseTo(b.rateRatio, 12);
  });
});
