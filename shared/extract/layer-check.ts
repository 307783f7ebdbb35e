/**
 * Checks an area layer's features against docs/extract-format.md §5 before the app uses them:
 * every feature is a GeoJSON Feature with a properties object; its id is a non-empty string
 * without control characters or surrounding spaces, unique in the layer; its name and parent
 * id (and a base feature's `<layer>_id` links) are text or finite numbers; list properties
 * can be read as text; its geometry is a Polygon or MultiPolygon in EPSG:4326 with closed
 * rings of at least 4 positions. One pass, O(vertices + properties); no recursion into data.
 *
 * Problems are ExtractError schema-mismatch naming the layer, the feature (number, and id
 * when it has one) and the property: never a coordinate, name or other data value.
 */
import { ExtractError } from './errors';
import type { ExtractManifest, ManifestAreaLayer } from './manifest';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** C0 controls (NUL included), DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** An id for a message: quoted, control characters escaped, long ids cut. */
export function idLabel(id: string): string {
  return JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a non-finite number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Why a name, parent id or link value is unusable, or null: absent, text or a finite number. */
function textProblem(value: unknown, isId: boolean): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return isId && CONTROL.test(value) ? 'contains a control character' : null;
  if (typeof value === 'number' && Number.isFinite(value)) return null;
  return `is ${kindOf(value)}, not text or a number`;
}

const MAX_LIST_DEPTH = 16;

/**
 * Whether String(value) works on a list property (the area map reads lists of base ids as
 * text): an object with its own "toString" key cannot be converted, and very deep lists
 * overflow the stack. Iterative; looks only into lists, as String() does.
 */
function listIsText(list: unknown[]): boolean {
  const stack: [unknown[], number][] = [[list, 1]];
  while (stack.length > 0) {
    const [items, depth] = stack.pop()!;
    for (const item of items) {
      if (Array.isArray(item)) {
        if (depth >= MAX_LIST_DEPTH) return false;
        stack.push([item, depth + 1]);
      } else if (typeof item === 'object' && item !== null && Object.hasOwn(item, 'toString')) {
        return false;
      }
    }
  }
  return true;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return `a ring is ${kindOf(ring)}, not a list of positions`;
  if (ring.length < 4) return `a ring has ${ring.length} positions; a closed ring needs at least 4`;
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i];
    if (!Array.isArray(p) || p.length < 2) return `position ${i + 1} of a ring is not [longitude, latitude]`;
    for (let k = 0; k < p.length; k++) {
      const v: unknown = p[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) return `position ${i + 1} of a ring holds a value that is not a finite number`;
    }
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      return `position ${i + 1} of a ring is outside longitude −180…180, latitude −90…90 (EPSG:4326)`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'a ring is not closed (its last position differs from its first)';
  return null;
}

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'a polygon has no rings';
  for (const ring of rings) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return null;
}

/** Why a geometry is not a Polygon or MultiPolygon in EPSG:4326, or null when it is one. */
export function geometryProblem(geometry: unknown): string | null {
  if (geometry === undefined || geometry === null) return 'has no geometry';
  if (!isPlainObject(geometry)) return `geometry is ${kindOf(geometry)}, not a GeoJSON geometry`;
  const type = geometry['type'];
  const coordinates = geometry['coordinates'];
  if (type === 'Polygon') return polygonProblem(coordinates);
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return 'a MultiPolygon has no polygons';
    for (const polygon of coordinates) {
      const problem = polygonProblem(polygon);
      if (problem) return problem;
    }
    return null;
  }
  const named = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : kindOf(type);
  return `geometry type is ${named}; an area layer holds Polygon or MultiPolygon`;
}

function refuse(detail: string): never {
  throw new ExtractError('schema-mismatch', detail);
}

/** Refuses (schema-mismatch) the first feature of `def`'s layer that breaks the format. */
export function checkLayerFeatures(manifest: ExtractManifest, def: ManifestAreaLayer, features: readonly unknown[]): void {
  const layer = `area layer "${def.id}"`;
  const idProperty = def.idProperty;
  // A base feature's "<layer>_id" properties link it to other layers (shared/indicators/areas.ts).
  const links = def.id === manifest.baseLayer ? manifest.areaLayers.filter((l) => l.id !== def.id).map((l) => `${l.id}_id`) : [];
  const firstFeatureOf = new Map<string, number>();
  for (let index = 0; index < features.length; index++) {
    const n = index + 1;
    const feature = features[index];
    if (!isPlainObject(feature) || feature['type'] !== 'Feature') {
      refuse(`${layer}: feature ${n} is ${isPlainObject(feature) ? 'an object without "type": "Feature"' : kindOf(feature)}, not a GeoJSON Feature`);
    }
    const properties = feature['properties'];
    if (!isPlainObject(properties)) refuse(`${layer}: feature ${n} has no properties object (found ${kindOf(properties)})`);

    const id = properties[idProperty];
    if (id === undefined || id === null || id === '') refuse(`${layer}: feature ${n} has no "${idProperty}"`);
    if (typeof id !== 'string') refuse(`${layer}: feature ${n}: "${idProperty}" is ${kindOf(id)}; ids are text`);
    if (CONTROL.test(id)) refuse(`${layer}: feature ${n}: "${idProperty}" contains a control character`);
    if (id.trim() !== id) refuse(`${layer}: feature ${n}: "${idProperty}" ${idLabel(id)} has spaces before or after it`);
    const where = `${layer}: feature ${n} (id ${idLabel(id)})`;
    const earlier = firstFeatureOf.get(id);
    if (earlier !== undefined) refuse(`${layer}: id ${idLabel(id)} occurs twice (features ${earlier} and ${n}); ids are unique in a layer`);
    firstFeatureOf.set(id, n);

    const nameProblem = textProblem(properties[def.nameProperty], false);
    if (nameProblem) refuse(`${where}: name property "${def.nameProperty}" ${nameProblem}`);
    if (def.parent) {
      const parentProblem = textProblem(properties[def.parent.property], true);
      if (parentProblem) refuse(`${where}: parent property "${def.parent.property}" ${parentProblem}`);
    }
    for (const link of links) {
      const linkProblem = textProblem(properties[link], true);
      if (linkProblem) refuse(`${where}: property "${link}" ${linkProblem}`);
    }
    for (const key in properties) {
      if (!Object.hasOwn(properties, key)) continue;
      const value = properties[key];
      if (Array.isArray(value) && !listIsText(value)) {
        refuse(`${where}: property ${idLabel(key)} is a list that cannot be read as text (objects with a "toString" key, or nested over ${MAX_LIST_DEPTH} levels)`);
      }
    }

    const problem = geometryProblem(feature['geometry']);
    if (problem) refuse(`${where}: ${problem}`);
  }
}
