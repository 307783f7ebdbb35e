/** Types of the synthetic municipality (GeoJSON kept minimal and self-contained). */

export type Position = [number, number];
/** A closed linear ring: first position equals the last. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: AreaGeometry;
}
export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

export interface DistrictProperties {
  area_id: string;
  name: string;
  bydel_id: string;
  boligomraade_id: string | null;
}
export interface BydelProperties {
  area_id: string;
  name: string;
}
export interface EstateProperties {
  area_id: string;
  name: string;
  district_ids: string[];
}

export interface AreaLayers {
  basisdistrikt: FeatureCollection<DistrictProperties>;
  bydel: FeatureCollection<BydelProperties>;
  boligomraade: FeatureCollection<EstateProperties>;
}

export type Sex = 'M' | 'K';
export type HouseholdType = 'enlig' | 'par_uden_born' | 'par_med_born' | 'enlig_forsorger';
export type Origin = 'dansk' | 'vestlig' | 'ikke_vestlig';
export type Education =
  | 'grundskole'
  | 'gymnasial'
  | 'erhvervsfaglig'
  | 'kort_videregaaende'
  | 'mellemlang_videregaaende'
  | 'lang_videregaaende'
  | 'ukendt';
export type LabourStatus = 'beskaeftiget' | 'ledig' | 'uden_for' | 'under_uddannelse' | 'pensionist' | 'barn';
export type Benefit =
  | 'ingen'
  | 'dagpenge'
  | 'kontanthjaelp'
  | 'sygedagpenge'
  | 'foertidspension'
  | 'folkepension'
  | 'su';
export type EventType = 'underretning' | 'foranstaltning' | 'dom' | 'tilflytning' | 'fraflytning';
export type ConvictionLaw = 'straffeloven' | 'vaabenloven' | 'euf';

/** Person-period microdata as columns: row i is (period[i], person_id[i], ...). */
export interface PersonsTable {
  period: number[];
  person_id: string[];
  district_id: string[];
  age: number[];
  sex: Sex[];
  household: HouseholdType[];
  origin: Origin[];
  /** Highest completed education; null below age 16. */
  education: (Education | null)[];
  labour_status: LabourStatus[];
  /** Gross annual income in DKK, rounded to 100. */
  income: number[];
  benefit: Benefit[];
  /** Share of school days absent, ages 6–16 only. */
  school_absence: (number | null)[];
}

/** Events as columns; detail is the law for "dom", else null. */
export interface EventsTable {
  period: number[];
  person_id: string[];
  district_id: string[];
  type: EventType[];
  detail: (ConvictionLaw | null)[];
}

/** The four socio-economic criteria of almenboligloven § 61 a (2021 rules). */
export type CriterionKey = 'outside_labour_education' | 'convictions' | 'basic_education' | 'income';

export interface MunicipalityRates {
  period: number;
  residents: number;
  children0to17: number;
  /** Share of 16–64 with labour_status "beskaeftiget". */
  employmentRate16to64: number;
  /** Share of 18–64 with labour_status "ledig" or "uden_for". */
  outsideShare18to64: number;
  /** Share of 30–59 whose highest education is "grundskole" (denominator: all 30–59). */
  basicEducationShare30to59: number;
  /** Share of children 0–17 with at least one "underretning" in the period. */
  notificationRate0to17: number;
  /** Share of residents 15+ with at least one "dom" in the period. */
  convictionRate15plus: number;
  /** Share of residents 18+ with at least one "dom" (the criterion's population). */
  convictionRate18plus: number;
  nonWesternShare: number;
  /** Mean income of 15–64 excluding those in education (labour_status not "under_uddannelse"/"barn"). */
  meanIncome15to64ExclStudents: number;
}

export interface EstateCriteriaValues {
  /** Two-year average (latest two periods) of the outside share 18–64. */
  outsideShare18to64: number;
  /** Two-year average share 18+ convicted, divided by the municipality's (stand-in for the national average). */
  convictionRatio: number;
  /** Latest period. */
  basicEducationShare30to59: number;
  /** Latest period: estate mean income 15–64 excl. students ÷ municipality's (stand-in for the region). */
  incomeRatio: number;
  residents: number;
  nonWesternShare: number;
}

export interface EstateCriteria {
  estateId: string;
  name: string;
  districtIds: string[];
  values: EstateCriteriaValues;
  criteriaMet: CriterionKey[];
}

export interface GroundTruth {
  seed: number;
  scale: number;
  municipalityCode: string;
  periods: number[];
  latestPeriod: number;
  /** How each rate and criterion is computed from the tables. */
  definitions: Record<string, string>;
  municipalityRates: MunicipalityRates[];
  worseningEmployment: {
    districtIds: string[];
    explanation: string;
    cases: {
      districtId: string;
      explanation: string;
      residentsLatest: number;
      employmentRate: { period: number; rate: number }[];
      declinePoints2020to2024: number;
    }[];
  };
  notificationCluster: {
    districtIds: string[];
    explanation: string;
    targetRatio: number;
    byPeriod: {
      period: number;
      children: number;
      notifiedChildren: number;
      rate: number;
      municipalityRate: number;
      ratio: number;
    }[];
  };
  vulnerableEstate: EstateCriteria & {
    explanation: string;
    thresholds: Record<CriterionKey, number>;
  };
  watchEstate: EstateCriteria & {
    explanation: string;
    criterion: CriterionKey;
    value: number;
    threshold: number;
  };
  decoys: {
    districtId: string;
    explanation: string;
    period: number;
    children: number;
    notifiedChildren: number;
    rate: number;
    municipalityRate: number;
    ratio: number;
    /** P(X ≥ notifiedChildren) for X ~ Binomial(children, municipalityRate). */
    binomialTailP: number;
  }[];
  /** Criteria values of all four estates, for reference. */
  estates: EstateCriteria[];
}

export interface SyntheticMunicipality {
  municipality: {
    code: string;
    name: string;
    seed: number;
    scale: number;
    periods: number[];
    /** CRS of `layers`/`outline` and of `layers25832`/`outline25832`. */
    crs: { output: 'EPSG:4326'; source: 'EPSG:25832'; proj4Source: string };
  };
  /** GeoJSON layers in EPSG:4326 (lon, lat). */
  layers: AreaLayers;
  /** The same layers in EPSG:25832 (metres), vertices rounded to 1 cm. */
  layers25832: AreaLayers;
  outline: PolygonGeometry;
  outline25832: PolygonGeometry;
  /** Queen contiguity (sharing at least a vertex), district area_id → sorted neighbour ids. */
  adjacency: Record<string, string[]>;
  /** Rook contiguity (sharing an edge). */
  rookAdjacency: Record<string, string[]>;
  persons: PersonsTable;
  events: EventsTable;
  groundTruth: GroundTruth;
}

export interface GenerateOptions {
  seed: number;
  /** Multiplies the population (default 1). The two decoy districts keep their small size. */
  scale?: number;
}
