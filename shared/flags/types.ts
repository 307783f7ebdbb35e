/**
 * Flags: what stands out or develops badly, per area and period, each with the structured
 * evidence it rests on and a text built from that evidence (explain.ts). Detection
 * (funnel.ts, development.ts, thresholds.ts, hot-spots.ts) never writes prose, so the UI
 * can draw the same evidence as charts.
 *
 * Values are on the scale of PackCell.value: a proportion for shares, events (or persons
 * with an event) per person for per1000, DKK or the column's unit for means.
 */
import type { ClassificationStatus, ConditionResult, PersistenceYear } from '../indicators/classifications';
import type { LocalizedText } from '../indicators/pack';
import type { ReferenceLevel } from '../indicators/results';
import type { FunnelClass, FunnelLimits, OverdispersionMethod } from '../stats/funnel';
import type { Quadrant } from '../stats/spatial';
import type { DevelopmentVerdict } from '../stats/trend';

export type FlagKind = 'funnel-outlier' | 'negative-development' | 'threshold' | 'watch' | 'hot-spot';
export type FlagSeverity = 'alarm' | 'warning' | 'watch';

export const FLAG_KINDS: readonly FlagKind[] = ['funnel-outlier', 'negative-development', 'threshold', 'watch', 'hot-spot'];

/** Higher is more severe; Flag.sortKey is this plus a tie-breaker in [0, 1). */
export const SEVERITY_RANK: Readonly<Record<FlagSeverity, number>> = { alarm: 3, warning: 2, watch: 1 };

/** Where a flag's evidence is drawn: the funnel plot, the area's trend chart, the cluster map or the criteria table. */
export interface EvidenceLink {
  view: 'funnel-plot' | 'trend-chart' | 'cluster-map' | 'criteria';
  layerId: string;
  areaId: string;
  period: number;
  indicatorId: string | null;
  classificationId: string | null;
}

interface FlagBase {
  /** Stable key: kind|subject|layer|area|period. */
  id: string;
  kind: FlagKind;
  severity: FlagSeverity;
  /** Sort descending: SEVERITY_RANK + a tie-breaker in [0, 1) (how sure, or how far). */
  sortKey: number;
  /** The indicator (null for a classification's threshold flag). */
  indicatorId: string | null;
  /** The classification (threshold flags; watch flags of a rule's criterion). */
  classificationId: string | null;
  /** The threshold a watch flag is near (or a standalone threshold's id). */
  thresholdId: string | null;
  layerId: string;
  areaId: string;
  period: number;
  /** First period of the unbroken run of periods, ending at `period`, with the same flag (any severity). */
  since: number;
  link: EvidenceLink;
  explanation: LocalizedText;
}

// ------------------------------------------------------------------ funnel

export type FunnelModel = 'binomial' | 'poisson' | 'normal';

export interface FunnelOverdispersion {
  requested: 'none' | OverdispersionMethod;
  applied: 'none' | OverdispersionMethod;
  /** φ (mean squared winsorised z-score) and τ² (between-area variance on the z-score scale); null when not estimated. */
  phi: number | null;
  tau2: number | null;
  /** Areas the estimate used. */
  units: number;
}

export interface FunnelEvidence {
  model: FunnelModel;
  numerator: number;
  denominator: number;
  value: number;
  target: number;
  targetLevel: ReferenceLevel;
  /** value ÷ target (null when the target is 0). */
  ratio: number | null;
  /** The drawn limits at this denominator (95 %: warning, 99.8 %: alarm), over-dispersion applied. */
  limits: FunnelLimits;
  /** Against the drawn limits. */
  class: FunnelClass;
  /** Against the exact tails without over-dispersion (binomial/Poisson); null for the normal model. */
  exactClass: FunnelClass | null;
  /** z-score against the target without, and with, the over-dispersion adjustment. */
  z: number | null;
  zAdjusted: number | null;
  /**
   * One-sided probability of a value at least this far to the worse side by chance: the
   * exact tail P(X ≥ k) (or P(X ≤ k)) under the target without over-dispersion, or, when
   * an adjustment is applied or the model is normal, the normal tail of zAdjusted.
   */
  pValue: number;
  overdispersion: FunnelOverdispersion;
  /** Pooled within-area standard deviation of the normal model (means); null otherwise. */
  standardDeviation: number | null;
  /** The population is below the indicator's minimum. */
  small: boolean;
  minPopulation: number;
}

// ------------------------------------------------------------------ development

export interface TrendEvidence {
  model: 'logistic' | 'poisson';
  /** Periods the fit used. */
  periods: number[];
  /** Change of the value per period at the mean period, with its 95 % interval. */
  changePerPeriod: number;
  changeLower: number;
  changeUpper: number;
  /** Slope on the link scale (log odds or log rate per period) with its interval. */
  slope: number;
  slopeLower: number;
  slopeUpper: number;
  pValue: number;
  /** Cochran–Armitage (shares) or its Poisson analogue: the score-test cross-check. */
  scoreTestP: number | null;
  verdict: DevelopmentVerdict;
}

export interface YearOnYearEvidence {
  previousPeriod: number;
  method: 'pooled-z' | 'conditional-binomial';
  previous: number;
  current: number;
  difference: number;
  lower: number;
  upper: number;
  pValue: number;
  verdict: DevelopmentVerdict;
}

export interface DevelopmentEvidence {
  model: 'logistic' | 'poisson';
  /** Null when the trend could not be estimated (see trendUnavailable). */
  trend: TrendEvidence | null;
  trendUnavailable: string | null;
  yearOnYear: YearOnYearEvidence | null;
  /** The tests that show a meaningful worsening. */
  basis: ('trend' | 'year-on-year')[];
  /** Minimum meaningful change per period (value scale) and where it comes from. */
  minChange: number;
  minChangeSource: 'pack' | 'default';
  /** Periods the trend looks back over (the pack's development.periods). */
  window: number;
  alpha: number;
  require: 'either' | 'both' | 'trend' | 'year-on-year';
  /** The municipality's own trend change per period over the same periods (context). */
  municipalityChangePerPeriod: number | null;
  value: number | null;
  /** A cell the tests used has a population below the indicator's minimum. */
  small: boolean;
}

// ------------------------------------------------------------------ thresholds

export interface ThresholdEvidence {
  /** A pack classification that is met, or a threshold of an indicator that no classification uses. */
  source: 'classification' | 'indicator-threshold';
  listYear: number;
  residents: number | null;
  minResidents: number | null;
  /** Gates and criteria with values, limits and distances (classifications.ts). */
  conditions: ConditionResult[];
  criteriaMet: number;
  minMet: number | null;
  persistence: PersistenceYear[] | null;
  /** The classification's own reason text (empty for a standalone threshold). */
  reason: LocalizedText;
  small: boolean;
}

export interface WatchEvidence {
  condition: ConditionResult;
  /** Rules in force that use this threshold and are not met (empty for a standalone threshold). */
  classifications: { id: string; status: ClassificationStatus; criteriaMet: number; minMet: number | null }[];
  /** The margin, relative to the limit (0.1: within 10 % of the limit). */
  margin: number;
  /** How far the value is from meeting the threshold, absolute (≥ 0) and relative to |limit|. */
  shortBy: number;
  shortByRelative: number;
  small: boolean;
}

// ------------------------------------------------------------------ hot spots

export interface HotSpotEvidence {
  value: number;
  /** Mean over the areas analysed. */
  mean: number;
  /** Local Moran's I_i, the area's standardised value and its neighbours' mean (lag). */
  localI: number;
  zValue: number;
  lag: number;
  quadrant: Quadrant;
  /** Folded conditional-permutation pseudo p and its Benjamini–Hochberg q across the areas. */
  pseudoP: number;
  q: number | null;
  /** Getis–Ord Gi* z-score (area included) and its hot/cold side. */
  giZ: number | null;
  giDirection: 'hot' | 'cold' | null;
  permutations: number;
  seed: number;
  alpha: number;
  fdr: boolean;
  /** Queen-contiguity neighbours. */
  neighbours: string[];
  /** The connected flagged areas this one belongs to (itself included), sorted. */
  cluster: string[];
  /** Global Moran's I of the indicator in the period and its permutation p. */
  globalI: number | null;
  globalP: number | null;
  small: boolean;
}

export type FunnelFlag = FlagBase & { kind: 'funnel-outlier'; evidence: FunnelEvidence };
export type DevelopmentFlag = FlagBase & { kind: 'negative-development'; evidence: DevelopmentEvidence };
export type ThresholdFlag = FlagBase & { kind: 'threshold'; evidence: ThresholdEvidence };
export type WatchFlag = FlagBase & { kind: 'watch'; evidence: WatchEvidence };
export type HotSpotFlag = FlagBase & { kind: 'hot-spot'; evidence: HotSpotEvidence };

export type Flag = FunnelFlag | DevelopmentFlag | ThresholdFlag | WatchFlag | HotSpotFlag;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A flag before its text is written (detection output; explain.ts adds the text). */
export type UnexplainedFlag = DistributiveOmit<Flag, 'explanation'>;

/** Why an indicator (or one of its flag kinds) was not examined. */
export type SkipCode =
  | 'context'
  | 'contested'
  | 'count-unit'
  | 'median'
  | 'mean-development'
  | 'pooled-window'
  | 'no-geometry'
  | 'not-in-pack';

export interface SkippedCheck {
  indicatorId: string;
  kind: FlagKind;
  code: SkipCode;
  reason: LocalizedText;
}

// ------------------------------------------------------------------ evidence views (for the charts)

/** One area on a funnel plot. */
export interface FunnelAreaPoint {
  areaId: string;
  numerator: number;
  denominator: number;
  value: number;
  limits: FunnelLimits;
  class: FunnelClass;
  exactClass: FunnelClass | null;
  z: number | null;
  zAdjusted: number | null;
  /** One-sided p on the worse side (see FunnelEvidence.pValue). */
  pValue: number;
  /** Outside the 95 % limits on the worse or the better side (better: information, never a flag). */
  side: 'worse' | 'better' | 'inside';
  /** The flag's severity when the area is flagged (worse side only), else null. */
  level: 'alarm' | 'warning' | null;
  small: boolean;
}

/** A funnel plot of one indicator in one period: target line, limit curves and points. */
export interface FunnelData {
  indicatorId: string;
  layerId: string;
  period: number;
  model: FunnelModel;
  /** Null when unavailable. */
  target: number | null;
  targetLevel: ReferenceLevel | null;
  overdispersion: FunnelOverdispersion;
  standardDeviation: number | null;
  /** Limits at denominators from the smallest to the largest area, for drawing (FunnelPlot's `curve`). */
  curve: FunnelLimits[];
  points: FunnelAreaPoint[];
  /** Areas with no population (nothing to place). */
  empty: string[];
  /** Why there is no funnel (no reference value, no areas), else null. */
  unavailable: LocalizedText | null;
}

export interface TrendSeriesPoint {
  period: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number;
  denominator: number;
  small: boolean;
  /** The indicator's reference value (TrendChart's `reference`). */
  reference: number | null;
}

/** An area's values over the periods and the development test at each period. */
export interface TrendSeries {
  indicatorId: string;
  layerId: string;
  areaId: string;
  points: TrendSeriesPoint[];
  /** Per period: the test ending there (null before there is anything to test). */
  tests: { period: number; severity: 'alarm' | 'warning' | null; evidence: DevelopmentEvidence | null }[];
}

export interface HotSpotArea {
  areaId: string;
  value: number | null;
  localI: number | null;
  /** The area's standardised value and its neighbours' mean on that scale (esda's z and lag). */
  zValue: number | null;
  lag: number | null;
  quadrant: Quadrant | null;
  pseudoP: number | null;
  q: number | null;
  giZ: number | null;
  giDirection: 'hot' | 'cold' | null;
  /** Significant under the settings (p ≤ α, or q ≤ α with FDR). */
  significant: boolean;
  /** The LISA category when significant: worse-side clusters are flags, better-side ones information. */
  cluster: Quadrant | null;
  level: 'alarm' | 'warning' | null;
  /** Why no statistic ('no neighbours', 'missing value', …). */
  reason: string | null;
}

/** Local and global spatial statistics of one indicator in one period (the cluster map). */
export interface HotSpotData {
  indicatorId: string;
  layerId: string;
  period: number;
  permutations: number;
  seed: number;
  alpha: number;
  fdr: boolean;
  globalMoran: { i: number; expected: number; pseudoP: number; z: number | null } | null;
  areas: HotSpotArea[];
  /** Connected groups of flagged areas (worse side), each sorted. */
  clusters: string[][];
  unavailable: LocalizedText | null;
}
