/** The city-life part of a briefing pack: rates by site and the evaluation in words (no registrations). */
import { compareSites, summarise } from '../../../shared/citylife/aggregate';
import type { Evaluation } from '../../../shared/citylife/evaluate';
import type { CityLifeStudy, RegistrationKind } from '../../../shared/citylife/model';
import type { BriefingCityLife } from '../../../shared/briefing/schema';

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(2)));

export function cityLifeBriefing(study: CityLifeStudy, kind: RegistrationKind, source: string, evaluation: Evaluation | null): BriefingCityLife {
  const nameOf = new Map(study.sites.map((s) => [s.id, s.name]));
  return {
    source: source.slice(0, 500),
    kind,
    sites: compareSites(summarise(study, { kind }))
      .slice(0, 200)
      .map((r) => ({ name: r.name, rate: round(r.rate), weekdayRate: round(r.weekdayRate), weekendRate: round(r.weekendRate), peakHour: r.peakHour })),
    evaluation: evaluation
      ? {
          siteName: evaluation.siteName,
          comparisonSites: evaluation.comparisonSiteIds.map((id) => nameOf.get(id) ?? id),
          rateRatio: evaluation.rateRatio,
          lower: evaluation.lower,
          upper: evaluation.upper,
          conclusion: evaluation.conclusion,
          method: evaluation.method,
        }
      : null,
  };
}
