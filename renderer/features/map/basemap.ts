/**
 * An optional offline basemap: a PMTiles archive the analyst chooses from her own disk,
 * drawn by protomaps-leaflet under the areas. It is read from the file in place — never a
 * tile server — and a file that is not a PMTiles archive is refused with a message.
 */
import type L from 'leaflet';
import { FileSource, PMTiles } from 'pmtiles';
import { leafletLayer } from 'protomaps-leaflet';

export class BasemapError extends Error {}

export async function basemapLayer(file: File): Promise<{ layer: L.Layer; name: string }> {
  const archive = new PMTiles(new FileSource(file));
  let header;
  try {
    header = await archive.getHeader();
  } catch (err) {
    throw new BasemapError(`"${file.name}" is not a PMTiles archive (${err instanceof Error ? err.message : String(err)}); choose a .pmtiles file`);
  }
  // Vector tiles (MVT) are what protomaps-leaflet draws; raster archives are not supported.
  if (header.tileType !== 1) throw new BasemapError(`"${file.name}" holds raster tiles; choose a vector (MVT) .pmtiles basemap`);
  const layer = leafletLayer({ url: archive, flavor: 'light', maxDataZoom: header.maxZoom, attribution: '' }) as unknown as L.Layer;
  return { layer, name: file.name };
}
