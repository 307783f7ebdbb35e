/**
 * The population panel: households that age, give birth, split, move and are replaced by
 * movers-in, from a burn-in year to the last period. Each period writes one row per
 * resident (status at the end of the year) and the year's events.
 *
 * Residents carry a latent social risk u (drawn around their district's mean when they
 * arrive) that drives education, work, income, benefits, school absence, notifications and
 * convictions; district differences come from who lives there, and persist because movers
 * choose districts that match them. Labour states persist from year to year. The planted
 * cases are held on target by moving the fewest people between states (see `calibrate`), and
 * the notification cluster and decoys get planted counts (see `annual`).
 */
import { BENEFITS, codes, EventColumns, HOUSEHOLDS, LABOUR, LAWS, ORIGINS, PersonColumns, EVENT_TYPES } from './columns.ts';
import { PseudonymMaker } from './random.ts';
import type { Rng } from './random.ts';
import type { DistrictPlan, Plan } from './plan.ts';
import type {
  Benefit,
  ConvictionLaw,
  EventsTable,
  EventType,
  HouseholdType,
  LabourStatus,
  Origin,
  PersonsTable,
  Sex,
} from './types.ts';

export const FIRST_PERIOD = 2015;
export const LAST_PERIOD = 2024;
export const PERIODS: number[] = Array.from({ length: LAST_PERIOD - FIRST_PERIOD + 1 }, (_, i) => FIRST_PERIOD + i);
/** Years simulated before the first period so that ages, households and states settle. */
const BURN_IN_START = 2005;
/** The planted notification ratio of the cluster to the municipality. */
export const CLUSTER_RATIO = 1.8;
/** Yearly employment decline (share points) planted in the worsening districts from 2020. */
const WORSENING_STEP = 0.028;

/** Education indices follow EDUCATIONS in columns.ts. */
const G = 0;
const GYM = 1;
const ERHV = 2;
const KVU = 3;
const MVU = 4;
const LVU = 5;
const UKENDT = 6;
/** Employment log-odds by highest completed education. */
const EDU_EMPLOY = [-0.95, -0.15, 0.15, 0.35, 0.55, 0.65, -1.0];
/** Annual gross wage of a full-time employee around 2015 by education (DKK). */
const EDU_WAGE = [275_000, 300_000, 350_000, 385_000, 410_000, 550_000, 260_000];

interface Person {
  serial: number;
  birthYear: number;
  sex: Sex;
  origin: Origin;
  eduFinal: number;
  eduDoneAge: number;
  gymAge: number;
  viaGym: boolean;
  gapAge: number;
  u: number;
  wage: number;
  crime: number;
  absence: number;
  insured: boolean;
  outsideKind: number;
  fp: boolean;
  adult: boolean;
  hh: Household;
  // Last year's state (persistence).
  status: LabourStatus | null;
  income: number;
  notified: boolean;
  measure: boolean;
  convicted: boolean;
  // This year's state.
  age: number;
  edu: number;
  cur: LabourStatus;
  notifiedNow: boolean;
}

interface Household {
  district: number;
  members: Person[];
  u: number;
  gone: boolean;
  /** This year's type, set in `annual`. */
  type: HouseholdType;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

const EVENT_CODE = codes(EVENT_TYPES);
const LAW_CODE = codes(LAWS);
const HOUSEHOLD_CODE = codes(HOUSEHOLDS);
const ORIGIN_CODE = codes(ORIGINS);
const LABOUR_CODE = codes(LABOUR);
const BENEFIT_CODE = codes(BENEFITS);

function pensionAge(year: number): number {
  // Folkepension age rose from 65 towards 67 (half a year per year from 2019).
  return year <= 2018 ? 65 : year <= 2021 ? 66 : 67;
}

function mortality(age: number): number {
  if (age === 0) return 0.003;
  if (age > 105) return 1;
  return Math.min(0.6, Math.exp(-10.3 + 0.094 * age));
}

function fertility(age: number): number {
  if (age < 18 || age > 45) return 0;
  // Peaks around 31 (about 2.4 over a lifetime for a woman always in a couple; far fewer are).
  return 0.25 * Math.exp(-(((age - 31) / 5.5) ** 2));
}

function leaveHomeHazard(age: number): number {
  if (age < 18) return 0;
  if (age === 18) return 0.08;
  if (age === 19) return 0.2;
  if (age <= 24) return 0.3;
  return 0.5;
}

export interface SimulationResult {
  persons: PersonsTable;
  events: EventsTable;
  /** The per-period cluster ratio that was planted (the realised one is in the tables). */
  clusterTargetRatio: Record<number, number>;
}

export function simulatePopulation(rng: Rng, plan: Plan): SimulationResult {
  return new Simulation(rng, plan).run();
}

class Simulation {
  private readonly rng: Rng;
  private readonly plan: Plan;
  private readonly d: DistrictPlan[];
  private households: Household[] = [];
  private readonly ids: PseudonymMaker;
  private readonly persons: PersonColumns;
  private readonly events: EventColumns;
  /** Pseudonym of each person by serial number. */
  private readonly idList: string[] = [];
  private readonly isCluster: boolean[];
  private readonly isDecoy: boolean[];
  private readonly worseningBase = new Map<number, number>();
  private readonly clusterTargetRatio: Record<number, number> = {};
  private year = BURN_IN_START;

  constructor(rng: Rng, plan: Plan) {
    this.rng = rng.fork('demography');
    this.ids = new PseudonymMaker(rng.fork('ids'));
    this.plan = plan;
    this.d = plan.districts;
    this.isCluster = this.d.map((_, i) => plan.cluster.includes(i));
    this.isDecoy = this.d.map((_, i) => plan.decoys.includes(i));
    const rows = this.d.reduce((s, d) => s + d.baseSize, 0) * PERIODS.length;
    this.persons = new PersonColumns(Math.ceil(rows * 1.05));
    this.events = new EventColumns(Math.ceil(rows * 0.2));
  }

  run(): SimulationResult {
    for (let t = BURN_IN_START; t <= LAST_PERIOD; t++) {
      this.year = t;
      if (t === BURN_IN_START) this.initialise();
      else this.demography();
      this.annual();
    }
    const codesOf = this.d.map((d) => d.code);
    return {
      persons: this.persons.toTable(this.idList, codesOf),
      events: this.events.toTable(this.idList, codesOf),
      clusterTargetRatio: this.clusterTargetRatio,
    };
  }

  private target(i: number): number {
    const d = this.d[i]!;
    return Math.round(d.baseSize * (1 + d.growth) ** (this.year - 2019));
  }

  private emitted(): boolean {
    return this.year >= FIRST_PERIOD;
  }

  private event(p: Person, district: number, type: EventType, detail: ConvictionLaw | null = null): void {
    if (!this.emitted()) return;
    const e = this.events;
    e.period.push(this.year);
    e.person.push(p.serial);
    e.district.push(district);
    e.type.push(EVENT_CODE[type]);
    e.detail.push(detail === null ? 0 : 1 + LAW_CODE[detail]);
  }

  /** A new person's serial number (its pseudonym is `idList[serial]`). */
  private newSerial(): number {
    this.idList.push(this.ids.next());
    return this.idList.length - 1;
  }

  // ---------------------------------------------------------------- people

  private newPerson(
    hh: Household,
    age: number,
    sex: Sex,
    origin: Origin,
    u: number,
    adult: boolean,
    immigrant: boolean,
  ): Person {
    const r = this.rng;
    const birthYear = this.year - age;
    const dp = this.d[hh.district]!;
    // Destined highest education: multinomial in u, cohort and origin.
    const w = [0.088, 0.08, 0.34, 0.06, 0.23, 0.17, 0];
    w[G] = w[G]! * Math.exp(0.85 * u + dp.eduShift);
    w[ERHV] = w[ERHV]! * Math.exp(0.15 * u);
    w[MVU] = w[MVU]! * Math.exp(-0.4 * u);
    w[LVU] = w[LVU]! * Math.exp(-0.8 * u);
    if (birthYear < 1955) {
      w[G] = w[G]! * 1.9;
      w[LVU] = w[LVU]! * 0.6;
      w[MVU] = w[MVU]! * 0.8;
    } else if (birthYear < 1970) w[G] = w[G]! * 1.15;
    if (origin === 'ikke_vestlig') {
      w[G] = w[G]! * 1.6;
      w[LVU] = w[LVU]! * 0.8;
    }
    if (immigrant && age >= 18) {
      // Education from abroad is often not registered.
      const known = w.reduce((a, b) => a + b, 0);
      w[UKENDT] = known * (origin === 'ikke_vestlig' ? 0.22 : 0.1);
    }
    const eduFinal = r.weightedIndex(w);
    const gymAge = 19 + r.int(2);
    let viaGym = eduFinal >= KVU && eduFinal <= LVU;
    let doneAge: number;
    switch (eduFinal) {
      case G:
        doneAge = 16 + r.weightedIndex([0.25, 0.35, 0.4]);
        break;
      case GYM:
        doneAge = gymAge;
        break;
      case ERHV:
        viaGym = r.chance(0.35);
        doneAge = viaGym ? 21 + r.int(4) : 19 + r.int(4);
        break;
      case KVU:
        doneAge = 22 + r.int(3);
        break;
      case MVU:
        doneAge = 24 + r.int(3);
        break;
      case LVU:
        doneAge = 25 + r.int(4);
        break;
      default:
        doneAge = 16;
    }
    const p: Person = {
      serial: this.newSerial(),
      birthYear,
      sex,
      origin,
      eduFinal,
      eduDoneAge: doneAge,
      gymAge,
      viaGym,
      gapAge: eduFinal >= KVU && eduFinal <= LVU && r.chance(0.3) ? 19 + r.int(3) : -1,
      u,
      wage: r.normal(),
      crime: 0.6 * r.normal(),
      absence: r.normal(),
      insured: r.chance(logistic(1.4 + (eduFinal === G || eduFinal === UKENDT ? -1.1 : 0) - 0.4 * u - (origin === 'ikke_vestlig' ? 0.5 : 0))),
      outsideKind: r.next(),
      // Adults arrive already on førtidspension at about the stock rate, so the stock starts settled.
      fp: age >= 30 && age < 65 && r.chance(0.022 * Math.exp(0.6 * u) * (age >= 50 ? 2.2 : 1)),
      adult,
      hh,
      status: null,
      income: 0,
      notified: false,
      measure: false,
      convicted: false,
      age,
      edu: -1,
      cur: 'barn',
      notifiedNow: false,
    };
    return p;
  }

  private drawOrigin(dp: DistrictPlan): Origin {
    const x = this.rng.next();
    return x < dp.nonWestern ? 'ikke_vestlig' : x < dp.nonWestern + dp.western ? 'vestlig' : 'dansk';
  }

  /** Age from bands [lo, hi] with weights tilted by the district and by moving. */
  private bandAge(bands: [number, number, number][], dp: DistrictPlan, mover: boolean): number {
    const r = this.rng;
    const w = bands.map(([lo, , w0]) => {
      const young = lo < 35 ? 1 + 1.2 * dp.youngTilt + (mover ? 1.6 : 0) : 1;
      const old = lo >= 65 ? (0.5 + 1.2 * dp.seniorTilt) * (mover ? 0.35 : 1) : 1;
      // The first population is drawn close to where the panel settles (fewer young families).
      const settle = mover ? 1 : lo >= 50 && lo < 65 ? 1.6 : lo >= 65 && lo < 80 ? 1.15 : lo >= 30 && lo < 50 ? 0.7 : lo < 30 ? 0.7 : 1;
      return w0 * young * old * settle;
    });
    const [lo, hi] = bands[r.weightedIndex(w)]!;
    return r.intBetween(lo, hi);
  }

  private singleAge(dp: DistrictPlan, mover: boolean): number {
    return this.bandAge(
      [
        [19, 29, 0.22],
        [30, 49, 0.2],
        [50, 64, 0.2],
        [65, 79, 0.2],
        [80, 99, 0.13],
      ],
      dp,
      mover,
    );
  }

  private coupleAge(dp: DistrictPlan, mover: boolean): number {
    return this.bandAge(
      [
        [23, 34, 0.17],
        [35, 49, 0.1],
        [50, 64, 0.33],
        [65, 79, 0.3],
        [80, 92, 0.06],
      ],
      dp,
      mover,
    );
  }

  /** A new household for district i (not yet registered). */
  private makeHousehold(i: number, mover: boolean): Household {
    const r = this.rng;
    const dp = this.d[i]!;
    const hh: Household = { district: i, members: [], u: dp.muU + 0.75 * r.normal(), gone: false, type: 'enlig' };
    const w = dp.hh.slice();
    if (mover) w[0] = w[0]! * 1.15;
    else {
      w[0] = w[0]! * 1.3;
      w[2] = w[2]! * 0.75;
      w[3] = w[3]! * 0.85;
    }
    const type = r.weightedIndex(w);
    const origin = this.drawOrigin(dp);
    const immigrantP = mover ? 0.75 : 0.6;
    const adultU = () => hh.u + 0.55 * r.normal();
    const partnerOrigin = (): Origin => (origin === 'dansk' || r.chance(0.85) ? origin : 'dansk');
    const childOrigin = (adults: Person[]): Origin =>
      adults.every((a) => a.origin === adults[0]!.origin) ? adults[0]!.origin : 'dansk';
    const immigrant = (o: Origin) => o !== 'dansk' && r.chance(immigrantP);
    if (type === 0) {
      const age = this.singleAge(dp, mover);
      const sex: Sex = age >= 70 ? (r.chance(0.65) ? 'K' : 'M') : r.chance(0.5) ? 'K' : 'M';
      hh.members.push(this.newPerson(hh, age, sex, origin, adultU(), true, immigrant(origin)));
      return hh;
    }
    if (type === 1) {
      const a = this.coupleAge(dp, mover);
      const b = Math.max(19, a + Math.round(2 * r.normal() + 1));
      const o2 = partnerOrigin();
      hh.members.push(this.newPerson(hh, a, 'K', origin, adultU(), true, immigrant(origin)));
      hh.members.push(this.newPerson(hh, b, 'M', o2, adultU(), true, immigrant(o2)));
      return hh;
    }
    const couple = type === 2;
    const parentAge = (mover ? 0 : 2) + (couple ? 25 + Math.floor(12.5 * (r.next() + r.next())) : 22 + Math.floor(16 * (r.next() + r.next())));
    const adults: Person[] = [];
    if (couple) {
      const o2 = partnerOrigin();
      adults.push(this.newPerson(hh, parentAge, 'K', origin, adultU(), true, immigrant(origin)));
      adults.push(
        this.newPerson(hh, Math.max(20, parentAge + Math.round(2 + 3 * r.normal())), 'M', o2, adultU(), true, immigrant(o2)),
      );
    } else {
      adults.push(this.newPerson(hh, parentAge, r.chance(0.85) ? 'K' : 'M', origin, adultU(), true, immigrant(origin)));
    }
    hh.members.push(...adults);
    const nKids = 1 + (couple ? r.weightedIndex([0.4, 0.42, 0.15, 0.03]) : r.weightedIndex([0.55, 0.35, 0.1]));
    const maxAge = Math.max(1, Math.min(parentAge - 19, 21));
    const ages: number[] = [];
    for (let k = 0; k < nKids; k++) ages.push(r.int(maxAge));
    ages.sort((a, b) => a - b);
    if (ages[0]! > 17) ages[0] = r.int(18);
    const co = childOrigin(adults);
    for (const a of ages) {
      hh.members.push(this.newPerson(hh, a, r.chance(0.5) ? 'K' : 'M', co, hh.u + 0.6 * r.normal(), false, false));
    }
    return hh;
  }

  private register(hh: Household): void {
    this.households.push(hh);
  }

  private initialise(): void {
    for (let i = 0; i < this.d.length; i++) {
      let size = 0;
      const target = this.target(i);
      while (size < target) {
        const hh = this.makeHousehold(i, false);
        this.register(hh);
        size += hh.members.length;
      }
    }
  }

  // ------------------------------------------------------------ demography

  private demography(): void {
    const r = this.rng;
    const t = this.year;
    const pool: { hh: Household; from: number }[] = [];
    const leave = (hh: Household, from: number) => {
      for (const p of hh.members) this.event(p, from, 'fraflytning');
      hh.gone = true;
    };
    const split = (p: Person, from: number) => {
      // p leaves its household and forms a one-person household: within the municipality or away.
      const old = p.hh;
      old.members = old.members.filter((m) => m !== p);
      const hh: Household = { district: from, members: [p], u: 0.5 * old.u + 0.5 * p.u, gone: false, type: 'enlig' };
      p.hh = hh;
      p.adult = true;
      if (r.chance(0.45)) {
        for (const m of hh.members) this.event(m, from, 'fraflytning');
        pool.push({ hh, from });
      } else leave(hh, from);
    };
    const current = this.households;
    for (const hh of current) {
      const from = hh.district;
      // Deaths.
      let died: Person[] | null = null;
      for (const p of hh.members) if (r.chance(mortality(t - p.birthYear))) (died ??= []).push(p);
      if (died) hh.members = hh.members.filter((p) => !died.includes(p));
      if (hh.members.length === 0) {
        hh.gone = true;
        continue;
      }
      if (!hh.members.some((p) => p.adult)) {
        const oldest = hh.members.reduce((a, b) => (a.birthYear < b.birthYear ? a : b));
        if (t - oldest.birthYear >= 18) oldest.adult = true;
        else {
          leave(hh, from);
          continue;
        }
      }
      const adults = hh.members.filter((p) => p.adult);
      const kids = hh.members.filter((p) => !p.adult);
      // Births.
      const mother = adults.find((p) => p.sex === 'K' && t - p.birthYear >= 18 && t - p.birthYear <= 45);
      if (mother && kids.length < 4) {
        const f = fertility(t - mother.birthYear) * (adults.length === 2 ? 1 : 0.2);
        if (r.chance(f)) {
          const co = adults.every((a) => a.origin === adults[0]!.origin) ? adults[0]!.origin : 'dansk';
          hh.members.push(this.newPerson(hh, 0, r.chance(0.5) ? 'K' : 'M', co, hh.u + 0.6 * r.normal(), false, false));
        }
      }
      // Young adults leave home.
      for (const k of kids) if (r.chance(leaveHomeHazard(t - k.birthYear))) split(k, from);
      // Couples separate.
      if (adults.length === 2 && r.chance(kids.length > 0 ? 0.018 : 0.014)) {
        const man = adults.find((p) => p.sex === 'M');
        const leaver = hh.members.some((p) => !p.adult) && man && r.chance(0.75) ? man : adults[r.int(2)]!;
        split(leaver, from);
      } else if (adults.length === 1) {
        // Singles find a partner who moves in from outside.
        const a = adults[0]!;
        const age = t - a.birthYear;
        if (age >= 22 && age <= 50 && r.chance(0.035)) {
          const o: Origin = a.origin === 'dansk' || r.chance(0.85) ? a.origin : 'dansk';
          const partner = this.newPerson(
            hh,
            Math.max(19, age + Math.round(3 * r.normal())),
            a.sex === 'K' ? 'M' : 'K',
            o,
            hh.u + 0.55 * r.normal(),
            true,
            o !== 'dansk' && r.chance(0.6),
          );
          hh.members.push(partner);
          this.event(partner, from, 'tilflytning');
        }
      }
      // Whole-household moves.
      if (!hh.gone) {
        const head = hh.members.filter((p) => p.adult).reduce((a, b) => (a.birthYear < b.birthYear ? a : b), hh.members[0]!);
        const ha = t - head.birthYear;
        const ageF = ha < 30 ? 2.1 : ha < 40 ? 1.3 : ha < 65 ? 0.7 : 0.3;
        const kidF = hh.members.some((p) => !p.adult) ? 0.75 : 1;
        if (r.chance(this.d[from]!.moveRate * ageF * kidF)) {
          if (r.chance(0.35)) {
            for (const m of hh.members) this.event(m, from, 'fraflytning');
            pool.push({ hh, from });
          } else leave(hh, from);
        }
      }
    }
    const inPool = new Set(pool.map((x) => x.hh));
    this.households = current.filter((hh) => !hh.gone && hh.members.length > 0 && !inPool.has(hh));
    // Households created by splits that stayed nowhere were never registered; pooled ones are placed below.

    const size = new Array<number>(this.d.length).fill(0);
    for (const hh of this.households) size[hh.district] = size[hh.district]! + hh.members.length;
    const targets = this.d.map((_, i) => this.target(i));
    const deficit = this.d.map((_, i) => targets[i]! - size[i]!);
    const w = new Array<number>(this.d.length).fill(0);
    for (const { hh, from } of pool) {
      // Movers prefer districts that need people and whose residents resemble them.
      for (let i = 0; i < this.d.length; i++) {
        const fit = Math.exp(-0.5 * (hh.u - this.d[i]!.muU) ** 2);
        w[i] = i === from ? 0 : (Math.max(deficit[i]!, 0) + 0.05 * targets[i]!) * fit;
      }
      const to = r.weightedIndex(w);
      hh.district = to;
      deficit[to] = deficit[to]! - hh.members.length;
      for (const m of hh.members) this.event(m, to, 'tilflytning');
      this.households.push(hh);
    }
    for (let i = 0; i < this.d.length; i++) {
      while (deficit[i]! > 0) {
        const hh = this.makeHousehold(i, true);
        for (const m of hh.members) this.event(m, i, 'tilflytning');
        this.register(hh);
        deficit[i] = deficit[i]! - hh.members.length;
      }
    }
  }

  // ---------------------------------------------------------------- states

  private educationAt(p: Person, age: number): number {
    if (age < 16) return -1;
    if (p.eduFinal === UKENDT) return UKENDT;
    if (age >= p.eduDoneAge) return p.eduFinal;
    if (p.viaGym && age >= p.gymAge) return GYM;
    return G;
  }

  private isStudent(p: Person, age: number): boolean {
    if (p.eduFinal === UKENDT) return age < 18;
    return age < p.eduDoneAge && age !== p.gapAge;
  }

  private employProbability(p: Person, age: number): number {
    const ageEff = age < 20 ? -0.6 : age < 25 ? -0.3 : age < 30 ? 0 : age < 55 ? 0.2 : age < 60 ? -0.1 : age < 63 ? -0.7 : -1.3;
    const originEff = p.origin === 'ikke_vestlig' ? -0.5 : p.origin === 'vestlig' ? -0.1 : 0;
    return logistic(2.63 + EDU_EMPLOY[p.edu]! + ageEff + originEff - 1.0 * p.u);
  }

  private labourStatus(p: Person, age: number): LabourStatus {
    const r = this.rng;
    if (age < 16) return 'barn';
    if (age >= pensionAge(this.year)) return 'pensionist';
    if (this.isStudent(p, age)) return 'under_uddannelse';
    if (p.fp) return 'uden_for';
    const prev = p.status;
    let s: LabourStatus | null = null;
    if (prev === 'beskaeftiget' && r.chance(0.82)) s = prev;
    else if (prev === 'uden_for' && r.chance(0.8)) s = prev;
    else if (prev === 'ledig' && r.chance(0.4)) s = prev;
    if (s === null) {
      if (r.chance(this.employProbability(p, age))) s = 'beskaeftiget';
      else s = r.chance(age < 30 ? 0.5 : age < 55 ? 0.42 : 0.3) ? 'ledig' : 'uden_for';
    }
    if (s === 'uden_for' && age >= 30 && r.chance(0.012 * Math.exp(0.35 * p.u) * (age >= 50 ? 1.7 : 1))) p.fp = true;
    return s;
  }

  /**
   * Flip labour-market states in a group until `count(isTarget)` equals `want`. People with
   * higher risk lose jobs first, and those with lower risk regain them first.
   */
  private flip(
    group: Person[],
    isTarget: (p: Person) => boolean,
    want: number,
    targetIsJob: boolean,
    toTarget: () => LabourStatus,
    fromTarget: () => LabourStatus,
    canFlip: (p: Person) => boolean,
  ): void {
    const have = group.filter(isTarget).length;
    if (have === want) return;
    const moveIn = have < want;
    const toJob = moveIn === targetIsJob;
    const cands = group.filter((p) => canFlip(p) && isTarget(p) !== moveIn);
    const weights = cands.map((p) => Math.exp((toJob ? -0.6 : 0.6) * p.u));
    const chosen = this.rng.weightedSample(cands, weights, Math.abs(want - have));
    for (const p of chosen) p.cur = moveIn ? toTarget() : fromTarget();
  }

  private calibrate(byDistrict: Person[][]): void {
    const r = this.rng;
    const t = this.year;
    const labourMarket = (p: Person) => !p.fp && (p.cur === 'beskaeftiget' || p.cur === 'ledig' || p.cur === 'uden_for');
    const jobless = (): LabourStatus => (r.chance(0.55) ? 'ledig' : 'uden_for');
    // Worsening districts: employment 16–64 flat to 2019, then falling steadily.
    if (t >= FIRST_PERIOD) {
      for (const i of this.plan.worsening) {
        const group = byDistrict[i]!.filter((p) => p.age >= 16 && p.age <= 64);
        const employed = (p: Person) => p.cur === 'beskaeftiget';
        if (!this.worseningBase.has(i)) this.worseningBase.set(i, group.filter(employed).length / group.length);
        const base = this.worseningBase.get(i)!;
        const rate = base - (t >= 2020 ? WORSENING_STEP * (t - 2019) : 0) + r.uniform(-0.004, 0.004);
        this.flip(group, employed, Math.round(rate * group.length), true, () => 'beskaeftiget', jobless, labourMarket);
      }
    }
    // Estates: the outside-labour-and-education share of 18–64 held at its planted level.
    this.plan.estates.forEach((est) => {
      if (est.kind === 'ordinary') return;
      for (const i of est.districts) {
        const group = byDistrict[i]!.filter((p) => p.age >= 18 && p.age <= 64);
        const outside = (p: Person) => p.cur === 'ledig' || p.cur === 'uden_for';
        const share =
          est.kind === 'vulnerable'
            ? 0.49 + r.uniform(-0.01, 0.01)
            : // The watch estate creeps up towards the 40 % threshold without crossing it.
              0.33 + 0.0055 * Math.max(0, t - FIRST_PERIOD) + r.uniform(-0.004, 0.004);
        this.flip(group, outside, Math.round(share * group.length), false, jobless, () => 'beskaeftiget', labourMarket);
      }
    });
  }

  private benefitFor(p: Person, age: number): Benefit {
    const r = this.rng;
    switch (p.cur) {
      case 'barn':
        return 'ingen';
      case 'pensionist':
        return 'folkepension';
      case 'under_uddannelse':
        return age >= 18 && r.chance(0.9) ? 'su' : 'ingen';
      case 'beskaeftiget':
        return r.chance(0.03) ? 'sygedagpenge' : 'ingen';
      case 'ledig':
        return p.insured ? 'dagpenge' : p.outsideKind < 0.9 ? 'kontanthjaelp' : 'ingen';
      case 'uden_for':
        if (p.fp) return 'foertidspension';
        return p.outsideKind < 0.12 ? 'sygedagpenge' : p.outsideKind < 0.75 ? 'kontanthjaelp' : 'ingen';
    }
  }

  private wageOf(p: Person, age: number): number {
    const ageF = age < 20 ? 0.35 : age < 25 ? 0.65 : age < 30 ? 0.85 : age < 35 ? 0.95 : age < 60 ? 1.05 : 0.95;
    const edu = p.edu < 0 ? G : p.edu;
    const wy = 1.025 ** (this.year - 2015);
    return EDU_WAGE[edu]! * ageF * Math.exp(0.28 * p.wage - 0.08 * p.u + 0.06 * this.rng.normal()) * this.d[p.hh.district]!.wageMult * wy;
  }

  private cashBenefit(age: number, hasKids: boolean): number {
    return (age < 30 ? 95_000 : hasKids ? 190_000 : 145_000) * 1.02 ** (this.year - 2015);
  }

  private incomeFor(p: Person, age: number, benefit: Benefit, hasKids: boolean): number {
    const r = this.rng;
    const t = this.year;
    const wy = 1.025 ** (t - 2015);
    const by = 1.02 ** (t - 2015);
    let x = 0;
    switch (p.cur) {
      case 'barn':
        x = age >= 13 && r.chance(0.3) ? r.uniform(3_000, 20_000) : 0;
        break;
      case 'under_uddannelse':
        x = (benefit === 'su' ? 75_000 * by : 0) + (r.chance(0.7) ? r.uniform(10_000, age < 18 ? 40_000 : 90_000) * wy : 0);
        break;
      case 'beskaeftiget':
        x = this.wageOf(p, age) * (benefit === 'sygedagpenge' ? 0.85 : 1);
        break;
      case 'ledig':
        x =
          benefit === 'dagpenge'
            ? 215_000 * by * r.uniform(0.7, 1)
            : benefit === 'kontanthjaelp'
              ? this.cashBenefit(age, hasKids)
              : r.uniform(10_000, 60_000);
        x += r.chance(0.5) ? this.wageOf(p, age) * r.uniform(0.05, 0.3) : 0;
        break;
      case 'uden_for':
        x =
          benefit === 'foertidspension'
            ? 225_000 * by
            : benefit === 'sygedagpenge'
              ? 195_000 * by
              : benefit === 'kontanthjaelp'
                ? this.cashBenefit(age, hasKids)
                : age >= 60
                  ? r.uniform(120_000, 240_000) * by // early retirement on own savings
                  : r.uniform(0, 50_000);
        break;
      case 'pensionist': {
        const edu = p.edu < 0 ? G : p.edu;
        x = 175_000 * by + EDU_WAGE[edu]! * 0.22 * Math.exp(0.3 * p.wage) * r.uniform(0.2, 1) * wy;
        break;
      }
    }
    // A change of state mid-year mixes last year's and this year's income.
    if (p.status !== null && p.status !== p.cur && p.status !== 'barn' && p.cur !== 'pensionist') x = 0.55 * x + 0.45 * p.income * 1.025;
    return Math.max(0, Math.round(x / 100) * 100);
  }

  private householdType(hh: Household): HouseholdType {
    let adults = 0;
    let kids = 0;
    for (const p of hh.members) {
      if (p.adult) adults++;
      else kids++;
    }
    if (adults >= 2) return kids > 0 ? 'par_med_born' : 'par_uden_born';
    return kids > 0 ? 'enlig_forsorger' : 'enlig';
  }

  private notificationProbability(p: Person, hhType: HouseholdType): number {
    const a = p.age;
    const ageF = a <= 2 ? 0.9 : a <= 5 ? 0.65 : a <= 12 ? 0.85 : 1.35;
    const single = hhType === 'enlig_forsorger' ? 1.6 : 1;
    return Math.min(0.6, 0.021 * Math.exp(0.6 * p.hh.u) * ageF * single * (p.notified ? 2.6 : 1));
  }

  private annual(): void {
    const r = this.rng;
    const t = this.year;
    const nd = this.d.length;
    const byDistrict: Person[][] = Array.from({ length: nd }, () => []);
    const planted = this.d.map((_, i) => this.plan.worsening.includes(i) || this.plan.estates.some((e) => e.kind !== 'ordinary' && e.districts.includes(i)));
    for (const hh of this.households) {
      for (const p of hh.members) {
        p.age = t - p.birthYear;
        p.edu = this.educationAt(p, p.age);
        p.cur = this.labourStatus(p, p.age);
        if (planted[hh.district]) byDistrict[hh.district]!.push(p);
      }
    }
    this.calibrate(byDistrict);
    if (t < FIRST_PERIOD - 1) {
      // Early burn-in years only need the persistent states; the year before the first
      // period runs in full so that 2015 sees realistic "last year" incomes and events.
      for (const hh of this.households) for (const p of hh.members) p.status = p.cur;
      return;
    }

    // Child-welfare notifications: ordinary children by chance; the cluster (and the decoys
    // in the last period) with planted counts.
    for (const hh of this.households) hh.type = this.householdType(hh);
    let nOther = 0;
    let xOther = 0;
    const clusterKids: Person[][] = this.plan.cluster.map(() => []);
    const decoyKids: Person[][] = this.plan.decoys.map(() => []);
    const deferDecoys = t === LAST_PERIOD;
    for (const hh of this.households) {
      for (const p of hh.members) {
        p.notifiedNow = false;
        if (p.age > 17) continue;
        const ci = this.isCluster[hh.district] ? this.plan.cluster.indexOf(hh.district) : -1;
        const di = deferDecoys && this.isDecoy[hh.district] ? this.plan.decoys.indexOf(hh.district) : -1;
        if (ci >= 0) clusterKids[ci]!.push(p);
        else if (di >= 0) decoyKids[di]!.push(p);
        else {
          nOther++;
          if (r.chance(this.notificationProbability(p, hh.type))) {
            p.notifiedNow = true;
            xOther++;
          }
        }
      }
    }
    const ratio = CLUSTER_RATIO + r.uniform(-0.06, 0.06);
    this.clusterTargetRatio[t] = ratio;
    const nCluster = clusterKids.reduce((s, k) => s + k.length, 0);
    const nDecoy = decoyKids.map((k) => k.length);
    const kDecoy = nDecoy.map(() => 0);
    const clusterCount = () => {
      const nOut = nOther + nDecoy.reduce((a, b) => a + b, 0);
      const xOut = xOther + kDecoy.reduce((a, b) => a + b, 0);
      // Solve x/nC = ratio · (xOut + x)/(nOut + nC) for x.
      return Math.round((ratio * nCluster * xOut) / (nOut + nCluster - ratio * nCluster));
    };
    let xCluster = clusterCount();
    if (deferDecoys) {
      for (let guard = 0; guard < 100; guard++) {
        const nAll = nOther + nCluster + nDecoy.reduce((a, b) => a + b, 0);
        const rate = (xOther + xCluster + kDecoy.reduce((a, b) => a + b, 0)) / nAll;
        let changed = false;
        nDecoy.forEach((n, j) => {
          // At least 2.6 × the municipality rate, so the decoy clears 2.5 × with margin.
          const need = Math.min(n, Math.ceil(2.6 * rate * n - 1e-9));
          if (kDecoy[j]! < need) {
            kDecoy[j] = need;
            changed = true;
          }
        });
        xCluster = clusterCount();
        if (!changed) break;
      }
      decoyKids.forEach((kids, j) => {
        for (const p of r.weightedSample(kids, kids.map(() => 1), kDecoy[j]!)) p.notifiedNow = true;
      });
    }
    // Spread the cluster's count over its districts in proportion to their children.
    const quotas = clusterKids.map((k) => (nCluster > 0 ? (xCluster * k.length) / nCluster : 0));
    const alloc = quotas.map((q) => Math.floor(q));
    let rest = xCluster - alloc.reduce((a, b) => a + b, 0);
    const byRemainder = quotas.map((q, j) => ({ j, f: q - Math.floor(q) })).sort((a, b) => b.f - a.f || a.j - b.j);
    for (const { j } of byRemainder) {
      if (rest <= 0) break;
      alloc[j] = alloc[j]! + 1;
      rest--;
    }
    clusterKids.forEach((kids, j) => {
      const w = kids.map((p) => this.notificationProbability(p, p.hh.type));
      for (const p of r.weightedSample(kids, w, Math.min(kids.length, alloc[j]!))) p.notifiedNow = true;
    });

    // Everything else, and the rows.
    const out = this.persons;
    const emit = this.emitted();
    for (const hh of this.households) {
      const dp = this.d[hh.district]!;
      const hhType = hh.type;
      const hasKids = hhType === 'par_med_born' || hhType === 'enlig_forsorger';
      for (const p of hh.members) {
        const age = p.age;
        const benefit = this.benefitFor(p, age);
        const income = this.incomeFor(p, age, benefit, hasKids);
        let absence: number | null = null;
        let absenceK = -1;
        if (age >= 6 && age <= 16) {
          const a = 0.04 * Math.exp(0.32 * hh.u + 0.5 * p.absence + 0.3 * r.normal()) * (age >= 14 ? 1.3 : 1);
          absenceK = Math.min(950, Math.round(a * 1000));
          absence = absenceK / 1000;
        }
        let measure = false;
        if (age <= 17) {
          if (p.notifiedNow) {
            const n = 1 + r.poisson(0.6);
            for (let k = 0; k < n; k++) this.event(p, hh.district, 'underretning');
          }
          measure = p.notifiedNow ? r.chance(0.22) : p.measure ? r.chance(0.7) : r.chance(0.002 * Math.exp(0.5 * hh.u));
          if (measure) this.event(p, hh.district, 'foranstaltning');
        }
        let convicted = false;
        if (age >= 15) {
          const male = p.sex === 'M';
          const base =
            age < 18 ? 0.02 : age < 25 ? 0.03 : age < 30 ? 0.022 : age < 40 ? 0.014 : age < 50 ? 0.009 : age < 60 ? 0.005 : 0.0015;
          const pc = Math.min(
            0.5,
            1.42 * base * (male ? 1 : 0.2) * Math.exp(0.45 * p.u + 0.7 * p.crime - 0.25) * dp.crimeMult * (p.convicted ? 2 : 1),
          );
          if (r.chance(pc)) {
            convicted = true;
            const n = 1 + r.poisson(0.3);
            for (let k = 0; k < n; k++) {
              const x = r.next();
              this.event(p, hh.district, 'dom', x < 0.66 ? 'straffeloven' : x < 0.9 ? 'euf' : 'vaabenloven');
            }
          }
        }
        if (emit) {
          out.period.push(t);
          out.person.push(p.serial);
          out.district.push(hh.district);
          out.age.push(age);
          out.sex.push(p.sex === 'M' ? 0 : 1);
          out.household.push(HOUSEHOLD_CODE[hhType]);
          out.origin.push(ORIGIN_CODE[p.origin]);
          out.education.push(p.edu < 0 ? 0 : 1 + p.edu);
          out.labour.push(LABOUR_CODE[p.cur]);
          out.income.push(income);
          out.benefit.push(BENEFIT_CODE[benefit]);
          out.absence.push(absence === null ? -1 : absenceK);
        }
        p.status = p.cur;
        p.income = income;
        p.notified = p.notifiedNow;
        p.measure = measure;
        p.convicted = convicted;
      }
    }
  }
}
