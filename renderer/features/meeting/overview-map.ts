/**
 * The meeting's overview map as SVG paths: the areas' outlines projected by a simple
 * equirectangular projection (longitude scaled by the cosine of the mean latitude), which
 * is exact enough at the scale of one municipality and needs no map library or tiles.
 */
import type { BriefingPack } from '../../../shared/briefing/schema';

type Position = [number, number];

function rings(geometry: NonNullable<BriefingPack['areas'][number]['geometry']>): Position[][] {
  const coordinates = geometry.coordinates as unknown;
  if (geometry.type === 'Polygon') return coordinates as Position[][];
  return (coordinates as Position[][][]).flat();
}

export interface ProjectedArea {
  id: string;
  path: string;
  /** A point for the area's number: the mean of its outer ring. */
  label: [number, number];
}

export function projectAreas(areas: BriefingPack['areas'], width: number, height: number, padding = 16): ProjectedArea[] {
  const all = areas.flatMap((a) => (a.geometry ? rings(a.geometry).flat() : []));
  if (all.length === 0) return [];
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
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
