import { test, expect } from '@playwright/test';
import { expectDistrictMap, foreignRequests, openDemo, recordRequests } from './fixtures';

/** Protobuf varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const field = (no: number, wire: number) => varint((no << 3) | wire);
const bytesField = (no: number, data: number[]) => [...field(no, 2), ...varint(data.length), ...data];
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** A one-tile vector tile: a layer "earth" with one square covering the tile. */
function mvt(): number[] {
  const geometry = [9, zigzag(0), zigzag(0), 26, zigzag(4096), zigzag(0), zigzag(0), zigzag(4096), zigzag(-4096), zigzag(0), 15].flatMap(varint);
  const feature = [...field(3, 0), ...varint(3), ...bytesField(4, geometry)];
  const layer = [...field(15, 0), ...varint(2), ...bytesField(1, [...Buffer.from('earth')]), ...bytesField(2, feature), ...field(5, 0), ...varint(4096)];
  return bytesField(3, layer);
}

/** A minimal PMTiles v3 archive (no compression) holding one z0 tile. */
function pmtiles(): Buffer {
  const tile = Buffer.from(mvt());
  const directory = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(tile.length), ...varint(1)]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  let offset = 127;
  const put = (at: number, value: number) => header.writeBigUInt64LE(BigInt(value), at);
  put(8, offset);
  put(16, directory.length);
  offset += directory.length;
  put(24, offset);
  put(32, metadata.length);
  offset += metadata.length;
  put(40, offset);
  put(48, 0);
  put(56, offset);
  put(64, tile.length);
  put(72, 1);
  put(80, 1);
  put(88, 1);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(1, 99); // MVT
  header.writeUInt8(0, 100);
  header.writeUInt8(0, 101);
  header.writeInt32LE(-1800000000, 102);
  header.writeInt32LE(-850000000, 106);
  header.writeInt32LE(1800000000, 110);
  header.writeInt32LE(850000000, 114);
  header.writeUInt8(0, 118);
  return Buffer.concat([header, directory, metadata, tile]);
}

test('an offline basemap from a local PMTiles file is drawn under the areas, with no request outside the app', async ({ page, context }) => {
  const requests = recordRequests(context);
  await page.goto('/');
  await openDemo(page);
  await expectDistrictMap(page);

  // Not a PMTiles file: a named problem, no basemap.
  let chooser = page.waitForEvent('filechooser');
  await page.getByTestId('basemap-button').click();
  await (await chooser).setFiles({ name: 'kort.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('not a map') });
  await expect(page.getByTestId('basemap-problem')).toContainText('"kort.pmtiles" is not a PMTiles archive');

  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('basemap-button').click();
  await (await chooser).setFiles({ name: 'sundby.pmtiles', mimeType: 'application/octet-stream', buffer: pmtiles() });
  await expect(page.getByTestId('basemap-button')).toHaveText('Fjern baggrundskortet (sundby.pmtiles)');
  await expect(page.getByTestId('basemap-problem')).toHaveCount(0);
  await expect(page.locator('[data-testid="district-map"] .leaflet-tile-pane canvas').first()).toBeVisible();
  await expectDistrictMap(page);

  await page.getByTestId('basemap-button').click();
  await expect(page.locator('[data-testid="district-map"] .leaflet-tile-pane canvas')).toHaveCount(0);
  expect(foreignRequests(requests, new URL(page.url()).origin)).toEqual([]);
});
