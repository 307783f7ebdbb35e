/**
 * Before/after evaluation of an intervention at a site (a temporary installation, a closed
 * street): how many more or fewer people than expected, with an honest interval.
 *
 * Model (docs/city-life.md): each observation window is a unit with y = people counted and
 * exposure = observed time. A Poisson log-linear model with
 *   - fixed effects for site × weekday × hour-of-day (× window length): each site keeps its own
 *     weekly rhythm, so a different mix of hours in the two periods cannot fake a change;
 *   - a period term (after vs before), common to all sites;
 *   - with comparison sites, the treated-site × period interaction: the difference in
 *     differences on the log scale, i.e. the ratio of the treated site's rate ratio to the
 *     comparison sites' rate ratio;
 *   - offset log(observed hours).
 * Fitted by IRLS with the strata absorbed (irls.ts). People are over-dispersed and a day's
 * weather moves every hour and every site together, so the interval uses the cluster-robust
 * (sandwich) variance with the local day as cluster (CR1) and Student t with G − 1 degrees of
 * freedom; with fewer than MIN_CLUSTERS days it falls back to quasi-Poisson (Pearson χ²/df)
 * and says so.
 */
import type { Issue, IssueWhere } from './issues';
import { fitPoissonAbsorbed } from './irls';
import type { Bilingual, CityLifeStudy, RegistrationKind } from './model';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDayNumber, localDayNumber, parseTimestampText, resolveTimestamp, startOfLocalDay, toWallClock, weekdayOfDay, dayNumberOf } from './time';
import { collectWindows } from './windows';
import { studentTCdf, studentTQuantile } from '../stats/distributions';

/** 'YYYY-MM-DD' (a local day; as the end of a range, inclusive), ISO text with time, or epoch ms. */
export type DateInput = string | number;

export interface Intervention {
  siteId: string;
  /** [first, last] days inclusive ('YYYY-MM-DD'), or [from, to) instants. */
  before: readonly [DateInput, DateInput];
  after: readonly [DateInput, DateInput];
}

export interface EvaluateOptions {
  /** Untreated sites to compare with; without them the result is a plain before/after. */
  comparisonSiteIds?: readonly string[];
  /** Which registrations (default 'moving': people per observed hour). */
  kind?: RegistrationKind;
  /** Cluster for the robust variance: the local day (default) or the week (for weather spells). */
  cluster?: 'day' | 'week';
  /** Interval level (default 0.95). */
  level?: number;
}

/** Fewer clusters than this and the interval falls back to quasi-Poisson. */
export const MIN_CLUSTERS = 20;

export interface PeriodFacts {
  from: number;
  to: number;
  /** Observation windows. */
  windows: number;
  /** Observed hours (moving) or snapshots (staying). */
  exposure: number;
  people: number;
  /** Local days with data. */
  days: number;
  /** people / exposure. */
  rate: number;
}

export interface Evaluation {
  siteId: string;
  siteName: string;
  comparisonSiteIds: string[];
  design: 'before-after' | 'difference-in-differences';
  kind: RegistrationKind;
  /** Rate ratio after/before, adjusted (and relative to the comparison sites when given). */
  rateRatio: number;
  lower: number;
  upper: number;
  level: number;
  /** (rateRatio − 1) × 100, and its interval. */
  percentChange: number;
  percentLower: number;
  percentUpper: number;
  /** Two-sided, for no change. */
  pValue: number;
  logRateRatio: number;
  standardError: number;
  /** Degrees of freedom of the t interval. */
  df: number;
  variance: 'cluster-day' | 'cluster-week' | 'quasi-poisson';
  /** True when the interval excludes no change. */
  clear: boolean;
  treated: { before: PeriodFacts; after: PeriodFacts };
  /** The comparison sites pooled; null without them. */
  comparison: { before: PeriodFacts; after: PeriodFacts } | null;
  /** Unadjusted rate ratio at the treated site (after rate / before rate). */
  crudeRateRatio: number;
  diagnostics: {
    /** Pearson χ² / df: 1 for Poisson, larger when over-dispersed. */
    dispersion: number;
    clusters: number;
    iterations: number;
    converged: boolean;
    observations: number;
    strata: number;
    clusterStandardError: number | null;
    quasiPoissonStandardError: number;
    /** The common period effect exp(γ) (the comparison sites' change, or the treated site's without them). */
    periodRateRatio: number;
  };
  method: Bilingual;
  conclusion: Bilingual;
  warnings: Issue[];
}

export type EvaluationResult = { ok: true; evaluation: Evaluation } | { ok: false; problems: Issue[] };

function problem(code: Issue['code'], message: Bilingual, where: IssueWhere = {}): Issue {
  return { code, message, where };
}

/** A range endpoint as an instant: a day's start (or, as the end, the next day's start), or an instant. */
function readEndpoint(value: DateInput, isEnd: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const p = parseTimestampText(value);
  if (!p) return null;
  if (p.kind === 'local' && p.dateOnly) {
    const d = new Date(p.wall);
    const day = dayNumberOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return startOfLocalDay(isEnd ? day + 1 : day);
  }
  const r = resolveTimestamp(value);
  return r.ok ? r.ms : null;
}

function rangeText(from: number, to: number): string {
  const first = localDayNumber(from);
  const last = localDayNumber(to - 1);
  return first === last ? formatDayNumber(first) : `${formatDayNumber(first)} – ${formatDayNumber(last)}`;
}

/**
 * "31 %" / "31%", "−8 %" / "−8%"; signed adds "+" to positive numbers. Whole percent, but
 * values under 1 in size keep a decimal or two, so a bound just below zero never reads "0".
 */
function pct(value: number, lang: 'da' | 'en', signed = false): string {
  const abs = Math.abs(value);
  const decimals = abs >= 0.995 ? 0 : abs >= 0.0995 ? 1 : 2;
  const rounded = Number(abs.toFixed(decimals));
  const sign = rounded === 0 ? '' : value < 0 ? '−' : signed ? '+' : '';
  const digits = rounded.toFixed(decimals);
  return `${sign}${lang === 'da' ? digits.replace('.', ',') : digits}${lang === 'da' ? ' %' : '%'}`;
}

export function conclusionText(e: Pick<Evaluation, 'percentChange' | 'percentLower' | 'percentUpper' | 'level' | 'design' | 'clear' | 'kind'>): Bilingual {
  const levelDa = `${Math.round(e.level * 100)} %-interval`;
  const levelEn = `${Math.round(e.level * 100)}% interval`;
  const withCmp = e.design === 'difference-in-differences';
  const expectedDa = withCmp ? 'ugedag, tidspunkt og sammenligningsstederne' : 'ugedag og tidspunkt';
  const expectedEn = withCmp ? 'weekday, time of day and the comparison sites' : 'weekday and time of day';
  const caveat: Bilingual = withCmp
    ? { da: '', en: '' }
    : {
        da: ' Uden sammenligningssteder kan forskellen også skyldes sæson, vejr eller andet, der skete samtidig.',
        en: ' Without comparison sites the difference may also come from season, weather or anything else that happened at the same time.',
      };
  const peopleDa = e.kind === 'staying' ? 'mennesker, der opholdt sig,' : 'mennesker';
  const peopleEn = e.kind === 'staying' ? 'people staying' : 'people';
  let da: string;
  let en: string;
  if (e.clear && e.percentChange > 0) {
    da = `Efter indsatsen var der ${pct(e.percentChange, 'da')} flere ${peopleDa} (${levelDa}: ${pct(e.percentLower, 'da')} til ${pct(e.percentUpper, 'da')}) end forventet ud fra ${expectedDa}.`;
    en = `After the intervention there were ${pct(e.percentChange, 'en')} more ${peopleEn} (${levelEn}: ${pct(e.percentLower, 'en')} to ${pct(e.percentUpper, 'en')}) than expected from ${expectedEn}.`;
  } else if (e.clear) {
    da = `Efter indsatsen var der ${pct(-e.percentChange, 'da')} færre ${peopleDa} (${levelDa}: ${pct(-e.percentUpper, 'da')} til ${pct(-e.percentLower, 'da')} færre) end forventet ud fra ${expectedDa}.`;
    en = `After the intervention there were ${pct(-e.percentChange, 'en')} fewer ${peopleEn} (${levelEn}: ${pct(-e.percentUpper, 'en')} to ${pct(-e.percentLower, 'en')} fewer) than expected from ${expectedEn}.`;
  } else {
    da = `Ingen klar ændring: ${levelDa}let fra ${pct(e.percentLower, 'da', true)} til ${pct(e.percentUpper, 'da', true)} rummer ingen ændring (bedste skøn: ${pct(e.percentChange, 'da', true)} i forhold til det forventede ud fra ${expectedDa}).`;
    en = `No clear change: the ${levelEn} from ${pct(e.percentLower, 'en', true)} to ${pct(e.percentUpper, 'en', true)} includes no change (best estimate: ${pct(e.percentChange, 'en', true)} against what was expected from ${expectedEn}).`;
  }
  return { da: da + caveat.da, en: en + caveat.en };
}

function methodText(design: Evaluation['design'], variance: Evaluation['variance'], clusters: number, df: number, level: number, kind: RegistrationKind): Bilingual {
  const lvl = Math.round(level * 100);
  const unitDa = kind === 'staying' ? 'antal øjebliksoptællinger' : 'observeret tid (timer)';
  const unitEn = kind === 'staying' ? 'number of snapshots' : 'observed time (hours)';
  const designDa =
    design === 'difference-in-differences'
      ? 'en periode-effekt og samspillet mellem det berørte sted og perioden (forskel-i-forskelle på log-skala: det berørte steds rate-ratio efter/før divideret med sammenligningsstedernes)'
      : 'en periode-effekt (efter/før)';
  const designEn =
    design === 'difference-in-differences'
      ? "a period effect and the treated site × period interaction (difference in differences on the log scale: the treated site's after/before rate ratio divided by the comparison sites')"
      : 'a period effect (after vs before)';
  const varDa =
    variance === 'quasi-poisson'
      ? `Usikkerheden er quasi-Poisson (Pearson χ²/frihedsgrader), fordi der kun var ${clusters} dage til en cluster-robust varians; interval fra t-fordelingen med ${df} frihedsgrader.`
      : `Usikkerheden er cluster-robust (sandwich, CR1) med ${variance === 'cluster-week' ? 'ugen' : 'dagen'} som cluster, så overspredning og fælles udsving inden for ${variance === 'cluster-week' ? 'ugen' : 'dagen'} (vejr) er med; ${lvl} %-interval fra t-fordelingen med ${df} frihedsgrader (${clusters} ${variance === 'cluster-week' ? 'uger' : 'dage'}).`;
  const varEn =
    variance === 'quasi-poisson'
      ? `The uncertainty is quasi-Poisson (Pearson χ²/df), as there were only ${clusters} days for a cluster-robust variance; interval from Student t with ${df} degrees of freedom.`
      : `The uncertainty is cluster-robust (sandwich, CR1) with the ${variance === 'cluster-week' ? 'week' : 'day'} as cluster, covering over-dispersion and shared swings within a ${variance === 'cluster-week' ? 'week' : 'day'} (weather); ${lvl}% interval from Student t with ${df} degrees of freedom (${clusters} ${variance === 'cluster-week' ? 'weeks' : 'days'}).`;
  return {
    da: `Poisson-regression (log-lineær, tilpasset med IRLS) af antal personer pr. observationsvindue med ${unitDa} som offset, faste effekter for sted × ugedag × time på døgnet og ${designDa}. ${varDa}`,
    en: `Poisson regression (log-linear, fitted by IRLS) of people per observation window with ${unitEn} as offset, fixed effects for site × weekday × hour of day and ${designEn}. ${varEn}`,
  };
}

interface Unit {
  site: number;
  after: boolean;
  start: number;
  end: number;
  count: number;
}

function facts(units: readonly Unit[], from: number, to: number, staying: boolean): PeriodFacts {
  let windows = 0;
  let exposure = 0;
  let people = 0;
  const days = new Set<number>();
  for (const u of units) {
    windows++;
    exposure += staying ? 1 : (u.end - u.start) / HOUR_MS;
    people += u.count;
    days.add(localDayNumber(u.start));
  }
  return { from, to, windows, exposure, people, days: days.size, rate: exposure > 0 ? people / exposure : 0 };
}

/** Evaluates an intervention; refuses with clear messages when the data cannot answer. */
export function evaluateIntervention(study: CityLifeStudy, intervention: Intervention, options: EvaluateOptions = {}): EvaluationResult {
  const problems: Issue[] = [];
  const kind = options.kind ?? 'moving';
  const staying = kind === 'staying';
  const level = options.level ?? 0.95;
  const clusterBy = options.cluster ?? 'day';
  const siteById = new Map(study.sites.map((s, i) => [s.id, { site: s, index: i }]));
  const treated = siteById.get(intervention.siteId);
  if (!treated) {
    problems.push(
      problem(
        'unknown-site',
        { da: `Stedet "${intervention.siteId}" findes ikke i optællingerne. Vælg et af stederne.`, en: `The site "${intervention.siteId}" is not in the counts. Choose one of the sites.` },
        { siteId: intervention.siteId },
      ),
    );
  }
  const comparisonIds = [...new Set(options.comparisonSiteIds ?? [])];
  for (const id of comparisonIds) {
    if (id === intervention.siteId) {
      problems.push(
        problem(
          'bad-comparison',
          { da: 'Det berørte sted kan ikke også være sammenligningssted. Fjern det fra sammenligningen.', en: 'The treated site cannot also be a comparison site. Remove it from the comparison.' },
          { siteId: id },
        ),
      );
    } else if (!siteById.has(id)) {
      problems.push(
        problem('unknown-site', { da: `Sammenligningsstedet "${id}" findes ikke i optællingerne.`, en: `The comparison site "${id}" is not in the counts.` }, { siteId: id }),
      );
    }
  }
  if (!(level > 0 && level < 1)) {
    problems.push(problem('bad-range', { da: 'Intervallets niveau skal ligge mellem 0 og 1 (fx 0,95).', en: 'The interval level must lie between 0 and 1 (e.g. 0.95).' }));
  }
  const ranges: Record<'before' | 'after', [number, number] | null> = { before: null, after: null };
  for (const which of ['before', 'after'] as const) {
    const [a, b] = intervention[which];
    const from = readEndpoint(a, false);
    const to = readEndpoint(b, true);
    const name = which === 'before' ? { da: 'Før-perioden', en: 'The before period' } : { da: 'Efter-perioden', en: 'The after period' };
    if (from === null || to === null) {
      problems.push(
        problem(
          'bad-range',
          {
            da: `${name.da} kan ikke læses (${String(a)} – ${String(b)}). Angiv datoer som ÅÅÅÅ-MM-DD.`,
            en: `${name.en} cannot be read (${String(a)} – ${String(b)}). Give dates as YYYY-MM-DD.`,
          },
          { field: which },
        ),
      );
      continue;
    }
    if (!(to > from)) {
      problems.push(
        problem(
          'bad-range',
          { da: `${name.da} slutter før den begynder (${String(a)} – ${String(b)}). Byt om på datoerne.`, en: `${name.en} ends before it begins (${String(a)} – ${String(b)}). Swap the dates.` },
          { field: which, from, to },
        ),
      );
      continue;
    }
    ranges[which] = [from, to];
  }
  if (ranges.before && ranges.after && ranges.before[0] < ranges.after[1] && ranges.after[0] < ranges.before[1]) {
    problems.push(
      problem(
        'periods-overlap',
        {
          da: `Før-perioden (${rangeText(...ranges.before)}) og efter-perioden (${rangeText(...ranges.after)}) overlapper. Lad dem ikke dele dage.`,
          en: `The before period (${rangeText(...ranges.before)}) and the after period (${rangeText(...ranges.after)}) overlap. Let them share no days.`,
        },
        { from: Math.max(ranges.before[0], ranges.after[0]), to: Math.min(ranges.before[1], ranges.after[1]) },
      ),
    );
  }
  if (problems.length > 0 || !treated || !ranges.before || !ranges.after) return { ok: false, problems };
  const before = ranges.before;
  const after = ranges.after;

  // Units: the observation windows of the chosen sites in either period.
  const siteIds = [intervention.siteId, ...comparisonIds];
  const w = collectWindows(study, { kind, siteIds });
  const units: Unit[] = [];
  for (let i = 0; i < w.n; i++) {
    const start = w.start[i]!;
    const inBefore = start >= before[0] && start < before[1];
    const inAfter = start >= after[0] && start < after[1];
    if (!inBefore && !inAfter) continue;
    units.push({ site: w.site[i]!, after: inAfter, start, end: w.end[i]!, count: w.count[i]! });
  }
  const bySite = (index: number, isAfter: boolean) => units.filter((u) => u.site === index && u.after === isAfter);
  const name = (id: string) => `«${siteById.get(id)?.site.name ?? id}» (${id})`;
  for (const [which, isAfter, range] of [
    ['before', false, before],
    ['after', true, after],
  ] as const) {
    const periodDa = which === 'before' ? 'før-perioden' : 'efter-perioden';
    const periodEn = which === 'before' ? 'the before period' : 'the after period';
    const t = bySite(treated.index, isAfter);
    if (t.length === 0) {
      problems.push(
        problem(
          'no-data-in-period',
          {
            da: `Stedet ${name(intervention.siteId)} har ingen optællinger i ${periodDa} (${rangeText(...range)}). Vælg en periode med data.`,
            en: `The site ${name(intervention.siteId)} has no counts in ${periodEn} (${rangeText(...range)}). Choose a period with data.`,
          },
          { siteId: intervention.siteId, from: range[0], to: range[1] },
        ),
      );
    } else if (t.every((u) => u.count === 0)) {
      problems.push(
        problem(
          'no-people-in-period',
          {
            da: `Der er talt 0 personer ved ${name(intervention.siteId)} i ${periodDa}; en ændring i procent kan ikke beregnes. Tjek data for perioden.`,
            en: `Zero people were counted at ${name(intervention.siteId)} in ${periodEn}; a change in percent cannot be computed. Check the data for the period.`,
          },
          { siteId: intervention.siteId, from: range[0], to: range[1] },
        ),
      );
    }
    for (const id of comparisonIds) {
      const c = bySite(siteById.get(id)!.index, isAfter);
      if (c.length === 0 || c.every((u) => u.count === 0)) {
        problems.push(
          problem(
            'comparison-no-data',
            {
              da: `Sammenligningsstedet ${name(id)} har ${c.length === 0 ? 'ingen optællinger' : 'kun nul-optællinger'} i ${periodDa} (${rangeText(...range)}). Fjern det fra sammenligningen, eller vælg andre perioder.`,
              en: `The comparison site ${name(id)} has ${c.length === 0 ? 'no counts' : 'only zero counts'} in ${periodEn} (${rangeText(...range)}). Remove it from the comparison or choose other periods.`,
            },
            { siteId: id, from: range[0], to: range[1] },
          ),
        );
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  // Design: strata = site × weekday × hour × window length (absorbed); X = [after, treated × after].
  const withComparison = comparisonIds.length > 0;
  const p = withComparison ? 2 : 1;
  const n = units.length;
  const y = new Float64Array(n);
  const offset = new Float64Array(n);
  const x = new Float64Array(n * p);
  const group = new Int32Array(n);
  const cluster = new Int32Array(n);
  const groupIndex = new Map<number, number>();
  const clusterIndex = new Map<number, number>();
  units.forEach((u, i) => {
    y[i] = u.count;
    const exposure = staying ? 1 : (u.end - u.start) / HOUR_MS;
    offset[i] = Math.log(exposure > 0 ? exposure : 1 / 60);
    const isTreated = u.site === treated.index;
    if (withComparison) {
      x[i * 2] = u.after ? 1 : 0;
      x[i * 2 + 1] = u.after && isTreated ? 1 : 0;
    } else x[i] = u.after ? 1 : 0;
    const wall = toWallClock(u.start);
    const day = Math.floor(wall / DAY_MS);
    const hour = Math.floor((wall - day * DAY_MS) / HOUR_MS);
    const lengthClass = Math.min(99_999, Math.round((u.end - u.start) / MINUTE_MS));
    const key = ((u.site * 7 + weekdayOfDay(day)) * 24 + hour) * 100_000 + lengthClass;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groupIndex.size;
      groupIndex.set(key, g);
    }
    group[i] = g;
    // Weeks start on Monday: day 0 (1970-01-01) was a Thursday.
    const clusterKey = clusterBy === 'week' ? Math.floor((day + 3) / 7) : day;
    let c = clusterIndex.get(clusterKey);
    if (c === undefined) {
      c = clusterIndex.size;
      clusterIndex.set(clusterKey, c);
    }
    cluster[i] = c;
  });
  const fit = fitPoissonAbsorbed({ y, offset, x, p, group, groups: groupIndex.size, cluster, clusters: clusterIndex.size });
  if (!fit) {
    return {
      ok: false,
      problems: [
        problem(
          'not-identifiable',
          {
            da: 'Ændringen kan ikke beregnes: ingen kombination af sted, ugedag og tidspunkt er observeret i både før- og efter-perioden. Vælg perioder, der dækker de samme ugedage og timer.',
            en: 'The change cannot be computed: no combination of site, weekday and hour was observed in both the before and the after period. Choose periods that cover the same weekdays and hours.',
          },
          { siteId: intervention.siteId },
        ),
      ],
    };
  }
  const k = p - 1;
  const useCluster = fit.covCluster !== null && fit.clustersUsed >= MIN_CLUSTERS;
  const seQuasi = Math.sqrt(fit.covQuasi[k * p + k]!);
  const seCluster = fit.covCluster ? Math.sqrt(fit.covCluster[k * p + k]!) : null;
  const se = useCluster ? seCluster! : seQuasi;
  const df = useCluster ? fit.clustersUsed - 1 : Math.max(1, fit.dfResidual);
  const variance: Evaluation['variance'] = useCluster ? (clusterBy === 'week' ? 'cluster-week' : 'cluster-day') : 'quasi-poisson';
  const b = fit.beta[k]!;
  const tq = studentTQuantile(1 - (1 - level) / 2, df);
  const lower = Math.exp(b - tq * se);
  const upper = Math.exp(b + tq * se);
  const tStat = b / se;
  const pValue = Number.isFinite(tStat) ? Math.min(1, 2 * (1 - studentTCdf(Math.abs(tStat), df))) : 1;
  const rateRatio = Math.exp(b);
  const clear = lower > 1 || upper < 1;

  const treatedBefore = facts(bySite(treated.index, false), before[0], before[1], staying);
  const treatedAfter = facts(bySite(treated.index, true), after[0], after[1], staying);
  const comparisonUnits = (isAfter: boolean) => units.filter((u) => u.site !== treated.index && u.after === isAfter);
  const comparison = withComparison
    ? { before: facts(comparisonUnits(false), before[0], before[1], staying), after: facts(comparisonUnits(true), after[0], after[1], staying) }
    : null;

  const warnings: Issue[] = [];
  if (!useCluster) {
    warnings.push(
      problem('few-days', {
        da: `Kun ${fit.clustersUsed} ${clusterBy === 'week' ? 'uger' : 'dage'} med data: intervallet bygger på quasi-Poisson og tager ikke højde for fælles dagsudsving (vejr). Læs det som for smalt.`,
        en: `Only ${fit.clustersUsed} ${clusterBy === 'week' ? 'weeks' : 'days'} with data: the interval rests on quasi-Poisson and does not allow for shared daily swings (weather). Read it as too narrow.`,
      }),
    );
  }
  if (!fit.converged) {
    warnings.push(
      problem('not-identifiable', {
        da: 'Modellen konvergerede ikke helt; resultatet er usikkert. Tjek data for perioderne.',
        en: 'The model did not fully converge; the result is uncertain. Check the data for the periods.',
      }),
    );
  }
  // Observed share of each period per site: very unequal coverage hints at gaps.
  if (!staying) {
    for (const id of siteIds) {
      const index = siteById.get(id)!.index;
      const cover = (isAfter: boolean, range: [number, number]) => {
        let hours = 0;
        for (const u of units) if (u.site === index && u.after === isAfter) hours += (u.end - u.start) / HOUR_MS;
        return hours / ((range[1] - range[0]) / HOUR_MS);
      };
      const cb = cover(false, before);
      const ca = cover(true, after);
      const hi = Math.max(cb, ca);
      if (hi > 0.2 && Math.min(cb, ca) < 0.7 * hi) {
        warnings.push(
          problem(
            'gaps-in-period',
            {
              da: `Stedet ${name(id)} er observeret i ${Math.round(cb * 100)} % af før-perioden og ${Math.round(ca * 100)} % af efter-perioden. Huller tæller ikke som nul, men store forskelle i dækning gør resultatet mere usikkert.`,
              en: `The site ${name(id)} was observed for ${Math.round(cb * 100)}% of the before period and ${Math.round(ca * 100)}% of the after period. Gaps do not count as zero, but very unequal coverage makes the result less certain.`,
            },
            { siteId: id },
          ),
        );
      }
    }
  }
  const evaluationCore = {
    percentChange: (rateRatio - 1) * 100,
    percentLower: (lower - 1) * 100,
    percentUpper: (upper - 1) * 100,
    level,
    design: withComparison ? ('difference-in-differences' as const) : ('before-after' as const),
    clear,
    kind,
  };
  const evaluation: Evaluation = {
    siteId: intervention.siteId,
    siteName: treated.site.name,
    comparisonSiteIds: comparisonIds,
    rateRatio,
    lower,
    upper,
    pValue,
    logRateRatio: b,
    standardError: se,
    df,
    variance,
    treated: { before: treatedBefore, after: treatedAfter },
    comparison,
    crudeRateRatio: treatedBefore.rate > 0 ? treatedAfter.rate / treatedBefore.rate : Number.NaN,
    diagnostics: {
      dispersion: fit.dispersion,
      clusters: fit.clustersUsed,
      iterations: fit.iterations,
      converged: fit.converged,
      observations: fit.nUsed,
      strata: fit.groupsUsed,
      clusterStandardError: seCluster,
      quasiPoissonStandardError: seQuasi,
      periodRateRatio: Math.exp(fit.beta[0]!),
    },
    method: methodText(evaluationCore.design, variance, fit.clustersUsed, df, level, kind),
    conclusion: conclusionText(evaluationCore),
    warnings,
    ...evaluationCore,
  };
  return { ok: true, evaluation };
}
