import { afterEach, describe, expect, it } from 'vitest';
import { tinyManifest } from '../../shared/extract/test-fixtures';
import { extractKey, loadView, saveView, validView, type SavedView } from './saved-view';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const view = (over: Partial<SavedView> = {}): SavedView => ({
  packId: 'social_balance',
  indicatorId: 'employment_16_64',
  period: 2024,
  layerId: 'basisdistrikt',
  selectedAreaId: 'a',
  compareIds: ['a', 'zz'],
  baseline: 2015,
  smoothing: 'global-eb',
  classMethod: 'natural-breaks',
  ...over,
});

describe('saved views', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('keys an extract by municipality, producer and creation time', () => {
    const m = tinyManifest();
    expect(extractKey(m)).toBe(extractKey(structuredClone(m)));
    expect(extractKey({ ...m, created: '2030-01-01T00:00:00Z' })).not.toBe(extractKey(m));
  });

  it('round-trips a view and keeps only the 20 most recently used extracts', () => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
    for (let i = 0; i < 25; i++) saveView(`k${i}`, view({ period: 2000 + i }), 1000 + i);
    expect(loadView('k24')?.period).toBe(2024);
    expect(loadView('k5')?.period).toBe(2005);
    expect(loadView('k4')).toBeNull();
    expect(loadView('missing')).toBeNull();
  });

  it('drops what the extract does not have: periods, layers, areas', () => {
    const m = tinyManifest();
    const layer = m.baseLayer;
    const period = m.periods[0]!;
    const checked = validView(view({ layerId: layer, period, selectedAreaId: 'gone', compareIds: ['x', 'gone'], baseline: 1901 }), m, new Set(['x']));
    expect(checked).toMatchObject({ layerId: layer, period, selectedAreaId: null, compareIds: ['x'], baseline: null, smoothing: 'global-eb' });
    const other = validView(view({ layerId: 'no_such_layer', period: 1901 }), m, new Set());
    expect(other.layerId).toBeUndefined();
    expect(other.period).toBeUndefined();
    expect(other.compareIds).toEqual([]);
  });
});
