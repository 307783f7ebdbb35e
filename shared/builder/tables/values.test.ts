import { describe, expect, it } from 'vitest';
import { decimalEvidence, parseBoolean, parseDate, parseNumber, parseWhole, suppressionMarker } from './values';

describe('Danish numbers', () => {
  it('reads decimal commas, "." thousands, padding and minus signs', () => {
    expect(parseNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseNumber('12,25', ',')).toBe(12.25);
    expect(parseNumber('  42 ', ',')).toBe(42);
    expect(parseNumber('\u00A0-1.000.000 ', ',')).toBe(-1000000);
    expect(parseNumber('−3,5', ',')).toBe(-3.5);
    expect(parseNumber('1 234 567,5', ',')).toBe(1234567.5);
    expect(parseWhole('12.500', ',')).toBe(12500);
    expect(parseWhole('12,0', ',')).toBe(12);
  });

  it('refuses what is not a number in the convention, rather than guessing', () => {
    expect(parseNumber('1.5', ',')).toBeNull(); // a point, but not a thousands group
    expect(parseNumber('1.23.4', ',')).toBeNull();
    expect(parseNumber('12 %', ',')).toBeNull();
    expect(parseNumber('12 34', ',')).toBeNull();
    expect(parseWhole('2,5', ',')).toBeNull();
  });

  it('reads the English convention when asked', () => {
    expect(parseNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseNumber('0.125', '.')).toBe(0.125);
    expect(parseNumber('1.5e3', '.')).toBe(1500);
  });

  it('keeps BIGINT text beyond 2^53 exact', () => {
    expect(parseWhole('9.007.199.254.740.993', ',')).toBe(9007199254740993n);
  });

  it('tells which decimal separator a cell shows, and nothing when it is ambiguous', () => {
    expect(decimalEvidence('0,5')).toBe(',');
    expect(decimalEvidence('1.234,5')).toBe(',');
    expect(decimalEvidence('0.5')).toBe('.');
    expect(decimalEvidence('1.234')).toBeNull();
    expect(decimalEvidence('1,234')).toBeNull();
    expect(decimalEvidence('17')).toBeNull();
  });
});

describe('suppression markers', () => {
  it.each(['<5', '<10', '< 10', '..', '.', 'x', 'X', '-', ' .. '])('reads %j as suppressed', (cell) => {
    expect(suppressionMarker(cell)).not.toBeNull();
  });
  it('does not take numbers, negatives or words for markers', () => {
    for (const cell of ['0', '-5', 'xx', '5<', '']) expect(suppressionMarker(cell)).toBeNull();
  });
  it('takes extra markers from extract.json', () => {
    expect(suppressionMarker('*', ['*'])).toBe('*');
  });
});

describe('dates and booleans', () => {
  it('reads ISO and Danish day-first dates, and refuses impossible ones', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('01-03-2024')).toBe('2024-03-01');
    expect(parseDate('1.3.2024')).toBe('2024-03-01');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('13/13/2024')).toBeNull();
  });
  it('reads Danish and English booleans', () => {
    expect(parseBoolean('Ja')).toBe(true);
    expect(parseBoolean('nej')).toBe(false);
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('måske')).toBeNull();
  });
});
