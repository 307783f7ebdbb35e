import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/indicators/pack';
import type { IndicatorCell } from '../../../shared/indicators/results';
import { indicatorRanks } from './ranks';

const cell = (indicatorId: string, areaId: string, value: number | null, period = 2024): IndicatorCell => ({ indicatorId, period, areaId, numerator: 0, denominator: 1, value, lower: null, upper: null, small: false });
const ind = (id: string, direction: Indicator['direction']) => ({ id, direction }) as Indicator;

describe('indicatorRanks', () => {
  const cells = [cell('bad', 'a', 0.3), cell('bad', 'b', 0.1), cell('bad', 'c', 0.3), cell('bad', 'd', null), cell('good', 'a', 0.3), cell('good', 'b', 0.1), cell('ctx', 'a', 1), cell('bad', 'a', 0.0, 2023)];
  const ranks = indicatorRanks(cells, [ind('bad', 'higher-is-worse'), ind('good', 'higher-is-better'), ind('ctx', 'context')], 2024);
  it('ranks 1 = most challenged, ties shared, only areas with a value', () => {
    expect(ranks.get('bad|a')).toEqual({ rank: 1, of: 3 });
    expect(ranks.get('bad|c')).toEqual({ rank: 1, of: 3 });
    expect(ranks.get('bad|b')).toEqual({ rank: 3, of: 3 });
    expect(ranks.has('bad|d')).toBe(false);
  });
  it('turns the order round where higher is better, and never ranks context', () => {
    expect(ranks.get('good|b')).toEqual({ rank: 1, of: 2 });
    expect(ranks.get('good|a')).toEqual({ rank: 2, of: 2 });
    expect(ranks.has('ctx|a')).toBe(false);
  });
});
