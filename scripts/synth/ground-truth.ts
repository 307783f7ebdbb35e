/**
 * The planted ground truth, with every number computed back from the generated tables.
 */
import { aggregate, binomialUpperTail, ratioOf, sumOf } from './stats.ts';
import type { Aggregates } from './stats.ts';
import type {
  CriterionKey,
  EstateCriteria,
  EventsTable,
  GroundTruth,
  MunicipalityRates,
  PersonsTable,
} from './types.ts';

export const CRITERIA_THRESHOLDS: Record<CriterionKey, number> = {
  outside_labour_education: 0.4,
  convictions: 3,
  basic_education: 0.6,
  income: 0.55,
};

export const DEFINITIONS: Record<string, string> = {
  employmentRate16to64: 'residents aged 16–64 with labour_status "beskaeftiget" ÷ all residents aged 16–64',
  outsideShare18to64:
    'residents aged 18–64 with labour_status "ledig" or "uden_for" ÷ all residents aged 18–64. In this data "pensionist" only occurs from the folkepension age (65–67), so førtidspension recipients are "uden_for" and count as outside; students are not outside.',
  basicEducationShare30to59: 'residents aged 30–59 whose highest education is "grundskole" ÷ all residents aged 30–59 ("ukendt" stays in the denominator, as in the rules since 2018)',
  notificationRate0to17: 'children aged 0–17 with at least one "underretning" event in the period ÷ all children aged 0–17 (events joined on period and person_id)',
  convictionRate15plus: 'residents aged 15+ with at least one "dom" event in the period ÷ all residents aged 15+',
  convictionRate18plus: 'as convictionRate15plus for residents aged 18+ (the population of the official criterion)',
  meanIncome15to64ExclStudents: 'mean income of residents aged 15–64 whose labour_status is neither "under_uddannelse" nor "barn" (15-year-olds are pupils)',
  estateCriteria:
    'almenboligloven § 61 a (2021 rules) with the municipality standing in for the national (convictions) and regional (income) averages: outside share (2-year mean of the latest two periods) > 40 %; convictions 18+ (2-year mean) ≥ 3 × the municipality; basic education 30–59 (latest period) > 60 %; income ratio (latest period) < 55 %',
  decoyFunnel: 'binomialTailP = P(X ≥ notifiedChildren), X ~ Binomial(children, municipality notification rate of the period); inside the 99.8 % funnel when > 0.001',
};

export interface GroundTruthInput {
  seed: number;
  scale: number;
  municipalityCode: string;
  periods: number[];
  districtCodes: string[];
  persons: PersonsTable;
  events: EventsTable;
  estates: { id: string; name: string; districtIds: string[]; kind: 'vulnerable' | 'watch' | 'ordinary' }[];
  cluster: string[];
  clusterTargetRatio: number;
  decoys: string[];
  worsening: string[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function municipalityRates(a: Aggregates, period: number): MunicipalityRates {
  return {
    period,
    residents: sumOf(a, 'residents', period),
    children0to17: sumOf(a, 'children', period),
    employmentRate16to64: round6(ratioOf(a, 'employed16to64', 'n16to64', period)),
    outsideShare18to64: round6(ratioOf(a, 'outside18to64', 'n18to64', period)),
    basicEducationShare30to59: round6(ratioOf(a, 'basic30to59', 'n30to59', period)),
    notificationRate0to17: round6(ratioOf(a, 'notifiedChildren', 'children', period)),
    convictionRate15plus: round6(ratioOf(a, 'convicted15plus', 'n15plus', period)),
    convictionRate18plus: round6(ratioOf(a, 'convicted18plus', 'n18plus', period)),
    nonWesternShare: round6(ratioOf(a, 'nonWestern', 'residents', period)),
    meanIncome15to64ExclStudents: Math.round(ratioOf(a, 'incomeSum', 'incomeN', period)),
  };
}

function estateCriteria(a: Aggregates, est: GroundTruthInput['estates'][number], latest: number): EstateCriteria {
  const two = [latest - 1, latest];
  const ids = est.districtIds;
  const mean = (f: (p: number) => number) => (f(two[0]!) + f(two[1]!)) / 2;
  const outside = mean((p) => ratioOf(a, 'outside18to64', 'n18to64', p, ids));
  const convEstate = mean((p) => ratioOf(a, 'convicted18plus', 'n18plus', p, ids));
  const convMunicipality = mean((p) => ratioOf(a, 'convicted18plus', 'n18plus', p));
  const basic = ratioOf(a, 'basic30to59', 'n30to59', latest, ids);
  const income = ratioOf(a, 'incomeSum', 'incomeN', latest, ids) / ratioOf(a, 'incomeSum', 'incomeN', latest);
  const values = {
    outsideShare18to64: round6(outside),
    convictionRatio: round6(convMunicipality > 0 ? convEstate / convMunicipality : 0),
    basicEducationShare30to59: round6(basic),
    incomeRatio: round6(income),
    residents: sumOf(a, 'residents', latest, ids),
    nonWesternShare: round6(ratioOf(a, 'nonWestern', 'residents', latest, ids)),
  };
  const met: CriterionKey[] = [];
  if (outside > CRITERIA_THRESHOLDS.outside_labour_education) met.push('outside_labour_education');
  if (values.convictionRatio >= CRITERIA_THRESHOLDS.convictions) met.push('convictions');
  if (basic > CRITERIA_THRESHOLDS.basic_education) met.push('basic_education');
  if (income < CRITERIA_THRESHOLDS.income) met.push('income');
  return { estateId: est.id, name: est.name, districtIds: ids, values, criteriaMet: met };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function computeGroundTruth(input: GroundTruthInput): GroundTruth {
  const { periods } = input;
  const latest = periods[periods.length - 1]!;
  const a = aggregate(input.persons, input.events, periods, input.districtCodes);
  const rates = periods.map((p) => municipalityRates(a, p));

  const worseningCases = input.worsening.map((id) => {
    const employmentRate = periods.map((p) => ({ period: p, rate: round6(ratioOf(a, 'employed16to64', 'n16to64', p, [id])) }));
    const at = (p: number) => employmentRate.find((e) => e.period === p)!.rate;
    const decline = round6(100 * (at(2020) - at(latest)));
    return {
      districtId: id,
      explanation: `Employment 16–64 in district ${id} is flat 2015–2019 (${pct(at(2019))} in 2019), then falls about 2.8 points a year to ${pct(at(latest))} in ${latest}.`,
      residentsLatest: sumOf(a, 'residents', latest, [id]),
      employmentRate,
      declinePoints2020to2024: decline,
    };
  });

  const clusterByPeriod = periods.map((p) => {
    const children = sumOf(a, 'children', p, input.cluster);
    const notified = sumOf(a, 'notifiedChildren', p, input.cluster);
    const rate = children > 0 ? notified / children : 0;
    const m = ratioOf(a, 'notifiedChildren', 'children', p);
    return { period: p, children, notifiedChildren: notified, rate: round6(rate), municipalityRate: round6(m), ratio: round6(m > 0 ? rate / m : 0) };
  });

  const estates = input.estates.map((e) => estateCriteria(a, e, latest));
  const vulIndex = input.estates.findIndex((e) => e.kind === 'vulnerable');
  const watchIndex = input.estates.findIndex((e) => e.kind === 'watch');
  const vul = estates[vulIndex]!;
  const watch = estates[watchIndex]!;

  const mLatest = ratioOf(a, 'notifiedChildren', 'children', latest);
  const decoys = input.decoys.map((id) => {
    const children = sumOf(a, 'children', latest, [id]);
    const notified = sumOf(a, 'notifiedChildren', latest, [id]);
    const rate = children > 0 ? notified / children : 0;
    const tail = binomialUpperTail(notified, children, mLatest);
    return {
      districtId: id,
      explanation: `Small district ${id}: ${notified} of ${children} children notified in ${latest} (${(rate / mLatest).toFixed(2)} × the municipality) by chance; ordinary underlying rate, inside the 99.8 % funnel (tail p = ${tail.toFixed(4)}).`,
      period: latest,
      children,
      notifiedChildren: notified,
      rate: round6(rate),
      municipalityRate: round6(mLatest),
      ratio: round6(mLatest > 0 ? rate / mLatest : 0),
      binomialTailP: round6(tail),
    };
  });

  const meanClusterRatio = clusterByPeriod.reduce((s, c) => s + c.ratio, 0) / clusterByPeriod.length;
  return {
    seed: input.seed,
    scale: input.scale,
    municipalityCode: input.municipalityCode,
    periods,
    latestPeriod: latest,
    definitions: DEFINITIONS,
    municipalityRates: rates,
    worseningEmployment: {
      districtIds: input.worsening,
      explanation: 'Three districts (≥ 800 residents, away from the notification cluster) whose employment rate 16–64 is stable to 2019 and declines every year 2020–2024.',
      cases: worseningCases,
    },
    notificationCluster: {
      districtIds: input.cluster,
      explanation: `Five edge-connected districts whose child-welfare notification rate is about ${input.clusterTargetRatio} × the municipality's in every period (observed mean ${meanClusterRatio.toFixed(2)} ×).`,
      targetRatio: input.clusterTargetRatio,
      byPeriod: clusterByPeriod,
    },
    vulnerableEstate: {
      ...vul,
      explanation: `${vul.name} meets ${vul.criteriaMet.length} of 4 criteria for a vulnerable housing area (${vul.criteriaMet.join(', ')}): outside share ${pct(vul.values.outsideShare18to64)}, basic education ${pct(vul.values.basicEducationShare30to59)}, income ${pct(vul.values.incomeRatio)} of the municipality, convictions ${vul.values.convictionRatio.toFixed(2)} ×.`,
      thresholds: CRITERIA_THRESHOLDS,
    },
    watchEstate: {
      ...watch,
      explanation: `${watch.name} is just under the 40 % outside-labour threshold (${pct(watch.values.outsideShare18to64)}, rising) and meets ${watch.criteriaMet.length} criteria: a watch-list case.`,
      criterion: 'outside_labour_education',
      value: watch.values.outsideShare18to64,
      threshold: CRITERIA_THRESHOLDS.outside_labour_education,
    },
    decoys,
    estates,
  };
}
