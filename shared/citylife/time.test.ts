import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  copenhagenOffsetMinutes,
  formatIsoLocal,
  formatLocal,
  formatPair,
  fromWallClock,
  localDayNumber,
  localHour,
  localParts,
  localWeekday,
  parseTimestampText,
  resolveTimestamp,
  startOfLocalDay,
  dayNumberOf,
  formatDayNumber,
  formatLocalDate,
  formatLocalClock,
  isSaneInstant,
  UNPLACEABLE_CLOCK,
  UNPLACEABLE_DATE,
} from './time';

/** The EU rule in force since 1996: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. */
function euRuleOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return ms >= lastSunday(2) && ms < lastSunday(9) ? 120 : 60;
}

describe('Copenhagen time', () => {
  it('agrees with the EU summer-time rule for every hour of 2020–2027', () => {
    const from = Date.UTC(2020, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    let mismatches = 0;
    for (let t = from; t < to; t += HOUR_MS) if (copenhagenOffsetMinutes(t) !== euRuleOffset(t)) mismatches++;
    // Also at minutes inside an hour.
    for (let t = from + 17 * 60_000; t < to; t += 97 * HOUR_MS) if (copenhagenOffsetMinutes(t) !== euRuleOffset(t)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('switches exactly at 01:00 UTC on the transition days', () => {
    expect(copenhagenOffsetMinutes(Date.UTC(2024, 2, 31, 0, 59, 59, 999))).toBe(60);
    expect(copenhagenOffsetMinutes(Date.UTC(2024, 2, 31, 1))).toBe(120);
    expect(copenhagenOffsetMinutes(Date.UTC(2024, 9, 27, 0, 59))).toBe(120);
    expect(copenhagenOffsetMinutes(Date.UTC(2024, 9, 27, 1))).toBe(60);
  });

  it('gives local hour, weekday and day', () => {
    // 2024-05-01 is a Wednesday; 06:30 UTC is 08:30 in summer time.
    const t = Date.UTC(2024, 4, 1, 6, 30);
    expect(localHour(t)).toBe(8);
    expect(localWeekday(t)).toBe(2);
    const p = localParts(t);
    expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual([2024, 5, 1, 8, 30]);
    // 23:30 UTC on 30 April is already 1 May locally.
    expect(localDayNumber(Date.UTC(2024, 3, 30, 23, 30))).toBe(dayNumberOf(2024, 5, 1));
    // 1970-01-05 was a Monday.
    expect(localWeekday(Date.UTC(1970, 0, 5, 12))).toBe(0);
  });

  it('resolves local wall-clock times, with the autumn hour ambiguous and the spring hour nonexistent', () => {
    expect(fromWallClock(Date.UTC(2024, 0, 15, 8))).toEqual({ ms: Date.UTC(2024, 0, 15, 7), status: 'exact' });
    expect(fromWallClock(Date.UTC(2024, 6, 15, 8))).toEqual({ ms: Date.UTC(2024, 6, 15, 6), status: 'exact' });
    const spring = fromWallClock(Date.UTC(2024, 2, 31, 2, 30));
    expect(spring).toEqual({ ms: null, status: 'nonexistent' });
    const autumn = fromWallClock(Date.UTC(2024, 9, 27, 2, 30));
    expect(autumn.status).toBe('ambiguous');
    expect(autumn.both).toEqual([Date.UTC(2024, 9, 27, 0, 30), Date.UTC(2024, 9, 27, 1, 30)]);
    expect(fromWallClock(Date.UTC(2024, 9, 27, 2, 30), 'later').ms).toBe(Date.UTC(2024, 9, 27, 1, 30));
    // 03:00 on the spring day exists.
    expect(fromWallClock(Date.UTC(2024, 2, 31, 3)).ms).toBe(Date.UTC(2024, 2, 31, 1));
  });

  it('knows day lengths of 23 and 25 hours', () => {
    const spring = dayNumberOf(2024, 3, 31);
    const autumn = dayNumberOf(2024, 10, 27);
    expect((startOfLocalDay(spring + 1) - startOfLocalDay(spring)) / HOUR_MS).toBe(23);
    expect((startOfLocalDay(autumn + 1) - startOfLocalDay(autumn)) / HOUR_MS).toBe(25);
  });

  it('parses the timestamp forms files use', () => {
    const summer8 = Date.UTC(2024, 4, 1, 6);
    for (const text of ['2024-05-01T08:00', '2024-05-01 08:00:00', '2024-05-01T08:00:00+02:00', '2024-05-01T06:00:00Z', '2024-05-01T08:00:00.000+0200', '01-05-2024 08:00', '1.5.2024 kl. 8.00', '01/05/2024 08:00', '20240501T0800', String(summer8 / 1000), String(summer8)]) {
      const r = resolveTimestamp(text);
      expect(r.ok && r.ms, text).toBe(summer8);
    }
    expect(parseTimestampText('2024-05-01')).toEqual({ kind: 'local', wall: Date.UTC(2024, 4, 1), dateOnly: true });
    for (const bad of ['', 'i går', '2024-02-30', '2024-13-01', '2024-05-01T25:00', '32-01-2024', '2024-05-01T08:00+15:00']) {
      expect(parseTimestampText(bad), bad).toBeNull();
    }
    expect(resolveTimestamp('2024-03-31T02:30')).toEqual({ ok: false, reason: 'nonexistent' });
    const amb = resolveTimestamp('2024-10-27 02:15');
    expect(amb.ok && amb.ambiguous).toBe(true);
  });

  it('formats local times and ISO with offset, round-tripping', () => {
    const t = Date.UTC(2024, 4, 1, 6, 5);
    expect(formatLocal(t)).toBe('2024-05-01 08:05');
    expect(formatIsoLocal(t)).toBe('2024-05-01T08:05:00+02:00');
    expect(formatIsoLocal(Date.UTC(2024, 0, 1, 0))).toBe('2024-01-01T01:00:00+01:00');
    for (let k = 0; k < 200; k++) {
      const ms = Date.UTC(2024, 9, 26) + k * 13 * 60_000;
      const r = resolveTimestamp(formatIsoLocal(ms));
      expect(r.ok && r.ms).toBe(ms);
    }
    expect(formatPair(Date.UTC(2024, 4, 1, 6), Date.UTC(2024, 4, 1, 7))).toEqual(['08:00', '09:00']);
    expect(formatPair(Date.UTC(2024, 4, 1, 6), Date.UTC(2024, 4, 2, 7))).toEqual(['2024-05-01 08:00', '2024-05-02 09:00']);
  });

  it('takes instants in the years 1900–2199 as sane, and nothing else', () => {
    expect(isSaneInstant(Date.UTC(2024, 4, 1))).toBe(true);
    expect(isSaneInstant(Date.UTC(1900, 0, 1))).toBe(true);
    expect(isSaneInstant(Date.UTC(2199, 11, 31, 23, 59))).toBe(true);
    for (const ms of [Date.UTC(1899, 11, 31, 23, 59), Date.UTC(2200, 0, 1), -1e308, 1e308, 8.64e15, NaN, Infinity, -Infinity]) expect(isSaneInstant(ms), String(ms)).toBe(false);
  });

  it('formats any number without throwing, "????-??-??" where Date cannot place it', () => {
    // Intl formatToParts throws RangeError "Invalid time value" on these.
    for (const ms of [-1e308, 1e308, NaN, Infinity, -Infinity, 8.64e15, -8.64e15, 8.64e15 - 1]) {
      expect(copenhagenOffsetMinutes(ms), String(ms)).toBe(60);
      expect(formatLocal(ms)).toBe(`${UNPLACEABLE_DATE} ${UNPLACEABLE_CLOCK}`);
      expect(formatLocalDate(ms)).toBe(UNPLACEABLE_DATE);
      expect(formatLocalClock(ms)).toBe(UNPLACEABLE_CLOCK);
      expect(formatIsoLocal(ms)).toBe(`${UNPLACEABLE_DATE}T${UNPLACEABLE_CLOCK}`);
      expect(formatPair(ms, Date.UTC(2024, 4, 1, 6))).toEqual([`${UNPLACEABLE_DATE} ${UNPLACEABLE_CLOCK}`, '2024-05-01 08:00']);
    }
    expect(formatDayNumber(1e300)).toBe(UNPLACEABLE_DATE);
    expect(formatDayNumber(dayNumberOf(2024, 5, 1))).toBe('2024-05-01');
    // Far but placeable instants: an offset within a day, never a RangeError.
    for (const ms of [8.6e15, -8.6e15, Date.UTC(2000, 0, 1) - 1990 * 365.25 * 86_400_000, -62198755200000]) {
      expect(Math.abs(copenhagenOffsetMinutes(ms)), String(ms)).toBeLessThanOrEqual(24 * 60);
      expect(() => formatPair(ms, ms + HOUR_MS)).not.toThrow();
      expect(() => fromWallClock(ms)).not.toThrow();
    }
  });
});
