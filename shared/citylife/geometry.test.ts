import { describe, expect, it } from 'vitest';
import { centroidOf, checkGeometry } from './geometry';
import { locateJsonError } from './json-position';

describe('checkGeometry', () => {
  it('accepts Point, LineString and Polygon, from objects, Features and text', () => {
    expect(checkGeometry({ type: 'Point', coordinates: [12.5, 55.6, 10] })).toEqual({ ok: true, geometry: { type: 'Point', coordinates: [12.5, 55.6] } });
    expect(checkGeometry('{"type":"LineString","coordinates":[[12,55],[13,55]]}').ok).toBe(true);
    expect(checkGeometry({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }).ok).toBe(true);
  });

  it('names what is wrong', () => {
    const cases: [unknown, string][] = [
      [{ type: 'MultiPolygon', coordinates: [] }, 'unknown-geometry'],
      [{ type: 'Point', coordinates: [200, 55] }, 'coordinates-out-of-range'],
      [{ type: 'Point', coordinates: ['12', '55'] }, 'bad-geometry'],
      [{ type: 'LineString', coordinates: [[12, 55]] }, 'bad-geometry'],
      [{ type: 'Polygon', coordinates: [] }, 'bad-geometry'],
      [{ coordinates: [1, 2] }, 'bad-geometry'],
      ['{not json', 'bad-geometry'],
      [null, 'bad-geometry'],
    ];
    for (const [value, code] of cases) {
      const r = checkGeometry(value);
      expect(r.ok ? 'ok' : r.code, JSON.stringify(value)).toBe(code);
    }
  });

  it('places the centroid: point, line midpoint by length, polygon area centroid', () => {
    expect(centroidOf({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    const line = centroidOf({ type: 'LineString', coordinates: [[0, 0], [2, 0], [2, 1]] });
    expect(line[0]).toBeCloseTo((1 * 2 + 2 * 1) / 3, 12);
    expect(line[1]).toBeCloseTo((0 * 2 + 0.5 * 1) / 3, 12);
    // An L-shaped polygon: the area centroid, not the vertex mean.
    const l = centroidOf({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]] });
    expect(l[0]).toBeCloseTo(5 / 6, 12);
    expect(l[1]).toBeCloseTo(5 / 6, 12);
  });
});

describe('locateJsonError', () => {
  it('finds the first error as line and column', () => {
    expect(locateJsonError('{"a": 1}')).toBeNull();
    expect(locateJsonError('{"a": 1,}')).toMatchObject({ offset: 8, line: 1, column: 9, found: '}' });
    expect(locateJsonError('[1,\n 2\n 3]')).toMatchObject({ line: 3, column: 2, found: '3' });
    expect(locateJsonError('{"a": tru}')).toMatchObject({ line: 1, column: 10 });
    expect(locateJsonError('{"a": "x')).toMatchObject({ found: null });
    expect(locateJsonError('{"a": 01}')).toMatchObject({ column: 8 });
    expect(locateJsonError('"\\q"')).toMatchObject({ column: 3 });
    expect(locateJsonError('{} x')).toMatchObject({ column: 4 });
  });

  it('agrees with JSON.parse on which texts are valid', () => {
    const texts = ['', ' ', 'null', '-0.5e+3', '[]', '[,]', '{"a":[1,{"b":null}]}', '{"a" 1}', '"\\u00e6"', '"\\u00g6"', '1 2', '[1,]', 'NaN', '"tab\there"'];
    for (const t of texts) {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      expect(locateJsonError(t) === null, t).toBe(valid);
    }
  });
});
