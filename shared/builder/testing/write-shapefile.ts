/**
 * A minimal shapefile writer for tests (Polygon and null shapes, dBASE III with C and N
 * fields), so the builder's shapefile path is tested on files made byte by byte to the
 * ESRI specification rather than on files from the reader's own test suite.
 */
import { zipSync } from 'fflate';

export type Position = [number, number];

export interface ShapeFeature {
  properties: Record<string, string | number | null>;
  /** Polygons as GeoJSON rings (any orientation); null for a null shape. */
  polygons: Position[][][] | null;
}

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

/** Shapefile rings: outer clockwise, holes counterclockwise (the opposite of RFC 7946). */
export function shapefileRings(polygons: Position[][][]): Position[][] {
  return polygons.flatMap((polygon) =>
    polygon.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return clockwise === (i === 0) ? ring : [...ring].reverse();
    }),
  );
}

function header(view: DataView, fileBytes: number, shapeType: number, box: [number, number, number, number]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  box.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
}

function encode(text: string, encoding: 'windows-1252' | 'utf-8'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  // Latin-1 covers æøåÆØÅé, which is all these tests need from Windows-1252.
  return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));
}

export function writeShapefile(
  features: readonly ShapeFeature[],
  fields: readonly DbfField[],
  encoding: 'windows-1252' | 'utf-8' = 'windows-1252',
): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
  const contents = features.map((f) => {
    if (!f.polygons) {
      const c = new DataView(new ArrayBuffer(4));
      c.setInt32(0, 0, true);
      return { bytes: new Uint8Array(c.buffer), box: null };
    }
    const rings = shapefileRings(f.polygons);
    const points = rings.flat();
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const box: [number, number, number, number] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const c = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    c.setInt32(0, 5, true);
    box.forEach((v, i) => c.setFloat64(4 + i * 8, v, true));
    c.setInt32(36, rings.length, true);
    c.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      c.setInt32(44 + i * 4, start, true);
      start += ring.length;
    });
    const base = 44 + 4 * rings.length;
    points.forEach((p, i) => {
      c.setFloat64(base + i * 16, p[0], true);
      c.setFloat64(base + i * 16 + 8, p[1], true);
    });
    return { bytes: new Uint8Array(c.buffer), box };
  });
  const boxes = contents.flatMap((c) => (c.box ? [c.box] : []));
  const box: [number, number, number, number] = boxes.length
    ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
    : [0, 0, 0, 0];

  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.bytes.length, 0);
  const shp = new Uint8Array(shpLength);
  const shpView = new DataView(shp.buffer);
  header(shpView, shpLength, 5, box);
  const shxLength = 100 + 8 * contents.length;
  const shx = new Uint8Array(shxLength);
  const shxView = new DataView(shx.buffer);
  header(shxView, shxLength, 5, box);
  let offset = 100;
  contents.forEach((c, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, c.bytes.length / 2, false);
    shp.set(c.bytes, offset + 8);
    shxView.setInt32(100 + i * 8, offset / 2, false);
    shxView.setInt32(100 + i * 8 + 4, c.bytes.length / 2, false);
    offset += 8 + c.bytes.length;
  });

  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const dbf = new Uint8Array(headerLength + recordLength * features.length + 1);
  const dbfView = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dbf.set([124, 1, 1], 1);
  dbfView.setUint32(4, features.length, true);
  dbfView.setUint16(8, headerLength, true);
  dbfView.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + i * 32;
    dbf.set(new TextEncoder().encode(f.name.slice(0, 10)), at);
    dbf[at + 11] = f.type.charCodeAt(0);
    dbf[at + 16] = f.length;
    dbf[at + 17] = f.decimals ?? 0;
  });
  dbf[headerLength - 1] = 0x0d;
  features.forEach((feature, r) => {
    let at = headerLength + r * recordLength;
    dbf[at++] = 0x20;
    for (const f of fields) {
      const value = feature.properties[f.name];
      const text = value === null || value === undefined ? '' : f.type === 'N' ? (typeof value === 'number' ? value.toFixed(f.decimals ?? 0) : value) : String(value);
      const bytes = encode(text, encoding).slice(0, f.length);
      const cell = new Uint8Array(f.length).fill(0x20);
      cell.set(bytes, f.type === 'N' ? f.length - bytes.length : 0);
      dbf.set(cell, at);
      at += f.length;
    }
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, shx, dbf };
}

export const PRJ_ETRS89_UTM32N =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_ED50_UTM32N =
  'PROJCS["ED_1950_UTM_Zone_32N",GEOGCS["GCS_European_1950",DATUM["D_European_1950",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A zipped shapefile as the data team would export it; leave out parts with `omit`. */
export function zipShapefile(
  base: string,
  parts: { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array; prj?: string; cpg?: string },
): Uint8Array {
  const files: Record<string, Uint8Array> = { [`${base}.shp`]: parts.shp, [`${base}.shx`]: parts.shx, [`${base}.dbf`]: parts.dbf };
  if (parts.prj !== undefined) files[`${base}.prj`] = new TextEncoder().encode(parts.prj);
  if (parts.cpg !== undefined) files[`${base}.cpg`] = new TextEncoder().encode(parts.cpg);
  return zipSync(files);
}
