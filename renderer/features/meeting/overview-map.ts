/**
 * The meeting's overview map as SVG paths: the areas' outlines projected by a simple
 * equirectangular projection (longitude scaled by the cosine of the mean latitude), which
 * is exact enough at the scale of one municipality and needs no map library or tiles.
 */
import type { Outline, OutlinePosition } from '../../../shared/briefing/schema';

type Position = OutlinePosition;

function rings(geometry: Outline): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

export interface ProjectedArea {
  id: string;
  path: string;
  /** A point for the area's number: the mean of its outer ring. */
  label: [number, number];
}

/** The areas projectAreas reads: an id and an outline (or none). */
type OutlinedArea = { id: string; geometry: Outline | null };

export function projectAreas(areas: readonly OutlinedArea[], width: number, height: number, padding = 16): ProjectedArea[] {
  // The bounding box, folded with loops: spreading every position into Math.min/Math.max
  // overflows the stack beyond about 120 000 positions.
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const area of areas) {
    if (!area.geometry) continue;
    for (const ring of rings(area.geometry)) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  if (minLon === Infinity) return [];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-9, (maxLon - minLon) * k);
  const spanY = Math.max(1e-9, maxLat - minLat);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const project = ([lon, lat]: Position): [number, number] => [offsetX + (lon - minLon) * k * scale, offsetY + (maxLat - lat) * scale];
  return areas.flatMap((area) => {
    if (!area.geometry) return [];
    const parts = rings(area.geometry);
    const path = parts.map((ring) => ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${project(p).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z').join('');
    const outer = parts[0] ?? [];
    const centre = outer.reduce<[number, number]>((acc, p) => [acc[0] + p[0] / outer.length, acc[1] + p[1] / outer.length], [0, 0]);
    return [{ id: area.id, path, label: project(centre) }];
  });
}
