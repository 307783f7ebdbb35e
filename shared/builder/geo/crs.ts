/**
 * Coordinate reference systems the builder knows, and how it recognises them in a
 * shapefile's .prj (WKT) and in GeoJSON's legacy `crs` member. Anything else is reported,
 * never guessed: a wrong guess puts every area in the wrong place without a visible error.
 */
import proj4 from 'proj4';

export const SUPPORTED_CRS = ['EPSG:25832', 'EPSG:25833', 'EPSG:32632', 'EPSG:32633', 'EPSG:4326', 'EPSG:4258'] as const;
export type SupportedCrs = (typeof SUPPORTED_CRS)[number];

/** proj4 definitions, stated here so nothing depends on proj4's built-in list. */
const DEFINITIONS: Record<SupportedCrs, string> = {
  // ETRS89 / UTM zone 32N and 33N: the Danish standard (33N for Bornholm).
  'EPSG:25832': '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:25833': '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:32632': '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs',
  'EPSG:32633': '+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs',
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  // ETRS89 geographic: within a metre of WGS84 in Denmark, as EPSG's own transformation has it.
  'EPSG:4258': '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
};

export function isGeographic(crs: SupportedCrs): boolean {
  return crs === 'EPSG:4326' || crs === 'EPSG:4258';
}

export type Position = [number, number];

/** A function from source coordinates to WGS84 longitude, latitude. */
export function toWgs84(crs: SupportedCrs): (p: Position) => Position {
  if (crs === 'EPSG:4326' || crs === 'EPSG:4258') return (p) => [p[0], p[1]];
  const converter = proj4(DEFINITIONS[crs], DEFINITIONS['EPSG:4326']);
  return (p) => {
    const [x, y] = converter.forward([p[0], p[1]]);
    return [x as number, y as number];
  };
}

// ── GeoJSON legacy `crs` member (GeoJSON 2008) ────────────────────────────────

export type CrsReading = { kind: 'none' } | { kind: 'known'; crs: SupportedCrs; text: string } | { kind: 'unknown'; text: string };

const EPSG_CODES: Record<string, SupportedCrs> = {
  '25832': 'EPSG:25832',
  '25833': 'EPSG:25833',
  '32632': 'EPSG:32632',
  '32633': 'EPSG:32633',
  '4326': 'EPSG:4326',
  '4258': 'EPSG:4258',
};

/** Reads names like "EPSG:25832", "urn:ogc:def:crs:EPSG::25832" or "urn:ogc:def:crs:OGC:1.3:CRS84". */
export function crsFromName(name: string): SupportedCrs | null {
  const n = name.trim();
  if (/^urn:ogc:def:crs:OGC:(1\.3)?:CRS84$/i.test(n) || /^CRS84$/i.test(n)) return 'EPSG:4326';
  const m = /^(?:urn:ogc:def:crs:EPSG:[\d.]*:|EPSG:{1,2}|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/)(\d+)$/i.exec(n);
  return m ? (EPSG_CODES[m[1]!] ?? null) : null;
}

/** The start of a value as JSON for a message; a value nested too deep for JSON.stringify (RangeError) gets a fixed text. */
function preview(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 80);
  } catch {
    return '[…]';
  }
}

export function readGeoJsonCrs(json: unknown): CrsReading {
  const crs = (json as { crs?: unknown } | null)?.crs;
  if (crs === undefined || crs === null) return { kind: 'none' };
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return { kind: 'unknown', text: preview(crs) };
  const known = crsFromName(name);
  return known ? { kind: 'known', crs: known, text: name } : { kind: 'unknown', text: name };
}

// ── shapefile .prj (WKT 1, OGC or ESRI flavour) ────────────────────────────────

interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Far deeper than any CRS (PROJCS[GEOGCS[DATUM[SPHEROID[AUTHORITY[…]]]]] is five levels); deeper text is not parsed, so a .prj cannot overflow the stack. */
const MAX_WKT_DEPTH = 32;

/** A small WKT 1 parser: KEYWORD[arg, …] with quoted strings, numbers and nested nodes (at most MAX_WKT_DEPTH levels; null otherwise). */
export function parseWkt(text: string): WktNode | null {
  let i = 0;
  const s = text.trim();
  const skip = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const node = (depth: number): WktNode | null => {
    if (depth > MAX_WKT_DEPTH) return null;
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return null;
    const keyword = m[0].toUpperCase();
    i += m[0].length;
    skip();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword, args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      skip();
      const c = s[i];
      if (c === undefined) return null;
      if (c === close) {
        i++;
        return { keyword, args };
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) return null;
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+\d.]/.test(c)) {
        const num = /^[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(s.slice(i));
        if (!num) return null;
        args.push(Number(num[0]));
        i += num[0].length;
      } else {
        const child = node(depth + 1);
        if (!child) return null;
        args.push(child);
      }
    }
  };
  return node(1);
}

const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function child(nodeValue: WktNode, keyword: string): WktNode | undefined {
  return nodeValue.args.find((a): a is WktNode => typeof a === 'object' && a.keyword === keyword);
}
function children(nodeValue: WktNode, keyword: string): WktNode[] {
  return nodeValue.args.filter((a): a is WktNode => typeof a === 'object' && a.keyword === keyword);
}
function nameOf(nodeValue: WktNode | undefined): string {
  const first = nodeValue?.args[0];
  return typeof first === 'string' ? first : '';
}
function authorityCode(nodeValue: WktNode): string | null {
  const auth = child(nodeValue, 'AUTHORITY') ?? child(nodeValue, 'ID');
  if (!auth || norm(String(auth.args[0] ?? '')) !== 'epsg') return null;
  return String(auth.args[1] ?? '');
}

type Datum = 'etrs89' | 'wgs84' | 'other';
function datumOf(geogcs: WktNode | undefined): Datum {
  const datum = norm(nameOf(geogcs ? child(geogcs, 'DATUM') : undefined));
  if (['etrs1989', 'detrs1989', 'europeanterrestrialreferencesystem1989', 'etrs89', 'europeanterrestrialreferencesystem1989ensemble'].includes(datum)) return 'etrs89';
  if (['wgs1984', 'dwgs1984', 'worldgeodeticsystem1984', 'wgs84', 'worldgeodeticsystem1984ensemble'].includes(datum)) return 'wgs84';
  return 'other';
}

function parameter(projcs: WktNode, ...names: string[]): number | null {
  for (const p of children(projcs, 'PARAMETER')) {
    if (names.includes(norm(nameOf(p)))) {
      const v = p.args[1];
      return typeof v === 'number' ? v : null;
    }
  }
  return null;
}

/** Recognises the CRS a .prj describes, by EPSG authority or by datum and projection parameters. */
export function crsFromPrj(text: string): CrsReading {
  const label = text.trim().slice(0, 120);
  const root = parseWkt(text);
  if (!root) return { kind: 'unknown', text: label };
  const top = authorityCode(root);
  if (top && EPSG_CODES[top]) return { kind: 'known', crs: EPSG_CODES[top], text: nameOf(root) || label };
  const display = nameOf(root) || label;
  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS') {
    const datum = datumOf(root);
    const unit = norm(nameOf(child(root, 'UNIT')));
    if (unit !== '' && unit !== 'degree') return { kind: 'unknown', text: display };
    if (datum === 'wgs84') return { kind: 'known', crs: 'EPSG:4326', text: display };
    if (datum === 'etrs89') return { kind: 'known', crs: 'EPSG:4258', text: display };
    return { kind: 'unknown', text: display };
  }
  if (root.keyword !== 'PROJCS') return { kind: 'unknown', text: display };
  const datum = datumOf(child(root, 'GEOGCS'));
  const projection = norm(nameOf(child(root, 'PROJECTION')));
  const unit = norm(nameOf(child(root, 'UNIT')));
  const cm = parameter(root, 'centralmeridian', 'longitudeofcenter', 'longitudeoforigin');
  const isUtm =
    projection === 'transversemercator' &&
    parameter(root, 'falseeasting') === 500000 &&
    (parameter(root, 'falsenorthing') ?? 0) === 0 &&
    parameter(root, 'scalefactor') === 0.9996 &&
    (parameter(root, 'latitudeoforigin') ?? 0) === 0 &&
    ['meter', 'metre', 'm'].includes(unit);
  if (!isUtm || datum === 'other') return { kind: 'unknown', text: display };
  const zone = cm === 9 ? 32 : cm === 15 ? 33 : null;
  if (zone === null) return { kind: 'unknown', text: display };
  const crs = (datum === 'etrs89' ? `EPSG:258${zone}` : `EPSG:326${zone}`) as SupportedCrs;
  return { kind: 'known', crs, text: display };
}
