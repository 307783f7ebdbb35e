#!/usr/bin/env node
// Draws the app icon and writes it for electron-builder into build/icons/: icon.svg (the
// drawing), NxN.png (Linux), icon.ico (Windows) and icon.icns (macOS). One geometry feeds
// the SVG and the rasteriser, so they cannot drift; no image tool is needed (PNG is
// encoded here with node:zlib; ICO and ICNS hold those PNGs as they are).
// Usage: node scripts/make-icons.mjs   (the files are committed; rerun after a change)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_DIR = path.join(root, 'build', 'icons');

/** Side of the drawing's coordinate system. */
const CANVAS = 512;

/**
 * The drawing, back to front: a teal tile, three white blocks on a base line (districts
 * as bars, or houses) and an amber dot (the monitor's signal).
 */
export const ICON_SHAPES = [
  { kind: 'rect', x: 32, y: 32, width: 448, height: 448, radius: 96, fill: '#0e5a6b' },
  { kind: 'rect', x: 112, y: 248, width: 72, height: 160, radius: 10, fill: '#ffffff' },
  { kind: 'rect', x: 220, y: 168, width: 72, height: 240, radius: 10, fill: '#ffffff' },
  { kind: 'rect', x: 328, y: 296, width: 72, height: 112, radius: 10, fill: '#ffffff' },
  { kind: 'rect', x: 96, y: 392, width: 320, height: 24, radius: 12, fill: '#ffffff' },
  { kind: 'circle', cx: 364, cy: 204, r: 38, fill: '#f2b134' },
];

export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 32, 48, 256];
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
];

export function iconSvg() {
  const body = ICON_SHAPES.map((shape) =>
    shape.kind === 'rect'
      ? `  <rect x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.radius}" fill="${shape.fill}"/>`
      : `  <circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}" fill="${shape.fill}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS}" height="${CANVAS}" viewBox="0 0 ${CANVAS} ${CANVAS}">`,
    '  <title>Bydelsmonitor</title>',
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function hexColor(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function inside(shape, x, y) {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  const { x: left, y: top, width, height, radius } = shape;
  if (x < left || x > left + width || y < top || y > top + height) return false;
  // Distance to the nearest corner centre decides inside the rounded corners.
  const cx = Math.min(Math.max(x, left + radius), left + width - radius);
  const cy = Math.min(Math.max(y, top + radius), top + height - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** RGBA pixels of the drawing at size × size, 8 × 8 samples per pixel. */
export function rasterise(size) {
  const samples = 8;
  const scale = CANVAS / size;
  const colors = ICON_SHAPES.map((shape) => hexColor(shape.fill));
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * scale;
          const y = (py + (sy + 0.5) / samples) * scale;
          for (let i = ICON_SHAPES.length - 1; i >= 0; i--) {
            if (inside(ICON_SHAPES[i], x, y)) {
              const [cr, cg, cb] = colors[i];
              r += cr;
              g += cg;
              b += cb;
              covered++;
              break;
            }
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        pixels[offset] = Math.round(r / covered);
        pixels[offset + 1] = Math.round(g / covered);
        pixels[offset + 2] = Math.round(b / covered);
        pixels[offset + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of size × size pixels. */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows ICO whose images are PNGs (supported since Windows Vista). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(({ png }) => png)]);
}

/** A macOS ICNS whose images are PNGs. */
export function encodeIcns(pngs) {
  const parts = pngs.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Every file of build/icons/, by name. */
export function renderIconFiles() {
  const pngs = new Map(PNG_SIZES.map((size) => [size, encodePng(size, rasterise(size))]));
  const png = (size) => {
    const found = pngs.get(size);
    if (!found) throw new Error(`no ${size} px rendering`);
    return found;
  };
  const files = new Map([['icon.svg', Buffer.from(iconSvg(), 'utf8')]]);
  for (const [size, data] of pngs) files.set(`${size}x${size}.png`, data);
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  files.set('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(ICON_DIR, { recursive: true });
  for (const [name, data] of renderIconFiles()) await writeFile(path.join(ICON_DIR, name), data);
  console.log(`Wrote ${path.relative(root, ICON_DIR)}/: icon.svg, ${PNG_SIZES.map((s) => `${s}x${s}.png`).join(', ')}, icon.ico, icon.icns`);
}
