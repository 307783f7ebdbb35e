/**
 * Every flag in words, from its structured evidence only: what was found, against what,
 * how large, how sure, since when. Danish and English; the UI shows Danish by default.
 */
import type { ConditionResult } from '../indicators/classifications';
import type { Indicator, IndicatorPack, LocalizedText } from '../indicators/pack';
import {
  OPERATORS,
  bilingual,
  chance,
  change,
  distance,
  levelOwner,
  num,
  pValue,
  sentences,
  sinceSentence,
  smallNote,
  stop,
  value,
  type Lang,
} from './explain-format';
import type { DevelopmentEvidence, Flag, FlagKind, FlagSeverity, UnexplainedFlag } from './types';

export const KIND_LABEL: Readonly<Record<FlagKind, LocalizedText>> = {
  'funnel-outlier': { da: 'Afviger i tragtplot', en: 'Funnel-plot outlier' },
  'negative-development': { da: 'Negativ udvikling', en: 'Negative development' },
  threshold: { da: 'Over tærskel', en: 'Threshold crossed' },
  watch: { da: 'Tæt på tærskel', en: 'Near a threshold' },
  'hot-spot': { da: 'Geografisk klynge', en: 'Spatial hot spot' },
};

export const SEVERITY_LABEL: Readonly<Record<FlagSeverity, LocalizedText>> = {
  alarm: { da: 'Alarm', en: 'Alarm' },
  warning: { da: 'Advarsel', en: 'Warning' },
  watch: { da: 'Opmærksomhed', en: 'Watch' },
};

export interface ExplainContext {
  pack: IndicatorPack;
  /** Area names by id (default: the id). */
  areaNames?: ReadonlyMap<string, string>;
}

type Of<K extends FlagKind> = Extract<UnexplainedFlag, { kind: K }>;

interface Parts {
  area: string;
  indicator: Indicator | undefined;
  label: (lang: Lang) => string;
  names: (ids: readonly string[]) => string;
}

function partsOf(flag: UnexplainedFlag, ctx: ExplainContext): Parts {
  const name = (id: string) => ctx.areaNames?.get(id) ?? id;
  const indicator = flag.indicatorId === null ? undefined : ctx.pack.indicators.find((i) => i.id === flag.indicatorId);
  return {
    area: name(flag.areaId),
    indicator,
    label: (lang) => indicator?.label[lang] ?? flag.indicatorId ?? '',
    names: (ids) => ids.map(name).join(', '),
  };
}

function explainFunnel(flag: Of<'funnel-outlier'>, p: Parts): LocalizedText {
  const e = flag.evidence;
  const unit = p.indicator?.unit ?? 'share';
  const higherIsWorse = p.indicator?.direction !== 'higher-is-better';
  const alarm = flag.severity === 'alarm';
  const limit = higherIsWorse ? (alarm ? e.limits.alarmUpper : e.limits.warningUpper) : alarm ? e.limits.alarmLower : e.limits.warningLower;
  const adjusted = e.overdispersion.applied !== 'none' || e.model === 'normal';
  return bilingual((lang) => {
    const da = lang === 'da';
    const ratio = e.ratio === null ? '' : da ? ` (${num(e.ratio, lang)} gange så meget)` : ` (${num(e.ratio, lang)} times as much)`;
    const what = da
      ? `${p.area}: ${p.label(lang)} er ${value(e.value, unit, lang)} i ${flag.period} mod ${levelOwner(e.targetLevel, lang)} ${value(e.target, unit, lang)}${ratio}.`
      : `${p.area}: ${p.label(lang)} is ${value(e.value, unit, lang)} in ${flag.period} against ${levelOwner(e.targetLevel, lang)} ${value(e.target, unit, lang)}${ratio}.`;
    const level = alarm ? '99,8' : '95';
    const side = higherIsWorse ? (da ? 'over den øvre' : 'above the upper') : da ? 'under den nedre' : 'below the lower';
    const n = num(e.denominator, lang, e.model === 'poisson' && !Number.isInteger(e.denominator) ? 1 : 0);
    const beyond = da
      ? `Det er ${side} ${level} %-grænse (${value(limit, unit, lang)}) for et område med ${n} personer.`
      : `That is ${side} ${alarm ? '99.8' : '95'} % limit (${value(limit, unit, lang)}) for an area of ${n} persons.`;
    const sure = adjusted
      ? da
        ? `z = ${num(e.zAdjusted ?? 0, lang)}${e.overdispersion.applied !== 'none' ? ' efter justering for overspredning' : ''} (ensidet ${pValue(e.pValue, lang)}).`
        : `z = ${num(e.zAdjusted ?? 0, lang)}${e.overdispersion.applied !== 'none' ? ' after adjusting for over-dispersion' : ''} (one-sided ${pValue(e.pValue, lang)}).`
      : da
        ? `Sandsynligheden for et så ${higherIsWorse ? 'højt' : 'lavt'} tal ved tilfældig variation alene er ${chance(e.pValue, lang)}.`
        : `The chance of a value this ${higherIsWorse ? 'high' : 'low'} from random variation alone is ${chance(e.pValue, lang)}.`;
    const od =
      e.overdispersion.applied === 'additive'
        ? da
          ? `Grænserne er udvidet for reel variation mellem områderne (additiv overspredning, τ² = ${num(e.overdispersion.tau2 ?? 0, lang, 4)}).`
          : `The limits are widened for real variation between areas (additive over-dispersion, τ² = ${num(e.overdispersion.tau2 ?? 0, lang, 4)}).`
        : e.overdispersion.applied === 'multiplicative'
          ? da
            ? `Grænserne er udvidet for reel variation mellem områderne (multiplikativ overspredning, φ = ${num(e.overdispersion.phi ?? 1, lang)}).`
            : `The limits are widened for real variation between areas (multiplicative over-dispersion, φ = ${num(e.overdispersion.phi ?? 1, lang)}).`
          : '';
    return sentences(what, beyond, sure, od, e.small && smallNote(lang, e.minPopulation), sinceSentence(flag.since, flag.period, lang));
  });
}

const VERDICT_NOTE: Record<string, LocalizedText> = {
  worsening: { da: '', en: '' },
  'worsening-below-minimum': { da: ', mindre end den mindste betydende ændring', en: ', smaller than the minimum meaningful change' },
  'not-significant': { da: ', ikke statistisk klar', en: ', not statistically clear' },
  'not-worsening': { da: ', ingen forværring', en: ', no worsening' },
  unavailable: { da: '', en: '' },
};

function developmentSentences(e: DevelopmentEvidence, unit: Indicator['unit'], period: number, lang: Lang): string[] {
  const da = lang === 'da';
  const out: string[] = [];
  if (e.trend) {
    const t = e.trend;
    const span = `${t.periods[0]}–${t.periods[t.periods.length - 1]}`;
    out.push(
      da
        ? `Trend ${span}: ${change(t.changePerPeriod, unit, lang)} pr. år (95 %-interval ${change(t.changeLower, unit, lang)} til ${change(t.changeUpper, unit, lang)}, ${pValue(t.pValue, lang)})${VERDICT_NOTE[t.verdict]?.da ?? ''}.`
        : `Trend ${span}: ${change(t.changePerPeriod, unit, lang)} a year (95 % interval ${change(t.changeLower, unit, lang)} to ${change(t.changeUpper, unit, lang)}, ${pValue(t.pValue, lang)})${VERDICT_NOTE[t.verdict]?.en ?? ''}.`,
    );
  }
  if (e.yearOnYear) {
    const y = e.yearOnYear;
    out.push(
      da
        ? `Fra ${y.previousPeriod} til ${period}: ${change(y.difference, unit, lang)} (95 %-interval ${change(y.lower, unit, lang)} til ${change(y.upper, unit, lang)}, ${pValue(y.pValue, lang)})${VERDICT_NOTE[y.verdict]?.da ?? ''}.`
        : `From ${y.previousPeriod} to ${period}: ${change(y.difference, unit, lang)} (95 % interval ${change(y.lower, unit, lang)} to ${change(y.upper, unit, lang)}, ${pValue(y.pValue, lang)})${VERDICT_NOTE[y.verdict]?.en ?? ''}.`,
    );
  }
  const source = e.minChangeSource === 'pack' ? (da ? 'fra pakken' : 'from the pack') : da ? 'standardværdi' : 'default';
  out.push(
    da
      ? `Mindste betydende ændring: ${distance(e.minChange, unit, lang)} pr. år (${source}).`
      : `Minimum meaningful change: ${distance(e.minChange, unit, lang)} a year (${source}).`,
  );
  if (e.municipalityChangePerPeriod !== null) {
    out.push(da ? `Kommunen: ${change(e.municipalityChangePerPeriod, unit, lang)} pr. år.` : `The municipality: ${change(e.municipalityChangePerPeriod, unit, lang)} a year.`);
  }
  const both = e.basis.length === 2;
  const basis = both
    ? { da: 'Både trenden og ændringen fra året før viser en betydende forværring.', en: 'Both the trend and the change from the year before show a meaningful worsening.' }
    : e.basis[0] === 'trend'
      ? { da: 'Trenden viser en betydende forværring.', en: 'The trend shows a meaningful worsening.' }
      : { da: 'Ændringen fra året før viser en betydende forværring.', en: 'The change from the year before shows a meaningful worsening.' };
  out.push(basis[lang]);
  return out;
}

function explainDevelopment(flag: Of<'negative-development'>, p: Parts): LocalizedText {
  const e = flag.evidence;
  const unit = p.indicator?.unit ?? 'share';
  return bilingual((lang) => {
    const what =
      lang === 'da'
        ? `${p.area}: ${p.label(lang)} udvikler sig negativt (${value(e.value, unit, lang)} i ${flag.period}).`
        : `${p.area}: ${p.label(lang)} is developing negatively (${value(e.value, unit, lang)} in ${flag.period}).`;
    return sentences(what, ...developmentSentences(e, unit, flag.period, lang), e.small && smallNote(lang, p.indicator?.minPopulation ?? null), sinceSentence(flag.since, flag.period, lang));
  });
}

/** "Uden for … 49,2 % > 40,0 %" or "… 270.000 kr. < 0,55 × kommunens 573.000 kr. = 315.150 kr.". */
function describeCondition(c: ConditionResult, pack: IndicatorPack, lang: Lang): string {
  const indicator = pack.indicators.find((i) => i.id === c.indicatorId);
  const unit = indicator?.unit ?? 'share';
  const label = indicator?.label[lang] ?? c.indicatorId;
  const op = OPERATORS[c.comparison];
  if (c.relativeTo === 'absolute') return `${label} ${value(c.value, unit, lang)} ${op} ${value(c.limit, unit, lang)}`;
  const level = c.referenceLevel ? `${levelOwner(c.referenceLevel, lang)} ` : '';
  return `${label} ${value(c.value, unit, lang)} ${op} ${num(c.thresholdValue, lang, Number.isInteger(c.thresholdValue) ? 0 : 2)} × ${level}${value(c.reference, unit, lang)} = ${value(c.limit, unit, lang)}`;
}

function explainThreshold(flag: Of<'threshold'>, p: Parts, ctx: ExplainContext): LocalizedText {
  const e = flag.evidence;
  const classification = ctx.pack.classifications?.find((c) => c.id === flag.classificationId);
  const met = e.conditions.filter((c) => c.status === 'met');
  return bilingual((lang) => {
    const da = lang === 'da';
    const listYear = e.listYear !== flag.period ? (da ? ` (listeår ${e.listYear})` : ` (list year ${e.listYear})`) : '';
    const conditions = met.map((c) => describeCondition(c, ctx.pack, lang)).join('; ');
    if (e.source === 'indicator-threshold') {
      const threshold = p.indicator?.thresholds?.find((t, i) => (t.id ?? `${p.indicator?.id}#${i + 1}`) === flag.thresholdId);
      const name = threshold ? ` (${threshold.label[lang]})` : '';
      return sentences(
        stop(da ? `${p.area}: ${conditions} i ${flag.period}${name}` : `${p.area}: ${conditions} in ${flag.period}${name}`),
        e.small && smallNote(lang, p.indicator?.minPopulation ?? null),
        sinceSentence(flag.since, flag.period, lang, { da: 'Over grænsen', en: 'Over the limit' }),
      );
    }
    const label = classification?.label[lang] ?? flag.classificationId ?? '';
    const what = da ? `${p.area} opfylder reglen for ${label} i ${flag.period}${listYear}.` : `${p.area} meets the rule for ${label} in ${flag.period}${listYear}.`;
    const which = met.length > 0 ? stop(da ? `Opfyldte kriterier: ${conditions}` : `Criteria met: ${conditions}`) : '';
    return sentences(what, e.reason[lang], which, e.small && smallNote(lang, null), sinceSentence(flag.since, flag.period, lang, { da: 'Opfyldt', en: 'Met' }));
  });
}

function explainWatch(flag: Of<'watch'>, p: Parts, ctx: ExplainContext): LocalizedText {
  const e = flag.evidence;
  const c = e.condition;
  const unit = p.indicator?.unit ?? 'share';
  const rules = e.classifications.map((r) => ({ rule: r, label: ctx.pack.classifications?.find((x) => x.id === r.id)?.label }));
  return bilingual((lang) => {
    const da = lang === 'da';
    const limit = `${OPERATORS[c.comparison]} ${value(c.limit, unit, lang)}`;
    const of = rules.length > 0 ? (da ? ` for ${rules.map((r) => r.label?.da ?? r.rule.id).join(' og ')}` : ` for ${rules.map((r) => r.label?.en ?? r.rule.id).join(' and ')}`) : '';
    const margin = `${num(e.margin * 100, lang, 0)} %`;
    const what = da
      ? `${p.area}: ${p.label(lang)} er ${value(c.value, unit, lang)} i ${flag.period}, ${distance(e.shortBy, unit, lang)} fra grænsen (${limit})${of} og dermed inden for ${margin} af den.`
      : `${p.area}: ${p.label(lang)} is ${value(c.value, unit, lang)} in ${flag.period}, ${distance(e.shortBy, unit, lang)} from the limit (${limit})${of}, within ${margin} of it.`;
    const status = rules
      .filter((r) => r.rule.minMet !== null)
      .map((r) =>
        da
          ? `${r.label?.da ?? r.rule.id}: ${r.rule.criteriaMet} kriterier opfyldt, mindst ${r.rule.minMet} kræves.`
          : `${r.label?.en ?? r.rule.id}: ${r.rule.criteriaMet} criteria met, at least ${r.rule.minMet} required.`,
      );
    return sentences(what, ...status, e.small && smallNote(lang, p.indicator?.minPopulation ?? null), sinceSentence(flag.since, flag.period, lang, { da: 'Tæt på grænsen', en: 'Near the limit' }));
  });
}

function explainHotSpot(flag: Of<'hot-spot'>, p: Parts): LocalizedText {
  const e = flag.evidence;
  const unit = p.indicator?.unit ?? 'share';
  const high = e.quadrant === 'HH';
  return bilingual((lang) => {
    const da = lang === 'da';
    const what = da
      ? `${p.area} ligger i en klynge af ${high ? 'høje' : 'lave'} værdier af ${p.label(lang)} i ${flag.period}: ${value(e.value, unit, lang)} mod gennemsnittet ${value(e.mean, unit, lang)} for områderne, og naboerne ligger også ${high ? 'over' : 'under'} (lokal Moran's I = ${num(e.localI, lang)}, ${e.quadrant}${e.giZ !== null ? `; Gi* z = ${num(e.giZ, lang)}` : ''}).`
      : `${p.area} lies in a cluster of ${high ? 'high' : 'low'} values of ${p.label(lang)} in ${flag.period}: ${value(e.value, unit, lang)} against the areas' mean of ${value(e.mean, unit, lang)}, and its neighbours are ${high ? 'above' : 'below'} it too (local Moran's I = ${num(e.localI, lang)}, ${e.quadrant}${e.giZ !== null ? `; Gi* z = ${num(e.giZ, lang)}` : ''}).`;
    const survives = e.q !== null && e.q <= e.alpha;
    const q =
      e.q === null
        ? ''
        : survives
          ? da
            ? `; den holder efter kontrol af andelen af falske fund blandt områderne (Benjamini–Hochberg, q = ${num(e.q, lang, 3)})`
            : `; it survives false-discovery-rate control across the areas (Benjamini–Hochberg, q = ${num(e.q, lang, 3)})`
          : da
            ? `; den holder ikke efter kontrol af andelen af falske fund blandt områderne (q = ${num(e.q, lang, 3)}), så den kan være et tilfældigt fund`
            : `; it does not survive false-discovery-rate control across the areas (q = ${num(e.q, lang, 3)}), so it may be a chance finding`;
    const sure = da
      ? `Pseudo-p = ${num(e.pseudoP, lang, 3)} efter ${num(e.permutations, lang, 0)} betingede permutationer (frø ${e.seed})${q}.`
      : `Pseudo p = ${num(e.pseudoP, lang, 3)} from ${num(e.permutations, lang, 0)} conditional permutations (seed ${e.seed})${q}.`;
    const cluster =
      e.cluster.length > 1
        ? da
          ? `Klyngen: ${p.names(e.cluster)} (${e.cluster.length} områder).`
          : `The cluster: ${p.names(e.cluster)} (${e.cluster.length} areas).`
        : '';
    const global =
      e.globalI !== null && e.globalP !== null
        ? da
          ? `Globalt Moran's I for indikatoren: ${num(e.globalI, lang)} (pseudo-p = ${num(e.globalP, lang, 3)}).`
          : `Global Moran's I of the indicator: ${num(e.globalI, lang)} (pseudo p = ${num(e.globalP, lang, 3)}).`
        : '';
    return sentences(what, sure, cluster, global, e.small && smallNote(lang, p.indicator?.minPopulation ?? null), sinceSentence(flag.since, flag.period, lang));
  });
}

/** The flag's text in both languages, from its evidence. */
export function explainFlag(flag: UnexplainedFlag, ctx: ExplainContext): LocalizedText {
  const parts = partsOf(flag, ctx);
  switch (flag.kind) {
    case 'funnel-outlier':
      return explainFunnel(flag, parts);
    case 'negative-development':
      return explainDevelopment(flag, parts);
    case 'threshold':
      return explainThreshold(flag, parts, ctx);
    case 'watch':
      return explainWatch(flag, parts, ctx);
    case 'hot-spot':
      return explainHotSpot(flag, parts);
  }
}

/** Adds the text to a detected flag. */
export function withExplanation(flag: UnexplainedFlag, ctx: ExplainContext): Flag {
  return { ...flag, explanation: explainFlag(flag, ctx) } as Flag;
}
