/** Types for mbostock's `shapefile` reader (the package ships none); only what the builder uses. */
declare module 'shapefile' {
  export interface ShapefileFeature {
    type: 'Feature';
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: unknown } | null;
  }
  export interface ShapefileCollection {
    type: 'FeatureCollection';
    features: ShapefileFeature[];
    bbox?: number[];
  }
  /** Reads a whole shapefile from memory; `encoding` is the .dbf character set (default windows-1252). */
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array | null,
    options?: { encoding?: string },
  ): Promise<ShapefileCollection>;
}
