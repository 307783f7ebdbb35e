/**
 * The table model of disclosure control: cells with integer counts, and the linear
 * relations an export publishes between them (areas summing to their bydel and to the
 * municipality, subgroups summing to totals, periods summing to a total period).
 *
 * Everything the attacker can use is stated here: the published cells, every relation
 * (`Σ parts = total`), that counts are non-negative and, for shares, that a numerator
 * never exceeds its denominator. See docs/disclosure.md.
 */
import type { LpSolver } from './lp';

/** One cell of an export: a count, or the numerator of a share. */
export interface TableCell {
  /** Unique within the table, e.g. `indicator=ledige|period=2024|area=101`. */
  readonly id: string;
  /** Non-negative integer: the count, or for a share its numerator. */
  readonly value: number;
  /**
   * The cell is published as a share `value / denominator`. The denominator is an integer
   * ≥ value that the attacker is assumed to know (a population published elsewhere), unless
   * `DisclosureOptions.denominatorsKnown` is false.
   */
  readonly denominator?: number;
  /**
   * …or the id of the cell of this table that holds the denominator (then the denominator is
   * protected as a cell of its own, and the share is published only when both are).
   */
  readonly denominatorCell?: string;
  /** Coordinates for display and reports, e.g. `{ indicator: 'ledige', period: '2024', area: '101' }`. */
  readonly dims?: Readonly<Record<string, string>>;
  /** Cost of suppressing this cell as a complement; overrides `DisclosureOptions.cost`. Must be > 0. */
  readonly cost?: number;
  /** The analyst suppresses this cell whatever its value (primary, reason `forced`). */
  readonly forceSuppress?: boolean;
  /**
   * The cell is known from elsewhere or must be published (e.g. the municipality's population):
   * it is never chosen as a complement. If a primary rule hits it, protectTable throws.
   */
  readonly alwaysPublished?: boolean;
}

/** A published linear relation: the sum of `parts` equals `total`. */
export interface LinearRelation {
  readonly total: string;
  readonly parts: readonly string[];
  /** Free text for reports, e.g. `bydel Nord = Σ basisdistrikter`. */
  readonly label?: string;
}

/** What an export would publish before disclosure control: all cells and all relations. */
export interface PublishedTable {
  readonly cells: readonly TableCell[];
  readonly relations: readonly LinearRelation[];
}

export type CellStatus = 'published' | 'primary' | 'secondary';

/**
 * Why a cell is suppressed.
 * - `small-count`: 1 ≤ value < minimum cell size;
 * - `zero`: value 0 (or, for a share, numerator = denominator) while zeros are not safe;
 * - `small-denominator`: share with 1 ≤ denominator < minimum;
 * - `small-complement`: share with 1 ≤ denominator − numerator < minimum;
 * - `forced`: the analyst asked for it;
 * - `complementary`: secondary suppression, so that the primary cells cannot be recovered.
 */
export type SuppressionReason =
  | 'small-count'
  | 'zero'
  | 'small-denominator'
  | 'small-complement'
  | 'forced'
  | 'complementary';

/** A cell and its status. `auditTable` accepts any table of these. */
export interface StatusCell extends TableCell {
  readonly status: CellStatus;
}

export interface AuditableTable {
  readonly cells: readonly StatusCell[];
  readonly relations: readonly LinearRelation[];
}

export interface ProtectedCell extends StatusCell {
  /** Empty when published; the primary rules that hit, or `complementary`. */
  readonly reasons: readonly SuppressionReason[];
  /** What to print: null when suppressed, rounded when rounding is on, else the value. */
  readonly display: number | null;
  /** The denominator to print beside a share (rounded when rounding is on); null when suppressed. */
  readonly displayDenominator?: number | null;
  /** The share to print (display ÷ displayDenominator); null when suppressed or the denominator is 0. */
  readonly displayShare?: number | null;
}

export type CostFunction = 'value' | 'unity' | 'log';

export interface RoundingOptions {
  /** Round published counts to the nearest multiple of this base (e.g. 3 or 5), halves upwards. */
  readonly base: number;
}

export interface DisclosureOptions {
  /** Smallest count that may be published (default 5). Counts 1 … minCellSize − 1 are suppressed. */
  readonly minCellSize?: number;
  /** Smallest width max − min of a suppressed cell's feasible interval (default: minCellSize). */
  readonly protectionLevel?: number;
  /**
   * Whether a 0 may be published (default true: statistical offices publish zeros). When false,
   * a zero count, a zero numerator and a share of 100 % (zero complement) are suppressed too —
   * for attributes where "nobody" or "everybody" in an area is itself sensitive.
   */
  readonly zeroIsSafe?: boolean;
  /**
   * Cost of a complement, per unit it has to move: `value` (default; prefers small cells, never
   * a total if avoidable), `unity` (fewest cells), `log` (1 + ln(1 + value), in between).
   */
  readonly cost?: CostFunction;
  /** Whether the attacker knows the denominators of shares (default true; the safe assumption). */
  readonly denominatorsKnown?: boolean;
  /**
   * The attacker of the audit: `lp` (default; the linear relaxation tau-ARGUS audits with) or
   * `integer` (an integer program per bound: exact for tables whose relations are not totally
   * unimodular, such as three-way tables; much slower).
   */
  readonly attacker?: 'lp' | 'integer';
  /** Protection demanded of secondary cells too (default true, as the design brief asks). */
  readonly protectSecondary?: boolean;
  /** Optional rounding of published counts. The audit is on exact values (conservative). */
  readonly rounding?: RoundingOptions | null;
  /** The LP solver; default: HiGHS (`loadHighsSolver()`), loaded once per runtime. */
  readonly solver?: LpSolver | Promise<LpSolver>;
  /** Rounds of protect → audit → protect again before giving up (default 5). */
  readonly maxRounds?: number;
}

/** The options after defaults, as recorded in reports and in the export's audit-log entry. */
export interface ResolvedSettings {
  readonly minCellSize: number;
  readonly protectionLevel: number;
  readonly zeroIsSafe: boolean;
  readonly cost: CostFunction;
  readonly denominatorsKnown: boolean;
  readonly attacker: 'lp' | 'integer';
  readonly protectSecondary: boolean;
  readonly rounding: RoundingOptions | null;
  readonly solver: string;
}

/** The attacker's interval of one suppressed cell. */
export interface CellAudit {
  readonly id: string;
  readonly status: 'primary' | 'secondary';
  readonly value: number;
  /** Smallest value consistent with everything published (rounded up to an integer). */
  readonly min: number;
  /** Largest value consistent with everything published (rounded down; Infinity when unbounded). */
  readonly max: number;
  readonly width: number;
  /**
   * The width demanded: the protection level, capped at the a-priori range of the cell (a share
   * whose known denominator d is below the protection level is safe when the interval is [0, d]);
   * 0 for secondary cells when `protectSecondary` is false.
   */
  readonly required: number;
  readonly safe: boolean;
}

/** A published cell that a primary rule forbids. */
export interface PublishedViolation {
  readonly id: string;
  readonly value: number;
  readonly reasons: readonly SuppressionReason[];
}

export interface AuditReport {
  /** True when every suppressed cell is protected and no published cell breaks a primary rule. */
  readonly ok: boolean;
  /** One entry per suppressed cell, in table order. */
  readonly cells: readonly CellAudit[];
  readonly publishedViolations: readonly PublishedViolation[];
  /** Number of LPs (or integer programs) solved. */
  readonly solves: number;
  readonly settings: ResolvedSettings;
}

export interface ProtectedTable {
  readonly cells: readonly ProtectedCell[];
  readonly relations: readonly LinearRelation[];
  readonly summary: {
    readonly cells: number;
    readonly published: number;
    readonly primary: number;
    readonly secondary: number;
  };
  /** The attacker check of the result; export only when `audit.ok`. */
  readonly audit: AuditReport;
  readonly settings: ResolvedSettings;
}

/** Bad input (the message names the cell or relation) or a table that cannot be protected. */
export class DisclosureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisclosureError';
  }
}
