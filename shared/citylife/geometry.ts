/**
 * Site geometry: validation of GeoJSON Point, LineString and Polygon in EPSG:4326, and the
 * centroid used to place a site's circle on the map.
 */
import type { IssueCode } from './issues';
import type { Bilingual, Position, SiteGeometry } from './model';

export type GeometryCheck = { ok: true; geometry: SiteGeometry } | { ok: false; code: IssueCode; message: Bilingual };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type PositionCheck = { ok: true; position: Position } | { ok: false; code: IssueCode; message: Bilingual };

function checkPosition(v: unknown): PositionCheck {
  if (!Array.isArray(v) || v.length < 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' || !Number.isFinite(v[0]) || !Number.isFinite(v[1])) {
    return {
      ok: false,
      code: 'bad-geometry',
      message: {
        da: 'en koordinat er ikke et par af tal [længde, bredde]. Ret geometrien.',
        en: 'a coordinate is not a pair of numbers [lon, lat]. Fix the geometry.',
      },
    };
  }
  const lon = v[0];
  const lat = v[1];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const projected = Math.abs(lon) > 1000 || Math.abs(lat) > 1000;
    return {
      ok: false,
      code: 'coordinates-out-of-range',
      message: projected
        ? {
            da: `koordinaten [${lon}, ${lat}] ligner meter (fx EPSG:25832), ikke grader. Omregn til EPSG:4326 (længde, bredde).`,
            en: `the coordinate [${lon}, ${lat}] looks like metres (e.g. EPSG:25832), not degrees. Convert it to EPSG:4326 (lon, lat).`,
          }
        : {
            da: `koordinaten [${lon}, ${lat}] ligger uden for længde −180…180 / bredde −90…90. Tjek at rækkefølgen er [længde, bredde] i EPSG:4326.`,
            en: `the coordinate [${lon}, ${lat}] is outside lon −180…180 / lat −90…90. Check that the order is [lon, lat] in EPSG:4326.`,
          },
    };
  }
  return { ok: true, position: [lon, lat] };
}

function checkLine(v: unknown, minLength: number): { ok: true; line: Position[] } | { ok: false; code: IssueCode; message: Bilingual } {
  if (!Array.isArray(v) || v.length < minLength) {
    return {
      ok: false,
      code: 'bad-geometry',
      message: {
        da: `en linje eller ring skal have mindst ${minLength} punkter. Ret geometrien.`,
        en: `a line or ring needs at least ${minLength} positions. Fix the geometry.`,
      },
    };
  }
  const line: Position[] = [];
  for (const p of v) {
    const c = checkPosition(p);
    if (!c.ok) return c;
    line.push(c.position);
  }
  return { ok: true, line };
}

/**
 * Checks a GeoJSON geometry (or a Feature holding one, or GeoJSON text). Point, LineString
 * and Polygon are accepted; polygon rings must be closed.
 */
export function checkGeometry(value: unknown): GeometryCheck {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return {
        ok: false,
        code: 'bad-geometry',
        message: { da: 'geometrien er ikke gyldig GeoJSON-tekst. Ret teksten.', en: 'the geometry is not valid GeoJSON text. Fix the text.' },
      };
    }
  }
  if (isRecord(v) && v.type === 'Feature') v = v.geometry;
  if (!isRecord(v) || typeof v.type !== 'string') {
    return {
      ok: false,
      code: 'bad-geometry',
      message: {
        da: 'geometrien er ikke et GeoJSON-objekt med "type" og "coordinates". Ret geometrien.',
        en: 'the geometry is not a GeoJSON object with "type" and "coordinates". Fix the geometry.',
      },
    };
  }
  switch (v.type) {
    case 'Point': {
      const c = checkPosition(v.coordinates);
      return c.ok ? { ok: true, geometry: { type: 'Point', coordinates: c.position } } : c;
    }
    case 'LineString': {
      const c = checkLine(v.coordinates, 2);
      return c.ok ? { ok: true, geometry: { type: 'LineString', coordinates: c.line } } : c;
    }
    case 'Polygon': {
      if (!Array.isArray(v.coordinates) || v.coordinates.length === 0) {
        return {
          ok: false,
          code: 'bad-geometry',
          message: { da: 'polygonen har ingen ringe. Ret geometrien.', en: 'the polygon has no rings. Fix the geometry.' },
        };
      }
      const rings: Position[][] = [];
      for (const r of v.coordinates as unknown[]) {
        const c = checkLine(r, 4);
        if (!c.ok) return c;
        const first = c.line[0]!;
        const last = c.line[c.line.length - 1]!;
        if (first[0] !== last[0] || first[1] !== last[1]) {
          return {
            ok: false,
            code: 'bad-geometry',
            message: {
              da: 'en ring i polygonen er ikke lukket (første og sidste punkt skal være ens). Ret geometrien.',
              en: 'a polygon ring is not closed (its first and last positions must be equal). Fix the geometry.',
            },
          };
        }
        rings.push(c.line);
      }
      return { ok: true, geometry: { type: 'Polygon', coordinates: rings } };
    }
    default:
      return {
        ok: false,
        code: 'unknown-geometry',
        message: {
          da: `geometritypen "${v.type}" kendes ikke her; brug Point, LineString eller Polygon.`,
          en: `the geometry type "${v.type}" is not supported here; use Point, LineString or Polygon.`,
        },
      };
  }
}

/**
 * The point a site is drawn at: the point itself, the length-weighted midpoint of a line,
 * the area centroid of a polygon's outer ring (planar in degrees, fine at site scale).
 */
export function centroidOf(g: SiteGeometry): Position {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  const mean = (pts: Position[]): Position => {
    let x = 0;
    let y = 0;
    for (const p of pts) {
      x += p[0];
      y += p[1];
    }
    return [x / pts.length, y / pts.length];
  };
  if (g.type === 'LineString') {
    let total = 0;
    let x = 0;
    let y = 0;
    for (let i = 1; i < g.coordinates.length; i++) {
      const a = g.coordinates[i - 1]!;
      const b = g.coordinates[i]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      total += len;
      x += ((a[0] + b[0]) / 2) * len;
      y += ((a[1] + b[1]) / 2) * len;
    }
    return total > 0 ? [x / total, y / total] : mean(g.coordinates);
  }
  const ring = g.coordinates[0]!;
  let area = 0;
  let cx = 0;
  let cy = 0;
  // Relative to the first vertex, for precision.
  const [ox, oy] = ring[0]!;
  for (let i = 0; i < ring.length - 1; i++) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-18) return mean(ring.slice(0, -1));
  return [ox + cx / (3 * area), oy + cy / (3 * area)];
}
