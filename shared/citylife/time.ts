/**
 * Time in Europe/Copenhagen for city-life registrations.
 *
 * Registrations are stored as instants (epoch milliseconds, UTC) but read by people in local
 * Danish time: hour-of-day and weekday buckets, day boundaries and the timestamps written in
 * files without an offset all follow the wall clock in Copenhagen, with its summer time.
 *
 * The offset comes from Intl.DateTimeFormat (the IANA time-zone database, in Node and in
 * browsers alike), cached per UTC day: two look-ups settle a day whose offset does not
 * change, and the few transition days are cached hour by hour. Offsets only change on whole
 * UTC hours, so the hourly cache is exact.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const TIME_ZONE = 'Europe/Copenhagen';

/** Registrations are taken from 1 January 1900 up to (not including) 1 January 2200, UTC. */
export const FIRST_SANE_YEAR = 1900;
export const LAST_SANE_YEAR = 2199;
const SANE_FROM_MS = Date.UTC(FIRST_SANE_YEAR, 0, 1);
const SANE_UNTIL_MS = Date.UTC(LAST_SANE_YEAR + 1, 0, 1);

/**
 * Whether an instant (epoch ms) is a time a registration can have: a finite number in the
 * years 1900–2199. Importers refuse others (bad-timestamp) rather than carry a time that the
 * calendar functions below cannot place (Date's range ends at ±8.64e15 ms).
 */
export function isSaneInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= SANE_FROM_MS && ms < SANE_UNTIL_MS;
}

/** Date's range, less two days of margin for the offset look-ups around an instant. */
const REPRESENTABLE_MS = 8.64e15 - 2 * 86_400_000;

/** Whether Date (and so Intl) can place an instant and the days around it. */
function representable(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= REPRESENTABLE_MS;
}

/** What the formatting functions write for an instant they cannot place (the same in Danish and English). */
export const UNPLACEABLE_DATE = '????-??-??';
export const UNPLACEABLE_CLOCK = '??:??';

let formatter: Intl.DateTimeFormat | null = null;

function wallClockFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

/** Offset (minutes east of UTC) at an instant on a whole UTC hour, straight from Intl. */
function intlOffsetMinutes(ms: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of wallClockFormatter().formatToParts(new Date(ms))) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  const offset = Math.round((date.getTime() - ms) / MINUTE_MS);
  // Years before the Common Era come back without their era, and so a nonsense offset: any
  // offset Copenhagen ever had is within a day (local mean time was +00:50). Standard time then.
  return Number.isFinite(offset) && Math.abs(offset) <= 24 * 60 ? offset : 60;
}

/** Per UTC day: one offset for the whole day, or 24 hourly offsets on a transition day. */
const dayCache = new Map<number, number | Int16Array>();
const DAY_CACHE_LIMIT = 50_000;

/**
 * The UTC offset of Europe/Copenhagen in minutes (60 in winter, 120 in summer) at an instant.
 * Total: for an instant Date cannot place (NaN, ±Infinity, beyond ±8.64e15 ms) it is standard
 * time, 60, rather than a RangeError from Intl.
 */
export function copenhagenOffsetMinutes(ms: number): number {
  if (!representable(ms)) return 60;
  const utcDay = Math.floor(ms / DAY_MS);
  let entry = dayCache.get(utcDay);
  if (entry === undefined) {
    const dayStart = utcDay * DAY_MS;
    const first = intlOffsetMinutes(dayStart);
    const last = intlOffsetMinutes(dayStart + 23 * HOUR_MS);
    if (first === last) entry = first;
    else {
      const hours = new Int16Array(24);
      hours[0] = first;
      hours[23] = last;
      for (let h = 1; h < 23; h++) hours[h] = intlOffsetMinutes(dayStart + h * HOUR_MS);
      entry = hours;
    }
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    dayCache.set(utcDay, entry);
  }
  if (typeof entry === 'number') return entry;
  const hour = Math.floor((ms - utcDay * DAY_MS) / HOUR_MS);
  return entry[hour]!;
}

/** Local wall-clock time as if it were UTC: epoch ms shifted by the Copenhagen offset. */
export function toWallClock(ms: number): number {
  return ms + copenhagenOffsetMinutes(ms) * MINUTE_MS;
}

/** Weekday of a local day number (days since 1970-01-01 on the local calendar): 0 = Monday … 6 = Sunday. */
export function weekdayOfDay(dayNumber: number): number {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The local calendar day (days since 1970-01-01) an instant falls on. */
export function localDayNumber(ms: number): number {
  return Math.floor(toWallClock(ms) / DAY_MS);
}

/** Local hour of day 0–23. */
export function localHour(ms: number): number {
  const wall = toWallClock(ms);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** Local weekday, 0 = Monday … 6 = Sunday. */
export function localWeekday(ms: number): number {
  return weekdayOfDay(localDayNumber(ms));
}

export interface LocalParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Days since 1970-01-01 on the local calendar. */
  dayNumber: number;
}

/** Every local calendar part of an instant in Copenhagen. */
export function localParts(ms: number): LocalParts {
  const wall = toWallClock(ms);
  const d = new Date(wall);
  const dayNumber = Math.floor(wall / DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: weekdayOfDay(dayNumber),
    dayNumber,
  };
}

export type LocalTimeStatus = 'exact' | 'ambiguous' | 'nonexistent';

export interface LocalResolution {
  /** The instant; for an ambiguous time the one chosen by `prefer`; null for a time that does not exist. */
  ms: number | null;
  status: LocalTimeStatus;
  /** For an ambiguous time, both readings: [summer time, standard time]. */
  both?: [number, number];
}

/**
 * The instant of a local wall-clock time in Copenhagen. In the autumn the hour 02:00–03:00
 * happens twice ("ambiguous"): `prefer` picks the first (summer time, default) or the
 * second. In the spring the hour 02:00–03:00 is skipped ("nonexistent"): ms is null.
 */
export function fromWallClock(wall: number, prefer: 'earlier' | 'later' = 'earlier'): LocalResolution {
  const offsetA = copenhagenOffsetMinutes(wall - DAY_MS);
  const offsetB = copenhagenOffsetMinutes(wall + DAY_MS);
  const candidates: number[] = [];
  for (const offset of offsetA === offsetB ? [offsetA] : [offsetA, offsetB]) {
    const t = wall - offset * MINUTE_MS;
    if (copenhagenOffsetMinutes(t) === offset && !candidates.includes(t)) candidates.push(t);
  }
  if (candidates.length === 0) {
    // A rare third offset (historic changes): search the offset in force at the instant itself.
    const offset = copenhagenOffsetMinutes(wall);
    const t = wall - offset * MINUTE_MS;
    if (copenhagenOffsetMinutes(t) === offset) return { ms: t, status: 'exact' };
    return { ms: null, status: 'nonexistent' };
  }
  if (candidates.length === 1) return { ms: candidates[0]!, status: 'exact' };
  candidates.sort((a, b) => a - b);
  const both: [number, number] = [candidates[0]!, candidates[1]!];
  return { ms: prefer === 'earlier' ? both[0] : both[1], status: 'ambiguous', both };
}

/** The instant of local midnight starting a local day number (never ambiguous in Denmark). */
export function startOfLocalDay(dayNumber: number): number {
  const r = fromWallClock(dayNumber * DAY_MS);
  // Midnight always exists in Copenhagen (transitions happen at 02:00 / 03:00).
  return r.ms ?? dayNumber * DAY_MS - copenhagenOffsetMinutes(dayNumber * DAY_MS) * MINUTE_MS;
}

/** Local day number of a calendar date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

// ---------------------------------------------------------------------------------------
// Parsing timestamps as written in files.

export type ParsedTime =
  /** An instant: text with an offset or 'Z', or a Unix time. */
  | { kind: 'instant'; ms: number; dateOnly: false }
  /** Local wall-clock time (no offset), as epoch ms of the same wall clock in UTC. */
  | { kind: 'local'; wall: number; dateOnly: boolean };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const DANISH = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T]+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?$/;

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

function wallOf(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined): number | null {
  if (!validParts(y, mo, d, h, mi, s)) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/**
 * Reads a timestamp as files write it: ISO 8601 (`2024-05-01T08:00`, `2024-05-01 08:00:00`,
 * with or without `Z` or an offset such as `+02:00`), Danish day-first dates
 * (`01-05-2024 08:00`, `1.5.2024 kl. 8.00`), compact `20240501T0800`, or Unix time (10
 * digits: seconds, 13 digits: milliseconds). Null when the text is none of these or names a
 * date that does not exist (31 April).
 */
export function parseTimestampText(raw: string): ParsedTime | null {
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d{10}$/.test(text)) return { kind: 'instant', ms: Number(text) * 1000, dateOnly: false };
  if (/^\d{13}$/.test(text)) return { kind: 'instant', ms: Number(text), dateOnly: false };
  let m = ISO.exec(text);
  if (m) {
    const dateOnly = m[4] === undefined;
    const wall = wallOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7]);
    if (wall === null) return null;
    const zone = m[8];
    if (zone === undefined) return { kind: 'local', wall, dateOnly };
    if (zone === 'Z' || zone === 'z' || zone === 'UTC') return { kind: 'instant', ms: wall, dateOnly: false };
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 14 || minutes > 59) return null;
    return { kind: 'instant', ms: wall - sign * (hours * 60 + minutes) * MINUTE_MS, dateOnly: false };
  }
  m = DANISH.exec(text);
  if (m) {
    const dateOnly = m[4] === undefined;
    const wall = wallOf(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), undefined);
    return wall === null ? null : { kind: 'local', wall, dateOnly };
  }
  m = COMPACT.exec(text);
  if (m) {
    const dateOnly = m[4] === undefined;
    const wall = wallOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), undefined);
    return wall === null ? null : { kind: 'local', wall, dateOnly };
  }
  return null;
}

export type ResolvedTime =
  | { ok: true; ms: number; dateOnly: boolean; ambiguous: boolean; both?: [number, number] }
  | { ok: false; reason: 'unparsable' | 'nonexistent' };

/** Parses and resolves a timestamp to an instant, reading text without an offset as Copenhagen time. */
export function resolveTimestamp(raw: string, prefer: 'earlier' | 'later' = 'earlier'): ResolvedTime {
  const parsed = parseTimestampText(raw);
  if (!parsed) return { ok: false, reason: 'unparsable' };
  if (parsed.kind === 'instant') return { ok: true, ms: parsed.ms, dateOnly: false, ambiguous: false };
  const r = fromWallClock(parsed.wall, prefer);
  if (r.ms === null) return { ok: false, reason: 'nonexistent' };
  return r.status === 'ambiguous'
    ? { ok: true, ms: r.ms, dateOnly: parsed.dateOnly, ambiguous: true, both: r.both! }
    : { ok: true, ms: r.ms, dateOnly: parsed.dateOnly, ambiguous: false };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2024-05-01" on the local calendar ("????-??-??" for an instant Date cannot place). */
export function formatLocalDate(ms: number): string {
  if (!representable(ms)) return UNPLACEABLE_DATE;
  const p = localParts(ms);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** "08:00" local time ("??:??" for an instant Date cannot place). */
export function formatLocalClock(ms: number): string {
  if (!representable(ms)) return UNPLACEABLE_CLOCK;
  const p = localParts(ms);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "2024-05-01 08:00" local time (the same in Danish and English messages). */
export function formatLocal(ms: number): string {
  return `${formatLocalDate(ms)} ${formatLocalClock(ms)}`;
}

/** "2024-05-01" for a local day number ("????-??-??" for one Date cannot place). */
export function formatDayNumber(dayNumber: number): string {
  if (!representable(dayNumber * DAY_MS)) return UNPLACEABLE_DATE;
  const d = new Date(dayNumber * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Two instants for a message: both clocks when on the same local day, else both in full. */
export function formatPair(a: number, b: number): [string, string] {
  return representable(a) && representable(b) && localDayNumber(a) === localDayNumber(b) ? [formatLocalClock(a), formatLocalClock(b)] : [formatLocal(a), formatLocal(b)];
}

/** ISO 8601 in local Danish time with its offset: "2024-05-01T08:00:00+02:00" ("????-??-??T??:??" for an instant Date cannot place). */
export function formatIsoLocal(ms: number): string {
  if (!representable(ms)) return `${UNPLACEABLE_DATE}T${UNPLACEABLE_CLOCK}`;
  const offset = copenhagenOffsetMinutes(ms);
  const d = new Date(ms + offset * MINUTE_MS);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}
