/**
 * The flag statistics (shared/stats: funnel, trend, empirical Bayes) on the demo
 * extract's synthetic municipality: the planted truth must come out. Counts are computed
 * from the generated persons and events tables; the ground truth only names the planted
 * districts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../shared/extract/demo';
import { globalEmpiricalBayes } from '../../shared/stats/empirical-bayes';
import { estimateOverdispersion, funnelPoint, type FunnelOptions } from '../../shared/stats/funnel';
import { logisticTrend, negativeDevelopment, yearOnYearProportion, type TrendPoint } from '../../shared/stats/trend';
import { generateMunicipality } from './generate.ts';
import type { SyntheticMunicipality } from './types.ts';

interface Count {
  numerator: number;
  denominator: number;
}

let m: SyntheticMunicipality;
let districts: string[];
/** Employment 16–64 ("beskaeftiget" ÷ residents 16–64) by `${period}|${district}`. */
const employment = new Map<string, Count>();
/** Children 0–17 with at least one "underretning" in the period ÷ children 0–17. */
const notification = new Map<string, Count>();

const key = (period: number, district: string) => `${period}|${district}`;

function bump(map: Map<string, Count>, k: string, hit: boolean): void {
  const c = map.get(k) ?? { numerator: 0, denominator: 0 };
  c.denominator++;
  if (hit) c.numerator++;
  map.set(k, c);
}

beforeAll(() => {
  m = generateMunicipality({ seed: DEMO_SEED, scale: 1 });
  districts = Object.keys(m.adjacency).sort();
  const notified = new Set<string>();
  const e = m.events;
  for (let i = 0; i < e.type.length; i++) if (e.type[i] === 'underretning') notified.add(`${e.period[i]}|${e.person_id[i]}`);
  const p = m.persons;
  for (let i = 0; i < p.period.length; i++) {
    const k = key(p.period[i]!, p.district_id[i]!);
    const age = p.age[i]!;
    if (age >= 16 && age <= 64) bump(employment, k, p.labour_status[i] === 'beskaeftiget');
    if (age <= 17) bump(notification, k, notified.has(`${p.period[i]}|${p.person_id[i]}`));
  }
});

function employmentSeries(district: string, from: number, to: number): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (let period = from; period <= to; period++) out.push({ period, ...(employment.get(key(period, district)) ?? { numerator: 0, denominator: 0 }) });
  return out;
}

/** Employment is higher-is-better; 1 percentage point a year is the minimum meaningful change. */
function employmentDevelopment(district: string, from: number, to: number) {
  const points = employmentSeries(district, from, to);
  const trend = logisticTrend(points);
  const yearOnYear = yearOnYearProportion(points[points.length - 2]!, points[points.length - 1]!);
  return { trend, decision: negativeDevelopment({ trend, yearOnYear, direction: 'higher-is-better', minChangePerPeriod: 0.01 }) };
}

function notificationsIn(period: number): { district: string; count: Count }[] {
  return districts.map((district) => ({ district, count: notification.get(key(period, district)) ?? { numerator: 0, denominator: 0 } }));
}

describe('negative development of employment (worsening districts)', () => {
  it('finds a clear decline of more than 1 point a year 2020–2024 in each worsening district', () => {
    const worsening = m.groundTruth.worseningEmployment.districtIds;
    expect(worsening).toHaveLength(3);
    for (const d of worsening) {
      const { trend, decision } = employmentDevelopment(d, 2020, 2024);
      expect(trend.unavailable, d).toBeNull();
      expect(trend.pValue!, d).toBeLessThan(0.001);
      expect(trend.scoreTest!.pValue, `${d} Cochran–Armitage`).toBeLessThan(0.001);
      // Planted: about 2.8 points a year.
      expect(trend.changePerPeriod!, d).toBeLessThan(-0.02);
      expect(trend.changePerPeriod!, d).toBeGreaterThan(-0.04);
      expect(trend.changeUpper!, d).toBeLessThan(0);
      expect(decision.negative, d).toBe(true);
      expect(decision.basis, d).toContain('trend');
    }
  });

  it('sees no negative development in the same districts while flat, 2015–2019', () => {
    for (const d of m.groundTruth.worseningEmployment.districtIds) {
      const { trend, decision } = employmentDevelopment(d, 2015, 2019);
      expect(decision.negative, d).toBe(false);
      expect(Math.abs(trend.changePerPeriod!), d).toBeLessThan(0.01);
    }
  });

  it('flags no more than a few other districts 2020–2024', () => {
    const worsening = new Set(m.groundTruth.worseningEmployment.districtIds);
    const others = districts.filter((d) => !worsening.has(d) && employmentDevelopment(d, 2020, 2024).decision.negative);
    expect(others.length, `also flagged: ${others.join(', ')}`).toBeLessThanOrEqual(3);
  });
});

describe('funnel plot of child-welfare notifications (decoys)', () => {
  const latest = 2024;
  let options: FunnelOptions;
  let units: { district: string; count: Count }[];

  beforeAll(() => {
    units = notificationsIn(latest);
    const k = units.reduce((s, u) => s + u.count.numerator, 0);
    const n = units.reduce((s, u) => s + u.count.denominator, 0);
    options = { kind: 'binomial', target: k / n };
  });

  it('keeps the two small decoys inside the 99.8 % limits despite ≥ 2.5 × the municipality rate', () => {
    const decoys = m.groundTruth.decoys.map((d) => d.districtId);
    expect(decoys).toHaveLength(2);
    const multiplicative = estimateOverdispersion(
      units.map((u) => u.count),
      { ...options, method: 'multiplicative' },
    );
    const additive = estimateOverdispersion(
      units.map((u) => u.count),
      { ...options, method: 'additive' },
    );
    for (const d of decoys) {
      const { count } = units.find((u) => u.district === d)!;
      // The set-up: a small district whose raw rate is at least 2.5 × the municipality's.
      expect(count.denominator, d).toBeLessThanOrEqual(60);
      expect(count.numerator / count.denominator / options.target, d).toBeGreaterThanOrEqual(2.5);
      const point = funnelPoint(count.numerator, count.denominator, options)!;
      expect(point.class, d).not.toBe('above-alarm');
      expect(point.value, d).toBeLessThan(point.limits.alarmUpper);
      expect(point.exactClass, d).toBe('inside');
      for (const od of [multiplicative, additive]) {
        expect(funnelPoint(count.numerator, count.denominator, { ...options, overdispersion: od })!.class, `${d} ${od.requested}`).not.toBe('above-alarm');
      }
    }
  });

  it('still places most of the planted notification cluster above the 95 % limit', () => {
    const cluster = m.groundTruth.notificationCluster.districtIds;
    const above = cluster.filter((d) => {
      const { count } = units.find((u) => u.district === d)!;
      const cls = funnelPoint(count.numerator, count.denominator, options)!.class;
      return cls === 'above-warning' || cls === 'above-alarm';
    });
    expect(above.length, `above: ${above.join(', ')}`).toBeGreaterThanOrEqual(3);
  });

  it('shrinks the decoys towards the municipality with empirical Bayes', () => {
    const smoothed = globalEmpiricalBayes(units.map((u) => ({ id: u.district, ...u.count })));
    for (const d of m.groundTruth.decoys.map((x) => x.districtId)) {
      const s = smoothed.find((x) => x.id === d)!;
      expect(s.smoothed!, d).toBeLessThan(s.raw!);
      expect(s.smoothed! / options.target, d).toBeLessThan(2);
    }
  });
});
