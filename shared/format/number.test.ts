import { describe, expect, it } from 'vitest';
import { formatIndicatorChange, formatIndicatorValue } from './number';

describe('formatIndicatorValue', () => {
  it('formats counts as whole numbers with thousands separators', () => {
    expect(formatIndicatorValue(2724, 'count', 'da')).toBe('2.724');
    expect(formatIndicatorValue(2724, 'count', 'en')).toBe('2,724');
    expect(formatIndicatorValue(0, 'count', 'da')).toBe('0');
    expect(formatIndicatorValue(999.6, 'count', 'en')).toBe('1,000');
    expect(formatIndicatorValue(null, 'count', 'da')).toBe('–');
  });

  it('keeps the other units as they were', () => {
    expect(formatIndicatorValue(0.4923, 'share', 'da')).toBe('49,2 %');
    expect(formatIndicatorValue(0.0123, 'per1000', 'en')).toBe('12.3 ‰');
    expect(formatIndicatorValue(312_500, 'dkk', 'da')).toBe('312.500 kr.');
  });
});

describe('formatIndicatorChange', () => {
  it('gives shares in percentage points with a sign', () => {
    expect(formatIndicatorChange(0.032, 'share', 'da')).toBe('+3,2 pct.-point');
    expect(formatIndicatorChange(-0.0051, 'share', 'en')).toBe('−0.5 pp');
    expect(formatIndicatorChange(0.00004, 'share', 'en')).toBe('±0.0 pp');
  });
  it('gives rates per 1,000 and amounts in kroner', () => {
    expect(formatIndicatorChange(-0.0012, 'per1000', 'da')).toBe('−1,2 ‰');
    expect(formatIndicatorChange(12500, 'dkk', 'da')).toBe('+12.500 kr.');
    expect(formatIndicatorChange(null, 'dkk', 'da')).toBe('–');
  });
});
